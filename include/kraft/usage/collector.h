#pragma once
// UsageCollector: reads what the usage tables need from the host, with one list per kind and
// K3k label selector (paged), and degrades instead of failing. A source that cannot be read
// (metrics.k8s.io not served, a kind the credentials may not list, a failing aggregated API)
// leaves its figures unknown, sets the matching Availability and adds one Note; only the
// clusters themselves must be readable (their errors propagate as ClusterService's do).
//
//   kraft::usage::UsageCollector collector(client);
//   auto report = collector.collect({.query = {.ns = "team-a"}});
//   for (const auto& note : report.notes) std::cerr << "note: " << note.text << "\n";
#include <kraft/api/client.h>
#include <kraft/k3k/cluster.h>
#include <kraft/k3k/cluster_ref.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/usage/report.h>

#include <vector>

namespace kraft::usage {

/// Which virtual clusters to report on.
struct Selection {
  /// Clusters by name (each read with ClusterService::get: NotFoundError when missing);
  /// when empty, `query` selects them.
  std::vector<k3k::ClusterRef> refs;
  /// A namespace ("" for every namespace) and a label selector on the Clusters.
  k3k::ListQuery query;
};

struct CollectOptions {
  int page_size = 500;  ///< items per page of each list
  /// Name the clusters in the label selectors (`k3k.io/clusterName in (a,b)`) when there are
  /// at most this many; above it, select every K3k pod of the namespaces and filter here.
  std::size_t max_named_in_selector = 50;
};

class UsageCollector {
 public:
  explicit UsageCollector(api::Client client, CollectOptions options = {});

  /// The clusters of `selection` and everything they hold on the host.
  UsageReport collect(const Selection& selection) const;
  /// The same for clusters already read. Lists, over their namespaces: pods
  /// (k3k.io/clusterName, then cluster), PVCs (the same two), the ResourceQuotas of the
  /// namespaces whose clusters have a policy, and PodMetrics (skipped once not served).
  UsageReport collect(const std::vector<k3k::Cluster>& clusters) const;

  /// Every host node, with the pods bound to each (all namespaces, not terminal) and
  /// NodeMetrics: three lists.
  NodeReport collect_nodes() const;

 private:
  api::Client client_;
  CollectOptions options_;
};

}  // namespace kraft::usage
