#include "fields/field_walk.h"

#include <map>
#include <set>
#include <utility>

namespace kraft::testing {

namespace {

using nlohmann::json;

// A list's items under their FieldsV1 keys, in list order; the first of duplicates wins.
struct IndexedList {
  std::vector<std::string> keys;
  std::map<std::string, const json*> by_key;
};

IndexedList index_list(const json* list, const FieldShape& shape) {
  IndexedList out;
  if (list == nullptr || !list->is_array()) return out;
  for (const json& item : *list) {
    std::string key = shape.item_key(item);
    out.keys.push_back(key);
    out.by_key.emplace(key, &item);
  }
  return out;
}

void collect_applied(const json& value, const FieldShape& shape, FieldPath& path, FieldSet& out) {
  switch (shape.kind_of(value)) {
    case NodeKind::kLeaf:
      out.insert(path);
      return;
    case NodeKind::kMap:
      for (const auto& [name, child] : value.items()) {
        path.push_back("f:" + name);
        collect_applied(child, shape.field(name), path, out);
        path.pop_back();
      }
      return;
    case NodeKind::kSetList:
    case NodeKind::kMapList: {
      FieldShape item_shape = shape.item();
      for (const json& item : value) {
        path.push_back(shape.item_key(item));
        collect_applied(item, item_shape, path, out);
        out.insert(path);  // the item itself, as SMD records for every list item
        path.pop_back();
      }
      return;
    }
  }
}

void compare_node(const json* before, const json* after, const FieldShape& shape, FieldPath& path,
                  FieldComparison& out) {
  NodeKind before_kind = before ? shape.kind_of(*before) : NodeKind::kLeaf;
  NodeKind after_kind = after ? shape.kind_of(*after) : NodeKind::kLeaf;
  NodeKind kind = after ? after_kind : before_kind;
  if (before && after && before_kind != after_kind) kind = NodeKind::kLeaf;
  if (kind == NodeKind::kLeaf) {
    if (before == nullptr) {
      out.added.insert(path);
    } else if (after == nullptr) {
      out.removed.insert(path);
    } else if (*before != *after) {
      out.modified.insert(path);
    }
    return;
  }
  if (kind == NodeKind::kMap) {
    std::set<std::string> names;
    for (const json* side : {before, after}) {
      if (side == nullptr) continue;
      for (const auto& [name, child] : side->items()) names.insert(name);
    }
    for (const std::string& name : names) {
      const json* b = before && before->contains(name) ? &(*before)[name] : nullptr;
      const json* a = after && after->contains(name) ? &(*after)[name] : nullptr;
      path.push_back("f:" + name);
      compare_node(b, a, shape.field(name), path, out);
      path.pop_back();
    }
  } else {
    FieldShape item_shape = shape.item();
    IndexedList b_items = index_list(before, shape);
    IndexedList a_items = index_list(after, shape);
    std::set<std::string> keys(b_items.keys.begin(), b_items.keys.end());
    keys.insert(a_items.keys.begin(), a_items.keys.end());
    for (const std::string& key : keys) {
      auto b = b_items.by_key.find(key);
      auto a = a_items.by_key.find(key);
      path.push_back(key);
      compare_node(b == b_items.by_key.end() ? nullptr : b->second,
                   a == a_items.by_key.end() ? nullptr : a->second, item_shape, path, out);
      path.pop_back();
    }
  }
  // Maps and lists count as added or removed themselves (SMD's post-item hook).
  if (before == nullptr) {
    out.added.insert(path);
  } else if (after == nullptr) {
    out.removed.insert(path);
  }
}

json merge_node(const json& live, const json& config, const FieldShape& shape);

json merge_item(const json* live, const json* config, const FieldShape& item_shape) {
  if (live && config) return merge_node(*live, *config, item_shape);
  return live ? *live : *config;
}

// SMD's visitListItems: items present on both sides follow the configuration's order, items
// only in the live list keep their place relative to them.
json merge_list(const json& live, const json& config, const FieldShape& shape) {
  FieldShape item_shape = shape.item();
  IndexedList lhs = index_list(&live, shape);
  IndexedList rhs = index_list(&config, shape);
  std::vector<std::string> shared;
  for (const std::string& key : rhs.keys) {
    if (lhs.by_key.count(key)) shared.push_back(key);
  }
  size_t next_shared_index = 0;
  const std::string* next_shared = shared.empty() ? nullptr : &shared[next_shared_index++];
  auto advance_shared = [&] {
    next_shared = next_shared_index < shared.size() ? &shared[next_shared_index++] : nullptr;
  };
  std::set<std::string> merged_rhs;
  json out = json::array();
  size_t l = 0;
  size_t r = 0;
  while (l < lhs.keys.size() || r < rhs.keys.size()) {
    if (l < lhs.keys.size() && r < rhs.keys.size()) {
      const std::string& key = lhs.keys[l];
      if (key == rhs.keys[r]) {
        merged_rhs.insert(key);
        out.push_back(merge_item(lhs.by_key[key], rhs.by_key[key], item_shape));
        ++l;
        ++r;
        advance_shared();
        continue;
      }
      if (rhs.by_key.count(key) && next_shared != nullptr && *next_shared != key) {
        ++l;  // shared item, but not the one due in this round
        continue;
      }
    }
    if (l < lhs.keys.size()) {
      const std::string& key = lhs.keys[l];
      if (!rhs.by_key.count(key)) {
        out.push_back(live[l]);
        ++l;
        continue;
      }
      if (merged_rhs.count(key)) {
        ++l;
        continue;
      }
    }
    if (r < rhs.keys.size()) {
      const std::string& key = rhs.keys[r];
      merged_rhs.insert(key);
      auto found = lhs.by_key.find(key);
      out.push_back(merge_item(found == lhs.by_key.end() ? nullptr : found->second, rhs.by_key[key],
                               item_shape));
      ++r;
      if (next_shared != nullptr && *next_shared == key) advance_shared();
    }
  }
  return out;
}

json merge_node(const json& live, const json& config, const FieldShape& shape) {
  NodeKind kind = shape.kind_of(config);
  if (kind == NodeKind::kLeaf || shape.kind_of(live) != kind) return config;
  if (kind != NodeKind::kMap) return merge_list(live, config, shape);
  json out = live;
  for (const auto& [name, value] : config.items()) {
    auto it = live.find(name);
    out[name] = it == live.end() ? value : merge_node(*it, value, shape.field(name));
  }
  return out;
}

bool item_matches(const json& item, const std::string& key) {
  std::string_view body = std::string_view(key).substr(2);
  if (key.rfind("v:", 0) == 0) return item.dump() == body;
  json keys = json::parse(body, nullptr, false);
  if (!keys.is_object() || !item.is_object()) return false;
  for (const auto& [name, value] : keys.items()) {
    auto it = item.find(name);
    if (it == item.end() || *it != value) return false;
  }
  return true;
}

}  // namespace

FieldSet applied_field_set(const json& object, const FieldShape& shape) {
  FieldSet out;
  FieldPath path;
  collect_applied(object, shape, path, out);
  return out;
}

FieldComparison compare_objects(const json& before, const json& after, const FieldShape& shape) {
  FieldComparison out;
  FieldPath path;
  compare_node(&before, &after, shape, path, out);
  return out;
}

json merge_objects(const json& live, const json& config, const FieldShape& shape) {
  return merge_node(live, config, shape);
}

bool remove_field(json& object, const FieldPath& path) {
  if (path.empty()) return false;
  json* node = &object;
  for (size_t i = 0; i < path.size(); ++i) {
    const std::string& element = path[i];
    bool last = i + 1 == path.size();
    if (element.rfind("f:", 0) == 0) {
      if (!node->is_object()) return false;
      auto it = node->find(element.substr(2));
      if (it == node->end()) return false;
      if (last) {
        node->erase(it);
        return true;
      }
      node = &*it;
      continue;
    }
    if (!node->is_array()) return false;
    bool found = false;
    for (size_t index = 0; index < node->size(); ++index) {
      if (!item_matches((*node)[index], element)) continue;
      if (last) {
        node->erase(index);
        return true;
      }
      node = &(*node)[index];
      found = true;
      break;
    }
    if (!found) return false;
  }
  return false;
}

}  // namespace kraft::testing
