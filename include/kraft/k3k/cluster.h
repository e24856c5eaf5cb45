#pragma once
// K3k's Cluster (k3k.io/v1beta1, namespaced): one virtual cluster. Field names follow the CRD
// (third_party/k3k/crds/k3k.io_clusters.yaml) in snake_case; the JSON keys are the CRD's.
// A Cluster keeps the JSON it was read from and to_json() writes the typed fields over it, so
// fields kraft does not know survive a read-modify-write.
#include <kraft/k3k/types.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kraft::k3k {

/// A Secret holding manifests the server applies at start (spec.addons[]).
struct Addon {
  std::optional<std::string> secret_namespace;
  std::optional<std::string> secret_ref;
};

/// A Secret with a custom CA (spec.customCAs.sources.*).
struct CredentialSource {
  std::optional<std::string> secret_name;
};

/// spec.customCAs.sources.
struct CredentialSources {
  std::optional<CredentialSource> client_ca;
  std::optional<CredentialSource> etcd_peer_ca;
  std::optional<CredentialSource> etcd_server_ca;
  std::optional<CredentialSource> request_header_ca;
  std::optional<CredentialSource> server_ca;
  std::optional<CredentialSource> service_account_token;
};

/// spec.customCAs.
struct CustomCAs {
  std::optional<bool> enabled;
  std::optional<CredentialSources> sources;
};

/// spec.expose.ingress.
struct IngressConfig {
  std::optional<std::map<std::string, std::string>> annotations;
  std::optional<std::string> ingress_class_name;
};

/// spec.expose.loadBalancer; a port of 0 or less is not exposed.
struct LoadBalancerConfig {
  std::optional<std::int32_t> server_port;
  std::optional<std::int32_t> etcd_port;
};

/// spec.expose.nodePort; ports outside 30000-32767 are not exposed.
struct NodePortConfig {
  std::optional<std::int32_t> server_port;
  std::optional<std::int32_t> etcd_port;
};

/// spec.expose: at most one of ingress, loadBalancer, nodePort (a CEL rule of the CRD).
struct ExposeConfig {
  std::optional<std::map<std::string, std::string>> annotations;
  std::optional<IngressConfig> ingress;
  std::optional<LoadBalancerConfig> load_balancer;
  std::optional<NodePortConfig> node_port;
};

/// spec.persistence. Without it the server keeps its data in an emptyDir.
struct PersistenceConfig {
  std::optional<std::string> storage_class_name;
  std::optional<IntOrString> storage_request_size;  ///< immutable; CRD default "2G"
  std::optional<std::string> type;                  ///< "dynamic" (default) or "ephemeral"
};

/// A Secret mounted into server and/or agent pods (spec.secretMounts[]).
struct SecretMount {
  std::optional<std::int32_t> default_mode;
  std::optional<nlohmann::json> items;  ///< [{key, path, mode}], passed through
  std::optional<std::string> mount_path;
  std::optional<std::string> name;
  std::optional<bool> optional;
  std::optional<std::string> role;  ///< "server", "agent" or "all"
  std::optional<std::string> secret_name;
  std::optional<std::string> sub_path;
};

/// spec.tokenSecretRef.
struct SecretReference {
  std::optional<std::string> name;
  std::optional<std::string> namespace_;  ///< "namespace"
};

/// Cluster.spec: every field of the CRD.
struct ClusterSpec {
  std::optional<std::vector<Addon>> addons;
  std::optional<nlohmann::json> agent_affinity;  ///< corev1.Affinity
  std::optional<std::vector<std::string>> agent_args;
  std::optional<nlohmann::json> agent_envs;  ///< []corev1.EnvVar
  std::optional<std::int32_t> agents;        ///< >= 0, default 0; virtual mode only
  std::optional<std::string> cluster_cidr;   ///< clusterCIDR, immutable
  std::optional<std::string> cluster_dns;    ///< clusterDNS, immutable
  std::optional<CustomCAs> custom_cas;       ///< customCAs
  std::optional<ExposeConfig> expose;
  std::optional<bool> host_users;
  std::optional<bool> mirror_host_nodes;
  std::optional<std::string> mode;  ///< "shared" (default), "virtual", "hcp"; immutable
  std::optional<std::map<std::string, std::string>> node_selector;
  std::optional<PersistenceConfig> persistence;
  std::optional<nlohmann::json> pod_security_context;  ///< corev1.PodSecurityContext
  std::optional<std::string> priority_class;
  std::optional<std::string> runtime_class_name;
  std::optional<std::vector<SecretMount>> secret_mounts;
  std::optional<nlohmann::json> security_context;  ///< corev1.SecurityContext
  std::optional<nlohmann::json> server_affinity;   ///< corev1.Affinity
  std::optional<std::vector<std::string>> server_args;
  std::optional<nlohmann::json> server_envs;  ///< []corev1.EnvVar
  std::optional<ResourceList> server_limit;
  std::optional<ResourceRequirements> server_resources;
  std::optional<std::int32_t> servers;      ///< >= 1, default 1
  std::optional<std::string> service_cidr;  ///< serviceCIDR, immutable
  std::optional<SyncConfig> sync;
  std::optional<std::vector<std::string>> tls_sans;  ///< tlsSANs
  std::optional<SecretReference> token_secret_ref;
  std::optional<std::string> version;  ///< k3s version, e.g. "v1.31.1-k3s1"
  std::optional<ResourceList> worker_limit;
  std::optional<ResourceRequirements> worker_resources;
};

/// status.policy: the VirtualClusterPolicy settings the controller applied.
struct AppliedPolicy {
  std::optional<nlohmann::json> agent_affinity;
  std::optional<bool> host_users;
  std::optional<std::string> name;
  std::optional<std::map<std::string, std::string>> node_selector;
  std::optional<nlohmann::json> pod_security_context;
  std::optional<std::string> priority_class;
  std::optional<std::string> runtime_class_name;
  std::optional<nlohmann::json> security_context;
  std::optional<nlohmann::json> server_affinity;
  std::optional<SyncConfig> sync;
};

/// Cluster.status: every field of the CRD.
struct ClusterStatus {
  std::optional<std::string> cluster_cidr;
  std::optional<std::string> cluster_dns;
  std::optional<std::vector<Condition>> conditions;
  std::optional<std::string> host_version;  ///< set once the controller picked the cluster up
  std::optional<std::int64_t> kubelet_port;
  std::optional<std::string> phase;  ///< as stored; see Cluster::phase()
  std::optional<AppliedPolicy> policy;
  std::optional<std::string> policy_name;
  std::optional<std::string> service_cidr;
  std::optional<std::vector<std::string>> tls_sans;
};

/// The life-cycle phase kraft shows.
enum class ClusterPhase { kUnknown, kPending, kProvisioning, kReady, kFailed, kTerminating };

/// "Unknown", "Pending", ... as K3k spells them.
std::string_view to_string(ClusterPhase phase);
/// The phase named `text`; anything unrecognised (or empty) is kUnknown.
ClusterPhase parse_cluster_phase(std::string_view text);

/// A k3k.io/v1beta1 Cluster.
class Cluster {
 public:
  static constexpr std::string_view kApiVersion = "k3k.io/v1beta1";
  static constexpr std::string_view kKind = "Cluster";
  /// The finalizer K3k puts on every Cluster.
  static constexpr std::string_view kFinalizer = "cluster.k3k.io/finalizer";

  nlohmann::json metadata = nlohmann::json::object();  ///< metav1.ObjectMeta, as JSON
  ClusterSpec spec;
  std::optional<ClusterStatus> status;

  Cluster() = default;
  /// A new Cluster with only metadata.name and metadata.namespace set.
  Cluster(const std::string& ns, const std::string& name);

  /// Reads a Cluster as the API server returns it; throws kraft::Error naming the field when
  /// a field has the wrong JSON type or the object is not a Cluster.
  static Cluster from_json(const nlohmann::json& object);
  /// The same, keeping `object` itself as raw() instead of a copy (lists of thousands).
  static Cluster from_json(nlohmann::json&& object);
  /// The object to send: the JSON it was read from with every typed field written over it
  /// (unset fields removed, unknown fields kept).
  nlohmann::json to_json() const;
  /// The JSON this value was read from ({} for a Cluster built in code).
  const nlohmann::json& raw() const { return raw_; }

  std::string name() const;
  std::string namespace_name() const;
  /// metadata.deletionTimestamp is set: the cluster is being deleted.
  bool is_terminating() const;
  /// status.phase, or kTerminating while the cluster is being deleted.
  ClusterPhase phase() const;
  /// status.conditions[type=Ready], if the controller has set it.
  std::optional<Condition> ready_condition() const;

 private:
  nlohmann::json raw_ = nlohmann::json::object();
};

}  // namespace kraft::k3k
