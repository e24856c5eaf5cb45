// A trivial kube-scheduler and kubelet for the test server's Nodes: each new pod goes to the
// next schedulable Node in name order (round-robin, so tests know where pods land), written
// as the binding subresource does (spec.nodeName and condition PodScheduled, no
// managedFields entry); with RegistryOptions::run_pods the kubelet then starts it.
#include "pod_resources.h"
#include "registry_impl.h"

namespace kraft::testing {

namespace {

json condition(const std::string& type, const std::string& time) {
  return {
      {"type", type}, {"status", "True"}, {"lastProbeTime", nullptr}, {"lastTransitionTime", time}};
}

/// status as the kubelet reports a started pod whose containers are all ready.
json running_status(const json& pod, const json& node, size_t ordinal, const std::string& now) {
  json status = pod.value("status", json::object());
  const std::string pod_cidr =
      node.value("spec", json::object()).value("podCIDR", std::string("10.42.0.0/24"));
  const std::string pod_ip =
      pod_cidr.substr(0, pod_cidr.rfind('.') + 1) + std::to_string(2 + ordinal % 250);
  std::string host_ip;
  for (const auto& a : node.value("status", json::object()).value("addresses", json::array())) {
    if (a.value("type", "") == "InternalIP") host_ip = a.value("address", "");
  }
  json containers = json::array();
  for (const auto& c : pod_containers(pod)) {
    containers.push_back({{"name", c.value("name", "")},
                          {"image", c.value("image", "")},
                          {"imageID", ""},
                          {"ready", true},
                          {"started", true},
                          {"restartCount", 0},
                          {"state", {{"running", {{"startedAt", now}}}}}});
  }
  status["phase"] = "Running";
  status["conditions"] =
      json::array({condition("Initialized", now), condition("Ready", now),
                   condition("ContainersReady", now), condition("PodScheduled", now)});
  status["hostIP"] = host_ip;
  status["podIP"] = pod_ip;
  status["podIPs"] = json::array({{{"ip", pod_ip}}});
  status["startTime"] = now;
  status["containerStatuses"] = containers;
  return status;
}

}  // namespace

void Registry::Impl::schedule_pod(const std::string& ns, const std::string& name) {
  std::lock_guard lock(mu);
  const ResourceType& pods = *types->find("", "v1", "pods");
  const json* pod = store.get("pods", ns, name);
  if (pod == nullptr || (*pod)["metadata"].contains("deletionTimestamp")) return;
  const std::string phase = (*pod).value("status", json::object()).value("phase", "");
  if (phase == "Succeeded" || phase == "Failed") return;
  std::string node_name = (*pod).value("spec", json::object()).value("nodeName", "");
  json updated = *pod;
  if (node_name.empty()) {
    std::vector<const json*> nodes;
    for (const json* n : store.list("nodes", "")) {
      if (!(*n).value("spec", json::object()).value("unschedulable", false)) nodes.push_back(n);
    }
    if (nodes.empty()) return;  // Pending, as with no Node to fit on
    node_name = (*nodes[pods_scheduled++ % nodes.size()])["metadata"]["name"].get<std::string>();
    updated["spec"]["nodeName"] = node_name;
    json& status = updated["status"];
    if (!status.is_object()) status = json::object();
    status["conditions"] = json::array({condition("PodScheduled", now())});
    updated = commit_put(pods, std::move(updated), false);
  }
  if (!options.run_pods || phase == "Running") return;
  const json* node = store.get("nodes", "", node_name);
  if (node == nullptr) return;
  updated["status"] = running_status(updated, *node, pods_scheduled, now());
  commit_put(pods, std::move(updated), false);
}

}  // namespace kraft::testing
