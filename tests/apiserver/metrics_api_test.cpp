// metrics.k8s.io/v1beta1 as metrics-server serves it, computed from the stored pods and nodes
// (tests/support/apiserver/metrics_api.h): discovery, which pods have metrics, the usage
// rules and their canonical strings, selectors, and the verbs it refuses.
#include <gtest/gtest.h>

#include "test_support/test_client.h"

namespace kraft::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

const std::string kMetricsPods = "/apis/metrics.k8s.io/v1beta1/namespaces/team/pods";
const std::string kMetricsNodes = "/apis/metrics.k8s.io/v1beta1/nodes";

json container(const std::string& name, const json& requests, const json& limits = nullptr) {
  json c = {{"name", name}, {"image", "registry.k8s.io/pause:3.9"}};
  if (!requests.is_null()) c["resources"]["requests"] = requests;
  if (!limits.is_null()) c["resources"]["limits"] = limits;
  return c;
}

/// `containers` as a vector: a braced json of one object would be that object, not an array.
json pod_body(const std::string& name, const std::vector<json>& containers,
              const json& labels = nullptr, const json& annotations = nullptr) {
  json meta = {{"name", name}};
  if (!labels.is_null()) meta["labels"] = labels;
  if (!annotations.is_null()) meta["annotations"] = annotations;
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata", meta},
          {"spec", {{"containers", containers}}}};
}

TestApiServerOptions metrics_server(int nodes = 0) {
  TestApiServerOptions o;
  o.metrics_api = true;
  o.nodes.count = nodes;
  o.nodes.run_pods = nodes > 0;
  return o;
}

class MetricsApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(client_.post("/api/v1/namespaces", namespace_body("team")).status, 201);
  }
  /// Creates team/NAME and reports it in `phase`, as its kubelet would.
  void make_pod(const json& body, const std::string& phase = "Running") {
    ASSERT_EQ(client_.post(kTeamCore + "pods", body).status, 201);
    auto r =
        client_.patch(kTeamCore + "pods/" + body["metadata"]["name"].get<std::string>() + "/status",
                      {{"status", {{"phase", phase}}}});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  /// name -> [{container, cpu, memory}...] of a PodMetricsList.
  static std::map<std::string, json> usage_by_pod(const json& list) {
    std::map<std::string, json> out;
    for (const auto& item : list["items"])
      out[item["metadata"]["name"].get<std::string>()] = item["containers"];
    return out;
  }
  TestApiServer server_{metrics_server()};
  TestClient client_{server_};
};

TEST(MetricsApiDiscovery, IsAnAggregatedReadOnlyGroupListedAfterTheCrds) {
  TestApiServer server(metrics_server());
  TestClient client(server);
  const json groups = client.get("/apis").json()["groups"];
  EXPECT_EQ(groups.back()["name"], "metrics.k8s.io") << "groupPriorityMinimum 100: last";
  auto r = client.get("/apis/metrics.k8s.io/v1beta1");
  ASSERT_EQ(r.status, 200) << r.body;
  const json resources = r.json()["resources"];
  ASSERT_EQ(resources.size(), 2u);
  EXPECT_EQ(resources[0]["name"], "nodes");
  EXPECT_EQ(resources[0]["kind"], "NodeMetrics");
  EXPECT_EQ(resources[0]["namespaced"], false);
  EXPECT_EQ(resources[1]["name"], "pods");
  EXPECT_EQ(resources[1]["kind"], "PodMetrics");
  EXPECT_EQ(resources[1]["namespaced"], true);
  for (const auto& res : resources) {
    EXPECT_EQ(res["verbs"], json::array({"get", "list"}));
    EXPECT_FALSE(res.contains("storageVersionHash")) << res.dump();
  }
  EXPECT_EQ(client.get("/apis/metrics.k8s.io").json()["preferredVersion"]["version"], "v1beta1");
}

TEST(MetricsApiDiscovery, WithoutMetricsServerTheGroupIsAbsentAndItsPaths404) {
  TestApiServer server;
  TestClient client(server);
  const json groups = client.get("/apis").json()["groups"];
  for (const auto& g : groups) EXPECT_NE(g["name"], "metrics.k8s.io");
  for (const std::string& path :
       std::vector<std::string>{"/apis/metrics.k8s.io", "/apis/metrics.k8s.io/v1beta1",
                                kMetricsPods, kMetricsNodes, "/apis/metrics.k8s.io/v1beta1/pods"}) {
    auto r = client.get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body, "404 page not found\n") << path;
  }
}

TEST_F(MetricsApi, ContainersUseHalfTheirRequestsUnlessAnnotated) {
  make_pod(pod_body("web",
                    {container("a", {{"cpu", "100m"}, {"memory", "128Mi"}}),
                     container("b", nullptr, {{"memory", "1Gi"}})},
                    {{"app", "web"}}, {{"kraft.test/usage-cpu.b", "1.5"}}));
  make_pod(pod_body("db", {container("postgres", {{"cpu", "1"}, {"memory", "1Gi"}})},
                    {{"app", "db"}},
                    {{"kraft.test/usage-cpu", "250m"}, {"kraft.test/usage-memory", "256M"}}));
  make_pod(pod_body("idle", {container("sleep", nullptr)}));
  make_pod(pod_body("odd", {container("c", {{"cpu", "125m"}, {"memory", "129Mi"}})}));

  auto r = client_.get(kMetricsPods);
  ASSERT_EQ(r.status, 200) << r.body;
  const json list = r.json();
  EXPECT_EQ(list["kind"], "PodMetricsList");
  EXPECT_EQ(list["apiVersion"], "metrics.k8s.io/v1beta1");
  EXPECT_EQ(list["metadata"], json::object());
  auto usage = usage_by_pod(list);
  ASSERT_EQ(usage.size(), 4u) << r.body;
  EXPECT_EQ(usage["web"], json::parse(R"([
    {"name": "a", "usage": {"cpu": "50m", "memory": "64Mi"}},
    {"name": "b", "usage": {"cpu": "1500m", "memory": "512Mi"}}])"))
      << "b: its own annotation for CPU; half its limit (its defaulted request) for memory";
  EXPECT_EQ(usage["db"], json::parse(R"([{"name": "postgres",
                                          "usage": {"cpu": "250m", "memory": "250000Ki"}}])"))
      << "annotations win; memory printed as metrics-server does (bytes, BinarySI)";
  EXPECT_EQ(usage["idle"][0]["usage"], json({{"cpu", "1m"}, {"memory", "8Mi"}}));
  EXPECT_EQ(usage["odd"][0]["usage"], json({{"cpu", "62500u"}, {"memory", "66048Ki"}}));
  const json item = list["items"][0];
  EXPECT_EQ(item["metadata"]["name"], "db") << "sorted by namespace and name";
  EXPECT_FALSE(item.contains("kind")) << "list items carry no type, as metrics-server's";
  EXPECT_EQ(item["metadata"]["namespace"], "team");
  EXPECT_EQ(item["metadata"]["labels"], json({{"app", "db"}}));
  EXPECT_EQ(item["window"], "15s");
  EXPECT_FALSE(item["timestamp"].get<std::string>().empty());
}

TEST_F(MetricsApi, OnlyRunningPodsHaveMetrics) {
  make_pod(pod_body("running", {container("c", {{"cpu", "10m"}})}));
  make_pod(pod_body("pending", {container("c", {{"cpu", "10m"}})}), "Pending");
  make_pod(pod_body("done", {container("c", {{"cpu", "10m"}})}), "Succeeded");
  auto usage = usage_by_pod(client_.get(kMetricsPods).json());
  EXPECT_EQ(usage.size(), 1u);
  EXPECT_TRUE(usage.count("running"));

  auto r = client_.get(kMetricsPods + "/running");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["kind"], "PodMetrics");
  EXPECT_EQ(r.json()["apiVersion"], "metrics.k8s.io/v1beta1");
  EXPECT_EQ(r.json()["containers"][0]["usage"]["cpu"], "5m");
  for (const std::string name : {"done", "missing"}) {
    r = client_.get(kMetricsPods + "/" + name);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.json()["message"], "pods \"" + name + "\" not found")
        << "metrics-server answers from its informer of Running pods";
  }
}

TEST_F(MetricsApi, SelectorsFilterLikeMetricsServerAcrossNamespaces) {
  ASSERT_EQ(client_.post("/api/v1/namespaces", namespace_body("other")).status, 201);
  make_pod(pod_body("a", {container("c", nullptr)}, {{"k3k.io/clusterName", "one"}}));
  make_pod(pod_body("b", {container("c", nullptr)}, {{"k3k.io/clusterName", "two"}}));
  ASSERT_EQ(client_
                .post("/api/v1/namespaces/other/pods",
                      pod_body("c", {container("c", nullptr)}, {{"k3k.io/clusterName", "one"}}))
                .status,
            201);
  ASSERT_EQ(
      client_.patch("/api/v1/namespaces/other/pods/c/status", {{"status", {{"phase", "Running"}}}})
          .status,
      200);

  auto names = [&](const std::string& path) {
    std::vector<std::string> out;
    auto r = client_.get(path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    const json list = r.json();  // named: a temporary would die before the loop
    for (const auto& item : list["items"]) {
      out.push_back(item["metadata"]["namespace"].get<std::string>() + "/" +
                    item["metadata"]["name"].get<std::string>());
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(names(kMetricsPods + "?labelSelector=k3k.io/clusterName%3Done"), V{"team/a"});
  EXPECT_EQ(names("/apis/metrics.k8s.io/v1beta1/pods?labelSelector=k3k.io/clusterName%3Done"),
            (V{"other/c", "team/a"}));
  EXPECT_EQ(names("/apis/metrics.k8s.io/v1beta1/pods"), (V{"other/c", "team/a", "team/b"}));
  EXPECT_EQ(names(kMetricsPods + "?fieldSelector=metadata.name%3Db"), V{"team/b"});
  auto r = client_.get(kMetricsPods + "?fieldSelector=spec.nodeName%3Dx");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["message"], "field label not supported: spec.nodeName");
  EXPECT_EQ(client_.get(kMetricsPods + "?labelSelector=a%20in").status, 400);
}

TEST_F(MetricsApi, IsReadOnlyAndCannotBeWatched) {
  make_pod(pod_body("p", {container("c", nullptr)}));
  json metrics = {{"apiVersion", "metrics.k8s.io/v1beta1"},
                  {"kind", "PodMetrics"},
                  {"metadata", {{"name", "x"}}}};
  auto r = client_.post(kMetricsPods, metrics);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.json()["message"], "the server does not allow this method on the requested resource");
  EXPECT_EQ(client_.del(kMetricsPods + "/p").status, 405);
  EXPECT_EQ(client_.patch(kMetricsPods + "/p", json::object()).status, 405);
  r = client_.get(kMetricsPods + "?watch=1");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.json()["message"],
            "watch is not supported on resources of kind \"pods.metrics.k8s.io\"");
}

TEST(MetricsApiNodes, NodeUsageIsTheSystemsPlusItsRunningPods) {
  TestApiServer server(metrics_server(2));
  TestClient client(server);
  ASSERT_EQ(client.post("/api/v1/namespaces", namespace_body("team")).status, 201);
  auto w = client.watch_from_now(kTeamCore + "pods");
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(client
                  .post(kTeamCore + "pods",
                        pod_body("p" + std::to_string(i),
                                 {container("c", {{"cpu", "200m"}, {"memory", "256Mi"}})}))
                  .status,
              201);
  }
  std::map<std::string, std::string> node_of;
  while (node_of.size() < 3) {
    auto e = w->next(10s);
    ASSERT_TRUE(e) << "pods were not all started";
    const json& pod = (*e)["object"];
    if (pod.value("status", json::object()).value("phase", "") == "Running") {
      node_of[pod["metadata"]["name"].get<std::string>()] =
          pod["spec"]["nodeName"].get<std::string>();
    }
  }
  EXPECT_EQ(node_of, (std::map<std::string, std::string>{
                         {"p0", "node-0"}, {"p1", "node-1"}, {"p2", "node-0"}}))
      << "round-robin in creation order";

  auto r = client.get(kMetricsNodes);
  ASSERT_EQ(r.status, 200) << r.body;
  const json items = r.json()["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(r.json()["kind"], "NodeMetricsList");
  EXPECT_EQ(items[0]["metadata"]["name"], "node-0");
  EXPECT_FALSE(items[0]["metadata"].contains("namespace"));
  EXPECT_EQ(items[0]["usage"], json({{"cpu", "300m"}, {"memory", "768Mi"}}))
      << "100m + 2 x 100m; 512Mi + 2 x 128Mi";
  EXPECT_EQ(items[1]["usage"], json({{"cpu", "200m"}, {"memory", "640Mi"}}));
  EXPECT_EQ(items[0]["metadata"]["labels"]["kubernetes.io/hostname"], "node-0");

  r = client.get(kMetricsNodes + "?labelSelector=node-role.kubernetes.io/control-plane");
  ASSERT_EQ(r.json()["items"].size(), 1u);
  EXPECT_EQ(r.json()["items"][0]["metadata"]["name"], "node-0");

  ASSERT_EQ(client
                .patch("/api/v1/nodes/node-1",
                       {{"metadata", {{"annotations", {{"kraft.test/usage-cpu", "3"}}}}}})
                .status,
            200);
  r = client.get(kMetricsNodes + "/node-1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["kind"], "NodeMetrics");
  EXPECT_EQ(r.json()["usage"], json({{"cpu", "3"}, {"memory", "640Mi"}}));
  r = client.get(kMetricsNodes + "/node-9");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json()["message"], "nodes \"node-9\" not found");
}

}  // namespace
}  // namespace kraft::testing
