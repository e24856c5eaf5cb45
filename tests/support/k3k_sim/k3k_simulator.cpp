#include "k3k_simulator.h"

#include <stdexcept>

#include "k3k_controller.h"
#include "k3k_objects.h"

namespace kraft::testing {

using nlohmann::json;

struct K3kSimulator::Core {
  std::shared_ptr<K3kController> controller;
};

K3kSimulator::K3kSimulator(TestApiServer& server, K3kSimulatorOptions options)
    : core_(std::make_shared<Core>()), server_(server) {
  core_->controller = std::make_shared<K3kController>(server.registry(), std::move(options));
  hook_id_ = server.registry().add_hook(
      [controller = core_->controller](const StoredEvent& e) { controller->on_event(e); });
}

K3kSimulator::~K3kSimulator() {
  server_.registry().remove_hook(hook_id_);
  // A hook copy or a timer may still be in flight on the controller thread: it finds the
  // controller detached (and alive, since it holds a reference).
  core_->controller->detach();
}

void K3kSimulator::fail_times(const std::string& ns, const std::string& name, int times) {
  core_->controller->set_fail_times(ns, name, times);
}

std::optional<VirtualClusterPki> K3kSimulator::pki(const std::string& ns,
                                                   const std::string& name) const {
  return core_->controller->pki(ns, name);
}

std::optional<int> K3kSimulator::live_port(const std::string& ns, const std::string& name) const {
  return core_->controller->live_port(ns, name);
}

int K3kSimulator::publish_pod_metrics(const std::string& ns, const std::string& name,
                                      const std::string& cpu, const std::string& memory) {
  Registry& registry = server_.registry();
  if (registry.types().find("metrics.k8s.io", "v1beta1", "pods") == nullptr) {
    throw std::logic_error(
        "publish_pod_metrics needs TestApiServerOptions::metrics_api = true (no metrics-server)");
  }
  // The server and agent pods (cluster=NAME) and, in shared mode, the virtual cluster's own
  // workloads (k3k.io/clusterName=NAME).
  int published = 0;
  const json usage = {
      {"metadata",
       {{"annotations", {{"kraft.test/usage-cpu", cpu}, {"kraft.test/usage-memory", memory}}}}}};
  for (const auto& selector : {"cluster=" + name, "k3k.io/clusterName=" + name}) {
    ApiResponse r =
        registry.call("GET", "/api/v1/namespaces/" + ns + "/pods?labelSelector=" + selector);
    if (r.status != 200) throw std::runtime_error("listing pods for metrics: " + r.body);
    const json list = json::parse(r.body);  // named: a temporary would die before the loop
    for (const auto& pod : list["items"]) {
      ApiResponse w = registry.call(
          "PATCH",
          "/api/v1/namespaces/" + ns + "/pods/" + pod["metadata"]["name"].get<std::string>(),
          usage.dump(), "application/merge-patch+json", "metrics-server");
      if (w.status >= 300) throw std::runtime_error("setting pod usage: " + w.body);
      ++published;
    }
  }
  return published;
}

std::string K3kSimulator::add_workload_pod(const std::string& ns, const std::string& name,
                                           const WorkloadPod& pod) {
  auto cluster = server_.registry().get("clusters.k3k.io", ns, name);
  if (!cluster) throw std::logic_error("add_workload_pod: no cluster " + ns + "/" + name);
  if (cluster_mode(*cluster) != "shared") {
    throw std::logic_error("add_workload_pod: cluster " + ns + "/" + name +
                           " is not in shared mode; its workloads never reach the host");
  }
  return create_workload_pod(server_.registry(), *cluster, pod);
}

std::vector<std::string> K3kSimulator::add_workload_pods(const std::string& ns,
                                                         const std::string& name, int count,
                                                         int first) {
  std::vector<std::string> names;
  for (int i = first; i < first + count; ++i) {
    names.push_back(add_workload_pod(ns, name, default_workload_pod(i)));
  }
  return names;
}

}  // namespace kraft::testing
