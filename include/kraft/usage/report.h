#pragma once
// What the usage tables show: per virtual cluster and per pod, and per host node, with exact
// numbers (kraft::Quantity: cpu.milli_value() is millicores, memory.value() bytes) and, for
// each figure read from the host, whether it could be had at all (Availability), so a table
// shows "-" or "?" instead of a silent zero.
#include <kraft/core/quantity.h>
#include <kraft/k3k/cluster_ref.h>
#include <kraft/usage/attribution.h>
#include <kraft/usage/pod_resources.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kraft::usage {

/// Whether a source of figures could be read.
enum class Availability {
  kAvailable,  ///< read
  kNotServed,  ///< the API is not there (metrics.k8s.io without metrics-server)
  kForbidden,  ///< the credentials may not list it (403)
  kFailed,     ///< another error (a 5xx, an unavailable aggregated API, the network)
};

/// "available", "not served", "forbidden", "failed".
std::string_view to_string(Availability availability);

/// The kinds of object the figures come from.
enum class Source { kPods, kPodMetrics, kVolumeClaims, kQuotas, kNodes, kNodeMetrics };

/// "pods", "pods.metrics.k8s.io", "persistentvolumeclaims", "resourcequotas", "nodes",
/// "nodes.metrics.k8s.io": the resource as RBAC and error messages name it.
std::string_view resource_name(Source source);

/// A source that could not be read, as one line for people (`text`) and as fields.
struct Note {
  Source source = Source::kPods;
  Availability availability = Availability::kFailed;
  std::string verb = "list";  ///< the verb that was refused or failed
  std::string resource;       ///< resource_name(source)
  std::string ns;             ///< the namespace asked about; "" for all (or cluster-scoped)
  std::string text;           ///< e.g. "metrics.k8s.io/v1beta1 is not served: ..."
};

/// Pods by status.phase (a pod without one counts as Pending, the phase it is created in).
struct PodPhases {
  int pending = 0;
  int running = 0;
  int succeeded = 0;
  int failed = 0;
  int unknown = 0;
  int total() const { return pending + running + succeeded + failed + unknown; }
};

/// One container of a pod: its own requests and limits (from the spec) and live usage.
struct ContainerUsage {
  enum class Kind { kApp, kInit, kSidecar };
  std::string name;
  Kind kind = Kind::kApp;
  Resources requests;
  Resources limits;
  std::optional<Resources> usage;  ///< from PodMetrics; nullopt when there is none for it
};

/// One host pod of a virtual cluster.
struct PodUsage {
  std::string ns;    ///< host namespace
  std::string name;  ///< host pod name
  PodRole role = PodRole::kWorkload;
  std::string virtual_ns;                  ///< k3k.io/namespace (workload pods; "" otherwise)
  std::string virtual_name;                ///< k3k.io/name (workload pods; "" otherwise)
  std::string node;                        ///< spec.nodeName ("" until scheduled)
  std::string phase;                       ///< status.phase ("Pending" when unset)
  bool terminal = false;                   ///< Succeeded/Failed: holds no resources, not in any sum
  Resources requests;                      ///< pod_requests(): what the scheduler reserves for it
  Resources limits;                        ///< pod_limits(): missing limits count as 0
  std::set<std::string> unlimited;         ///< unlimited_resources()
  std::vector<ContainerUsage> containers;  ///< app containers, then init containers
  std::optional<Resources> usage;          ///< sum of the containers' PodMetrics; nullopt: none
};

/// One entry of the policy's ResourceQuota.
struct QuotaEntry {
  std::string resource;  ///< "requests.cpu", "limits.memory", "pods", ...
  Quantity hard;
  std::optional<Quantity> used;   ///< nullopt until the quota controller has counted
  std::optional<double> percent;  ///< used / hard × 100; nullopt when unknown or hard is 0
};

/// Which figures of a cluster could be had (see Note for why not).
struct ClusterAvailability {
  Availability pods = Availability::kAvailable;     ///< phases, requests, limits, pods
  Availability metrics = Availability::kAvailable;  ///< usage
  Availability storage = Availability::kAvailable;  ///< storage_requested
  Availability quota = Availability::kAvailable;    ///< quota
};

/// Everything one virtual cluster holds on the host.
struct ClusterUsage {
  k3k::ClusterRef cluster;
  std::string mode;    ///< spec.mode ("shared" when unset)
  std::string policy;  ///< status.policyName ("" when none)
  PodPhases phases;
  /// Sums over the pods that are not terminal (pod_requests / pod_limits of each).
  Resources requests;
  Resources limits;
  /// Resources some counted pod has no limit for (the limit sum is then a lower bound).
  std::set<std::string> unlimited;
  /// Live usage: the sum of the PodMetrics of its pods; nullopt when metrics are unavailable.
  std::optional<Resources> usage;
  /// spec.resources.requests.storage of its PVCs (server PVCs and synced workload PVCs).
  Quantity storage_requested;
  /// The policy's ResourceQuota k3k-POLICY in the cluster's namespace, sorted by resource.
  /// It counts the whole namespace: clusters sharing one show the same figures.
  std::vector<QuotaEntry> quota;
  /// The entry with the highest used/hard percentage (the first of equals).
  std::optional<QuotaEntry> quota_peak;
  std::vector<PodUsage> pods;  ///< sorted by namespace and name
  ClusterAvailability availability;

  Quantity cpu_requests() const { return amount(requests, kCpu); }
  Quantity memory_requests() const { return amount(requests, kMemory); }
  Quantity cpu_limits() const { return amount(limits, kCpu); }
  Quantity memory_limits() const { return amount(limits, kMemory); }
  std::optional<Quantity> cpu_used() const;
  std::optional<Quantity> memory_used() const;
};

/// The usage of the selected virtual clusters.
struct UsageReport {
  std::vector<ClusterUsage> clusters;  ///< in the order the clusters were given
  /// K3k pods whose cluster is not among them (another cluster's, or a deleted one's).
  int unattributed_pods = 0;
  std::vector<Note> notes;  ///< one per source that could not be read, per namespace
};

/// One host node: what it offers, what pods reserve there, which virtual clusters use it.
struct NodeUsage {
  std::string name;
  Resources capacity;     ///< status.capacity
  Resources allocatable;  ///< status.allocatable
  int pods = 0;           ///< pods bound to it that are not terminal
  /// Sums over those pods, as `kubectl describe node` shows them ("Allocated resources").
  Resources requests;
  Resources limits;
  std::set<std::string> unlimited;
  /// Virtual clusters with such pods on it, sorted (by K3k's labels alone).
  std::vector<k3k::ClusterRef> clusters;
  std::optional<Resources> usage;  ///< NodeMetrics; nullopt when unavailable or none for it
};

/// The host's nodes, for `top --nodes`-style tables.
struct NodeReport {
  std::vector<NodeUsage> nodes;  ///< sorted by name
  Availability nodes_availability = Availability::kAvailable;
  Availability pods_availability = Availability::kAvailable;  ///< requests, limits, clusters
  Availability metrics_availability = Availability::kAvailable;
  std::vector<Note> notes;
};

}  // namespace kraft::usage
