#pragma once
// The kraft binary against a host where the simulated K3k controller provisions clusters, for
// the read commands (list, get, describe): clusters are made with plain API calls, their
// creationTimestamp can be set in the past (the server's clock is adjustable) and tests wait
// for a phase with a registry hook, never a sleep.
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "k3k_simulator.h"
#include "test_support/kraft_env.h"

namespace kraft::testing {

class ClusterHost {
 public:
  /// `k3k_installed` false: a host without the K3k CRDs (and no simulator).
  explicit ClusterHost(bool k3k_installed = true);
  /// A host whose simulated K3k uses these options (provision and delete delays of 20 ms
  /// unless set), e.g. live_clusters for clusters whose own API servers answer.
  explicit ClusterHost(K3kSimulatorOptions sim_options);
  ~ClusterHost();

  KraftEnv& env() { return *env_; }
  K3kSimulator& sim() { return *sim_; }
  ProcessResult kraft(const std::vector<std::string>& args) { return env_->kraft(args); }

  /// Objects written from now on are stamped `ago` before the real time (0: the real time).
  void created_ago(std::chrono::seconds ago);

  /// POSTs `body` to `path` as the admin would; fails the test unless it answers 201.
  nlohmann::json post(const std::string& path, const nlohmann::json& body);
  void make_namespace(const std::string& ns, nlohmann::json labels = nlohmann::json::object());
  /// Creates Cluster NS/NAME (its namespace too, when missing) without waiting.
  void create(const std::string& ns, const std::string& name,
              nlohmann::json spec = nlohmann::json::object(),
              nlohmann::json labels = nlohmann::json::object());
  /// The stored cluster once status.phase is `phase` (null after 10 s without it).
  nlohmann::json await_phase(const std::string& ns, const std::string& name,
                             const std::string& phase);
  nlohmann::json create_ready(const std::string& ns, const std::string& name,
                              nlohmann::json spec = nlohmann::json::object(),
                              nlohmann::json labels = nlohmann::json::object());
  /// A virtual-mode cluster K3k refuses (Pending): NS is bound to policy "shared-only", which
  /// allows only shared mode. Returns the Pending object.
  nlohmann::json create_pending(const std::string& ns, const std::string& name,
                                nlohmann::json labels = nlohmann::json::object());
  /// The object as stored (null when absent).
  nlohmann::json stored(const std::string& ns, const std::string& name);

 private:
  ClusterHost(bool k3k_installed, K3kSimulatorOptions sim_options);
  struct Clock;
  std::shared_ptr<Clock> clock_;
  std::unique_ptr<KraftEnv> env_;
  std::unique_ptr<K3kSimulator> sim_;
};

}  // namespace kraft::testing
