// kraft create, as a person and a script use it, against the simulated K3k host.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "fixture/k3k_host.h"

namespace kraft::testing {
namespace {

using nlohmann::json;
const std::string kClusters = "/apis/k3k.io/v1beta1/namespaces/";

std::string cluster_path(const std::string& ns, const std::string& name) {
  return kClusters + ns + "/clusters/" + name;
}

using KraftCreate = K3kHostTest;

TEST_F(KraftCreate, CreatesNamespaceAndClusterAndWaitsUntilReady) {
  auto r = kraft({"create", "demo", "--wait"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "namespace/k3k-demo created\ncluster/k3k-demo/demo created\n");
  // Not a terminal: one plain line per phase on stderr, then the outcome.
  EXPECT_NE(r.err.find("cluster k3k-demo/demo: Provisioning"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cluster k3k-demo/demo is Ready ("), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("\r"), std::string::npos) << "a spinner was drawn into a pipe";
  auto ns = get("/api/v1/namespaces/k3k-demo");
  ASSERT_TRUE(ns);
  EXPECT_EQ((*ns)["metadata"]["labels"]["app.kubernetes.io/managed-by"], "kraft");
  auto c = get(cluster_path("k3k-demo", "demo"));
  ASSERT_TRUE(c);
  EXPECT_EQ((*c)["status"]["phase"], "Ready");
  EXPECT_EQ((*c)["spec"]["persistence"]["type"], "dynamic");
}

TEST_F(KraftCreate, EveryFlagReachesTheCluster) {
  auto r = kraft({"create",
                  "team/dev",
                  "--servers",
                  "3",
                  "--agents",
                  "2",
                  "--mode",
                  "virtual",
                  "--version",
                  "v1.31.1-k3s1",
                  "--storage-class",
                  "local-path",
                  "--storage-size",
                  "5Gi",
                  "--expose",
                  "nodeport",
                  "--host",
                  "dev.example.com",
                  "--tls-san",
                  "10.0.0.7",
                  "--server-arg=--disable=traefik",
                  "--agent-arg=--node-label=a=b",
                  "--label",
                  "team=dev",
                  "-o",
                  "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json out = json::parse(r.out);
  EXPECT_EQ(out["metadata"]["namespace"], "team");
  const json& s = out["spec"];
  EXPECT_EQ(s["servers"], 3);
  EXPECT_EQ(s["agents"], 2);
  EXPECT_EQ(s["mode"], "virtual");
  EXPECT_EQ(s["version"], "v1.31.1-k3s1");
  EXPECT_EQ(s["persistence"]["storageClassName"], "local-path");
  EXPECT_EQ(s["persistence"]["storageRequestSize"], "5Gi");
  EXPECT_TRUE(s["expose"].contains("nodePort"));
  // --host first, then the address NodePorts are reached on (the host API server's), then more.
  EXPECT_EQ(s["tlsSANs"], (json{"dev.example.com", "127.0.0.1", "10.0.0.7"}));
  EXPECT_EQ(s["serverArgs"], (json{"--disable=traefik"}));
  EXPECT_EQ(s["agentArgs"], (json{"--node-label=a=b"}));
  EXPECT_EQ(out["metadata"]["labels"]["team"], "dev");
  EXPECT_TRUE(get(cluster_path("team", "dev")));
}

TEST_F(KraftCreate, NameOutputIsForScripts) {
  auto r = kraft({"create", "-n", "team", "a", "-o", "name"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "cluster/team/a\n");
}

TEST_F(KraftCreate, BadInputIsOneLineExitTwoAndCreatesNothing) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const auto& c : std::vector<Case>{
           {{"create", "Demo"}, "cluster name \"Demo\" is invalid"},
           {{"create", "demo", "--servers", "0"}, "servers must be at least 1, got 0"},
           {{"create", "demo", "--mode", "hybrid"}, "unknown mode \"hybrid\""},
           {{"create", "demo", "--expose", "route"}, "unknown expose mode \"route\""},
           {{"create", "demo", "--expose", "traefik"},
            "traefik exposure needs the host name users will dial, e.g. demo.example.com "
            "(--host)\n"},
           {{"create", "demo", "--ingress-class", "nginx"},
            "an ingress class only applies to ingress exposure (--ingress-class, --expose)\n"},
           {{"create", "demo", "--expose", "ingress", "--host", "10.0.0.1"},
            "the host must be a DNS name, not \"10.0.0.1\"; for an IP use nodeport or "
            "loadbalancer exposure (--host, --expose)\n"},
           {{"create", "demo", "--label", "nolabel"}, "is not KEY=VALUE"},
           {{"create", "demo", "--dry-run=maybe"}, "unknown --dry-run \"maybe\""},
           {{"create", "demo", "--wait", "--timeout", "soon"}, "--timeout"},
           {{"create", "a/b/c"}, ""},
       }) {
    auto r = kraft(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args[1] << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
  EXPECT_FALSE(get("/api/v1/namespaces/k3k-demo"));
}

TEST_F(KraftCreate, AMissingPolicyIsNotFoundAndCreatesNothing) {
  auto r = kraft({"create", "demo", "--policy", "gold"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("VirtualClusterPolicy \"gold\" not found"), std::string::npos) << r.err;
  EXPECT_FALSE(get("/api/v1/namespaces/k3k-demo"));
}

TEST_F(KraftCreate, APolicyThatForbidsTheModeEndsTheWaitWithK3ksReason) {
  make_policy("shared-only", "shared");
  auto r = kraft({"create", "v", "--mode", "virtual", "--policy", "shared-only", "--wait"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("error: cluster \"k3k-v/v\" is Pending: cluster validation error: mode "
                       "\"virtual\" is not allowed by the policy \"shared-only\""),
            std::string::npos)
      << r.err;
}

TEST_F(KraftCreate, AClusterThatKeepsFailingEndsTheWait) {
  sim().fail_times("k3k-bad", "bad", 1000);
  auto r = kraft({"create", "bad", "--wait"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("failed 4 times"), std::string::npos) << r.err;
}

TEST_F(KraftCreate, AFlappingClusterStillBecomesReady) {
  sim().fail_times("k3k-flaky", "flaky", 2);
  auto r = kraft({"create", "flaky", "--wait"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(KraftCreateTimeout, RunningOutOfTimeIsExitFour) {
  K3kHost env(without_controller());  // K3k's CRDs but no controller: nothing ever becomes Ready
  auto r = env.kraft({"create", "idle", "--wait", "--timeout", "1s"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("timed out after 1s waiting for cluster \"k3k-idle/idle\" to be Ready"),
            std::string::npos)
      << r.err;
}

TEST(KraftCreateWithoutK3k, SaysSoAndCreatesNothing) {
  TestApiServerOptions o;
  o.crd_files.clear();
  K3kHost env(without_controller(o));
  auto r = env.kraft({"create", "demo"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("K3k is not installed"), std::string::npos) << r.err;
  EXPECT_EQ(env.server().registry().call("GET", "/api/v1/namespaces/k3k-demo").status, 404);
}

TEST_F(KraftCreate, NoPermissionIsOneClearLine) {
  server().access().add_token("dev-token", UserInfo{"dev", {}});
  std::string kc = write("dev.yaml", server().kubeconfig_with_token("dev-token"));
  auto r = kraft({"create", "demo", "--kubeconfig", kc.c_str()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("forbidden"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_FALSE(get("/api/v1/namespaces/k3k-demo"));
}

TEST_F(KraftCreate, DryRunsStoreNothing) {
  auto client = kraft({"create", "demo", "--dry-run=client", "-o", "yaml"});
  ASSERT_EQ(client.exit_code, 0) << client.err;
  EXPECT_NE(client.out.find("persistence:\n    type: dynamic"), std::string::npos) << client.out;
  auto bare = kraft({"create", "demo", "--dry-run"});  // kubectl's old spelling: client
  ASSERT_EQ(bare.exit_code, 0) << bare.err;
  EXPECT_EQ(bare.out, "cluster/k3k-demo/demo created (dry run)\n");
  auto server = kraft({"create", "demo", "--dry-run=server"});
  ASSERT_EQ(server.exit_code, 0) << server.err;
  EXPECT_EQ(server.out,
            "namespace/k3k-demo created (server dry run)\ncluster/k3k-demo/demo created "
            "(server dry run)\n");
  EXPECT_FALSE(get("/api/v1/namespaces/k3k-demo"));
}

TEST_F(KraftCreate, TraefikExposureCreatesTheRouteAndRefusesATakenHost) {
  auto r = kraft({"create", "web", "--expose", "traefik", "--host", "web.example.com"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ingressroutetcp/k3k-web/k3k-web-traefik created"), std::string::npos);
  auto route = get("/apis/traefik.io/v1alpha1/namespaces/k3k-web/ingressroutetcps/k3k-web-traefik");
  ASSERT_TRUE(route);
  EXPECT_EQ((*route)["spec"]["routes"][0]["match"], "HostSNI(`web.example.com`)");
  auto again = kraft({"create", "web2", "--expose", "traefik", "--host", "web.example.com"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already routed"), std::string::npos) << again.err;
  EXPECT_TRUE(again.err.ends_with("choose another host name (--host)\n")) << again.err;
  EXPECT_FALSE(get("/api/v1/namespaces/k3k-web2"));
}

TEST_F(KraftCreate, AnExistingClusterIsAnErrorNamingIt) {
  ASSERT_EQ(kraft({"create", "twice"}).exit_code, 0);
  auto r = kraft({"create", "twice"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cluster \"k3k-twice/twice\" already exists"), std::string::npos) << r.err;
}

TEST_F(KraftCreate, AgentsInSharedModeAreAWarning) {
  auto r = kraft({"create", "s", "--agents", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("Warning: agents are ignored in shared mode"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kraft::testing
