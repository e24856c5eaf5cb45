#pragma once
// The compiled form of one OpenAPI v3 schema node: what defaulting, pruning and validation read.
// Internal to the schema module.
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "schema/cel_program.h"

namespace kraft::testing::schema_detail {

/// One entry of x-kubernetes-validations.
struct CelRule {
  std::string rule;
  std::string message;
  std::shared_ptr<const cel::Program> program;
};

struct SchemaNode {
  const nlohmann::json* raw = nullptr;  ///< the source schema, for raw_at()
  std::string type;                     ///< "" when the schema has no type (int-or-string)
  std::string format;                   ///< kept only when the apiserver validates it
  bool nullable = false;
  bool int_or_string = false;
  bool preserve_unknown_fields = false;
  bool embedded_resource = false;
  std::map<std::string, std::unique_ptr<SchemaNode>> properties;
  std::unique_ptr<SchemaNode> additional_properties;  ///< additionalProperties as a schema
  std::optional<bool> additional_properties_allows;   ///< additionalProperties: true/false
  std::unique_ptr<SchemaNode> items;
  std::vector<std::string> required;
  std::vector<nlohmann::json> enum_values;
  std::optional<nlohmann::json> default_value;
  std::optional<double> minimum, maximum, multiple_of;
  bool exclusive_minimum = false, exclusive_maximum = false;
  std::optional<int64_t> min_length, max_length, min_items, max_items, min_properties,
      max_properties;
  bool unique_items = false;
  std::string pattern;
  std::optional<std::regex> pattern_regex;
  std::vector<SchemaNode> all_of, any_of, one_of;
  std::unique_ptr<SchemaNode> not_schema;
  std::string list_type, map_type;
  std::vector<std::string> list_map_keys;
  std::vector<CelRule> rules;

  /// The schema of property `key`, else the additionalProperties schema, else nullptr.
  const SchemaNode* child(const std::string& key) const {
    auto it = properties.find(key);
    if (it != properties.end()) return it->second.get();
    return additional_properties.get();
  }
};

/// Compiles one node (recursively). Throws std::invalid_argument naming the JSON pointer of the
/// node and the rule for a CEL rule outside the subset, or an unknown keyword.
SchemaNode compile_node(const nlohmann::json& raw, const std::string& pointer);

void apply_defaults(const SchemaNode* node, nlohmann::json& value);
void prune_nulls(const SchemaNode* node, nlohmann::json& value);
void prune(const SchemaNode* node, nlohmann::json& value, bool is_resource_root,
           std::vector<std::string>& unknown_paths);

// Field paths in errors, as the API server writes them: spec.servers, spec.tlsSANs[0].
inline std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}
inline std::string index_path(const std::string& parent, size_t i) {
  return parent + "[" + std::to_string(i) + "]";
}

}  // namespace kraft::testing::schema_detail
