#include "k3k_policy.h"

#include <iostream>

#include "k3k_names.h"
#include "k3k_objects.h"

namespace kraft::testing {

using nlohmann::json;

namespace {

const char* const kManagedBy = "app.kubernetes.io/managed-by";
const char* const kPolicyController = "k3k-policy-controller";

std::string collection_path(const std::string& ns, const std::string& kind) {
  return "/api/v1/namespaces/" + ns +
         (kind == "ResourceQuota" ? "/resourcequotas" : "/limitranges");
}

std::vector<std::string> names_in(Registry& registry, const std::string& path) {
  std::vector<std::string> names;
  ApiResponse r = registry.call("GET", path);
  if (r.status != 200) return names;
  const json list = json::parse(r.body);
  for (const auto& item : list["items"])
    names.push_back(item["metadata"]["name"].get<std::string>());
  return names;
}

}  // namespace

json policy_object(const json& policy, const std::string& ns, const std::string& kind) {
  const std::string name = policy["metadata"]["name"];
  const json spec = policy.value("spec", json::object());
  return {{"apiVersion", "v1"},
          {"kind", kind},
          {"metadata",
           {{"name", k3k_name(name)},
            {"namespace", ns},
            {"labels", {{kManagedBy, kPolicyController}, {kPolicyNameLabel, name}}},
            {"ownerReferences", json::array({owner_reference(policy)})}}},
          {"spec", spec.value(kind == "ResourceQuota" ? "quota" : "limit", json::object())}};
}

void reconcile_policy_namespace(Registry& registry, const std::string& ns) {
  auto ns_object = registry.get("namespaces", "", ns);
  if (!ns_object || (*ns_object)["metadata"].contains("deletionTimestamp")) return;
  const std::string bound =
      (*ns_object)["metadata"].value("labels", json::object()).value(kPolicyNameLabel, "");
  std::optional<json> policy;
  if (!bound.empty()) policy = registry.get("virtualclusterpolicies.k3k.io", "", bound);
  if (policy && (*policy)["metadata"].contains("deletionTimestamp")) policy.reset();

  for (const std::string kind : {"ResourceQuota", "LimitRange"}) {
    // cleanupNamespaces: what the controller made for any other policy goes.
    std::string selector = std::string(kManagedBy) + "=" + kPolicyController;
    if (!bound.empty()) selector += "," + std::string(kPolicyNameLabel) + "!=" + bound;
    const std::string collection = collection_path(ns, kind);
    for (const auto& stale : names_in(registry, collection + "?labelSelector=" + selector)) {
      registry.call("DELETE", collection + "/" + stale);
    }
    if (!policy) continue;
    const std::string field = kind == "ResourceQuota" ? "quota" : "limit";
    const json spec = (*policy).value("spec", json::object());
    if (!spec.contains(field) || spec[field].is_null()) {
      registry.call("DELETE", collection + "/" + k3k_name(bound));
      continue;
    }
    const json object = policy_object(*policy, ns, kind);
    ApiResponse r = registry.call("PATCH", object_path(object) + "?fieldManager=k3k&force=true",
                                  object.dump(), "application/apply-patch+yaml", "k3k");
    if (r.status >= 300) {
      std::cerr << "k3k-sim: " << kind << " for policy " << bound << " in " << ns << ": "
                << r.status << " " << r.body << "\n";
    }
  }
}

void reconcile_policy(Registry& registry, const std::string& policy) {
  for (const auto& ns : names_in(registry, "/api/v1/namespaces?labelSelector=" +
                                               std::string(kPolicyNameLabel) + "=" + policy)) {
    reconcile_policy_namespace(registry, ns);
  }
}

}  // namespace kraft::testing
