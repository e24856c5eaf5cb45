#pragma once
// KraftEnv with the simulated K3k controller attached: the kraft binary against a host where
// clusters get provisioned, go Pending by policy, flap Failed and take a while to delete.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "k3k_simulator.h"
#include "test_support/kraft_env.h"

namespace kraft::testing {

class K3kEnvTest : public ::testing::Test {
 protected:
  /// GET `path` on the test server; nullopt when it answers 404.
  std::optional<nlohmann::json> get(const std::string& path) {
    ApiResponse r = env_.server().registry().call("GET", path);
    if (r.status == 404) return std::nullopt;
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return nlohmann::json::parse(r.body);
  }
  /// POST `body` to `path`; expects 201.
  void post(const std::string& path, const nlohmann::json& body) {
    ApiResponse r = env_.server().registry().call("POST", path, body.dump());
    ASSERT_EQ(r.status, 201) << path << ": " << r.body;
  }
  /// Present and not being deleted.
  bool live(const std::string& path) {
    auto object = get(path);
    return object && !(*object)["metadata"].contains("deletionTimestamp");
  }
  void make_policy(const std::string& name, const std::string& allowed_mode) {
    post("/apis/k3k.io/v1beta1/virtualclusterpolicies",
         {{"apiVersion", "k3k.io/v1beta1"},
          {"kind", "VirtualClusterPolicy"},
          {"metadata", {{"name", name}}},
          {"spec", {{"allowedMode", allowed_mode}}}});
  }
  void make_namespace(const std::string& name, nlohmann::json labels = nlohmann::json::object()) {
    post("/api/v1/namespaces", {{"apiVersion", "v1"},
                                {"kind", "Namespace"},
                                {"metadata", {{"name", name}, {"labels", std::move(labels)}}}});
  }

  KraftEnv env_;
  K3kSimulator sim_{env_.server(), {.provision_delay = std::chrono::milliseconds(20),
                                    .delete_delay = std::chrono::milliseconds(20)}};
};

}  // namespace kraft::testing
