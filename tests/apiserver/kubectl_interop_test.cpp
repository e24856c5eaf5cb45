// A second, independent client agrees with the test API server: kubectl (when installed)
// gets, watches, creates, server-side applies, patches and deletes namespaces, secrets and
// K3k clusters through the server's kubeconfig.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "process/process.h"
#include "test_support/test_client.h"

namespace kraft::testing {
namespace {

namespace fs = std::filesystem;

class KubectlInterop : public ::testing::Test {
 protected:
  KubectlInterop() = default;
  explicit KubectlInterop(TestApiServerOptions options) : server_(std::move(options)) {}

  void SetUp() override {
    kubectl_ = find_on_path("kubectl");
    if (!kubectl_) GTEST_SKIP() << "kubectl is not installed: skipping the second-client check";
    // Before 1.24, `kubectl create -f`/`apply` fetch /openapi/v2 as protobuf, which the test
    // server does not serve (Debian's kubernetes-client is 1.20).
    const ProcessResult version = run_process(*kubectl_, {"version", "--client", "-o", "json"});
    const auto minor = nlohmann::json::parse(version.out, nullptr, false)
                           .value("clientVersion", nlohmann::json::object())
                           .value("minor", std::string("0"));
    if (std::atoi(minor.c_str()) < 24) {
      GTEST_SKIP() << "kubectl 1." << minor << " is older than 1.24: it needs OpenAPI v2 in "
                   << "protobuf, which the test server does not serve";
    }
    char tmpl[] = "/tmp/kraft-kubectl-XXXXXX";
    home_ = mkdtemp(tmpl);
    kubeconfig_ = home_ / "kubeconfig";
    std::ofstream(kubeconfig_) << server_.kubeconfig();
    ::chmod(kubeconfig_.c_str(), 0600);
  }
  void TearDown() override {
    if (!home_.empty()) fs::remove_all(home_);
  }

  ProcessResult kubectl(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), {"--kubeconfig", kubeconfig_.string()});
    // HOME keeps kubectl's discovery cache inside the test's own directory.
    return run_process(*kubectl_, args, {{"HOME", home_.string()}}, input);
  }

  std::unique_ptr<ChildProcess> kubectl_async(std::vector<std::string> args) {
    args.insert(args.begin(), {"--kubeconfig", kubeconfig_.string()});
    return std::make_unique<ChildProcess>(*kubectl_, args,
                                          std::map<std::string, std::string>{{"HOME", home_.string()}});
  }

  std::optional<std::string> kubectl_;
  fs::path home_;
  fs::path kubeconfig_;
  TestApiServer server_;
};

std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

constexpr const char* kClusterYaml = R"(apiVersion: k3k.io/v1beta1
kind: Cluster
metadata:
  name: demo
  namespace: team
spec:
  servers: 1
  persistence:
    type: dynamic
)";

TEST_F(KubectlInterop, CreatesGetsPatchesAndDeletesNamespaces) {
  auto r = kubectl({"create", "-f", "-"}, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "namespace/team created\n");
  r = kubectl({"patch", "namespace", "team", "--type", "merge", "-p",
               R"({"metadata":{"labels":{"tier":"gold"}}})"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = kubectl({"get", "namespaces", "-l", "tier=gold", "-o", "name"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "namespace/team\n");
  r = kubectl({"delete", "namespace", "team", "--wait=true"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(kubectl({"get", "namespace", "team"}).exit_code, 1) << "gone once finalized";
}

TEST_F(KubectlInterop, CreatesSecretsWithStringData) {
  ASSERT_EQ(kubectl({"create", "namespace", "team", "--dry-run=client", "-o", "yaml"}).exit_code, 0);
  ASSERT_EQ(kubectl({"create", "-f", "-"},
                    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n").exit_code, 0);
  auto r = kubectl({"create", "-f", "-"},
                   "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: team\n"
                   "stringData:\n  password: s3cr3t\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = kubectl({"get", "secret", "creds", "-n", "team", "-o", "jsonpath={.data.password} {.type}"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "czNjcjN0 Opaque");
  r = kubectl({"delete", "secret", "creds", "-n", "team"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(KubectlInterop, ManagesK3kClustersWithDefaultsApplyAndPatch) {
  ASSERT_EQ(kubectl({"create", "-f", "-"},
                    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n").exit_code, 0);
  auto r = kubectl({"create", "-f", "-"}, kClusterYaml);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "cluster.k3k.io/demo created\n");
  r = kubectl({"get", "clusters.k3k.io", "demo", "-n", "team", "-o",
               "jsonpath={.spec.mode} {.spec.persistence.storageRequestSize} {.status.phase}"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "shared 2G Unknown") << "CRD defaults applied";

  std::string scaled = kClusterYaml;
  scaled.replace(scaled.find("servers: 1"), 10, "servers: 3");
  r = kubectl({"apply", "--server-side", "-f", "-"}, scaled);
  EXPECT_NE(r.exit_code, 0) << "kubectl-create owns spec.servers: a conflict";
  EXPECT_NE(r.err.find("conflict"), std::string::npos) << r.err;
  r = kubectl({"apply", "--server-side", "--force-conflicts", "-f", "-"}, scaled);
  ASSERT_EQ(r.exit_code, 0) << r.err;

  r = kubectl({"patch", "clusters.k3k.io", "demo", "-n", "team", "--type", "json", "-p",
               R"([{"op":"replace","path":"/spec/agents","value":2}])"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = kubectl({"get", "clusters.k3k.io", "-A", "-o",
               "jsonpath={.items[0].spec.servers} {.items[0].spec.agents}"});
  EXPECT_EQ(r.out, "3 2");

  r = kubectl({"patch", "clusters.k3k.io", "demo", "-n", "team", "--type", "merge", "-p",
               R"({"spec":{"mode":"virtual"}})"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("mode is immutable"), std::string::npos) << r.err;

  r = kubectl({"delete", "clusters.k3k.io", "demo", "-n", "team"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "cluster.k3k.io \"demo\" deleted\n");
}

TEST_F(KubectlInterop, SeesSchemaErrorsFromTheServer) {
  ASSERT_EQ(kubectl({"create", "-f", "-"},
                    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n").exit_code, 0);
  std::string zero = kClusterYaml;
  zero.replace(zero.find("servers: 1"), 10, "servers: 0");
  auto r = kubectl({"create", "-f", "-"}, zero);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("cluster must have at least one server"), std::string::npos) << r.err;
  std::string typo = kClusterYaml;
  typo.replace(typo.find("servers: 1"), 10, "serverz: 1");
  r = kubectl({"create", "-f", "-"}, typo);
  EXPECT_NE(r.exit_code, 0) << "kubectl asks for strict field validation";
  EXPECT_NE(r.err.find("unknown field \"spec.serverz\""), std::string::npos) << r.err;
}

TEST_F(KubectlInterop, WatchesClustersAsTheyChange) {
  TestClient client(server_);
  ASSERT_EQ(client.post("/api/v1/namespaces", namespace_body("team")).status, 201);
  ASSERT_EQ(client.post("/apis/k3k.io/v1beta1/namespaces/team/clusters", cluster_body("w0")).status,
            201);
  auto watch = kubectl_async({"get", "clusters.k3k.io", "-n", "team", "-w", "-o",
                              "custom-columns=NAME:.metadata.name,SERVERS:.spec.servers",
                              "--no-headers"});
  // The first line is kubectl's initial list: after it, kubectl is watching.
  auto line = watch->read_line(std::chrono::seconds(20));
  ASSERT_TRUE(line) << watch->err();
  EXPECT_EQ(words(*line), (std::vector<std::string>{"w0", "1"}));
  ASSERT_EQ(client.post("/apis/k3k.io/v1beta1/namespaces/team/clusters", cluster_body("w1")).status,
            201);
  line = watch->read_line(std::chrono::seconds(20));
  ASSERT_TRUE(line) << watch->err();
  EXPECT_EQ(words(*line), (std::vector<std::string>{"w1", "1"}));
  ASSERT_EQ(client.patch("/apis/k3k.io/v1beta1/namespaces/team/clusters/w1",
                         {{"spec", {{"servers", 3}}}})
                .status,
            200);
  line = watch->read_line(std::chrono::seconds(20));
  ASSERT_TRUE(line) << watch->err();
  EXPECT_EQ(words(*line), (std::vector<std::string>{"w1", "3"}));
}

TestApiServerOptions one_node_with_metrics() {
  TestApiServerOptions o;
  o.metrics_api = true;
  o.nodes.count = 1;
  o.nodes.run_pods = true;
  return o;
}

class KubectlTop : public KubectlInterop {
 protected:
  KubectlTop() : KubectlInterop(one_node_with_metrics()) {}
};

TEST_F(KubectlTop, TopReadsPodAndNodeMetrics) {
  TestClient client(server_);
  ASSERT_EQ(client.post("/api/v1/namespaces", namespace_body("team")).status, 201);
  auto w = client.watch_from_now(kTeamCore + "pods");
  nlohmann::json pod = {
      {"apiVersion", "v1"},
      {"kind", "Pod"},
      {"metadata", {{"name", "web"}}},
      {"spec",
       {{"containers",
         {{{"name", "c"},
           {"resources", {{"requests", {{"cpu", "200m"}, {"memory", "256Mi"}}}}}}}}}}};
  ASSERT_EQ(client.post(kTeamCore + "pods", pod).status, 201);
  bool running = false;
  while (!running) {
    auto e = w->next(std::chrono::seconds(10));
    ASSERT_TRUE(e) << "the pod never started";
    running = (*e)["object"]["status"].value("phase", "") == "Running";
  }
  ProcessResult r = kubectl({"top", "pod", "-n", "team", "--no-headers"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(words(r.out), (std::vector<std::string>{"web", "100m", "128Mi"}));
  r = kubectl({"top", "node", "--no-headers"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // 100m for the system plus the pod's, of 4 CPUs; 512Mi plus 128Mi, of 16284Mi allocatable.
  EXPECT_EQ(words(r.out), (std::vector<std::string>{"node-0", "200m", "5%", "640Mi", "3%"}));
}

}  // namespace
}  // namespace kraft::testing
