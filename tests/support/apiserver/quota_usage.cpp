// The evaluators of k8s.io/kubernetes/pkg/quota/v1/evaluator/core (pods.go, services.go,
// persistent_volume_claims.go) and the generic object-count evaluator, for one namespace.
#include "quota_usage.h"

#include <set>

#include "pod_resources.h"

namespace kraft::testing {

using nlohmann::json;

namespace {

/// helper.IsNativeResource: no domain, or a kubernetes.io one.
bool is_native_resource(const std::string& name) {
  return name.find('/') == std::string::npos || name.find("kubernetes.io/") != std::string::npos;
}

const std::set<std::string>& pod_quota_resources() {
  static const std::set<std::string> names = {"count/pods",
                                              "cpu",
                                              "memory",
                                              "ephemeral-storage",
                                              "requests.cpu",
                                              "requests.memory",
                                              "requests.ephemeral-storage",
                                              "limits.cpu",
                                              "limits.memory",
                                              "limits.ephemeral-storage",
                                              "pods"};
  return names;
}

bool pod_evaluator_matches(const std::string& key) {
  return pod_quota_resources().count(key) != 0 || key.starts_with("hugepages-") ||
         key.starts_with("requests.hugepages-") ||
         (!is_native_resource(key) && key.starts_with("requests."));
}

const char* const kStorageClassSuffix = ".storageclass.storage.k8s.io/";

bool pvc_evaluator_matches(const std::string& key) {
  if (key == "persistentvolumeclaims" || key == "requests.storage" ||
      key == "count/persistentvolumeclaims") {
    return true;
  }
  const auto at = key.find(kStorageClassSuffix);
  if (at == std::string::npos) return false;
  const std::string rest = key.substr(at + std::string(kStorageClassSuffix).size());
  return rest == "persistentvolumeclaims" || rest == "requests.storage";
}

bool service_evaluator_matches(const std::string& key) {
  return key == "services" || key == "services.loadbalancers" || key == "services.nodeports" ||
         key == "count/services";
}

/// The legacy names of object counts (configmaps == count/configmaps ...).
std::string counted_type(const std::string& key) {
  static const std::set<std::string> legacy = {"configmaps", "secrets", "resourcequotas",
                                               "replicationcontrollers"};
  if (legacy.count(key) != 0) return key;
  if (key.starts_with("count/")) return key.substr(6);
  return "";
}

/// podComputeUsageHelper over PodRequests/PodLimits, for a pod quota still charges.
ResourceList pod_usage(const json& pod) {
  ResourceList usage = {{"count/pods", Quantity::of(1)}};
  if (pod_is_terminal(pod)) return usage;
  usage["pods"] = Quantity::of(1);
  const ResourceList requests = pod_requests(pod);
  const ResourceList limits = pod_limits(pod);
  for (const char* r : {"cpu", "memory", "ephemeral-storage"}) {
    if (auto it = requests.find(r); it != requests.end()) {
      usage[r] = it->second;
      usage[std::string("requests.") + r] = it->second;
    }
    if (auto it = limits.find(r); it != limits.end())
      usage[std::string("limits.") + r] = it->second;
  }
  for (const auto& [name, q] : requests) {
    if (name.starts_with("hugepages-")) {
      usage[name] = q;
      usage["requests." + name] = q;
    } else if (!is_native_resource(name) && !name.starts_with("requests.")) {
      usage["requests." + name] = q;  // extended resources are quota'd by request only
    }
  }
  return usage;
}

ResourceList service_usage(const json& service) {
  const json spec = service.value("spec", json::object());
  const std::string type = spec.value("type", "ClusterIP");
  const long long ports = static_cast<long long>(spec.value("ports", json::array()).size());
  ResourceList usage = {{"count/services", Quantity::of(1)},
                        {"services", Quantity::of(1)},
                        {"services.loadbalancers", Quantity::of(0)},
                        {"services.nodeports", Quantity::of(0)}};
  if (type == "NodePort") usage["services.nodeports"] = Quantity::of(ports);
  if (type == "LoadBalancer") {
    long long node_ports = ports;
    if (spec.value("allocateLoadBalancerNodePorts", true) == false) {
      // Only ports with an explicit nodePort get one.
      node_ports = 0;
      for (const auto& p : spec.value("ports", json::array())) {
        if (p.value("nodePort", 0) != 0) ++node_ports;
      }
    }
    usage["services.nodeports"] = Quantity::of(node_ports);
    usage["services.loadbalancers"] = Quantity::of(1);
  }
  return usage;
}

ResourceList pvc_usage(const json& pvc) {
  ResourceList usage = {{"count/persistentvolumeclaims", Quantity::of(1)},
                        {"persistentvolumeclaims", Quantity::of(1)}};
  // GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName.
  const json meta = pvc.value("metadata", json::object());
  std::string storage_class = meta.value("annotations", json::object())
                                  .value("volume.beta.kubernetes.io/storage-class", "");
  const json spec = pvc.value("spec", json::object());
  if (storage_class.empty() && spec.contains("storageClassName") &&
      spec["storageClassName"].is_string()) {
    storage_class = spec["storageClassName"].get<std::string>();
  }
  const std::string prefix = storage_class + kStorageClassSuffix;
  if (!storage_class.empty()) usage[prefix + "persistentvolumeclaims"] = Quantity::of(1);
  const json requests = spec.value("resources", json::object()).value("requests", json::object());
  if (requests.contains("storage") && requests["storage"].is_string()) {
    if (auto q = Quantity::parse(requests["storage"].get<std::string>())) {
      usage["requests.storage"] = *q;
      if (!storage_class.empty()) usage[prefix + "requests.storage"] = *q;
    }
  }
  return usage;
}

}  // namespace

json quota_hard(const json& hard) {
  json out = json::object();
  for (const auto& [key, value] : hard.items()) {
    out[key] = value.is_string() ? json(canonical_quantity(value.get<std::string>())) : value;
  }
  return out;
}

json quota_used(const ObjectStore& store, const std::string& ns, const json& hard,
                const std::function<bool(const std::string&)>& served) {
  // CalculateUsageStats: every matched resource starts at a DecimalSI zero and adds each
  // object's usage in list order (a sum takes the format of its first non-zero term).
  ResourceList used;
  auto charge = [&](const std::vector<std::string>& keys, const ResourceList& usage) {
    for (const auto& key : keys) {
      if (auto it = usage.find(key); it != usage.end()) used[key] += it->second;
    }
  };
  std::vector<std::string> pod_keys;
  std::vector<std::string> service_keys;
  std::vector<std::string> pvc_keys;
  for (const auto& [key, value] : hard.items()) {
    if (pod_evaluator_matches(key)) {
      pod_keys.push_back(key);
    } else if (service_evaluator_matches(key)) {
      service_keys.push_back(key);
    } else if (pvc_evaluator_matches(key)) {
      pvc_keys.push_back(key);
    } else if (const std::string type = counted_type(key); !type.empty() && served(type)) {
      used[key] = Quantity::of(static_cast<long long>(store.list(type, ns).size()));
      continue;
    } else {
      continue;  // no evaluator: the controller leaves it out of status.used
    }
    used[key] = Quantity();
  }
  if (!pod_keys.empty()) {
    for (const json* pod : store.list("pods", ns)) charge(pod_keys, pod_usage(*pod));
  }
  if (!service_keys.empty()) {
    for (const json* svc : store.list("services", ns)) charge(service_keys, service_usage(*svc));
  }
  if (!pvc_keys.empty()) {
    for (const json* pvc : store.list("persistentvolumeclaims", ns)) {
      charge(pvc_keys, pvc_usage(*pvc));
    }
  }
  json out = json::object();
  for (const auto& [key, q] : used) out[key] = q.str();
  return out;
}

}  // namespace kraft::testing
