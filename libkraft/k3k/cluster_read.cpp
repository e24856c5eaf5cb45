// ClusterService's reads: get, get_opt and list. The happy path costs one request (list asks
// discovery too, so that "K3k is not installed" never looks like "no clusters": once per
// process, and not at all while the discovery cache holds the answer); the extra requests a
// good "not found" message needs are made only after the 404.
#include <kraft/api/errors.h>
#include <kraft/api/json_view.h>
#include <kraft/config/loading.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/names.h>
#include <kraft/k3k/resources.h>

#include <algorithm>
#include <string_view>
#include <utility>

namespace kraft::k3k {
namespace {

using api::child;
using api::string_at;

// `"a", "b" or "c"`: at most three, quoted.
std::string quoted_choices(const std::vector<std::string>& names) {
  constexpr std::size_t kMaxShown = 3;
  const std::size_t shown = std::min(names.size(), kMaxShown);
  std::string text;
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) text += i + 1 == shown ? " or " : ", ";
    text += "\"" + names[i] + "\"";
  }
  return text;
}

// The hint after "not found": the same name in other namespaces (the usual mistake: a cluster
// made with -n, looked up without it), else a close name in the same namespace, else a close
// NS/NAME anywhere. `existing` are every cluster the user may list.
std::string suggestion(const ClusterRef& ref, const std::vector<ClusterRef>& existing) {
  std::vector<std::string> same_name, in_namespace, everywhere;
  for (const auto& c : existing) {
    if (c.name == ref.name) same_name.push_back(c.str());
    if (c.ns == ref.ns) in_namespace.push_back(c.name);
    everywhere.push_back(c.str());
  }
  if (!same_name.empty()) return "; did you mean " + quoted_choices(same_name) + "?";
  if (auto close = config::closest_match(ref.name, in_namespace); !close.empty()) {
    return "; did you mean \"" + close + "\"?";
  }
  if (auto close = config::closest_match(ref.str(), everywhere); !close.empty()) {
    return "; did you mean \"" + close + "\"?";
  }
  return "";
}

ClusterRef ref_of(const nlohmann::json& object) {
  const nlohmann::json* metadata = child(&object, "metadata");
  return {std::string(string_at(metadata, "namespace")), std::string(string_at(metadata, "name"))};
}

}  // namespace

Cluster ClusterService::get(const ClusterRef& ref) const {
  try {
    return Cluster::from_json(client_.get(clusters(), ref.ns, ref.name));
  } catch (const api::ApiError& e) {
    if (!e.is_not_found()) throw;
  }
  // A 404 from a host without the CRD is not "no such cluster"; the cached answer may be
  // older than K3k's removal, so it is asked again.
  client_.invalidate_discovery();
  require_k3k(client_);
  std::vector<ClusterRef> existing;
  // Best effort: a user allowed to read one namespace may not list every namespace, and the
  // hint is not worth a second error.
  for (const std::string& scope : {std::string(), ref.ns}) {
    try {
      const nlohmann::json list = client_.list(clusters(), scope);  // named: outlives the loop
      if (const nlohmann::json* items = child(&list, "items"); items && items->is_array()) {
        for (const auto& item : *items) existing.push_back(ref_of(item));
      }
      break;
    } catch (const api::ApiError&) {
      existing.clear();
    }
  }
  throw api::NotFoundError("cluster \"" + ref.name + "\" not found in namespace \"" + ref.ns +
                               "\"" + suggestion(ref, existing),
                           ref.object());
}

std::optional<Cluster> ClusterService::get_opt(const ClusterRef& ref) const {
  if (auto object = client_.get_opt(clusters(), ref.ns, ref.name)) {
    return Cluster::from_json(std::move(*object));
  }
  require_k3k(client_);
  return std::nullopt;
}

std::vector<Cluster> ClusterService::list(const ListQuery& query) const {
  if (!query.ns.empty()) validate_namespace_name(query.ns);
  require_k3k(client_);
  api::ListOptions options;
  options.label_selector = query.label_selector;
  options.drop_managed_fields = !query.show_managed_fields;
  nlohmann::json list;
  try {
    list = client_.list(clusters(), query.ns, options);
  } catch (const api::ApiError& e) {
    if (!e.is_not_found()) throw;
    // The collection of a served group is never 404: the cached discovery answer is stale.
    client_.invalidate_discovery();
    require_k3k(client_);
    throw;
  }
  std::vector<Cluster> result;
  if (auto items = list.find("items"); items != list.end() && items->is_array()) {
    result.reserve(items->size());
    // Moved, not copied: each Cluster keeps its item as raw() (decode once, copy never).
    for (auto& item : *items) result.push_back(Cluster::from_json(std::move(item)));
  }
  // The API server lists in key order (namespace, then name) already; sorting keeps the
  // promise for servers and aggregators that do not.
  auto key = [](const Cluster& c) {
    return std::pair(string_at(c.metadata, "namespace"), string_at(c.metadata, "name"));
  };
  if (!std::is_sorted(result.begin(), result.end(),
                      [&](const Cluster& a, const Cluster& b) { return key(a) < key(b); })) {
    std::sort(result.begin(), result.end(),
              [&](const Cluster& a, const Cluster& b) { return key(a) < key(b); });
  }
  return result;
}

}  // namespace kraft::k3k
