#pragma once
// clientcmd's rule for top-level values that several kubeconfigs set (preferences,
// extensions): the first value wins; objects merge key by key. Shared by load-time merging
// (merge.cpp) and `kubeconfig merge` (merge_into.cpp).
#include <nlohmann/json.hpp>

namespace kraft::config::detail {

inline void merge_first_wins(nlohmann::json& into, const nlohmann::json& from) {
  if (!into.is_object() || !from.is_object()) return;
  for (const auto& [key, value] : from.items()) {
    if (!into.contains(key) || into[key].is_null()) {
      into[key] = value;
    } else {
      merge_first_wins(into[key], value);
    }
  }
}

}  // namespace kraft::config::detail
