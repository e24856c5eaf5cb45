#include "test_support/cluster_host.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <ctime>
#include <mutex>

namespace kraft::testing {
namespace {

using nlohmann::json;

std::string rfc3339(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string phase_of(const json& cluster) {
  return cluster.value("status", json::object()).value("phase", "");
}

}  // namespace

struct ClusterHost::Clock {
  std::mutex mu;
  std::chrono::seconds ago{0};
};

ClusterHost::ClusterHost(bool k3k_installed)
    : ClusterHost(k3k_installed, K3kSimulatorOptions{.provision_delay = std::chrono::milliseconds(20),
                                                     .delete_delay = std::chrono::milliseconds(20)}) {}

ClusterHost::ClusterHost(K3kSimulatorOptions sim_options) : ClusterHost(true, sim_options) {}

ClusterHost::ClusterHost(bool k3k_installed, K3kSimulatorOptions sim_options)
    : clock_(std::make_shared<Clock>()) {
  TestApiServerOptions options;
  if (!k3k_installed) options.crd_files.clear();
  options.registry.clock = [clock = clock_] {
    std::lock_guard lock(clock->mu);
    return rfc3339(std::chrono::system_clock::now() - clock->ago);
  };
  env_ = std::make_unique<KraftEnv>(options);
  if (k3k_installed) sim_ = std::make_unique<K3kSimulator>(env_->server(), sim_options);
}

ClusterHost::~ClusterHost() {
  sim_.reset();  // before the server it is attached to
  env_.reset();
}

void ClusterHost::created_ago(std::chrono::seconds ago) {
  std::lock_guard lock(clock_->mu);
  clock_->ago = ago;
}

json ClusterHost::post(const std::string& path, const json& body) {
  ApiResponse r = env_->server().registry().call("POST", path, body.dump());
  EXPECT_EQ(r.status, 201) << path << ": " << r.body;
  return r.status == 201 ? json::parse(r.body) : json();
}

void ClusterHost::make_namespace(const std::string& ns, json labels) {
  if (env_->server().registry().get("namespaces", "", ns)) return;
  post("/api/v1/namespaces", {{"apiVersion", "v1"},
                              {"kind", "Namespace"},
                              {"metadata", {{"name", ns}, {"labels", std::move(labels)}}}});
}

void ClusterHost::create(const std::string& ns, const std::string& name, json spec, json labels) {
  make_namespace(ns);
  post("/apis/k3k.io/v1beta1/namespaces/" + ns + "/clusters",
       {{"apiVersion", "k3k.io/v1beta1"},
        {"kind", "Cluster"},
        {"metadata", {{"name", name}, {"labels", std::move(labels)}}},
        {"spec", std::move(spec)}});
}

json ClusterHost::await_phase(const std::string& ns, const std::string& name,
                              const std::string& phase) {
  struct Waiter {
    std::mutex mu;
    std::condition_variable cv;
    json found;
  };
  auto waiter = std::make_shared<Waiter>();
  Registry& registry = env_->server().registry();
  // The hook goes in before the current state is read, so no change can slip between them.
  const int hook = registry.add_hook([waiter, ns, name, phase](const StoredEvent& e) {
    if (e.type_id != "clusters.k3k.io" || e.ns != ns) return;
    if (e.object["metadata"].value("name", "") != name || phase_of(e.object) != phase) return;
    std::lock_guard lock(waiter->mu);
    waiter->found = e.object;
    waiter->cv.notify_all();
  });
  if (auto now = registry.get("clusters.k3k.io", ns, name); now && phase_of(*now) == phase) {
    std::lock_guard lock(waiter->mu);
    waiter->found = *now;
  }
  json found;
  {
    std::unique_lock lock(waiter->mu);
    waiter->cv.wait_for(lock, std::chrono::seconds(10), [&] { return !waiter->found.is_null(); });
    found = waiter->found;
  }
  registry.remove_hook(hook);
  EXPECT_FALSE(found.is_null()) << ns << "/" << name << " never became " << phase;
  return found;
}

json ClusterHost::create_ready(const std::string& ns, const std::string& name, json spec,
                               json labels) {
  create(ns, name, std::move(spec), std::move(labels));
  return await_phase(ns, name, "Ready");
}

json ClusterHost::create_pending(const std::string& ns, const std::string& name, json labels) {
  if (!env_->server().registry().get("virtualclusterpolicies.k3k.io", "", "shared-only")) {
    post("/apis/k3k.io/v1beta1/virtualclusterpolicies", {{"apiVersion", "k3k.io/v1beta1"},
                                                         {"kind", "VirtualClusterPolicy"},
                                                         {"metadata", {{"name", "shared-only"}}},
                                                         {"spec", {{"allowedMode", "shared"}}}});
  }
  make_namespace(ns, {{"policy.k3k.io/policy-name", "shared-only"}});
  create(ns, name, {{"mode", "virtual"}}, std::move(labels));
  return await_phase(ns, name, "Pending");
}

json ClusterHost::stored(const std::string& ns, const std::string& name) {
  return env_->server().registry().get("clusters.k3k.io", ns, name).value_or(json());
}

}  // namespace kraft::testing
