#pragma once
// Value types shared by K3k's Cluster and VirtualClusterPolicy (k3k.io/v1beta1): conditions,
// quantities and the sync settings. Every field is optional so that writing an object back
// emits only what is set and the server fills in the CRD defaults.
//
// Kubernetes core types that K3k embeds unchanged (Affinity, SecurityContext, EnvVar, ...)
// stay as nlohmann::json: kraft passes them through and never interprets them, which is why
// this header needs the full json type rather than json_fwd.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kraft::k3k {

/// intstr.IntOrString as the API sends it: quantities such as `2G` or `4`, kept in their JSON
/// type so that a read-modify-write sends back exactly what it read.
struct IntOrString {
  std::variant<std::int64_t, std::string> value = std::string();

  IntOrString() = default;
  IntOrString(std::int64_t number) : value(number) {}          // NOLINT: implicit like the API type
  IntOrString(std::string text) : value(std::move(text)) {}    // NOLINT
  IntOrString(const char* text) : value(std::string(text)) {}  // NOLINT

  bool is_int() const { return std::holds_alternative<std::int64_t>(value); }
  /// The value as text ("2G", "4"), whichever JSON type it had.
  std::string str() const;
  bool operator==(const IntOrString&) const = default;
};

/// corev1.ResourceList: resource name ("cpu", "memory") to quantity.
using ResourceList = std::map<std::string, IntOrString>;

/// metav1.Condition (status.conditions[]).
struct Condition {
  std::string type;    ///< "Ready"
  std::string status;  ///< "True", "False", "Unknown"
  std::string reason;  ///< "Provisioned", "ValidationFailed", ...
  std::string message;
  std::string last_transition_time;  ///< RFC 3339, as sent
  std::optional<std::int64_t> observed_generation;
};

/// The condition of `type` in `conditions`, if present.
std::optional<Condition> find_condition(const std::vector<Condition>& conditions,
                                        const std::string& type);

/// One kind of object the virtual cluster syncs to the host (spec.sync.<kind>).
struct SyncResourceConfig {
  std::optional<bool> enabled;
  std::optional<std::map<std::string, std::string>> selector;
};

/// spec.sync.ingresses, which has one more switch than the other kinds.
struct IngressSyncConfig {
  std::optional<bool> enabled;
  std::optional<std::map<std::string, std::string>> selector;
  std::optional<bool> disable_tls_secret_translation;  ///< disableTLSSecretTranslation
};

/// spec.sync of a Cluster or VirtualClusterPolicy (status.policy.sync too).
struct SyncConfig {
  std::optional<SyncResourceConfig> config_maps;
  std::optional<IngressSyncConfig> ingresses;
  std::optional<SyncResourceConfig> persistent_volume_claims;
  std::optional<SyncResourceConfig> priority_classes;
  std::optional<SyncResourceConfig> secrets;
  std::optional<SyncResourceConfig> services;
  std::optional<SyncResourceConfig> storage_classes;
};

/// corev1.ResourceRequirements (spec.serverResources / workerResources).
struct ResourceRequirements {
  std::optional<nlohmann::json> claims;  ///< [{name, request}], passed through
  std::optional<ResourceList> limits;
  std::optional<ResourceList> requests;
};

}  // namespace kraft::k3k
