#include "k3k_seed.h"

#include <future>
#include <stdexcept>

#include "k3k_names.h"
#include "text_codec.h"

namespace kraft::testing {

using nlohmann::json;

namespace {

void expect_written(const ApiResponse& r, const std::string& what) {
  if (r.status >= 300) {
    throw std::runtime_error("seeding " + what + ": " + std::to_string(r.status) + " " + r.body);
  }
}

/// What `kraft create` sends, varied deterministically so that tables and JSON have the mix
/// of modes, sizes and versions a real host would (a quarter virtual, a fifth with 3 servers).
json cluster_object(int index, const std::string& name, const std::string& ns, bool finalizer) {
  const bool virtual_mode = index % 4 == 3;
  json spec = {{"mode", virtual_mode ? "virtual" : "shared"},
               {"servers", index % 5 == 0 ? 3 : 1},
               {"agents", virtual_mode ? 1 + index % 3 : 0},
               {"persistence", {{"type", "dynamic"}, {"storageRequestSize", "5Gi"}}}};
  if (index % 3 != 0) spec["version"] = index % 3 == 1 ? "v1.31.4-k3s1" : "v1.30.8-k3s1";
  json meta = {
      {"name", name}, {"namespace", ns}, {"labels", {{"app.kubernetes.io/managed-by", "kraft"}}}};
  if (finalizer) meta["finalizers"] = json::array({"cluster.k3k.io/finalizer"});
  return {
      {"apiVersion", "k3k.io/v1beta1"}, {"kind", "Cluster"}, {"metadata", meta}, {"spec", spec}};
}

/// The status the simulated controller leaves on a provisioned cluster (k3k_controller.cpp:
/// provision() then become_ready()), with a made-up service IP instead of an allocated one.
json ready_status(int index, const json& cluster, const std::string& host_version) {
  const std::string name = cluster["metadata"]["name"];
  const std::string ns = cluster["metadata"]["namespace"];
  const bool virtual_mode = cluster["spec"]["mode"] == "virtual";
  const std::string service = k3k_name(name, {"service"});
  const std::string ip =
      "10.43." + std::to_string(index / 250 % 256) + "." + std::to_string(index % 250 + 2);
  return {{"phase", "Ready"},
          {"hostVersion", host_version},
          {"clusterCIDR", virtual_mode ? "10.52.0.0/16" : "10.42.0.0/16"},
          {"serviceCIDR", virtual_mode ? "10.53.0.0/16" : "10.43.0.0/16"},
          {"clusterDNS", virtual_mode ? "10.53.0.10" : "10.43.0.10"},
          {"tlsSANs", {ip, service, service + "." + ns}},
          {"conditions",
           {{{"type", "Ready"},
             {"status", "True"},
             {"reason", "Provisioned"},
             {"message", "Cluster successfully provisioned"},
             {"lastTransitionTime", rfc3339_now()},
             {"observedGeneration", 1}}}}};
}

}  // namespace

std::string seeded_cluster_name(int index, int count) {
  std::string digits = std::to_string(index);
  const size_t width = std::to_string(count > 0 ? count - 1 : 0).size();
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return "vc-" + digits;
}

void seed_ready_clusters(Registry& registry, const SeedOptions& options) {
  if (options.clusters <= 0) return;
  if (options.namespaces <= 0) throw std::invalid_argument("seeding needs at least one namespace");
  for (int n = 1; n <= options.namespaces; ++n) {
    const std::string ns = options.namespace_prefix + "-" + std::to_string(n);
    ApiResponse r = registry.call(
        "POST", "/api/v1/namespaces",
        json{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ns}}}}.dump(),
        "application/json", "kraft");
    if (r.status != 409) expect_written(r, "namespace " + ns);
  }
  for (int i = 0; i < options.clusters; ++i) {
    const std::string ns =
        options.namespace_prefix + "-" + std::to_string(i % options.namespaces + 1);
    const std::string name = seeded_cluster_name(i, options.clusters);
    const std::string path = "/apis/k3k.io/v1beta1/namespaces/" + ns + "/clusters";
    const json cluster = cluster_object(i, name, ns, options.finalizer);
    expect_written(registry.call("POST", path, cluster.dump(), "application/json", "kraft"),
                   "cluster " + ns + "/" + name);
    const json status = {{"status", ready_status(i, cluster, options.host_version)}};
    expect_written(registry.call("PATCH", path + "/" + name + "/status", status.dump(),
                                 "application/merge-patch+json", "k3k"),
                   "status of cluster " + ns + "/" + name);
  }
  // The controller thread delivers queued events before it runs any due task, so once this
  // task runs every seeding event has been seen by the hooks present now (none, usually).
  std::promise<void> drained;
  registry.schedule(std::chrono::milliseconds(0), [&drained] { drained.set_value(); });
  drained.get_future().wait();
}

}  // namespace kraft::testing
