#pragma once
// Names: the rules kraft checks before sending anything, and the names K3k derives for the
// objects it creates for a cluster (docs/k3k.md, "Naming conventions").
#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace kraft::k3k {

/// Whether `s` is a DNS-1123 label: 1-63 of [a-z0-9-], starting and ending alphanumeric.
bool is_dns1123_label(std::string_view s);

/// Throws kraft::ValidationError unless `name` can name a K3k Cluster: a DNS-1123 label that
/// is not "system" (which K3k refuses).
void validate_cluster_name(std::string_view name);
/// Throws kraft::ValidationError unless `ns` is a valid namespace name (a DNS-1123 label).
void validate_namespace_name(std::string_view ns);
/// Throws kraft::ValidationError unless `name` can name a VirtualClusterPolicy. Policies are
/// cluster-scoped objects (DNS-1123 subdomains), but their name is also a label value and
/// part of object names, so kraft asks for a DNS-1123 label.
void validate_policy_name(std::string_view name);

/// K3k's SafeConcatName: `parts` (empty ones dropped) joined by "-", shortened to 63
/// characters with a SHA-256 suffix when longer.
std::string safe_concat_name(std::span<const std::string_view> parts);

/// K3k's SafeConcatNameWithPrefix: safe_concat_name of "k3k" followed by `parts`.
template <class... Parts>
std::string k3k_name(const Parts&... parts) {
  const std::array<std::string_view, sizeof...(Parts) + 1> all{"k3k", std::string_view(parts)...};
  return safe_concat_name(all);
}

/// Where `kraft create NAME` puts a cluster unless told otherwise: k3k-NAME.
std::string default_namespace(std::string_view cluster);
/// Service k3k-NAME-service (443 → 6443).
std::string service_name(std::string_view cluster);
/// Headless Service k3k-NAME-service-headless of the server StatefulSet.
std::string headless_service_name(std::string_view cluster);
/// StatefulSet k3k-NAME-server.
std::string server_statefulset_name(std::string_view cluster);
/// Server pod `index`: the StatefulSet's name + "-" + index (named by the StatefulSet
/// controller, so never shortened).
std::string server_pod_name(std::string_view cluster, std::size_t index);
/// PVC of server pod `index`: varlibrancherk3s-<statefulset>-<index> (volumeClaimTemplate
/// "varlibrancherk3s").
std::string server_pvc_name(std::string_view cluster, std::size_t index);
/// Ingress k3k-NAME-ingress (expose.ingress only).
std::string ingress_name(std::string_view cluster);
/// Secret k3k-NAME-token, key "token".
std::string token_secret_name(std::string_view cluster);
/// Secret k3k-NAME-bootstrap, key "bootstrap" (the CAs kraft signs kubeconfigs with).
std::string bootstrap_secret_name(std::string_view cluster);
/// Secret k3k-NAME-kubeconfig, key "kubeconfig.yaml" (server URL is host-internal).
std::string kubeconfig_secret_name(std::string_view cluster);
/// DaemonSet k3k-NAME-kubelet (shared mode).
std::string kubelet_daemonset_name(std::string_view cluster);
/// Deployment k3k-NAME-agent (virtual mode).
std::string agent_deployment_name(std::string_view cluster);
/// ResourceQuota and LimitRange k3k-POLICY in each namespace bound to a policy.
std::string policy_object_name(std::string_view policy);

/// Label selectors of the host objects of a cluster.
/// Server pods and their PVCs: cluster=NAME,role=server.
std::string server_selector(std::string_view cluster);
/// Shared-mode kubelet pods: cluster=NAME,type=agent,mode=shared.
std::string shared_agent_selector(std::string_view cluster);
/// Virtual-mode agent pods: cluster=NAME,type=agent,mode=virtual.
std::string virtual_agent_selector(std::string_view cluster);
/// Workload pods a shared-mode cluster syncs to the host: k3k.io/clusterName=NAME.
std::string workload_selector(std::string_view cluster);
/// Namespaces bound to a policy: policy.k3k.io/policy-name=POLICY.
std::string policy_namespace_selector(std::string_view policy);

}  // namespace kraft::k3k
