#pragma once
// ClusterService reads against the test API server with the simulated K3k controller, over
// real TLS: clusters are created with plain API calls and awaited on a watch (never a sleep).
#include <gtest/gtest.h>
#include <kraft/api/client.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/resources.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/test_support/server_client.h"
#include "k3k_simulator.h"
#include "test_apiserver.h"

namespace kraft::k3k::testing {

using nlohmann::json;

class HostFixture : public ::testing::Test {
 protected:
  /// A client whose request lines (-v 6) are appended to `requests` when given.
  api::Client client(std::vector<std::string>* requests = nullptr) {
    api::ClientOptions options;
    if (requests != nullptr) {
      options.logger.verbosity = 6;
      options.logger.sink = [requests](int, std::string_view line) {
        requests->emplace_back(line);
      };
    }
    return api::Client::connect(api::testing::admin_config(server_), options);
  }

  void make_namespace(const std::string& ns, json labels = json::object()) {
    if (!client().get_opt(api::resources::namespaces(), "", ns)) {
      json body = api::testing::namespace_object(ns);
      body["metadata"]["labels"] = std::move(labels);
      client().create(api::resources::namespaces(), "", body);
    }
  }

  /// Creates NS/NAME (and its namespace) as kraft create would, without waiting.
  json create(const std::string& ns, const std::string& name, json spec = json::object(),
              json labels = json::object()) {
    make_namespace(ns);
    json body = api::testing::cluster(name, std::move(spec));
    body["metadata"]["labels"] = std::move(labels);
    return client().create(clusters(), ns, body);
  }

  /// The cluster once its status.phase is `phase` (watched for at most 10 s).
  json await_phase(const std::string& ns, const std::string& name, const std::string& phase) {
    api::WatchOptions options;
    options.timeout_seconds = 10;
    json seen;
    client().watch(clusters(), ns, options, [&](const api::WatchEvent& e) {
      const json& o = *e.object;
      if (o["metadata"].value("name", "") != name) return true;
      if (o.value("status", json::object()).value("phase", "") != phase) return true;
      seen = o;
      return false;
    });
    EXPECT_FALSE(seen.is_null()) << ns << "/" << name << " never became " << phase;
    return seen;
  }

  json create_ready(const std::string& ns, const std::string& name, json spec = json::object(),
                    json labels = json::object()) {
    create(ns, name, std::move(spec), std::move(labels));
    return await_phase(ns, name, "Ready");
  }

  kraft::testing::TestApiServer server_;
  kraft::testing::K3kSimulator sim_{server_,
                                    {.provision_delay = std::chrono::milliseconds(20),
                                     .delete_delay = std::chrono::milliseconds(20)}};
  ClusterService service_{client()};
};

/// The message of the exception `f` throws as E ("" when it throws nothing).
template <class E, class F>
std::string thrown(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  return "";
}

}  // namespace kraft::k3k::testing
