#pragma once
// ResourceQuota status as kube-controller-manager's quota controller (v1.26) computes it:
// status.hard is spec.hard, status.used the usage of every hard resource some evaluator
// knows (pkg/quota/v1/evaluator/core: pods, services, persistentvolumeclaims, object counts).
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "object_store.h"

namespace kraft::testing {

/// status.hard: spec.hard with every quantity in canonical form ("1000m" -> "1").
nlohmann::json quota_hard(const nlohmann::json& hard);

/// status.used for `hard` in namespace `ns`. Resources no evaluator knows get no entry, as
/// the controller leaves them; `served(type_id)` says whether a `count/<resource>[.<group>]`
/// names a resource the server has ("deployments.apps", "clusters.k3k.io", "pods").
/// Pods: `pods` and compute resources count non-terminal pods only, `count/pods` every pod;
/// requests and limits per pod as the scheduler sees them (pod_resources.h).
nlohmann::json quota_used(const ObjectStore& store, const std::string& ns,
                          const nlohmann::json& hard,
                          const std::function<bool(const std::string&)>& served);

}  // namespace kraft::testing
