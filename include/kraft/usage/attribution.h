#pragma once
// Which virtual cluster a host object belongs to, by K3k's labels (docs/k3k.md, "Pods of a
// virtual cluster on the host"), never by namespace: two clusters may share one namespace.
//
//   k3k.io/clusterName=NAME        a workload pod (or PVC) a shared-mode cluster synced
//   cluster=NAME,role=server       a server pod (or its PVC)
//   cluster=NAME,type=agent        an agent pod (mode=shared kubelet, mode=virtual agent)
//
// The cluster is NAME in the object's own namespace, where K3k puts everything it makes.
#include <kraft/k3k/cluster_ref.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace kraft::usage {

/// K3k's labels and annotations on what a virtual cluster puts on the host.
inline constexpr const char* kClusterNameLabel = "k3k.io/clusterName";
inline constexpr const char* kVirtualNameAnnotation = "k3k.io/name";
inline constexpr const char* kVirtualNamespaceAnnotation = "k3k.io/namespace";
inline constexpr const char* kClusterLabel = "cluster";

/// What a pod does for its virtual cluster.
enum class PodRole {
  kWorkload,  ///< a pod of the virtual cluster's own workloads (shared mode)
  kServer,    ///< a K3k server pod
  kAgent,     ///< a K3k agent pod (the shared-mode kubelet or a virtual-mode agent)
};

/// "workload", "server", "agent".
std::string_view to_string(PodRole role);

/// The cluster an object belongs to and the part it plays.
struct Owner {
  k3k::ClusterRef cluster;
  PodRole role = PodRole::kWorkload;
};

/// The owner of a host pod or PVC by its labels; nullopt for anything K3k did not make
/// (a `cluster` label without role=server or type=agent is someone else's).
std::optional<Owner> owner_of(const nlohmann::json& object);

}  // namespace kraft::usage
