#pragma once
// The collector against the shared host fixture (tests/support/fixture/k3k_host.h): the test
// API server over real TLS with the simulated K3k, pods POSTed as a virtual cluster's kubelet
// would sync them, and clients for the admin (k3k's HostFixture) or for a user with a chosen
// allow list.
#include <gtest/gtest.h>
#include <kraft/api/client.h>
#include <kraft/usage/collector.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/test_support/server_client.h"
#include "fixture/k3k_host.h"
#include "k3k/test_support/host_fixture.h"

namespace kraft::usage::testing {

/// A host whose API server serves metrics.k8s.io (metrics-server installed) when asked.
inline kraft::testing::K3kHostOptions host_options(bool metrics_api) {
  kraft::testing::K3kHostOptions options;
  options.server.metrics_api = metrics_api;
  return options;
}

/// k3k's HostFixture (client(), the admin's api::Client, with its request lines on demand).
class UsageHost : public k3k::testing::HostFixture {
 protected:
  explicit UsageHost(bool metrics_api = false) : HostFixture(host_options(metrics_api)) {}

  /// A client for user `name`, allowed only `rules` (by bearer token).
  api::Client user(const std::string& name, const std::vector<kraft::testing::AccessRule>& rules) {
    server().access().add_token(name + "-token", {name, {"system:authenticated"}});
    for (const auto& rule : rules) server().access().allow(name, rule);
    config::ClientConfig config = api::testing::anonymous_config(server());
    config.token = Secret(name + "-token");
    return api::Client::connect(config);
  }

  /// POSTs `pod` into its namespace (as a shared-mode kubelet syncs a virtual pod).
  void add_pod(const nlohmann::json& pod) {
    post("/api/v1/namespaces/" + pod["metadata"]["namespace"].get<std::string>() + "/pods", pod);
  }

  /// Sets the pod's status.phase, as its kubelet would.
  void set_phase(const std::string& ns, const std::string& name, const std::string& phase) {
    api::PatchOptions options;
    options.subresource = "status";
    client().patch(api::resources::pods(), ns, name, {{"status", {{"phase", phase}}}}, options);
  }

  /// The number of request lines that GET a collection whose path contains `part`.
  static int lists_of(const std::vector<std::string>& requests, const std::string& part) {
    int n = 0;
    for (const auto& line : requests) {
      if (line.rfind("GET ", 0) == 0 && line.find(part + "?") != std::string::npos) {
        ++n;
      }
    }
    return n;
  }
};

}  // namespace kraft::usage::testing
