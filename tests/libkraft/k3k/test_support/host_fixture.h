#pragma once
// ClusterService against the shared host fixture (tests/support/fixture/k3k_host.h: the test
// API server with the simulated K3k controller, over real TLS), through an api::Client as kraft
// uses it; clusters are made with plain API calls and awaited with a hook (never a sleep).
#include <gtest/gtest.h>
#include <kraft/api/client.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/resources.h>

#include <nlohmann/json.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "api/test_support/server_client.h"
#include "fixture/k3k_host.h"

namespace kraft::k3k::testing {

using nlohmann::json;

class HostFixture : public kraft::testing::K3kHostTest {
 protected:
  explicit HostFixture(kraft::testing::K3kHostOptions options = {})
      : K3kHostTest(std::move(options)) {}

  /// A client whose request lines (-v 6) are appended to `requests` when given. Batches log
  /// from several threads at once: the appends take a lock (read `requests` once they end).
  api::Client client(std::vector<std::string>* requests = nullptr) {
    api::ClientOptions options;
    if (requests != nullptr) {
      options.logger.verbosity = 6;
      options.logger.sink = [requests, mu = std::make_shared<std::mutex>()](int,
                                                                          std::string_view line) {
        std::lock_guard lock(*mu);
        requests->emplace_back(line);
      };
    }
    return api::Client::connect(api::testing::admin_config(server()), options);
  }

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
