#pragma once
// How server-side apply sees each node of an object: a leaf (scalar, atomic list or atomic map),
// a granular map, a set list ("v:" items) or a map list ("k:{...}" items). Custom resources
// declare it with x-kubernetes-list-type / list-map-keys / map-type; ObjectMeta has fixed rules;
// without a schema objects are granular maps and lists are atomic (the CRD default).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "schema/schema.h"

namespace kraft::testing {

enum class NodeKind { kLeaf, kMap, kSetList, kMapList };

class FieldShape {
 public:
  /// The shape of a whole object; `schema` may be null.
  static FieldShape root(const Schema* schema);
  /// The shape of a whole object from a raw openAPIV3Schema (may be null); for callers and
  /// tests that hold the schema JSON rather than a compiled Schema.
  static FieldShape from_openapi(const nlohmann::json* openapi_v3_schema);

  NodeKind kind_of(const nlohmann::json& value) const;
  FieldShape field(const std::string& name) const;
  FieldShape item() const;

  /// The FieldsV1 key of a list item: "v:<json>" for sets, "k:{<keys, sorted>}" for map lists.
  std::string item_key(const nlohmann::json& item) const;

 private:
  enum class Builtin { kNone, kMetadata, kGranularMap, kSet, kOwnerReferences };

  const Schema* schema_ = nullptr;
  const nlohmann::json* raw_ = nullptr;  // the node's OpenAPI schema, when known
  // Property names from the root while only properties were crossed, so Schema::raw_at can
  // resolve them; empty optional once we are inside a list item.
  std::optional<std::vector<std::string>> property_path_ = std::vector<std::string>{};
  Builtin builtin_ = Builtin::kNone;
};

}  // namespace kraft::testing
