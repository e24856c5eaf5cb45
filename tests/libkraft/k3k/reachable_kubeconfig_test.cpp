// The SDK's default path, end to end: ClusterService::create with a default request, then
// fetch_kubeconfig with a default request, then a Client on that kubeconfig talks to the
// virtual cluster's own API server (served by the simulation with the cluster's CAs), with no
// address, SAN or server given by the caller. The CLI's equivalent is in
// tests/cli/reachable_kubeconfig_test.cpp.
#include <kraft/api/connection_check.h>
#include <kraft/config/loading.h>
#include <kraft/k3k/kubeconfig.h>

#include "k3k/test_support/host_fixture.h"

namespace kraft::k3k::testing {
namespace {

class ReachableByDefault : public ::testing::Test {
 protected:
  api::Client client() {
    return api::Client::connect(api::testing::admin_config(server_));
  }

  kraft::testing::TestApiServer server_;
  kraft::testing::K3kSimulator sim_{server_,
                                    {.provision_delay = std::chrono::milliseconds(20),
                                     .delete_delay = std::chrono::milliseconds(20),
                                     .live_clusters = true}};
};

TEST_F(ReachableByDefault, ADefaultCreateGivesAKubeconfigThatConnects) {
  const ClusterService service(client());
  ClusterRequest request;
  request.name = "demo";
  const auto created = service.create(request);
  WaitOptions wait;
  wait.timeout = std::chrono::seconds(20);
  service.wait_ready(created.ref, wait);

  KubeconfigRequest kubeconfig_request;
  kubeconfig_request.wait_timeout = std::chrono::seconds(20);
  const auto kubeconfig = fetch_kubeconfig(client(), created.ref, kubeconfig_request);
  const auto port = sim_.live_port(created.ref.ns, created.ref.name);
  ASSERT_TRUE(port);
  ASSERT_EQ(kubeconfig.clusters.size(), 1u);
  EXPECT_EQ(kubeconfig.clusters[0].value.server, "https://127.0.0.1:" + std::to_string(*port));

  const config::ClientConfig resolved = config::resolve(kubeconfig, {});
  const auto check = api::check_connection(resolved, std::chrono::seconds(10));
  EXPECT_TRUE(check.ok()) << check.detail;
  const auto namespaces = api::Client::connect(resolved).list(api::resources::namespaces(), "");
  EXPECT_NE(namespaces.dump().find("kube-system"), std::string::npos);
}

}  // namespace
}  // namespace kraft::k3k::testing
