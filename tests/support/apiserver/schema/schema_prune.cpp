// Structural pruning of unknown fields (apiextensions-apiserver pruning.PruneWithOptions),
// recording the paths that kube-apiserver reports as `unknown field "spec.serverz"` warnings.
#include "schema/schema_node.h"

namespace kraft::testing::schema_detail {
namespace {

bool is_meta_field(const std::string& key) {
  return key == "apiVersion" || key == "kind" || key == "metadata";
}

// Path spelling of UnknownFieldPathOptions: keys joined by ".", indexes as "[i]".

void prune_value(const SchemaNode* node, nlohmann::json& value, bool embedded,
                 const std::string& path, std::vector<std::string>& unknown);

// Below x-kubernetes-preserve-unknown-fields unknown keys stay, but known ones are still pruned.
void skip_prune(const SchemaNode* node, nlohmann::json& value, bool embedded,
                const std::string& path, std::vector<std::string>& unknown) {
  if (node == nullptr) return;
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (embedded && is_meta_field(it.key())) continue;
      const SchemaNode* child = node->child(it.key());
      if (child != nullptr) {
        prune_value(child, *it, child->embedded_resource, child_path(path, it.key()), unknown);
      }
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      const SchemaNode* items = node->items.get();
      skip_prune(items, value[i], items != nullptr && items->embedded_resource, index_path(path, i),
                 unknown);
    }
  }
}

void prune_value(const SchemaNode* node, nlohmann::json& value, bool embedded,
                 const std::string& path, std::vector<std::string>& unknown) {
  if (node != nullptr && node->preserve_unknown_fields) {
    skip_prune(node, value, embedded, path, unknown);
    return;
  }
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end();) {
      const std::string& key = it.key();
      // apiVersion/kind strings and a metadata object of an embedded resource (or the root)
      // are left alone; ObjectMeta has its own coercion.
      if (embedded && ((key != "metadata" && is_meta_field(key) && it->is_string()) ||
                       (key == "metadata" && it->is_object()))) {
        ++it;
        continue;
      }
      const SchemaNode* child = node == nullptr ? nullptr : node->child(key);
      const bool keep_unknown =
          node != nullptr && node->additional_properties_allows.value_or(false);
      if (child != nullptr) {
        prune_value(child, *it, child->embedded_resource, child_path(path, key), unknown);
      } else if (!keep_unknown) {
        if (!is_meta_field(key) || !path.empty()) unknown.push_back(child_path(path, key));
        it = value.erase(it);
        continue;
      }
      ++it;
    }
  } else if (value.is_array()) {
    const SchemaNode* items = node == nullptr ? nullptr : node->items.get();
    for (size_t i = 0; i < value.size(); ++i) {
      prune_value(items, value[i], items != nullptr && items->embedded_resource,
                  index_path(path, i), unknown);
    }
  }
}

}  // namespace

void prune(const SchemaNode* node, nlohmann::json& value, bool is_resource_root,
           std::vector<std::string>& unknown_paths) {
  prune_value(node, value, is_resource_root || (node != nullptr && node->embedded_resource), "",
              unknown_paths);
}

}  // namespace kraft::testing::schema_detail
