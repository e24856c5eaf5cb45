#pragma once
// metadata.managedFields entries decoded into field sets and encoded back in the apiserver's
// order (k8s.io/apiserver fieldmanager: sortEncodedManagedFields).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "fields/field_set.h"

namespace kraft::testing {

struct ManagedEntry {
  std::string manager;
  std::string operation;  // "Apply" or "Update"
  std::string api_version;
  std::string subresource;
  std::optional<std::string> time;
  FieldSet fields;

  /// The apiserver's key for an entry: the entry without time and fields, and for appliers
  /// without apiVersion, as Go marshals it ({"manager":"kraft","operation":"Apply"}).
  std::string identifier() const;
};

/// Decodes a managedFields array; nullopt when it is not one the apiserver would accept.
std::optional<std::vector<ManagedEntry>> decode_managed_fields(const nlohmann::json& entries);

/// Encodes entries sorted by operation, time (seconds), manager, subresource, apiVersion.
nlohmann::json encode_managed_fields(std::vector<ManagedEntry> entries);

/// How a conflict names its owner: "kraft", or for updaters "kraft-recorder" using v1.
std::string describe_manager(const ManagedEntry& entry);

}  // namespace kraft::testing
