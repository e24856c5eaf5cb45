#include "fields/field_shape.h"

namespace kraft::testing {

namespace {

std::string string_at(const nlohmann::json* raw, const char* key) {
  if (raw == nullptr || !raw->is_object()) return "";
  auto it = raw->find(key);
  return it != raw->end() && it->is_string() ? it->get<std::string>() : "";
}

const nlohmann::json* child_at(const nlohmann::json* raw, const char* key) {
  if (raw == nullptr || !raw->is_object()) return nullptr;
  auto it = raw->find(key);
  return it != raw->end() && it->is_object() ? &*it : nullptr;
}

std::vector<std::string> map_keys(const nlohmann::json* raw) {
  std::vector<std::string> keys;
  if (raw == nullptr || !raw->is_object()) return keys;
  auto it = raw->find("x-kubernetes-list-map-keys");
  if (it == raw->end() || !it->is_array()) return keys;
  for (const auto& key : *it) {
    if (key.is_string()) keys.push_back(key.get<std::string>());
  }
  return keys;
}

}  // namespace

FieldShape FieldShape::root(const Schema* schema) {
  FieldShape shape;
  shape.schema_ = schema;
  return shape;
}

FieldShape FieldShape::from_openapi(const nlohmann::json* openapi_v3_schema) {
  FieldShape shape;
  shape.raw_ = openapi_v3_schema;
  return shape;
}

NodeKind FieldShape::kind_of(const nlohmann::json& value) const {
  if (value.is_object()) {
    if (builtin_ == Builtin::kNone && string_at(raw_, "x-kubernetes-map-type") == "atomic") {
      return NodeKind::kLeaf;
    }
    return NodeKind::kMap;
  }
  if (!value.is_array()) return NodeKind::kLeaf;
  if (builtin_ == Builtin::kSet) return NodeKind::kSetList;
  if (builtin_ == Builtin::kOwnerReferences) return NodeKind::kMapList;
  std::string list_type = string_at(raw_, "x-kubernetes-list-type");
  if (list_type == "set") return NodeKind::kSetList;
  if (list_type == "map" && !map_keys(raw_).empty()) return NodeKind::kMapList;
  return NodeKind::kLeaf;  // atomic, the default for CRDs and for us without a schema
}

FieldShape FieldShape::field(const std::string& name) const {
  FieldShape child;
  child.schema_ = schema_;
  child.property_path_ = std::nullopt;
  // ObjectMeta is not described by a CRD's schema; its list and map types are fixed.
  if (builtin_ == Builtin::kMetadata) {
    if (name == "labels" || name == "annotations") child.builtin_ = Builtin::kGranularMap;
    if (name == "finalizers") child.builtin_ = Builtin::kSet;
    if (name == "ownerReferences") child.builtin_ = Builtin::kOwnerReferences;
    return child;
  }
  if (builtin_ != Builtin::kNone) return child;
  if (property_path_ && property_path_->empty() && name == "metadata") {
    child.builtin_ = Builtin::kMetadata;
    return child;
  }
  if (const nlohmann::json* properties = child_at(raw_, "properties")) {
    child.raw_ = child_at(properties, name.c_str());
  }
  if (child.raw_ == nullptr) child.raw_ = child_at(raw_, "additionalProperties");
  if (property_path_) {
    child.property_path_ = *property_path_;
    child.property_path_->push_back(name);
    if (child.raw_ == nullptr && raw_ == nullptr && schema_ != nullptr) {
      child.raw_ = schema_->raw_at(*child.property_path_);
    }
  }
  return child;
}

FieldShape FieldShape::item() const {
  FieldShape child;
  child.schema_ = schema_;
  child.property_path_ = std::nullopt;
  child.raw_ = child_at(raw_, "items");
  return child;
}

std::string FieldShape::item_key(const nlohmann::json& item) const {
  if (builtin_ == Builtin::kSet || (builtin_ == Builtin::kNone && item.is_primitive())) {
    return "v:" + item.dump();
  }
  std::vector<std::string> keys =
      builtin_ == Builtin::kOwnerReferences ? std::vector<std::string>{"uid"} : map_keys(raw_);
  nlohmann::json key = nlohmann::json::object();  // std::map underneath: sorted like SMD
  for (const std::string& name : keys) {
    if (item.is_object() && item.contains(name)) key[name] = item[name];
  }
  return "k:" + key.dump();
}

}  // namespace kraft::testing
