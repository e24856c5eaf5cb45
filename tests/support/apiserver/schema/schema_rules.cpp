// The passes after OpenAPI validation: list-type uniqueness and x-kubernetes-validations rules
// (apiextensions-apiserver schema/cel Validator), with oldSelf correlated the way it does it.
#include <map>

#include "schema/field_error.h"
#include "schema/schema_validate.h"

namespace kraft::testing::schema_detail {
namespace {

using nlohmann::json;
using Causes = std::vector<FieldCause>;


// The key of an element of a list-type=map list: its list-map-keys fields.
json map_key(const SchemaNode& node, const json& item) {
  json key = json::object();
  if (!item.is_object()) return key;
  for (const auto& k : node.list_map_keys) {
    if (item.contains(k)) key[k] = item[k];
  }
  return key;
}

void list_types(const SchemaNode* node, const json& value, const std::string& path, Causes& out) {
  if (node == nullptr) return;
  if (value.is_array()) {
    if (node->list_type == "set" || node->list_type == "map") {
      for (size_t i = 0; i < value.size(); ++i) {
        const json key = node->list_type == "set" ? value[i] : map_key(*node, value[i]);
        for (size_t j = 0; j < i; ++j) {
          const json other = node->list_type == "set" ? value[j] : map_key(*node, value[j]);
          if (key == other) {
            out.push_back({"FieldValueDuplicate", "Duplicate value: " + go_value(key),
                           field_string(index_path(path, i))});
            break;
          }
        }
      }
    }
    for (size_t i = 0; i < value.size(); ++i) {
      list_types(node->items.get(), value[i], index_path(path, i), out);
    }
  } else if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      list_types(node->child(it.key()), *it, child_path(path, it.key()), out);
    }
  }
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// ruleErrorString: the trimmed message, else the trimmed rule.
std::string rule_error_string(const CelRule& rule) {
  return trim(rule.message.empty() ? rule.rule : rule.message);
}

void check_rules(const SchemaNode& node, const json& value, const json* old_value,
                 const std::string& path, Causes& out) {
  for (const auto& rule : node.rules) {
    // Transition rules run only when there is an old value to compare with (on update, and
    // only where the field existed before).
    if (rule.program->is_transition() && old_value == nullptr) continue;
    std::string failure;
    try {
      if (rule.program->evaluate(value, old_value)) continue;
      failure = rule.message.empty() ? "failed rule: " + rule_error_string(rule) : rule.message;
    } catch (const cel::EvalError& e) {
      const std::string what = e.what();
      if (what.rfind("no such overload", 0) == 0) {
        failure = "'" + what +
                  "': call arguments did not match a supported operator, function or macro "
                  "signature for rule: " +
                  rule_error_string(rule);
      } else {
        failure = what + " evaluating rule: " + rule_error_string(rule);
      }
    }
    // The bad value is the schema's type name, not the value: "Invalid value: \"integer\"".
    out.push_back(invalid(path, node.type, failure));
  }
}

std::map<json, const json*> old_items_by_key(const SchemaNode& node, const json* old_value) {
  std::map<json, const json*> out;
  if (node.list_type != "map" || old_value == nullptr || !old_value->is_array()) return out;
  for (const auto& item : *old_value) out.emplace(map_key(node, item), &item);
  return out;
}

void cel_walk(const SchemaNode* node, const json& value, const json* old_value,
              const std::string& path, Causes& out) {
  // Rules only see non-null values; a null is checked, if at all, by the enclosing object.
  if (node == nullptr || value.is_null()) return;
  if (old_value != nullptr && old_value->is_null()) old_value = nullptr;
  check_rules(*node, value, old_value, path, out);
  if (value.is_array()) {
    // Only list-type=map lists correlate elements with the old list (by key).
    const auto old_items = old_items_by_key(*node, old_value);
    for (size_t i = 0; i < value.size(); ++i) {
      const json* old_item = nullptr;
      if (!old_items.empty()) {
        auto it = old_items.find(map_key(*node, value[i]));
        if (it != old_items.end()) old_item = it->second;
      }
      cel_walk(node->items.get(), value[i], old_item, index_path(path, i), out);
    }
  } else if (value.is_object()) {
    auto old_child = [&](const std::string& key) -> const json* {
      if (old_value == nullptr || !old_value->is_object()) return nullptr;
      auto it = old_value->find(key);
      return it == old_value->end() ? nullptr : &*it;
    };
    if (node->additional_properties) {
      for (auto it = value.begin(); it != value.end(); ++it) {
        cel_walk(node->additional_properties.get(), *it, old_child(it.key()),
                 path + "[" + it.key() + "]", out);
      }
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
      auto prop = node->properties.find(it.key());
      if (prop == node->properties.end()) continue;
      cel_walk(prop->second.get(), *it, old_child(it.key()), child_path(path, it.key()), out);
    }
  }
}

}  // namespace

std::vector<FieldCause> validate_list_types(const SchemaNode& root, const nlohmann::json& value) {
  Causes out;
  list_types(&root, value, "", out);
  return out;
}

std::vector<FieldCause> validate_cel(const SchemaNode& root, const nlohmann::json& value,
                                     const nlohmann::json* old_value) {
  Causes out;
  cel_walk(&root, value, old_value, "", out);
  return out;
}

}  // namespace kraft::testing::schema_detail
