// The collector: which lists to make for a selection of clusters, and the aggregation of what
// they returned (aggregate.h) with each source's availability.
#include <kraft/usage/aggregate.h>
#include <kraft/usage/collector.h>

#include <set>

#include "usage/host_lists.h"

namespace kraft::usage {

using nlohmann::json;

namespace {

// `key in (a,b)` for a few names, else `key` (exists): every K3k object of the namespaces.
std::string selector_for(const char* key, const std::set<std::string>& names,
                         std::size_t max_named) {
  if (names.empty() || names.size() > max_named) return key;
  std::string out = std::string(key) + " in (";
  bool first = true;
  for (const auto& name : names) {
    if (!first) out += ",";
    out += name;
    first = false;
  }
  return out + ")";
}

}  // namespace

UsageCollector::UsageCollector(api::Client client, CollectOptions options)
    : client_(std::move(client)), options_(options) {}

UsageReport UsageCollector::collect(const Selection& selection) const {
  k3k::ClusterService service(client_);
  if (selection.refs.empty()) return collect(service.list(selection.query));
  std::vector<k3k::Cluster> clusters;
  clusters.reserve(selection.refs.size());
  for (const auto& ref : selection.refs) clusters.push_back(service.get(ref));
  return collect(clusters);
}

UsageReport UsageCollector::collect(const std::vector<k3k::Cluster>& clusters) const {
  if (clusters.empty()) return {};
  std::set<std::string> namespaces;
  std::set<std::string> names;
  std::set<std::string> policy_namespaces;
  for (const auto& cluster : clusters) {
    namespaces.insert(cluster.namespace_name());
    names.insert(cluster.name());
    if (cluster.status && cluster.status->policy_name && !cluster.status->policy_name->empty()) {
      policy_namespaces.insert(cluster.namespace_name());
    }
  }
  const ListScope scope{{namespaces.begin(), namespaces.end()}};
  const std::string workloads =
      selector_for("k3k.io/clusterName", names, options_.max_named_in_selector);
  const std::string k3k_pods = selector_for("cluster", names, options_.max_named_in_selector);

  HostLists lists(client_, options_.page_size);
  lists.list(Source::kPods, api::resources::pods(), scope, workloads);
  lists.list(Source::kPods, api::resources::pods(), scope, k3k_pods);
  lists.list(Source::kVolumeClaims, api::resources::persistent_volume_claims(), scope, workloads);
  lists.list(Source::kVolumeClaims, api::resources::persistent_volume_claims(), scope, k3k_pods);
  if (!policy_namespaces.empty()) {
    lists.list(Source::kQuotas, resource_quotas_resource(),
               ListScope{{policy_namespaces.begin(), policy_namespaces.end()}}, "");
  }
  lists.list(Source::kPodMetrics, pod_metrics_resource(), scope, workloads);
  lists.list(Source::kPodMetrics, pod_metrics_resource(), scope, k3k_pods);

  HostObjects objects;
  objects.pods = std::move(lists.items(Source::kPods));
  objects.claims = std::move(lists.items(Source::kVolumeClaims));
  objects.quotas = std::move(lists.items(Source::kQuotas));
  if (lists.overall(Source::kPodMetrics) == Availability::kAvailable) {
    objects.pod_metrics = std::move(lists.items(Source::kPodMetrics));
  }
  UsageReport report = aggregate_clusters(clusters, objects);
  for (auto& row : report.clusters) {
    const std::string& ns = row.cluster.ns;
    row.availability.pods = lists.availability(Source::kPods, ns);
    row.availability.storage = lists.availability(Source::kVolumeClaims, ns);
    if (!row.policy.empty()) row.availability.quota = lists.availability(Source::kQuotas, ns);
    row.availability.metrics = lists.availability(Source::kPodMetrics, ns);
    if (row.availability.metrics != Availability::kAvailable) row.usage.reset();
  }
  report.notes = lists.take_notes();
  return report;
}

NodeReport UsageCollector::collect_nodes() const {
  HostLists lists(client_, options_.page_size);
  const ListScope everywhere;
  lists.list(Source::kNodes, nodes_resource(), everywhere, "");
  // kubectl describe node's selection: pods that still hold what they were given.
  lists.list(Source::kPods, api::resources::pods(), everywhere, "",
             "status.phase!=Succeeded,status.phase!=Failed");
  lists.list(Source::kNodeMetrics, node_metrics_resource(), everywhere, "");
  std::optional<json> metrics;
  if (lists.overall(Source::kNodeMetrics) == Availability::kAvailable) {
    metrics = std::move(lists.items(Source::kNodeMetrics));
  }
  NodeReport report =
      aggregate_nodes(lists.items(Source::kNodes), lists.items(Source::kPods), metrics);
  report.nodes_availability = lists.overall(Source::kNodes);
  report.pods_availability = lists.overall(Source::kPods);
  report.metrics_availability = lists.overall(Source::kNodeMetrics);
  report.notes = lists.take_notes();
  return report;
}

}  // namespace kraft::usage
