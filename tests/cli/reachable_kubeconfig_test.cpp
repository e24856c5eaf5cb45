// Issue 12, "a kubeconfig that works from where the user sits": against a host whose simulated
// K3k serves each cluster's own API server on 127.0.0.1 (live clusters), a default `kraft
// create` then `kubeconfig get` connects with kraft and kubectl and no extra flags; a cluster
// whose certificate lacks the reachable host connects through tls-server-name.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_support/cluster_host.h"

namespace kraft::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

K3kSimulatorOptions live() {
  return {.provision_delay = milliseconds(20), .delete_delay = milliseconds(20),
          .live_clusters = true};
}

/// kubectl get ns with `kubeconfig`, when kubectl is installed (nullopt otherwise).
std::optional<ProcessResult> kubectl_get_ns(const std::filesystem::path& kubeconfig) {
  auto kubectl = find_on_path("kubectl");
  if (!kubectl) return std::nullopt;
  return run_process(*kubectl, {"--kubeconfig", kubeconfig.string(), "get", "ns"});
}

TEST(ReachableKubeconfig, ADefaultCreateIsExposedByNodePortAndNamesTheHostInItsCertificate) {
  ClusterHost host(live());
  auto r = host.kraft({"create", "demo", "--wait"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json spec = host.stored("k3k-demo", "demo")["spec"];
  EXPECT_EQ(spec["expose"], (json{{"nodePort", json::object()}}));
  // The host API server's hostname, first (K3k's CLI does the same).
  EXPECT_EQ(spec["tlsSANs"], (json{"127.0.0.1"}));
}

TEST(ReachableKubeconfig, DefaultCreateThenKubeconfigGetWorksWithKraftAndKubectl) {
  ClusterHost host(live());
  ASSERT_EQ(host.kraft({"create", "demo", "--wait"}).exit_code, 0);
  const auto file = host.env().home() / "demo.yaml";
  auto r = host.kraft({"kubeconfig", "get", "demo", "-o", file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("Warning"), std::string::npos) << r.err;
  const auto port = host.sim().live_port("k3k-demo", "demo");
  ASSERT_TRUE(port);
  const std::string text = read(file);
  EXPECT_NE(text.find("server: https://127.0.0.1:" + std::to_string(*port) + "\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("tls-server-name"), std::string::npos) << text;

  // kraft itself, with the new kubeconfig: the virtual cluster answers (and has no K3k).
  r = host.kraft({"--kubeconfig", file.string(), "version"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("K3k: not installed"), std::string::npos) << r.out;
  if (auto k = kubectl_get_ns(file)) {
    EXPECT_EQ(k->exit_code, 0) << k->err;
    EXPECT_NE(k->out.find("kube-system"), std::string::npos) << k->out;
  } else {
    GTEST_SKIP() << "kubectl is not installed: checked with kraft only";
  }
}

TEST(ReachableKubeconfig, ACertificateWithoutTheReachableHostIsVerifiedThroughTlsServerName) {
  // Made by another tool: NodePort, but 127.0.0.1 is not among its TLS SANs. K3k's rule would
  // point the kubeconfig at spec.tlsSANs[0]; kraft keeps the reachable address.
  ClusterHost host(live());
  host.create_ready("team", "edge", {{"expose", {{"nodePort", json::object()}}},
                                     {"tlsSANs", {"edge.example.com"}}});
  const auto file = host.env().home() / "edge.yaml";
  auto r = host.kraft({"kubeconfig", "get", "team/edge", "-o", file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto port = host.sim().live_port("team", "edge");
  ASSERT_TRUE(port);
  const std::string text = read(file);
  EXPECT_NE(text.find("server: https://127.0.0.1:" + std::to_string(*port) + "\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("tls-server-name: edge.example.com\n"), std::string::npos) << text;
  r = host.kraft({"--kubeconfig", file.string(), "version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  if (auto k = kubectl_get_ns(file)) {
    EXPECT_EQ(k->exit_code, 0) << k->err;
  }
}

TEST(ReachableKubeconfig, WithoutAnySpecSanTheServicesDnsNameIsVerified) {
  ClusterHost host(live());
  host.create_ready("team", "bare", {{"expose", {{"nodePort", json::object()}}}});
  const auto file = host.env().home() / "bare.yaml";
  auto r = host.kraft({"kubeconfig", "get", "team/bare", "-o", file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(read(file).find("tls-server-name: k3k-bare-service.team\n"), std::string::npos);
  r = host.kraft({"--kubeconfig", file.string(), "version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(ReachableKubeconfig, ExposeNoneWarnsThatTheAddressIsInsideTheHost) {
  ClusterHost host(live());
  ASSERT_EQ(host.kraft({"create", "internal", "--expose", "none", "--wait"}).exit_code, 0);
  EXPECT_FALSE(host.stored("k3k-internal", "internal")["spec"].contains("expose"));
  auto r = host.kraft({"kubeconfig", "get", "internal"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("reachable only from inside the host cluster"), std::string::npos)
      << r.err;
}

TEST(ReachableKubeconfig, AServerHostGoesIntoTheCertificateAndTheKubeconfig) {
  ClusterHost host(live());
  auto r = host.kraft({"create", "edge", "--server-host", "node1.example.com", "--wait"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(host.stored("k3k-edge", "edge")["spec"]["tlsSANs"], (json{"node1.example.com"}));
  r = host.kraft({"kubeconfig", "get", "edge", "--server-host", "node1.example.com"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("server: https://node1.example.com:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("tls-server-name"), std::string::npos) << r.out;
}

TEST(ReachableKubeconfig, BadExposeAndServerHostFlagsAreUsageErrors) {
  ClusterHost host(live());
  auto r = host.kraft({"create", "x", "--expose", "public"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("none"), std::string::npos) << r.err;
  r = host.kraft({"create", "x", "--expose", "loadbalancer", "--server-host", "n1"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  r = host.kraft({"kubeconfig", "get", "x", "--tls-server-name", "a"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST(ReachableKubeconfig, ALoadBalancerWithoutAnAddressYetIsWaitedFor) {
  K3kSimulatorOptions options = live();
  options.load_balancer_delay = milliseconds(2000);  // kraft asks long before
  ClusterHost host(options);
  host.create_ready("team", "lb", {{"expose", {{"loadBalancer", json::object()}}}});
  auto r = host.kraft({"kubeconfig", "get", "team/lb"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("the load balancer has none yet"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("server: https://127.0.0.1:"), std::string::npos) << r.out;
}

TEST(ReachableKubeconfig, ALoadBalancerThatNeverGetsAnAddressTimesOutNamingIt) {
  K3kSimulatorOptions options = live();
  options.load_balancer_delay = milliseconds(-1);
  ClusterHost host(options);
  host.create_ready("team", "lb", {{"expose", {{"loadBalancer", json::object()}}}});
  auto r = host.kraft({"kubeconfig", "get", "team/lb", "--timeout", "1s"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("has no address yet"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace kraft::testing
