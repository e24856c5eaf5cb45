// kraft kubeconfig get and create --kubeconfig-out/--merge: the real binary against a host
// with simulated K3k; the kubeconfig it hands out is proven to work against a stand-in for
// the virtual cluster's API server that serves the cluster's own CAs.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fixture/k3k_host.h"
#include "test_support/cli_samples.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

const json kNodePort = {{"expose", {{"nodePort", {{"serverPort", 30443}}}}},
                        {"tlsSANs", {"127.0.0.1"}}};

unsigned mode_of(const std::filesystem::path& path) {
  struct stat st {};
  ::stat(path.c_str(), &st);
  return st.st_mode & 0777u;
}

// A stand-in for the virtual cluster's API server, serving the cluster's server CA and
// trusting `client_ca`.
TestApiServerOptions virtual_server(const VirtualClusterPki& pki, const std::string& client_ca) {
  TestApiServerOptions options;
  options.serving_ca = KeyPair{pki.server_ca.cert_pem(), pki.server_ca.key_pem()};
  options.extra_client_ca_pems = {client_ca};
  return options;
}

TEST(KubeconfigGet, PrintsAKubeconfigThatKraftAndKubectlUseAgainstTheVirtualServer) {
  K3kHost host;
  host.create_ready("team", "demo", kNodePort);
  auto r = host.kraft({"kubeconfig", "get", "team/demo"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("current-context: kraft-team-demo\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("server: https://127.0.0.1:30443\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("name: kraft/virtual-cluster\n"), std::string::npos) << r.out;

  const auto pki = host.sim().pki("team", "demo");
  ASSERT_TRUE(pki);
  TestApiServer vc(virtual_server(*pki, pki->client_ca.cert_pem()));
  auto file = host.home() / "vc.yaml";
  r = host.kraft({"kubeconfig", "get", "team/demo", "--server", vc.url(), "-o", file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "kubeconfig for cluster team/demo written to " + file.string() +
                       " (context \"kraft-team-demo\")\n");
  EXPECT_EQ(mode_of(file), 0600u);

  r = host.kraft({"--kubeconfig", file.string(), "list", "-A"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  if (auto kubectl = find_on_path("kubectl")) {
    auto k =
        run_process(*kubectl, {"--kubeconfig", file.string(), "get", "namespaces", "-o", "name"});
    EXPECT_EQ(k.exit_code, 0) << k.err;
    EXPECT_NE(k.out.find("namespace/default"), std::string::npos) << k.out;
  }

  // The same file against a server that trusts another client CA: refused.
  const auto other = VirtualClusterPki::generate();
  TestApiServer stranger(virtual_server(*pki, other.client_ca.cert_pem()));
  r = host.kraft({"--kubeconfig", file.string(), "--server", stranger.url(), "list", "-A"});
  EXPECT_NE(r.exit_code, 0);
}

TEST(KubeconfigGet, CertificateFlagsAndNoKeyInVerboseOutput) {
  K3kHost host;
  host.create_ready("team", "demo", kNodePort);
  auto file = host.home() / "alice.yaml";
  auto r = host.kraft({"-v", "8", "kubeconfig", "get", "demo", "-n", "team", "--cn", "alice",
                       "--org", "dev", "--org", "ops", "--days", "7", "-o", file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("PRIVATE KEY"), std::string::npos);
  EXPECT_EQ(r.out.find("PRIVATE KEY"), std::string::npos);
  const std::string text = read_file(file);
  const auto key_at = text.find("client-key-data: ");
  ASSERT_NE(key_at, std::string::npos);
  const std::string key = text.substr(key_at + 17, 40);
  EXPECT_EQ(r.err.find(key), std::string::npos) << "the new private key was logged";
  // The bootstrap secret (with the CA keys) was read, but its data never printed.
  EXPECT_NE(r.err.find("k3k-demo-bootstrap"), std::string::npos) << r.err;
  auto secret =
      host.server().registry().call("GET", "/api/v1/namespaces/team/secrets/k3k-demo-bootstrap");
  const std::string bootstrap = json::parse(secret.body)["data"]["bootstrap"];
  EXPECT_EQ(r.err.find(bootstrap.substr(0, 40)), std::string::npos) << "CA keys were logged";
}

TEST(KubeconfigGet, BadFlagsAreUsageErrors) {
  K3kHost host;
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"kubeconfig", "get", "demo", "--into", "x"},
           {"kubeconfig", "get", "demo", "--switch"},
           {"kubeconfig", "get", "demo", "--on-conflict", "rename"},
           {"kubeconfig", "get", "demo", "--days", "0"},
           {"kubeconfig", "get", "demo", "--cn", ""},
           {"kubeconfig", "get", "demo", "--server", "http://x"},
           {"kubeconfig", "get", "demo", "--merge", "-o", "f"},
           {"kubeconfig", "get", "demo", "--merge", "--on-conflict", "maybe"},
           {"kubeconfig", "get", "demo", "--timeout", "soon"}}) {
    auto r = host.kraft(args);
    EXPECT_EQ(r.exit_code, 2) << args.back() << ": " << r.err;
    EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
  }
  auto r = host.kraft({"kubeconfig", "get", "nope", "-n", "team"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
}

TEST(KubeconfigGet, MergeSwitchesAndRefreshesItsOwnEntriesButRefusesOthers) {
  K3kHost host;
  host.create_ready("team", "demo", kNodePort);
  const auto config = host.kubeconfig();
  auto r = host.kraft({"kubeconfig", "get", "team/demo", "--merge", "--switch"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "context \"kraft-team-demo\" added to " + config.string() +
                       "\nSwitched to context \"kraft-team-demo\".\n");
  r = host.kraft({"kubeconfig", "list"});
  EXPECT_NE(r.out.find("*         kraft-team-demo"), std::string::npos) << r.out;

  // Again: a new certificate for the same cluster replaces the old entries.
  r = host.kraft({"--context", "kraft-test", "kubeconfig", "get", "team/demo", "--merge"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The new certificate replaces the user; cluster and context are unchanged.
  EXPECT_EQ(r.out, "user \"kraft-team-demo\" replaced in " + config.string() +
                       "\n2 identical entries already in " + config.string() + "\n");

  // A hand-made context of that name is not kraft's to replace.
  auto other = host.write("other.yaml", R"(apiVersion: v1
kind: Config
clusters:
- name: kraft-team-demo
  cluster: {server: "https://elsewhere:6443"}
users:
- name: kraft-team-demo
  user: {token: abc}
contexts:
- name: kraft-team-demo
  context: {cluster: kraft-team-demo, user: kraft-team-demo}
)");
  const std::string before = read_file(other);
  r = host.kraft({"--context", "kraft-test", "kubeconfig", "get", "team/demo", "--merge", "--into",
                  other.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("context \"kraft-team-demo\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--on-conflict"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(other), before);
}

TEST(KubeconfigGet, OutputFileNeverReplacesSomeoneElsesKubeconfig) {
  K3kHost host;
  host.create_ready("team", "demo", kNodePort);
  const auto config = host.kubeconfig();
  const std::string before = read_file(config);
  auto r = host.kraft({"kubeconfig", "get", "team/demo", "-o", config.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("already holds other kubeconfig entries"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--merge --into"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(config), before);

  // Its own earlier file is replaced (a fresh certificate).
  auto file = host.home() / "demo.yaml";
  ASSERT_EQ(host.kraft({"kubeconfig", "get", "team/demo", "-o", file.string()}).exit_code, 0);
  const std::string first = read_file(file);
  r = host.kraft({"kubeconfig", "get", "team/demo", "-o", file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(read_file(file), first);
}

TEST(KubeconfigGet, MergeLeavesTheCurrentContextAloneUnlessSwitchAndSwitchesToTheFinalName) {
  K3kHost host;
  host.create_ready("team", "demo", kNodePort);
  // No current-context here: a merge without --switch must not pick one.
  auto into = host.write("vcs.yaml", "apiVersion: v1\nkind: Config\n");
  auto r = host.kraft({"kubeconfig", "get", "team/demo", "--merge", "--into", into.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(into).find("current-context: kraft"), std::string::npos) << read_file(into);

  // Another identity (CN) for the same cluster is not a refresh: with rename it gets -2, and
  // --switch follows the new name.
  r = host.kraft({"kubeconfig", "get", "team/demo", "--merge", "--into", into.string(), "--cn",
                  "alice", "--on-conflict", "rename", "--switch"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Switched to context \"kraft-team-demo-2\"."), std::string::npos)
      << r.out;
  EXPECT_NE(read_file(into).find("current-context: kraft-team-demo-2"), std::string::npos);
}

TEST(KubeconfigCreate, KubeconfigOutWaitsForReadyThenWritesTheFile) {
  K3kHost host;
  auto file = host.home() / "new.yaml";
  // --no-check: no virtual cluster answers on this host (reachable_kubeconfig_test has one).
  auto r = host.kraft({"create", "team/new", "--expose", "nodeport", "--tls-san", "127.0.0.1",
                       "--kubeconfig-out", file.string(), "--no-check"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("is Ready"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("kubeconfig for cluster team/new written to"), std::string::npos) << r.out;
  EXPECT_EQ(mode_of(file), 0600u);
  EXPECT_NE(read_file(file).find("current-context: kraft-team-new"), std::string::npos);

  r = host.kraft({"create", "team/dry", "--dry-run", "--kubeconfig-out", file.string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

}  // namespace
}  // namespace kraft::testing
