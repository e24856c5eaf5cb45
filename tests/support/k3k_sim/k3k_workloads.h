#pragma once
// The host pods of a virtual cluster's own workloads. In shared mode K3k's virtual kubelet
// (k3k-kubelet/provider, translate/host.go) copies each pod of the virtual cluster into the
// cluster's host namespace: named by TranslateName (NAME-NAMESPACE-CLUSTER plus the hex of
// NAME+NAMESPACE+CLUSTER, shortened by SafeConcatName), labelled k3k.io/clusterName=CLUSTER
// and k3k.io/agentName=<the kubelet pod>, annotated k3k.io/name and k3k.io/namespace with the
// virtual pod's own name and namespace, without owner references, nodeName cleared for the
// host's scheduler. Virtual-mode workloads run inside the agent pods: the host never sees them.
#include <nlohmann/json.hpp>
#include <string>

#include "registry.h"

namespace kraft::testing {

/// A pod inside a virtual cluster: one container `app` with these requests and limits (an
/// empty string leaves that entry out).
struct WorkloadPod {
  std::string name;            ///< its name inside the virtual cluster
  std::string ns = "default";  ///< its namespace inside the virtual cluster
  nlohmann::json labels = nlohmann::json::object();
  std::string cpu_request = "100m";
  std::string memory_request = "128Mi";
  std::string cpu_limit = "200m";
  std::string memory_limit = "256Mi";
  /// What the metrics API reports it uses (annotations kraft.test/usage-cpu/-memory on the
  /// host pod); empty: the server's default, half the request (50m and 64Mi by default).
  std::string usage_cpu;
  std::string usage_memory;
  /// status.phase the simulated kubelet reports ("Running", "Pending", "Succeeded", "Failed").
  std::string phase = "Running";
};

/// The default workload pod number `index`: workload-INDEX in namespace default, label
/// app=workload, the default requests and limits.
WorkloadPod default_workload_pod(int index);

/// The host pod K3k's virtual kubelet creates for `pod` of `cluster` (a stored Cluster).
nlohmann::json workload_host_pod(const nlohmann::json& cluster, const WorkloadPod& pod);

/// Creates that host pod through `registry` (as the virtual kubelet, manager k3k-kubelet)
/// and reports pod.phase in its status; returns the host pod's name. Throws
/// std::runtime_error when the server refuses it.
std::string create_workload_pod(Registry& registry, const nlohmann::json& cluster,
                                const WorkloadPod& pod);

}  // namespace kraft::testing
