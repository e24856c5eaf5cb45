#pragma once
// What K3k's policy controller (pkg/controller/policy) does to a namespace bound to a
// VirtualClusterPolicy by the label policy.k3k.io/policy-name=POLICY: ResourceQuota
// `k3k-POLICY` with the policy's spec.quota and LimitRange `k3k-POLICY` with its spec.limit
// (each labelled app.kubernetes.io/managed-by=k3k-policy-controller and
// policy.k3k.io/policy-name=POLICY, controlled by the policy so the garbage collector removes
// them with it); a policy without quota or limit has none; objects of a policy the namespace
// is no longer bound to are deleted.
#include <nlohmann/json.hpp>
#include <string>

#include "registry.h"

namespace kraft::testing {

/// The Namespace label that binds it to a VirtualClusterPolicy.
inline constexpr const char* kPolicyNameLabel = "policy.k3k.io/policy-name";

/// ResourceQuota or LimitRange `k3k-POLICY` in `ns`, as K3k's reconcileQuota/reconcileLimit
/// build it; `kind` is "ResourceQuota" (from spec.quota) or "LimitRange" (spec.limit).
nlohmann::json policy_object(const nlohmann::json& policy, const std::string& ns,
                             const std::string& kind);

/// Brings namespace `ns` in line with the policy its label names (or none).
void reconcile_policy_namespace(Registry& registry, const std::string& ns);

/// Reconciles every namespace bound to `policy` (after the policy changed).
void reconcile_policy(Registry& registry, const std::string& policy);

}  // namespace kraft::testing
