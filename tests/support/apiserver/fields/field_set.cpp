#include "fields/field_set.h"

#include <stdexcept>

namespace kraft::testing {

void FieldSet::insert(const FieldPath& path) {
  if (path.empty()) return;
  FieldSet* node = this;
  for (const std::string& element : path) node = &node->children_[element];
  node->member_ = true;
}

bool FieldSet::has(const FieldPath& path) const {
  if (path.empty()) return false;
  const FieldSet* node = this;
  for (const std::string& element : path) {
    auto it = node->children_.find(element);
    if (it == node->children_.end()) return false;
    node = &it->second;
  }
  return node->member_;
}

bool FieldSet::has_prefix(const FieldPath& path) const {
  const FieldSet* node = this;
  for (const std::string& element : path) {
    auto it = node->children_.find(element);
    if (it == node->children_.end()) return false;
    node = &it->second;
  }
  return !node->empty() || node->member_;
}

bool FieldSet::empty() const {
  if (member_) return false;
  for (const auto& [key, child] : children_) {
    if (!child.empty()) return false;
  }
  return true;
}

void FieldSet::prune() {
  for (auto it = children_.begin(); it != children_.end();) {
    it->second.prune();
    if (it->second.empty()) {
      it = children_.erase(it);
    } else {
      ++it;
    }
  }
}

FieldSet FieldSet::union_with(const FieldSet& other) const {
  FieldSet out = *this;
  out.member_ = member_ || other.member_;
  for (const auto& [key, child] : other.children_) {
    auto it = out.children_.find(key);
    out.children_[key] = it == out.children_.end() ? child : it->second.union_with(child);
  }
  return out;
}

FieldSet FieldSet::difference(const FieldSet& other) const {
  FieldSet out = *this;
  if (other.member_) out.member_ = false;
  for (auto& [key, child] : out.children_) {
    auto it = other.children_.find(key);
    if (it != other.children_.end()) child = child.difference(it->second);
  }
  out.prune();
  return out;
}

FieldSet FieldSet::intersection(const FieldSet& other) const {
  FieldSet out;
  out.member_ = member_ && other.member_;
  for (const auto& [key, child] : children_) {
    auto it = other.children_.find(key);
    if (it != other.children_.end()) out.children_[key] = child.intersection(it->second);
  }
  out.prune();
  return out;
}

FieldSet FieldSet::recursive_difference(const FieldSet& other) const {
  FieldSet out;
  out.member_ = member_ && !other.member_;
  for (const auto& [key, child] : children_) {
    auto it = other.children_.find(key);
    if (it == other.children_.end()) {
      out.children_[key] = child;
    } else if (!it->second.member_) {
      out.children_[key] = child.recursive_difference(it->second);
    }
  }
  out.prune();
  return out;
}

void FieldSet::for_each(const std::function<void(const FieldPath&)>& visit) const {
  FieldPath prefix;
  for_each_under(prefix, visit);
}

void FieldSet::for_each_under(FieldPath& prefix,
                              const std::function<void(const FieldPath&)>& visit) const {
  for (const auto& [key, child] : children_) {
    if (!child.member_) continue;
    prefix.push_back(key);
    visit(prefix);
    prefix.pop_back();
  }
  for (const auto& [key, child] : children_) {
    prefix.push_back(key);
    child.for_each_under(prefix, visit);
    prefix.pop_back();
  }
}

nlohmann::json FieldSet::to_fields_v1() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, child] : children_) {
    if (child.empty()) continue;
    nlohmann::json value = child.to_fields_v1();
    if (child.member_ && !value.empty()) value["."] = nlohmann::json::object();
    out[key] = std::move(value);
  }
  return out;
}

FieldSet FieldSet::from_fields_v1(const nlohmann::json& fields_v1) {
  if (!fields_v1.is_object()) throw std::invalid_argument("FieldsV1 must be an object");
  FieldSet out;
  for (const auto& [key, value] : fields_v1.items()) {
    if (key == ".") continue;  // the parent's own membership, handled by the caller
    if (!value.is_object()) throw std::invalid_argument("FieldsV1 entries must be objects");
    FieldSet child = from_fields_v1(value);
    // A leaf ({}) is a member; so is an inner node that says so with ".".
    child.member_ = value.empty() || value.contains(".");
    out.children_[key] = std::move(child);
  }
  return out;
}

namespace {

// SMD prints values inside paths with Go's %v of the JSON value: strings quoted.
std::string value_to_string(const nlohmann::json& value) { return value.dump(); }

}  // namespace

std::string path_to_string(const FieldPath& path) {
  std::string out;
  for (const std::string& element : path) {
    std::string_view body = std::string_view(element).substr(2);
    if (element.rfind("f:", 0) == 0) {
      out += "." + std::string(body);
    } else if (element.rfind("v:", 0) == 0) {
      out += "[=" + std::string(body) + "]";
    } else if (element.rfind("i:", 0) == 0) {
      out += "[" + std::string(body) + "]";
    } else if (element.rfind("k:", 0) == 0) {
      nlohmann::json keys = nlohmann::json::parse(body, nullptr, false);
      std::string inner;
      if (keys.is_object()) {
        for (const auto& [name, value] : keys.items()) {
          if (!inner.empty()) inner += ",";
          inner += name + "=" + value_to_string(value);
        }
      }
      out += "[" + inner + "]";
    } else {
      out += "." + element;
    }
  }
  return out;
}

}  // namespace kraft::testing
