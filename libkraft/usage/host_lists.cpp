#include "usage/host_lists.h"

#include <kraft/api/errors.h>
#include <kraft/api/json_view.h>

namespace kraft::usage {

using nlohmann::json;

const api::ResourceInfo& pod_metrics_resource() {
  static const api::ResourceInfo info{"metrics.k8s.io", "v1beta1", "PodMetrics", "pods", true};
  return info;
}
const api::ResourceInfo& node_metrics_resource() {
  static const api::ResourceInfo info{"metrics.k8s.io", "v1beta1", "NodeMetrics", "nodes", false};
  return info;
}
const api::ResourceInfo& resource_quotas_resource() {
  static const api::ResourceInfo info{"", "v1", "ResourceQuota", "resourcequotas", true};
  return info;
}
const api::ResourceInfo& nodes_resource() {
  static const api::ResourceInfo info{"", "v1", "Node", "nodes", false};
  return info;
}

namespace {

// What a table cannot show when `source` is missing.
const char* consequence(Source source) {
  switch (source) {
    case Source::kPods:
      return "pod counts, requests and limits are unknown";
    case Source::kPodMetrics:
      return "live CPU and memory usage are unknown";
    case Source::kVolumeClaims:
      return "storage requested is unknown";
    case Source::kQuotas:
      return "quota figures are unknown";
    case Source::kNodes:
      return "nodes are unknown";
    case Source::kNodeMetrics:
      break;
  }
  return "live node usage is unknown";
}

std::string list_place(const api::ResourceInfo& r, const std::string& ns) {
  if (!r.namespaced) return "";
  return ns.empty() ? " in all namespaces" : " in namespace \"" + ns + "\"";
}

}  // namespace

json& HostLists::items(Source source) { return state_[source].items; }

Availability HostLists::availability(Source source, const std::string& ns) const {
  auto it = state_.find(source);
  if (it == state_.end()) return Availability::kAvailable;
  if (it->second.everywhere) return *it->second.everywhere;
  auto at = it->second.by_namespace.find(ns);
  return at == it->second.by_namespace.end() ? Availability::kAvailable : at->second;
}

Availability HostLists::overall(Source source) const {
  auto it = state_.find(source);
  if (it == state_.end()) return Availability::kAvailable;
  const State& s = it->second;
  if (s.everywhere) return *s.everywhere;
  if (!s.any_read && !s.by_namespace.empty()) return s.by_namespace.begin()->second;
  return Availability::kAvailable;
}

void HostLists::record(Source source, Availability availability, const std::string& ns,
                       const std::string& text) {
  State& s = state_[source];
  if (ns.empty()) {
    s.everywhere = availability;
  } else {
    s.by_namespace[ns] = availability;
  }
  notes_.push_back(
      Note{source, availability, "list", std::string(resource_name(source)), ns, text});
}

bool HostLists::list_one(Source source, const api::ResourceInfo& r, const std::string& ns,
                         const api::ListOptions& options, bool may_fall_back) {
  State& s = state_[source];
  const std::string resource(resource_name(source));
  try {
    json list = client_.list(r, ns, options);
    s.any_read = true;
    if (json* items = list.contains("items") ? &list["items"] : nullptr;
        items && items->is_array()) {
      for (auto& item : *items) {
        std::pair key{std::string(api::metadata_string(item, "namespace")),
                      std::string(api::metadata_string(item, "name"))};
        if (s.seen.insert(std::move(key)).second) s.items.push_back(std::move(item));
      }
    }
    return true;
  } catch (const api::ApiError& e) {
    if (e.is_forbidden()) {
      if (may_fall_back) {
        s.everywhere_forbidden = true;  // the caller asks namespace by namespace
        return false;
      }
      record(source, Availability::kForbidden, ns,
             "not allowed to list " + resource + list_place(r, ns) + ": " + consequence(source));
    } else if (e.is_not_found()) {
      // The collection of a served resource is never 404 (an unknown namespace lists empty):
      // the API group itself is missing, everywhere.
      const std::string what = r.group == "metrics.k8s.io"
                                   ? r.api_version() +
                                         " is not served (metrics-server is not "
                                         "installed)"
                                   : resource + " is not served";
      record(source, Availability::kNotServed, "", what + ": " + consequence(source));
    } else {
      record(source, Availability::kFailed, ns,
             "could not list " + resource + list_place(r, ns) + " (" + e.what() +
                 "): " + consequence(source));
    }
  } catch (const Error& e) {
    record(source, Availability::kFailed, ns,
           "could not list " + resource + list_place(r, ns) + " (" + e.what() +
               "): " + consequence(source));
  }
  return false;
}

void HostLists::list(Source source, const api::ResourceInfo& r, const ListScope& scope,
                     const std::string& selector, const std::string& field_selector) {
  State& s = state_[source];
  if (s.everywhere) return;
  api::ListOptions options;
  options.label_selector = selector;
  options.field_selector = field_selector;
  options.page_size = page_size_;
  options.drop_managed_fields = true;
  if (!r.namespaced || scope.namespaces.empty()) {
    list_one(source, r, "", options, false);
    return;
  }
  if (scope.namespaces.size() > 1 && !s.everywhere_forbidden) {
    // One list over every namespace; only a 403 sends us namespace by namespace.
    if (list_one(source, r, "", options, true) || !s.everywhere_forbidden) return;
  }
  for (const auto& ns : scope.namespaces) {
    if (s.everywhere) return;
    if (s.by_namespace.contains(ns)) continue;
    list_one(source, r, ns, options, false);
  }
}

}  // namespace kraft::usage
