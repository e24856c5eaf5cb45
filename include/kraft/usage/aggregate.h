#pragma once
// The usage tables computed from objects already read: pure functions, no I/O. The collector
// (collector.h) lists the objects and feeds them here; tests feed JSON fixtures.
//
//   HostObjects objects{.pods = pod_list["items"], .pod_metrics = metrics_list["items"]};
//   UsageReport report = aggregate_clusters(clusters, objects);
#include <kraft/k3k/cluster.h>
#include <kraft/usage/report.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace kraft::usage {

/// Host objects of the virtual clusters, each an array of API objects (a List's items).
/// Objects that belong to no given cluster are left out (and counted, for pods).
struct HostObjects {
  nlohmann::json pods = nlohmann::json::array();    ///< v1 Pods
  nlohmann::json claims = nlohmann::json::array();  ///< v1 PersistentVolumeClaims
  nlohmann::json quotas = nlohmann::json::array();  ///< v1 ResourceQuotas
  /// metrics.k8s.io/v1beta1 PodMetrics; nullopt when they could not be read.
  std::optional<nlohmann::json> pod_metrics;
};

/// Per cluster, in the order given: pods by phase, the scheduler's requests and limits of
/// its pods that are not terminal, live usage, storage requested and the policy's quota.
/// Pods and PVCs are attributed by K3k's labels (attribution.h). Availability is left at
/// kAvailable except metrics (kNotServed when pod_metrics is nullopt): the collector sets it.
UsageReport aggregate_clusters(const std::vector<k3k::Cluster>& clusters,
                               const HostObjects& objects);

/// One pod's figures from its spec and status (no usage yet; role from its labels).
PodUsage pod_usage(const nlohmann::json& pod);

/// Puts PodMetrics (`metrics`: an array) on the pods they are about, matched by namespace,
/// name and container name; each matched pod's usage is the sum of its containers'.
void merge_pod_metrics(std::vector<PodUsage>& pods, const nlohmann::json& metrics);

/// The entries of a ResourceQuota: status.hard (spec.hard until the controller has run) with
/// status.used, sorted by resource.
std::vector<QuotaEntry> quota_entries(const nlohmann::json& quota);

/// used / hard × 100; nullopt when hard is zero.
std::optional<double> percent_of(const Quantity& used, const Quantity& hard);

/// The host's nodes (arrays of v1 Nodes, of pods on every namespace, and of
/// metrics.k8s.io/v1beta1 NodeMetrics or nullopt): allocatable, what pods that are not
/// terminal reserve on each (as `kubectl describe node` sums it), which virtual clusters
/// have pods there, live usage. Pods bound to a node not in `nodes` are left out.
NodeReport aggregate_nodes(const nlohmann::json& nodes, const nlohmann::json& pods,
                           const std::optional<nlohmann::json>& node_metrics);

}  // namespace kraft::usage
