// Issue 12, "a kubeconfig that works from where the user sits": against a host whose simulated
// K3k serves each cluster's own API server on 127.0.0.1 (live clusters), a default `kraft
// create` then `kubeconfig get` connects with kraft and kubectl and no extra flags; a cluster
// whose certificate lacks the reachable host connects through tls-server-name.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fixture/k3k_host.h"
#include "test_support/cli_samples.h"

namespace kraft::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

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
  K3kHost host(live());
  auto r = host.kraft({"create", "demo", "--wait"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json spec = host.stored("k3k-demo", "demo")["spec"];
  EXPECT_EQ(spec["expose"], (json{{"nodePort", json::object()}}));
  // The host API server's hostname, first (K3k's CLI does the same).
  EXPECT_EQ(spec["tlsSANs"], (json{"127.0.0.1"}));
}

TEST(ReachableKubeconfig, DefaultCreateThenKubeconfigGetWorksWithKraftAndKubectl) {
  K3kHost host(live());
  ASSERT_EQ(host.kraft({"create", "demo", "--wait"}).exit_code, 0);
  const auto file = host.home() / "demo.yaml";
  auto r = host.kraft({"kubeconfig", "get", "demo", "-o", file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("Warning"), std::string::npos) << r.err;
  const auto port = host.sim().live_port("k3k-demo", "demo");
  ASSERT_TRUE(port);
  const std::string text = read_file(file);
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
  K3kHost host(live());
  host.create_ready("team", "edge", {{"expose", {{"nodePort", json::object()}}},
                                     {"tlsSANs", {"edge.example.com"}}});
  const auto file = host.home() / "edge.yaml";
  auto r = host.kraft({"kubeconfig", "get", "team/edge", "-o", file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto port = host.sim().live_port("team", "edge");
  ASSERT_TRUE(port);
  const std::string text = read_file(file);
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
  K3kHost host(live());
  host.create_ready("team", "bare", {{"expose", {{"nodePort", json::object()}}}});
  const auto file = host.home() / "bare.yaml";
  auto r = host.kraft({"kubeconfig", "get", "team/bare", "-o", file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(read_file(file).find("tls-server-name: k3k-bare-service.team\n"), std::string::npos);
  r = host.kraft({"--kubeconfig", file.string(), "version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(ReachableKubeconfig, ExposeNoneWarnsThatTheAddressIsInsideTheHost) {
  K3kHost host(live());
  ASSERT_EQ(host.kraft({"create", "internal", "--expose", "none", "--wait"}).exit_code, 0);
  EXPECT_FALSE(host.stored("k3k-internal", "internal")["spec"].contains("expose"));
  auto r = host.kraft({"kubeconfig", "get", "internal"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("reachable only from inside the host cluster"), std::string::npos)
      << r.err;
}

TEST(ReachableKubeconfig, AServerHostGoesIntoTheCertificateAndTheKubeconfig) {
  K3kHost host(live());
  auto r = host.kraft({"create", "edge", "--server-host", "node1.example.com", "--wait"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(host.stored("k3k-edge", "edge")["spec"]["tlsSANs"], (json{"node1.example.com"}));
  r = host.kraft({"kubeconfig", "get", "edge", "--server-host", "node1.example.com"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("server: https://node1.example.com:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("tls-server-name"), std::string::npos) << r.out;
}

TEST(ReachableKubeconfig, BadExposeAndServerHostFlagsAreUsageErrors) {
  K3kHost host(live());
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
  K3kHost host(options);
  host.create_ready("team", "lb", {{"expose", {{"loadBalancer", json::object()}}}});
  auto r = host.kraft({"kubeconfig", "get", "team/lb"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("the load balancer has none yet"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("server: https://127.0.0.1:"), std::string::npos) << r.out;
}

TEST(ReachableKubeconfig, ALoadBalancerThatNeverGetsAnAddressTimesOutNamingIt) {
  K3kSimulatorOptions options = live();
  options.load_balancer_delay = milliseconds(-1);
  K3kHost host(options);
  host.create_ready("team", "lb", {{"expose", {{"loadBalancer", json::object()}}}});
  auto r = host.kraft({"kubeconfig", "get", "team/lb", "--timeout", "1s"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("has no address yet"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

// --check: one request with the new credentials, and the precise reason when it fails.

TEST(KubeconfigCheck, AWorkingKubeconfigIsReportedAndHandedOut) {
  K3kHost host(live());
  ASSERT_EQ(host.kraft({"create", "demo", "--wait"}).exit_code, 0);
  auto r = host.kraft({"kubeconfig", "get", "demo", "--check"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto port = host.sim().live_port("k3k-demo", "demo");
  ASSERT_TRUE(port);
  EXPECT_NE(r.err.find("checked: https://127.0.0.1:" + std::to_string(*port) +
                       " is reachable; authenticated as system:admin (system:masters)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("current-context: kraft-k3k-demo-demo"), std::string::npos);
}

TEST(KubeconfigCheck, AnUnreachableAddressIsNamedAndNothingIsPrinted) {
  K3kHost host(live());
  ASSERT_EQ(host.kraft({"create", "demo", "--wait"}).exit_code, 0);
  // 127.0.0.2 is loopback too, but nothing listens there.
  auto r = host.kraft({"kubeconfig", "get", "demo", "--check", "--server-host", "127.0.0.2"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("connection refused"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not reachable from this machine"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
}

TEST(KubeconfigCheck, ACertificateThatDoesNotNameTheAddressIsNamed) {
  K3kHost host(live());
  host.create_ready("team", "edge", {{"expose", {{"nodePort", json::object()}}},
                                     {"tlsSANs", {"edge.example.com"}}});
  const auto port = host.sim().live_port("team", "edge");
  ASSERT_TRUE(port);
  // --server without --tls-server-name: the certificate names edge.example.com, not 127.0.0.1.
  auto r = host.kraft({"kubeconfig", "get", "team/edge", "--check", "--server",
                       "https://127.0.0.1:" + std::to_string(*port)});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("certificate does not name 127.0.0.1"), std::string::npos) << r.err;
  // With the name the certificate carries, it works.
  r = host.kraft({"kubeconfig", "get", "team/edge", "--check", "--server",
                  "https://127.0.0.1:" + std::to_string(*port), "--tls-server-name",
                  "edge.example.com"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(KubeconfigCheck, AnotherServerAtTheAddressIsNotTrusted) {
  K3kHost host(live());
  ASSERT_EQ(host.kraft({"create", "demo", "--wait"}).exit_code, 0);
  // The host's own API server: a valid TLS server, but not signed by the cluster's CA.
  auto r = host.kraft({"kubeconfig", "get", "demo", "--check", "--server", host.server().url()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("is not the virtual cluster"), std::string::npos) << r.err;
}

TEST(KubeconfigCheck, RefusedCredentialsAreNamed) {
  K3kHost host(live());
  ASSERT_EQ(host.kraft({"create", "demo", "--wait"}).exit_code, 0);
  const auto pki = host.sim().pki("k3k-demo", "demo");
  ASSERT_TRUE(pki);
  // The cluster's server CA, but it trusts only its own client CA: as if K3k had re-created
  // the cluster with a new client CA.
  TestApiServerOptions options;
  options.crd_files.clear();
  options.serving_ca = KeyPair{pki->server_ca.cert_pem(), pki->server_ca.key_pem()};
  TestApiServer other(options);
  auto r = host.kraft({"kubeconfig", "get", "demo", "--check", "--server", other.url()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("refused the new client certificate"), std::string::npos) << r.err;
}

TEST(KubeconfigCheck, AServerThatNeverAnswersTimesOutWithExit4) {
  K3kHost host(live());
  ASSERT_EQ(host.kraft({"create", "demo", "--wait"}).exit_code, 0);
  // Listening, never accepting: the kernel completes the TCP handshake, TLS never starts.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(fd, 8), 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const std::string url = "https://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  auto r = host.kraft(
      {"kubeconfig", "get", "demo", "--check", "--server", url, "--request-timeout", "1s"});
  ::close(fd);
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("nothing answered there in time"), std::string::npos) << r.err;
}

TEST(KubeconfigCheck, CreateMergeChecksByDefaultAndWritesNothingWhenItFails) {
  K3kHost host(live());
  auto r = host.kraft({"create", "demo", "--merge"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("checked: https://127.0.0.1:"), std::string::npos) << r.err;

  const std::string before = read_file(host.kubeconfig());
  r = host.kraft({"create", "edge", "--server-host", "127.0.0.2", "--merge"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("connection refused"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("was created; get its kubeconfig with"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(host.kubeconfig()), before);  // nothing merged
  // --no-check hands it out anyway.
  r = host.kraft({"kubeconfig", "get", "edge", "--server-host", "127.0.0.2", "--merge"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = host.kraft({"create", "edge2", "--server-host", "127.0.0.2", "--merge", "--no-check"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("checked:"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kraft::testing
