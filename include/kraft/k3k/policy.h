#pragma once
// K3k's VirtualClusterPolicy (k3k.io/v1beta1, cluster-scoped): quota, limits and defaults
// for every namespace bound to it by the label policy.k3k.io/policy-name=POLICY. Like Cluster,
// it keeps the JSON it was read from so unknown fields survive a read-modify-write.
#include <kraft/k3k/types.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kraft::k3k {

/// corev1.LimitRangeItem (spec.limit.limits[]).
struct LimitRangeItem {
  std::optional<std::string> type;       ///< "Container", "Pod", "PersistentVolumeClaim"
  std::optional<ResourceList> default_;  ///< "default"
  std::optional<ResourceList> default_request;
  std::optional<ResourceList> max;
  std::optional<ResourceList> max_limit_request_ratio;
  std::optional<ResourceList> min;
};

/// corev1.LimitRangeSpec (spec.limit) → LimitRange k3k-POLICY in each bound namespace.
struct LimitRangeSpec {
  std::optional<std::vector<LimitRangeItem>> limits;
};

/// corev1.ResourceQuotaSpec (spec.quota) → ResourceQuota k3k-POLICY in each bound namespace.
struct ResourceQuotaSpec {
  std::optional<ResourceList> hard;
  std::optional<nlohmann::json> scope_selector;  ///< {matchExpressions}, passed through
  std::optional<std::vector<std::string>> scopes;
};

/// VirtualClusterPolicy.spec: every field of the CRD.
struct VirtualClusterPolicySpec {
  std::optional<std::string> allowed_mode;  ///< "shared" (default), "virtual", "hcp"; immutable
  std::optional<nlohmann::json> default_agent_affinity;  ///< corev1.Affinity
  std::optional<std::map<std::string, std::string>> default_node_selector;
  std::optional<std::string> default_priority_class;
  std::optional<nlohmann::json> default_server_affinity;  ///< corev1.Affinity
  std::optional<bool> disable_network_policy;
  std::optional<bool> host_users;
  std::optional<LimitRangeSpec> limit;
  std::optional<std::string> pod_security_admission_level;  ///< privileged|baseline|restricted
  std::optional<ResourceQuotaSpec> quota;
  std::optional<std::string> runtime_class_name;
  std::optional<nlohmann::json> security_context;  ///< corev1.SecurityContext
  std::optional<SyncConfig> sync;
};

/// VirtualClusterPolicy.status: every field of the CRD.
struct VirtualClusterPolicyStatus {
  std::optional<std::vector<Condition>> conditions;
  std::optional<std::string> last_update_time;
  std::optional<std::int64_t> observed_generation;
  std::optional<std::string> summary;
};

/// A k3k.io/v1beta1 VirtualClusterPolicy.
class VirtualClusterPolicy {
 public:
  static constexpr std::string_view kApiVersion = "k3k.io/v1beta1";
  static constexpr std::string_view kKind = "VirtualClusterPolicy";
  /// The Namespace label that binds a namespace to a policy.
  static constexpr std::string_view kNamespaceLabel = "policy.k3k.io/policy-name";

  nlohmann::json metadata = nlohmann::json::object();  ///< metav1.ObjectMeta, as JSON
  VirtualClusterPolicySpec spec;
  std::optional<VirtualClusterPolicyStatus> status;

  VirtualClusterPolicy() = default;
  /// A new policy with only metadata.name set.
  explicit VirtualClusterPolicy(const std::string& name);

  /// Reads a policy as the API server returns it; throws kraft::Error naming the field when a
  /// field has the wrong JSON type or the object is not a VirtualClusterPolicy.
  static VirtualClusterPolicy from_json(const nlohmann::json& object);
  /// The JSON it was read from with every typed field written over it.
  nlohmann::json to_json() const;
  /// The JSON this value was read from ({} for a policy built in code).
  const nlohmann::json& raw() const { return raw_; }

  std::string name() const;
  bool is_terminating() const;
  /// status.conditions[type=Ready], if set.
  std::optional<Condition> ready_condition() const;

 private:
  nlohmann::json raw_ = nlohmann::json::object();
};

}  // namespace kraft::k3k
