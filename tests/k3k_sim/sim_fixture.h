#pragma once
// The shared host fixture (tests/support/fixture/k3k_host.h: the test API server with the
// simulated K3k controller) driven by an HTTP client that is not libkraft, plus the watch
// helpers every K3k simulator test needs: nothing here sleeps, everything waits on a watch
// with a generous bound.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "fixture/k3k_host.h"
#include "test_support/test_client.h"

namespace kraft::testing {

class K3kSimTest : public ::testing::Test {
 protected:
  explicit K3kSimTest(K3kSimulatorOptions options = {}) : host_(std::move(options)) {}
  /// A host with these server options (metrics API, nodes) and simulator options.
  explicit K3kSimTest(K3kHostOptions options) : host_(std::move(options)) {}

  void SetUp() override {
    ASSERT_EQ(client_.post("/api/v1/namespaces", namespace_body("team")).status, 201);
  }

  /// The next event about `name` whose object has status.phase `phase` (nullopt: none came).
  static std::optional<nlohmann::json> await_phase(TestClient::Watch& w, const std::string& name,
                                                   const std::string& phase) {
    while (auto e = w.next(std::chrono::seconds(10))) {
      const nlohmann::json& o = (*e)["object"];
      if (o["metadata"]["name"] == name &&
          o.value("status", nlohmann::json::object()).value("phase", "") == phase) {
        return o;
      }
    }
    return std::nullopt;
  }

  /// Creates team/NAME with `spec` and waits until it is Ready; returns the Ready object.
  nlohmann::json create_ready(const std::string& name, const nlohmann::json& spec) {
    auto w = client_.watch_from_now(kTeamClusters);
    auto r = client_.post(kTeamClusters, cluster_body(name, spec));
    EXPECT_EQ(r.status, 201) << r.body;
    auto ready = await_phase(*w, name, "Ready");
    EXPECT_TRUE(ready) << "cluster " << name << " never became Ready";
    return ready.value_or(nlohmann::json::object());
  }

  nlohmann::json get(const std::string& path) {
    auto r = client_.get(path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return r.status == 200 ? r.json() : nlohmann::json::object();
  }

  K3kHost host_;
  TestApiServer& server_ = host_.server();
  K3kSimulator& sim_ = host_.sim();
  TestClient client_{server_};
};

/// Whether `object` is owned (as controller) by the object with `uid`.
inline bool owned_by(const nlohmann::json& object, const std::string& uid) {
  for (const auto& ref : object["metadata"].value("ownerReferences", nlohmann::json::array())) {
    if (ref.value("uid", "") == uid && ref.value("controller", false)) return true;
  }
  return false;
}

}  // namespace kraft::testing
