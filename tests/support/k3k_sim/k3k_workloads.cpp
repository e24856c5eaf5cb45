#include "k3k_workloads.h"

#include <stdexcept>

#include "k3k_names.h"
#include "k3k_objects.h"

namespace kraft::testing {

using nlohmann::json;

WorkloadPod default_workload_pod(int index) {
  WorkloadPod pod;
  pod.name = "workload-" + std::to_string(index);
  pod.labels = {{"app", "workload"}};
  return pod;
}

json workload_host_pod(const json& cluster, const WorkloadPod& pod) {
  const std::string cluster_name = cluster["metadata"]["name"];
  // TranslateName: readable prefix, plus a hex suffix that keeps the name unique.
  const std::string host_name =
      safe_concat_name({pod.name + "-" + pod.ns + "-" + cluster_name,
                        hex_encode(pod.name + "+" + pod.ns + "+" + cluster_name)});
  json labels = pod.labels.is_object() ? pod.labels : json::object();
  labels["k3k.io/clusterName"] = cluster_name;
  labels["k3k.io/agentName"] = k3k_name(cluster_name, {"kubelet"}) + "-node0";
  json annotations = {{"k3k.io/name", pod.name}, {"k3k.io/namespace", pod.ns}};
  if (!pod.usage_cpu.empty()) annotations["kraft.test/usage-cpu"] = pod.usage_cpu;
  if (!pod.usage_memory.empty()) annotations["kraft.test/usage-memory"] = pod.usage_memory;
  json requests = json::object();
  json limits = json::object();
  if (!pod.cpu_request.empty()) requests["cpu"] = pod.cpu_request;
  if (!pod.memory_request.empty()) requests["memory"] = pod.memory_request;
  if (!pod.cpu_limit.empty()) limits["cpu"] = pod.cpu_limit;
  if (!pod.memory_limit.empty()) limits["memory"] = pod.memory_limit;
  json container = {{"name", "app"}, {"image", "registry.k8s.io/pause:3.9"}};
  if (!requests.empty() || !limits.empty()) {
    container["resources"] = json::object();
    if (!requests.empty()) container["resources"]["requests"] = requests;
    if (!limits.empty()) container["resources"]["limits"] = limits;
  }
  json spec = {{"containers", json::array({container})},
               {"restartPolicy", "Always"},
               {"hostname", safe_concat_name({pod.name})}};
  // The pod's own nodeSelector gives way to the cluster's (or its policy's).
  const json cluster_spec = cluster.value("spec", json::object());
  if (cluster_spec.contains("nodeSelector")) spec["nodeSelector"] = cluster_spec["nodeSelector"];
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"name", host_name},
            {"namespace", cluster["metadata"]["namespace"]},
            {"labels", labels},
            {"annotations", annotations}}},
          {"spec", spec}};
}

std::string create_workload_pod(Registry& registry, const json& cluster, const WorkloadPod& pod) {
  const json host_pod = workload_host_pod(cluster, pod);
  const std::string ns = host_pod["metadata"]["namespace"];
  ApiResponse r = registry.call("POST", "/api/v1/namespaces/" + ns + "/pods", host_pod.dump(),
                                "application/json", "k3k-kubelet");
  if (r.status != 201)
    throw std::runtime_error("creating workload pod " + pod.name + ": " + r.body);
  const json created = json::parse(r.body);
  if (pod.phase != "Pending") {
    json status = {{"phase", pod.phase}};
    if (pod.phase == "Running") {
      // The host pod's IP: stable per name, inside the shared-mode cluster CIDR's host range.
      const size_t n = std::hash<std::string>{}(host_pod["metadata"]["name"].get<std::string>());
      status["podIP"] =
          "10.42." + std::to_string(1 + n % 200) + "." + std::to_string(2 + n / 200 % 250);
      status["conditions"] = json::array({{{"type", "Ready"}, {"status", "True"}}});
    }
    r = registry.call("PATCH", object_path(created) + "/status", json{{"status", status}}.dump(),
                      "application/merge-patch+json", "k3k-kubelet");
    if (r.status != 200)
      throw std::runtime_error("starting workload pod " + pod.name + ": " + r.body);
  }
  return created["metadata"]["name"];
}

}  // namespace kraft::testing
