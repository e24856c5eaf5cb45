// Per host node: what it offers, what the pods bound to it reserve (kubectl describe node's
// "Allocated resources": pods that are not terminal, summed with PodRequests/PodLimits), which
// virtual clusters have pods there, and live usage from NodeMetrics.
#include <kraft/api/json_view.h>
#include <kraft/usage/aggregate.h>

#include <algorithm>
#include <map>

namespace kraft::usage {

using api::child;
using nlohmann::json;

NodeReport aggregate_nodes(const json& nodes, const json& pods,
                           const std::optional<json>& node_metrics) {
  NodeReport report;
  if (!node_metrics) report.metrics_availability = Availability::kNotServed;
  std::map<std::string, NodeUsage, std::less<>> by_name;
  if (nodes.is_array()) {
    for (const auto& node : nodes) {
      NodeUsage row;
      row.name = std::string(api::metadata_string(node, "name"));
      const json* status = child(&node, "status");
      row.capacity = read_resources(child(status, "capacity"), "status.capacity");
      row.allocatable = read_resources(child(status, "allocatable"), "status.allocatable");
      by_name.emplace(row.name, std::move(row));
    }
  }
  if (pods.is_array()) {
    for (const auto& pod : pods) {
      if (is_terminal(pod)) continue;
      auto it = by_name.find(api::string_at(child(&pod, "spec"), "nodeName"));
      if (it == by_name.end()) continue;  // not scheduled yet, or on a node not listed
      NodeUsage& row = it->second;
      ++row.pods;
      add_resources(row.requests, pod_requests(pod));
      add_resources(row.limits, pod_limits(pod));
      for (auto& name : unlimited_resources(pod)) row.unlimited.insert(name);
      if (auto owner = owner_of(pod); owner && std::find(row.clusters.begin(), row.clusters.end(),
                                                         owner->cluster) == row.clusters.end()) {
        row.clusters.push_back(owner->cluster);
      }
    }
  }
  if (node_metrics && node_metrics->is_array()) {
    for (const auto& item : *node_metrics) {
      auto it = by_name.find(api::metadata_string(item, "name"));
      if (it == by_name.end()) continue;
      // A node without NodeMetrics (not ready, just joined) keeps nullopt, not a zero.
      it->second.usage = read_resources(child(&item, "usage"), "usage");
    }
  }
  report.nodes.reserve(by_name.size());
  for (auto& [name, row] : by_name) {
    std::sort(row.clusters.begin(), row.clusters.end(),
              [](const k3k::ClusterRef& a, const k3k::ClusterRef& b) {
                return std::tie(a.ns, a.name) < std::tie(b.ns, b.name);
              });
    report.nodes.push_back(std::move(row));
  }
  return report;
}

}  // namespace kraft::usage
