#pragma once
// The host objects K3k creates for a Cluster, as JSON bodies for server-side apply. Pure
// functions of the Cluster object (see docs/k3k.md for the contract):
// names, labels and owner references are what kraft relies on; container details are minimal.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kraft::testing {

/// spec.mode, spec.servers, spec.agents with the CRD defaults.
std::string cluster_mode(const nlohmann::json& cluster);
int cluster_servers(const nlohmann::json& cluster);
int cluster_agents(const nlohmann::json& cluster);
/// Whether the server keeps its data in PVCs (spec.persistence.type dynamic).
bool has_dynamic_persistence(const nlohmann::json& cluster);

/// The REST path of a namespaced object from its apiVersion, kind, namespace and name.
std::string object_path(const nlohmann::json& object);

/// A controller ownerReference to `owner` (any object with apiVersion, kind, name, uid).
nlohmann::json owner_reference(const nlohmann::json& owner);

/// Service k3k-NAME-service: ClusterIP, NodePort or LoadBalancer after spec.expose; 443→6443.
/// `live_port`: the port of the cluster's live API server (K3kSimulatorOptions::live_clusters),
/// which becomes the NodePort (unless the spec names one) or the LoadBalancer's port.
nlohmann::json server_service(const nlohmann::json& cluster,
                              std::optional<int> live_port = std::nullopt);
/// Service k3k-NAME-service-headless for the StatefulSet.
nlohmann::json headless_service(const nlohmann::json& cluster);
/// StatefulSet k3k-NAME-server with spec.servers replicas.
nlohmann::json server_statefulset(const nlohmann::json& cluster);
/// Pod k3k-NAME-server-<index>, owned by the StatefulSet as its controller would make it.
nlohmann::json server_pod(const nlohmann::json& cluster, const nlohmann::json& statefulset,
                          int index);
/// PVC varlibrancherk3s-k3k-NAME-server-<index>: labelled, deliberately not owned.
nlohmann::json server_pvc(const nlohmann::json& cluster, int index);
/// Ingress k3k-NAME-ingress, only with spec.expose.ingress.
std::optional<nlohmann::json> server_ingress(const nlohmann::json& cluster);
/// An Opaque Secret owned by the cluster with one data key.
nlohmann::json cluster_secret(const nlohmann::json& cluster, const std::string& name,
                              const std::string& key, const std::string& value);
/// DaemonSet k3k-NAME-kubelet (shared) or Deployment k3k-NAME-agent (virtual); none for hcp.
std::optional<nlohmann::json> agent_workload(const nlohmann::json& cluster);
/// The agent workload's pods: one kubelet pod (shared) or spec.agents agent pods (virtual).
std::vector<nlohmann::json> agent_pods(const nlohmann::json& cluster,
                                       const nlohmann::json& workload);

}  // namespace kraft::testing
