#pragma once
// clientcmd's rule for top-level values that several kubeconfigs set (preferences,
// extensions): the first value wins; objects merge key by key. Shared by load-time merging
// (merge.cpp) and `kubeconfig merge` (merge_into.cpp).
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>

namespace kraft::config::detail {

// The name an `extensions` item is known by. clientcmd converts the v1 list into a map keyed
// by `name`, so an item without one is keyed by "" like any other.
inline std::string extension_name(const nlohmann::json& item) {
  if (!item.is_object()) return {};
  const auto it = item.find("name");
  return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// `extensions` lists ([{name, extension}]) are maps in clientcmd's internal form, so they
// merge like maps: an incoming item is added unless one with its name is already there.
inline void merge_named_first_wins(nlohmann::json& into, const nlohmann::json& from) {
  std::unordered_set<std::string> present;
  for (const auto& item : into) present.insert(extension_name(item));
  for (const auto& item : from) {
    if (present.insert(extension_name(item)).second) into.push_back(item);
  }
}

// `named_lists`: whether `extensions` in this object is a NamedExtension list. That holds for
// the top level and for `preferences` only; elsewhere in unknown fields an array is a value
// like any other and the first one wins whole.
inline void merge_first_wins(nlohmann::json& into, const nlohmann::json& from,
                             bool named_lists = true) {
  if (!into.is_object() || !from.is_object()) return;
  for (const auto& [key, value] : from.items()) {
    nlohmann::json& mine = into[key];
    if (mine.is_null()) {
      mine = value;
    } else if (named_lists && key == "extensions" && mine.is_array() && value.is_array()) {
      merge_named_first_wins(mine, value);
    } else {
      merge_first_wins(mine, value, named_lists && key == "preferences");
    }
  }
}

}  // namespace kraft::config::detail
