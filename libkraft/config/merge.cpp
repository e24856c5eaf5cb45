// Loading rules and merging, after client-go's clientcmd/loader.go:
//  - an explicit --kubeconfig is loaded alone and must exist;
//  - otherwise the $KUBECONFIG entries (deduplicated, empty and missing ones skipped) or, when
//    $KUBECONFIG is unset or empty, ~/.kube/config;
//  - "The first file to set a particular map key wins and map key's value is never changed":
//    if two files define user "red-user", only the first file's red-user is used, even its
//    fields the second file sets and the first does not;
//  - values outside the maps (current-context, preferences) also take the first file's value.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <kraft/config/loading.h>
#include <kraft/core/error.h>

#include <cstdlib>
#include <set>
#include <type_traits>
#include <unordered_set>

#include "config/files.h"
#include "config/json_merge.h"

namespace kraft::config {
namespace {

using detail::merge_first_wins;

using nlohmann::json;

// Appends the entries of `from` whose names `into` does not have yet; `From` is a const
// vector (entries copied) or an rvalue one (entries moved).
template <class T, class From>
void merge_entries(std::vector<Named<T>>& into, From&& from) {
  std::unordered_set<std::string> names;
  names.reserve(into.size() + from.size());
  for (const auto& existing : into) names.insert(existing.name);
  for (auto& entry : from) {
    if (!names.insert(entry.name).second) continue;
    if constexpr (std::is_rvalue_reference_v<From&&>) {
      into.push_back(std::move(entry));
    } else {
      into.push_back(entry);
    }
  }
}

std::vector<std::string> split_path_list(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t colon = list.find(':', start);
    out.push_back(list.substr(start, colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return out;
}

}  // namespace

LoadingRules LoadingRules::from_environment(const std::string& explicit_path) {
  LoadingRules rules;
  rules.explicit_path = explicit_path;
  // filepath.SplitList("") is empty, so an empty $KUBECONFIG means "unset".
  if (const char* env = std::getenv("KUBECONFIG"); env != nullptr && *env != '\0') {
    rules.precedence = split_path_list(env);
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    rules.default_path = std::string(home) + "/.kube/config";
  }
  return rules;
}

namespace {

template <class Files>
Kubeconfig merge_files(Files&& files) {
  constexpr bool kMove = std::is_rvalue_reference_v<Files&&>;
  Kubeconfig merged;
  std::vector<std::string> sources;
  for (auto& file : files) {
    if constexpr (kMove) {
      merge_entries(merged.clusters, std::move(file.clusters));
      merge_entries(merged.users, std::move(file.users));
      merge_entries(merged.contexts, std::move(file.contexts));
    } else {
      merge_entries(merged.clusters, file.clusters);
      merge_entries(merged.users, file.users);
      merge_entries(merged.contexts, file.contexts);
    }
    if (merged.current_context.empty()) merged.current_context = file.current_context;
    merge_first_wins(merged.extra, file.extra);
    if (!file.source.empty()) sources.push_back(file.source);
  }
  // Messages name where a lookup happened: the one file, or the list in $KUBECONFIG syntax.
  merged.source = fmt::format("{}", fmt::join(sources, ":"));
  return merged;
}

}  // namespace

Kubeconfig merge(const std::vector<Kubeconfig>& files) { return merge_files(files); }

Kubeconfig merge(std::vector<Kubeconfig>&& files) { return merge_files(std::move(files)); }

Kubeconfig load_merged(const LoadingRules& rules) {
  if (!rules.explicit_path.empty()) {
    std::vector<Kubeconfig> one;
    one.push_back(load_kubeconfig_file(rules.explicit_path));
    return merge(std::move(one));
  }
  std::vector<std::string> paths = rules.precedence;
  if (paths.empty() && !rules.default_path.empty()) paths.push_back(rules.default_path);
  std::vector<Kubeconfig> files;
  std::set<std::string> seen;
  for (const auto& path : paths) {
    if (path.empty() || !seen.insert(path).second) continue;
    // Missing files in $KUBECONFIG are skipped; unreadable or malformed ones are errors.
    if (!detail::exists(path)) continue;
    files.push_back(load_kubeconfig_file(path));
  }
  return merge(std::move(files));
}

}  // namespace kraft::config
