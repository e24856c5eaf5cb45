// Structural-schema defaulting, as apiextensions-apiserver's defaulting.Default and
// PruneNonNullableNullsWithoutDefaults do it when a request body is decoded.
#include "schema/schema_node.h"

namespace kraft::testing::schema_detail {

void prune_nulls(const SchemaNode* node, nlohmann::json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end();) {
      const SchemaNode* child = node == nullptr ? nullptr : node->child(it.key());
      // A null the schema neither allows nor can default is dropped; a defaultable one stays
      // and is replaced by the default later.
      if (it->is_null() && child != nullptr && !child->nullable && !child->default_value) {
        it = value.erase(it);
        continue;
      }
      prune_nulls(child, *it);
      ++it;
    }
  } else if (value.is_array()) {
    const SchemaNode* items = node == nullptr ? nullptr : node->items.get();
    for (auto& item : value) prune_nulls(items, item);
  }
}

void apply_defaults(const SchemaNode* node, nlohmann::json& value) {
  if (node == nullptr) return;
  if (value.is_object()) {
    // Top-down: fill this level first, then recurse, so defaults inside a defaulted object
    // (spec: {} -> spec.sync: {} -> spec.sync.configMaps.enabled) are applied too.
    for (const auto& [name, prop] : node->properties) {
      if (!prop->default_value) continue;
      auto it = value.find(name);
      if (it == value.end() || (it->is_null() && !prop->nullable))
        value[name] = *prop->default_value;
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
      apply_defaults(node->child(it.key()), *it);
    }
  } else if (value.is_array()) {
    for (auto& item : value) apply_defaults(node->items.get(), item);
  }
}

}  // namespace kraft::testing::schema_detail
