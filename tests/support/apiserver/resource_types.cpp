#include "resource_types.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <stdexcept>

namespace kraft::testing {

using nlohmann::json;

namespace {

ResourceType builtin(std::string group, std::string version, std::string kind,
                     std::string plural, bool namespaced, std::vector<std::string> short_names,
                     bool has_status) {
  ResourceType t;
  t.group = std::move(group);
  t.version = std::move(version);
  t.kind = kind;
  t.list_kind = kind + "List";
  t.plural = std::move(plural);
  t.singular = kind;
  std::transform(t.singular.begin(), t.singular.end(), t.singular.begin(), ::tolower);
  t.namespaced = namespaced;
  t.short_names = std::move(short_names);
  t.has_status = has_status;
  return t;
}

// The API groups a v1.26 kube-apiserver serves, in its discovery order (discovery.json).
struct BuiltinGroup {
  const char* name;
  std::vector<const char*> versions;
};
const std::vector<BuiltinGroup>& builtin_groups() {
  static const std::vector<BuiltinGroup> groups = {
      {"apiregistration.k8s.io", {"v1"}}, {"apps", {"v1"}},
      {"events.k8s.io", {"v1"}},          {"authentication.k8s.io", {"v1"}},
      {"authorization.k8s.io", {"v1"}},   {"autoscaling", {"v2", "v1"}},
      {"batch", {"v1"}},                  {"certificates.k8s.io", {"v1"}},
      {"networking.k8s.io", {"v1"}},      {"policy", {"v1"}},
      {"rbac.authorization.k8s.io", {"v1"}}, {"storage.k8s.io", {"v1", "v1beta1"}},
      {"admissionregistration.k8s.io", {"v1"}}, {"apiextensions.k8s.io", {"v1"}},
      {"scheduling.k8s.io", {"v1"}},      {"coordination.k8s.io", {"v1"}},
      {"node.k8s.io", {"v1"}},            {"discovery.k8s.io", {"v1"}},
      {"flowcontrol.apiserver.k8s.io", {"v1beta3", "v1beta2"}},
  };
  return groups;
}

json group_versions_json(const std::string& group, const std::vector<std::string>& versions) {
  json out = json::object();
  out["name"] = group;
  json vs = json::array();
  for (const auto& v : versions) vs.push_back({{"groupVersion", group + "/" + v}, {"version", v}});
  out["versions"] = vs;
  out["preferredVersion"] = vs.at(0);
  return out;
}

}  // namespace

ResourceTypes::ResourceTypes() {
  // Every resource a v1.26 server lists in discovery, so clients such as kubectl see a complete
  // API. All are stored generically; the kinds kraft depends on get their strategies in
  // builtin_kinds.cpp.
  types_ = {
      builtin("", "v1", "Namespace", "namespaces", false, {"ns"}, true),
      builtin("", "v1", "Secret", "secrets", true, {}, false),
      builtin("", "v1", "ConfigMap", "configmaps", true, {"cm"}, false),
      builtin("", "v1", "Service", "services", true, {"svc"}, true),
      builtin("", "v1", "Pod", "pods", true, {"po"}, true),
      builtin("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, {"pvc"}, true),
      builtin("", "v1", "PersistentVolume", "persistentvolumes", false, {"pv"}, true),
      builtin("", "v1", "Event", "events", true, {"ev"}, false),
      builtin("", "v1", "ResourceQuota", "resourcequotas", true, {"quota"}, true),
      builtin("", "v1", "LimitRange", "limitranges", true, {"limits"}, false),
      builtin("", "v1", "Node", "nodes", false, {"no"}, true),
      builtin("", "v1", "ServiceAccount", "serviceaccounts", true, {"sa"}, false),
      builtin("", "v1", "Endpoints", "endpoints", true, {"ep"}, false),
      builtin("", "v1", "PodTemplate", "podtemplates", true, {}, false),
      builtin("", "v1", "ReplicationController", "replicationcontrollers", true, {"rc"}, true),
      builtin("apiregistration.k8s.io", "v1", "APIService", "apiservices", false, {}, true),
      builtin("apps", "v1", "StatefulSet", "statefulsets", true, {"sts"}, true),
      builtin("apps", "v1", "Deployment", "deployments", true, {"deploy"}, true),
      builtin("apps", "v1", "DaemonSet", "daemonsets", true, {"ds"}, true),
      builtin("apps", "v1", "ReplicaSet", "replicasets", true, {"rs"}, true),
      builtin("apps", "v1", "ControllerRevision", "controllerrevisions", true, {}, false),
      builtin("events.k8s.io", "v1", "Event", "events", true, {"ev"}, false),
      builtin("authentication.k8s.io", "v1", "TokenReview", "tokenreviews", false, {}, false),
      builtin("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews",
              false, {}, false),
      builtin("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", false,
              {}, false),
      builtin("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true,
              {"hpa"}, true),
      builtin("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true,
              {"hpa"}, true),
      builtin("batch", "v1", "Job", "jobs", true, {}, true),
      builtin("batch", "v1", "CronJob", "cronjobs", true, {"cj"}, true),
      builtin("certificates.k8s.io", "v1", "CertificateSigningRequest",
              "certificatesigningrequests", false, {"csr"}, true),
      builtin("networking.k8s.io", "v1", "Ingress", "ingresses", true, {"ing"}, true),
      builtin("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false, {}, false),
      builtin("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, {"netpol"},
              false),
      builtin("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, {"pdb"}, true),
      builtin("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, {}, false),
      builtin("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings",
              false, {}, false),
      builtin("rbac.authorization.k8s.io", "v1", "Role", "roles", true, {}, false),
      builtin("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, {}, false),
      builtin("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, {"sc"}, false),
      builtin("storage.k8s.io", "v1", "CSIDriver", "csidrivers", false, {}, false),
      builtin("storage.k8s.io", "v1", "CSINode", "csinodes", false, {}, false),
      builtin("storage.k8s.io", "v1", "VolumeAttachment", "volumeattachments", false, {}, true),
      builtin("storage.k8s.io", "v1beta1", "CSIStorageCapacity", "csistoragecapacities", true,
              {}, false),
      builtin("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration",
              "mutatingwebhookconfigurations", false, {}, false),
      builtin("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration",
              "validatingwebhookconfigurations", false, {}, false),
      builtin("apiextensions.k8s.io", "v1", "CustomResourceDefinition",
              "customresourcedefinitions", false, {"crd", "crds"}, true),
      builtin("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, {"pc"}, false),
      builtin("coordination.k8s.io", "v1", "Lease", "leases", true, {}, false),
      builtin("node.k8s.io", "v1", "RuntimeClass", "runtimeclasses", false, {}, false),
      builtin("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, {}, false),
      builtin("flowcontrol.apiserver.k8s.io", "v1beta3", "FlowSchema", "flowschemas", false, {},
              true),
      builtin("flowcontrol.apiserver.k8s.io", "v1beta3", "PriorityLevelConfiguration",
              "prioritylevelconfigurations", false, {}, true),
      builtin("flowcontrol.apiserver.k8s.io", "v1beta2", "FlowSchema", "flowschemas", false, {},
              true),
      builtin("flowcontrol.apiserver.k8s.io", "v1beta2", "PriorityLevelConfiguration",
              "prioritylevelconfigurations", false, {}, true),
  };
}

void ResourceTypes::install(const Crd& crd) {
  for (const auto& v : crd.versions) {
    if (!v.served) continue;
    if (find(crd.group, v.name, crd.plural) != nullptr) {
      throw std::invalid_argument("CRD " + crd.plural + "." + crd.group + " is already installed");
    }
    ResourceType t;
    t.group = crd.group;
    t.version = v.name;
    t.kind = crd.kind;
    t.list_kind = crd.list_kind.empty() ? crd.kind + "List" : crd.list_kind;
    t.plural = crd.plural;
    t.singular = crd.singular;
    t.namespaced = crd.namespaced;
    t.short_names = crd.short_names;
    t.has_status = v.status_subresource;
    t.is_crd = true;
    t.schema = v.schema;
    types_.push_back(std::move(t));
  }
  if (std::find(crd_groups_.begin(), crd_groups_.end(), crd.group) == crd_groups_.end()) {
    crd_groups_.push_back(crd.group);
  }
}

void ResourceTypes::install_metrics_api() {
  // In metrics-server's discovery order (by name).
  types_.push_back(builtin("metrics.k8s.io", "v1beta1", "NodeMetrics", "nodes", false, {}, false));
  types_.push_back(builtin("metrics.k8s.io", "v1beta1", "PodMetrics", "pods", true, {}, false));
  aggregated_groups_.push_back("metrics.k8s.io");
}

const ResourceType* ResourceTypes::find(const std::string& group, const std::string& version,
                                        const std::string& plural) const {
  for (const auto& t : types_) {
    if (t.group == group && t.version == version && t.plural == plural) return &t;
  }
  return nullptr;
}

const ResourceType* ResourceTypes::find_kind(const std::string& api_version,
                                             const std::string& kind) const {
  for (const auto& t : types_) {
    if (t.api_version() == api_version && t.kind == kind) return &t;
  }
  return nullptr;
}

bool ResourceTypes::serves_group(const std::string& group) const {
  if (group.empty()) return true;
  for (const auto& g : builtin_groups()) {
    if (group == g.name) return true;
  }
  return std::find(crd_groups_.begin(), crd_groups_.end(), group) != crd_groups_.end() ||
         std::find(aggregated_groups_.begin(), aggregated_groups_.end(), group) !=
             aggregated_groups_.end();
}

bool ResourceTypes::serves_group_version(const std::string& group,
                                         const std::string& version) const {
  for (const auto& g : builtin_groups()) {
    if (group != g.name) continue;
    for (const char* v : g.versions) {
      if (version == v) return true;
    }
  }
  for (const auto& t : types_) {
    if (t.group == group && t.version == version) return true;
  }
  return group.empty() && version == "v1";
}

json ResourceTypes::api_versions(const std::string& server_address) const {
  json out = json::object();
  out["kind"] = "APIVersions";
  out["versions"] = json::array({"v1"});
  out["serverAddressByClientCIDRs"] =
      json::array({{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", server_address}}});
  return out;
}

json ResourceTypes::api_group_list() const {
  json groups = json::array();
  for (const auto& g : builtin_groups()) {
    groups.push_back(group_versions_json(g.name, {g.versions.begin(), g.versions.end()}));
  }
  // CRD groups follow the built-in ones; the real aggregator lists the most recently
  // registered CRD group first (discovery.json: traefik.io before k3k.io).
  for (auto it = crd_groups_.rbegin(); it != crd_groups_.rend(); ++it) groups.push_back(api_group(*it));
  // metrics-server's APIService has groupPriorityMinimum 100, below the CRDs' 1000.
  for (const auto& g : aggregated_groups_) groups.push_back(api_group(g));
  for (auto& g : groups) {
    g.erase("kind");
    g.erase("apiVersion");
  }
  return json{{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
}

json ResourceTypes::api_group(const std::string& group) const {
  std::vector<std::string> versions;
  for (const auto& g : builtin_groups()) {
    if (group == g.name) versions.assign(g.versions.begin(), g.versions.end());
  }
  for (const auto& t : types_) {
    if (t.group == group && std::find(versions.begin(), versions.end(), t.version) == versions.end()) {
      versions.push_back(t.version);
    }
  }
  json body = group_versions_json(group, versions);
  json out = json::object();
  out["kind"] = "APIGroup";
  out["apiVersion"] = "v1";
  out.update(body);
  return out;
}

json ResourceTypes::api_resource_list(const std::string& group, const std::string& version) const {
  json resources = json::array();
  for (const auto& t : types_) {
    if (t.group != group || t.version != version) continue;
    json r = json::object();
    r["name"] = t.plural;
    r["singularName"] = t.is_crd ? t.singular : "";
    r["namespaced"] = t.namespaced;
    r["kind"] = t.kind;
    r["verbs"] = json::array(
        {"delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"});
    if (t.kind == "Namespace") {
      r["verbs"] = json::array({"create", "delete", "get", "list", "patch", "update", "watch"});
    }
    if (!t.short_names.empty()) r["shortNames"] = t.short_names;
    const bool aggregated = std::find(aggregated_groups_.begin(), aggregated_groups_.end(),
                                      t.group) != aggregated_groups_.end();
    if (aggregated) {
      // metrics-server: read-only storage without a storage version.
      r["verbs"] = json::array({"get", "list"});
    } else {
      r["storageVersionHash"] = storage_version_hash(t.group, t.version, t.kind);
    }
    resources.push_back(r);
    if (t.kind == "Namespace") {
      resources.push_back({{"name", "namespaces/finalize"},
                           {"singularName", ""},
                           {"namespaced", false},
                           {"kind", "Namespace"},
                           {"verbs", json::array({"update"})}});
    }
    if (t.has_status) {
      resources.push_back({{"name", t.plural + "/status"},
                           {"singularName", ""},
                           {"namespaced", t.namespaced},
                           {"kind", t.kind},
                           {"verbs", json::array({"get", "patch", "update"})}});
    }
  }
  return json{{"kind", "APIResourceList"},
              {"apiVersion", "v1"},
              {"groupVersion", group.empty() ? version : group + "/" + version},
              {"resources", resources}};
}

std::string storage_version_hash(const std::string& group, const std::string& version,
                                 const std::string& kind) {
  std::string gvk = group + "/" + version + "/" + kind;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(gvk.data()), gvk.size(), digest);
  unsigned char out[16] = {};
  EVP_EncodeBlock(out, digest, 8);
  return reinterpret_cast<char*>(out);
}

}  // namespace kraft::testing
