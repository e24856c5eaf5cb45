// The kraft-test-apiserver program as scripts/demo and bench/list.sh use it: started in the
// foreground with --print-kubeconfig, reached over HTTPS with the certificate it prints,
// simulating K3k (--simulate-k3k) or preloaded with Ready clusters (--seed-clusters), and
// stopped cleanly by SIGTERM. Waits on the program's output and on watches, never sleeps.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "process/process.h"
#include "test_support/test_client.h"
#include "text_codec.h"

namespace kraft::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;

const std::string kAllClusters = "/apis/k3k.io/v1beta1/clusters";
const std::string kDemoClusters = "/apis/k3k.io/v1beta1/namespaces/demo/clusters";

/// The value after `key: ` on the kubeconfig line that holds it ("" when absent).
std::string kubeconfig_value(const std::string& kubeconfig, const std::string& key) {
  const auto at = kubeconfig.find(key + ": ");
  if (at == std::string::npos) return "";
  const auto start = at + key.size() + 2;
  return kubeconfig.substr(start, kubeconfig.find('\n', start) - start);
}

/// kraft-test-apiserver running with `args` (plus --port 0 --print-kubeconfig), and an HTTPS
/// client that authenticates with the admin certificate from the printed kubeconfig.
class ServerBinary {
 public:
  explicit ServerBinary(std::vector<std::string> args) {
    args.insert(args.end(), {"--port", "0", "--print-kubeconfig"});
    process_ = std::make_unique<ChildProcess>(KRAFT_TEST_APISERVER_BINARY, args);
    // The kubeconfig is printed once the server listens (and is seeded); it ends with
    // current-context.
    while (auto line = process_->read_line(60s)) {
      kubeconfig_ += *line + "\n";
      if (line->rfind("current-context:", 0) == 0) break;
    }
    if (kubeconfig_value(kubeconfig_, "current-context").empty()) return;
    char tmpl[] = "/tmp/kraft-server-binary-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    for (const auto& [key, file] : {std::pair{"certificate-authority-data", "ca.crt"},
                                    {"client-certificate-data", "client.crt"},
                                    {"client-key-data", "client.key"}}) {
      std::ofstream(dir_ / file) << base64_decode(kubeconfig_value(kubeconfig_, key)).value_or("");
    }
    const std::string server = kubeconfig_value(kubeconfig_, "server");
    port_ = std::atoi(server.substr(server.rfind(':') + 1).c_str());
  }
  ~ServerBinary() {
    process_->stop();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  /// Whether the program printed a whole kubeconfig naming an https URL with a port.
  bool started() const { return port_ > 0; }
  /// SIGTERM; the exit code.
  int stop() { return process_->stop(); }
  const std::string& err() const { return process_->err(); }

  std::unique_ptr<httplib::SSLClient> client() const {
    auto c = std::make_unique<httplib::SSLClient>(
        "127.0.0.1", port_, (dir_ / "client.crt").string(), (dir_ / "client.key").string());
    c->set_ca_cert_path((dir_ / "ca.crt").string().c_str());
    c->enable_server_certificate_verification(true);
    c->set_read_timeout(30s);
    return c;
  }

  HttpResult request(const std::string& method, const std::string& path,
                     const json& body = nullptr) const {
    auto c = client();
    const httplib::Headers headers = {{"Accept", "application/json"}};
    httplib::Result r = method == "GET"    ? c->Get(path, headers)
                        : method == "POST" ? c->Post(path, headers, body.dump(), "application/json")
                                           : c->Delete(path, headers);
    HttpResult out;
    out.status = r ? r->status : 0;
    out.body = r ? r->body : "";
    out.transport_error = r ? "" : httplib::to_string(r.error());
    return out;
  }

  /// Watches `path` from resourceVersion `rv` until `done` says so for an event; returns the
  /// events seen (the server ends the stream after 30 s at the latest).
  std::vector<json> watch_until(const std::string& path, const std::string& rv,
                                const std::function<bool(const json&)>& done) const {
    std::vector<json> events;
    std::string partial;
    auto c = client();
    c->Get(path + "?watch=1&timeoutSeconds=30&resourceVersion=" + rv,
           httplib::Headers{{"Accept", "application/json"}}, [&](const char* data, size_t len) {
             partial.append(data, len);
             for (auto nl = partial.find('\n'); nl != std::string::npos; nl = partial.find('\n')) {
               events.push_back(json::parse(partial.substr(0, nl), nullptr, false));
               partial.erase(0, nl + 1);
               if (done(events.back())) return false;  // enough: close the stream
             }
             return true;
           });
    return events;
  }

 private:
  std::unique_ptr<ChildProcess> process_;
  std::string kubeconfig_;
  fs::path dir_;
  int port_ = 0;
};

std::string phase_of(const json& event) {
  return event["object"].value("status", json::object()).value("phase", "");
}

TEST(ServerBinaryK3k, SimulatedClusterGoesProvisioningToReadyAndIsFinalizedOnDelete) {
  ServerBinary server({"--simulate-k3k", "--provision-delay", "50ms", "--delete-delay", "20ms"});
  ASSERT_TRUE(server.started()) << server.err();
  ASSERT_EQ(server.request("POST", "/api/v1/namespaces", namespace_body("demo")).status, 201);
  const std::string rv = server.request("GET", kDemoClusters).json()["metadata"]["resourceVersion"];

  auto created = server.request("POST", kDemoClusters, cluster_body("a", {{"servers", 1}}));
  ASSERT_EQ(created.status, 201) << created.body << created.transport_error;
  auto events =
      server.watch_until(kDemoClusters, rv, [](const json& e) { return phase_of(e) == "Ready"; });
  std::vector<std::string> phases;
  for (const auto& e : events) {
    if (phases.empty() || phases.back() != phase_of(e)) phases.push_back(phase_of(e));
  }
  EXPECT_EQ(phases, (std::vector<std::string>{"Unknown", "Provisioning", "Ready"}));
  EXPECT_EQ(server.request("GET", "/api/v1/namespaces/demo/services/k3k-a-service").status, 200)
      << "the simulator created the cluster's service";

  const std::string ready_rv = events.back()["object"]["metadata"]["resourceVersion"];
  ASSERT_EQ(server.request("DELETE", kDemoClusters + "/a").status, 200);
  auto deleted = server.watch_until(kDemoClusters, ready_rv,
                                    [](const json& e) { return e["type"] == "DELETED"; });
  ASSERT_FALSE(deleted.empty());
  EXPECT_EQ(deleted.back()["type"], "DELETED") << "the simulator removed K3k's finalizer";

  EXPECT_EQ(server.stop(), 0) << server.err();
  EXPECT_NE(server.err().find("shutting down"), std::string::npos) << server.err();
}

TEST(ServerBinaryK3k, SeedsReadyClustersAcrossNamespacesThatListAndPage) {
  ServerBinary server({"--seed-clusters", "50:3", "--metrics-api"});
  ASSERT_TRUE(server.started()) << server.err();
  auto all = server.request("GET", kAllClusters);
  ASSERT_EQ(all.status, 200) << all.body << all.transport_error;
  const json items = all.json()["items"];
  ASSERT_EQ(items.size(), 50u);
  std::set<std::string> namespaces;
  for (const auto& c : items) {
    namespaces.insert(c["metadata"]["namespace"].get<std::string>());
    EXPECT_EQ(c["status"]["phase"], "Ready") << c.dump();
    EXPECT_EQ(c["metadata"]["labels"]["app.kubernetes.io/managed-by"], "kraft");
    EXPECT_FALSE(c["metadata"].contains("finalizers")) << "no simulator would remove it";
  }
  EXPECT_EQ(namespaces, (std::set<std::string>{"tenant-1", "tenant-2", "tenant-3"}));

  auto page = server.request("GET", kAllClusters + "?limit=20").json();
  EXPECT_EQ(page["items"].size(), 20u);
  EXPECT_EQ(page["metadata"]["remainingItemCount"], 30);
  EXPECT_EQ(server.request("GET", "/apis/metrics.k8s.io/v1beta1").status, 200) << "--metrics-api";
  EXPECT_EQ(server.stop(), 0) << server.err();
}

TEST(ServerBinaryK3k, SeededClustersCarryK3ksFinalizerWhenSimulatingAndAreNotReprovisioned) {
  ServerBinary server({"--seed-clusters", "4:1", "--simulate-k3k", "--delete-delay", "20ms"});
  ASSERT_TRUE(server.started()) << server.err();
  auto list = server.request("GET", kAllClusters).json();
  ASSERT_EQ(list["items"].size(), 4u);
  EXPECT_EQ(list["items"][0]["metadata"]["finalizers"], json::array({"cluster.k3k.io/finalizer"}));
  EXPECT_EQ(server.request("GET", "/api/v1/namespaces/tenant-1/services/k3k-vc-0-service").status,
            404)
      << "seeded clusters are finished ones, not new ones to provision";

  const std::string rv = list["metadata"]["resourceVersion"];
  const std::string path = "/apis/k3k.io/v1beta1/namespaces/tenant-1/clusters";
  ASSERT_EQ(server.request("DELETE", path + "/vc-0").status, 200);
  auto events = server.watch_until(path, rv, [](const json& e) { return e["type"] == "DELETED"; });
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back()["type"], "DELETED");
}

TEST(ServerBinaryK3k, SimulatesNodesAndWorkloadPodsWithMetricsForTheDemo) {
  ServerBinary server({"--simulate-k3k", "--metrics-api", "--simulate-workloads", "2",
                       "--provision-delay", "20ms"});
  ASSERT_TRUE(server.started()) << server.err();
  EXPECT_EQ(server.request("GET", "/api/v1/nodes").json()["items"].size(), 3u)
      << "--simulate-k3k brings three nodes";
  ASSERT_EQ(server.request("POST", "/api/v1/namespaces", namespace_body("demo")).status, 201);
  const std::string pods = "/api/v1/namespaces/demo/pods";
  const std::string rv = server.request("GET", pods).json()["metadata"]["resourceVersion"];
  ASSERT_EQ(server.request("POST", kDemoClusters, cluster_body("a")).status, 201);
  std::set<std::string> running;
  server.watch_until(pods, rv, [&](const json& e) {
    const json& pod = e["object"];
    if (pod["metadata"].value("labels", json::object()).contains("k3k.io/clusterName") &&
        pod.value("status", json::object()).value("phase", "") == "Running" &&
        !pod["spec"].value("nodeName", "").empty()) {
      running.insert(pod["metadata"]["name"].get<std::string>());
    }
    return running.size() == 2;
  });
  ASSERT_EQ(running.size(), 2u) << "two workload pods, bound to nodes and running";
  auto metrics = server.request(
      "GET",
      "/apis/metrics.k8s.io/v1beta1/namespaces/demo/pods?labelSelector=k3k.io/clusterName%3Da");
  ASSERT_EQ(metrics.status, 200) << metrics.body;
  ASSERT_EQ(metrics.json()["items"].size(), 2u);
  EXPECT_EQ(metrics.json()["items"][0]["containers"][0]["usage"],
            json({{"cpu", "50m"}, {"memory", "64Mi"}}));
  EXPECT_EQ(server.stop(), 0) << server.err();
}

TEST(ServerBinaryK3k, RefusesMalformedFlagValuesWithUsageErrors) {
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"--seed-clusters", "many"},
                                             {"--seed-clusters", "10:0"},
                                             {"--provision-delay", "soon"},
                                             {"--delete-delay", "-1s"},
                                             {"--port", "http"},
                                             {"--seed-clusters", "5", "--no-default-crds"},
                                             {"--nodes", "many"},
                                             {"--simulate-workloads", "2"},
                                             {"--run-pods", "--nodes", "0"}}) {
    auto r = run_process(KRAFT_TEST_APISERVER_BINARY, args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << " " << args[1];
    EXPECT_NE(r.err.find("error: "), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << "no kubeconfig for a server that never started";
  }
}

}  // namespace
}  // namespace kraft::testing
