#pragma once
// The reconcile logic behind K3kSimulator. Runs only on the test API server's controller
// thread (hooks and scheduled tasks), under its own mutex so tests may configure it from
// theirs. Kept alive by the tasks it schedules, so a task that fires after the simulator is
// gone finds it detached instead of dangling.
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "k3k_live.h"
#include "k3k_pki.h"
#include "k3k_simulator.h"

namespace kraft::testing {

class K3kController : public std::enable_shared_from_this<K3kController> {
 public:
  K3kController(Registry& registry, K3kSimulatorOptions options);

  void on_event(const StoredEvent& event);
  void detach();
  void set_fail_times(const std::string& ns, const std::string& name, int times);
  std::optional<VirtualClusterPki> pki(const std::string& ns, const std::string& name);
  std::optional<int> live_port(const std::string& ns, const std::string& name);

 private:
  struct ClusterState {
    std::string uid;
    int64_t generation = 0;
    int fails_left = 0;
    int epoch = 0;  ///< bumped by every reconcile: timers of an older one do nothing
    bool deleting = false;
    std::string policy;
    std::optional<VirtualClusterPki> pki;
    std::string token;
    std::shared_ptr<LiveCluster> live;  ///< with live_clusters, once it serves
  };
  using Key = std::pair<std::string, std::string>;  ///< namespace, name

  void on_cluster(const StoredEvent& event);
  void on_namespace(const StoredEvent& event);
  void on_policy(const StoredEvent& event);
  void start(const Key& key, const nlohmann::json& cluster);
  void reconcile(const Key& key);
  void provision(const Key& key, const nlohmann::json& cluster, ClusterState& state);
  void sync_pods(const nlohmann::json& cluster, const std::vector<nlohmann::json>& wanted);
  nlohmann::json apply_service(const Key& key, const nlohmann::json& cluster, ClusterState& state);
  void serve_live(const Key& key, ClusterState& state, const std::vector<std::string>& sans);
  void finish(const Key& key, int epoch);
  void reprovision(const Key& key, int epoch);
  void become_ready(const Key& key, const nlohmann::json& cluster);
  /// K3kSimulatorOptions::workloads_per_cluster for a cluster that just became Ready.
  void start_workloads(const Key& key, const nlohmann::json& cluster);
  void finalize(const Key& key, const std::string& uid);
  void later(std::chrono::milliseconds delay, std::function<void(K3kController&)> task);

  std::optional<nlohmann::json> cluster(const Key& key);
  nlohmann::json apply(const nlohmann::json& object);
  void patch_status(const nlohmann::json& object, const nlohmann::json& status);
  void set_phase(const Key& key, const std::string& phase, const std::string& condition_status,
                 const std::string& reason, const std::string& message,
                 nlohmann::json extra = nlohmann::json::object());

  Registry& registry_;
  const K3kSimulatorOptions options_;
  std::mutex mu_;
  bool detached_ = false;
  std::map<Key, ClusterState> clusters_;
  std::map<Key, int> fail_plan_;
};

}  // namespace kraft::testing
