#pragma once
// metadata.managedFields as kube-apiserver maintains it (FieldsV1 sets, one entry per
// manager/operation/apiVersion/subresource), and server-side apply with conflicts.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.h"

namespace kraft::testing {

/// Who is writing: the manager is the fieldManager query parameter, else the User-Agent's
/// program name ("kubectl", "kraft-recorder") as the real server derives it.
struct FieldManager {
  std::string manager;
  std::string operation;    ///< "Update" or "Apply"
  std::string api_version;  ///< "k3k.io/v1beta1", "v1"
  std::string subresource;  ///< "" or "status"
  std::string time;         ///< RFC 3339, seconds precision
  /// Top-level fields this write may not change (the strategy's reset fields); they are left
  /// out of every manager's fields. See reset_fields_for().
  std::vector<std::string> reset_fields;
};

/// The reset fields kube-apiserver uses: {"status"} for writes to the main resource of a kind
/// with a status subresource, {"spec"} for writes to /status, none otherwise.
std::vector<std::string> reset_fields_for(bool has_status_subresource,
                                          std::string_view subresource);

/// The manager name the apiserver derives from a User-Agent when fieldManager is not given:
/// the text before the first '/', without unprintable characters, at most 128 bytes.
std::string manager_from_user_agent(std::string_view user_agent);

/// The FieldsV1 set ({"f:spec": {".": {}, "f:servers": {}}}) of the fields present in `object`.
/// Fields the server owns (apiVersion, kind, metadata.name/namespace/uid/resourceVersion/
/// generation/creationTimestamp/managedFields/deletion*/selfLink) are not part of it.
/// `schema` (may be null) tells list types: map lists use "k:{...}" keys, set lists "v:...".
nlohmann::json fields_v1_of(const nlohmann::json& object, const Schema* schema);

/// Records an Update-type write (create, PUT, merge/JSON patch) in new_object's
/// metadata.managedFields: the writer owns what it changed (everything on create), fields
/// that disappeared leave every manager's set, empty entries are dropped.
/// `old_object` is null on create.
void record_update(const nlohmann::json* old_object, nlohmann::json& new_object,
                   const FieldManager& who, const Schema* schema);

struct ApplyConflict {
  std::string manager;  ///< the manager that owns the field
  std::string field;    ///< ".spec.servers"
  std::string message;  ///< the Status cause's message: conflict with "kraft"
};

/// The 409 Status message: "Apply failed with 1 conflict: conflict with \"kraft\": .spec.servers".
std::string apply_conflict_message(const std::vector<ApplyConflict>& conflicts);

struct ApplyResult {
  nlohmann::json object;                 ///< the merged object (valid when conflicts is empty)
  std::vector<ApplyConflict> conflicts;  ///< non-empty: answer 409 unless forced
  /// False when `object` equals `live` (managedFields included): store nothing, keep the
  /// resourceVersion.
  bool changed = false;
};

/// Server-side apply of `applied` (the request body) by `who` onto `live` (null: create).
/// With `force`, conflicting fields are taken over instead of reported.
ApplyResult server_side_apply(const nlohmann::json* live, const nlohmann::json& applied,
                              const FieldManager& who, bool force, const Schema* schema);

}  // namespace kraft::testing
