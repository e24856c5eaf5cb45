// The test server's Nodes (TestApiServerOptions::nodes) and its trivial scheduler and kubelet.
#include <gtest/gtest.h>

#include "test_support/test_client.h"

namespace kraft::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

json plain_pod(const std::string& name) {
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata", {{"name", name}}},
          {"spec", {{"containers", {{{"name", "c"}, {"image", "registry.k8s.io/pause:3.9"}}}}}}};
}

TEST(TestServerNodes, NodesCarryCapacityAllocatableAndWellKnownLabels) {
  TestApiServerOptions o;
  o.nodes.count = 2;
  o.nodes.memory = "8Gi";
  TestApiServer server(o);
  TestClient client(server);
  auto r = client.get("/api/v1/nodes");
  ASSERT_EQ(r.status, 200) << r.body;
  const json items = r.json()["items"];
  ASSERT_EQ(items.size(), 2u);
  const json& node = items[0];
  EXPECT_EQ(node["metadata"]["name"], "node-0");
  EXPECT_EQ(node["metadata"]["labels"]["kubernetes.io/hostname"], "node-0");
  EXPECT_EQ(node["metadata"]["labels"]["kubernetes.io/os"], "linux");
  EXPECT_EQ(node["metadata"]["labels"]["node-role.kubernetes.io/control-plane"], "true");
  EXPECT_FALSE(items[1]["metadata"]["labels"].contains("node-role.kubernetes.io/control-plane"));
  EXPECT_EQ(
      node["status"]["capacity"],
      json({{"cpu", "4"}, {"memory", "8Gi"}, {"pods", "110"}, {"ephemeral-storage", "100Gi"}}));
  EXPECT_EQ(
      node["status"]["allocatable"],
      json({{"cpu", "4"}, {"memory", "8092Mi"}, {"pods", "110"}, {"ephemeral-storage", "100Gi"}}))
      << "less the kubelet's 100Mi hard eviction threshold";
  EXPECT_EQ(node["status"]["conditions"][0]["type"], "Ready");
  EXPECT_EQ(node["status"]["conditions"][0]["status"], "True");
  EXPECT_EQ(node["status"]["addresses"][0],
            json({{"type", "InternalIP"}, {"address", "10.0.0.10"}}));
  EXPECT_EQ(node["spec"]["podCIDR"], "10.42.0.0/24");
}

TEST(TestServerNodes, PodsAreBoundRoundRobinAndStayPendingWithoutAKubelet) {
  TestApiServerOptions o;
  o.nodes.count = 2;
  TestApiServer server(o);
  TestClient client(server);
  ASSERT_EQ(client.post("/api/v1/namespaces", namespace_body("team")).status, 201);
  auto w = client.watch_from_now(kTeamCore + "pods");
  for (const char* name : {"a", "b", "c"}) {
    ASSERT_EQ(client.post(kTeamCore + "pods", plain_pod(name)).status, 201);
  }
  std::map<std::string, std::string> bound;
  while (bound.size() < 3) {
    auto e = w->next(10s);
    ASSERT_TRUE(e) << "not every pod was bound";
    const json& pod = (*e)["object"];
    const std::string node = pod["spec"].value("nodeName", "");
    if (node.empty()) continue;
    bound[pod["metadata"]["name"].get<std::string>()] = node;
    EXPECT_EQ(pod["status"]["phase"], "Pending");
    EXPECT_EQ(pod["status"]["conditions"][0]["type"], "PodScheduled");
  }
  EXPECT_EQ(bound, (std::map<std::string, std::string>{
                       {"a", "node-0"}, {"b", "node-1"}, {"c", "node-0"}}));
}

TEST(TestServerNodes, AServerHasNoNodesUnlessAsked) {
  TestApiServer server;
  EXPECT_EQ(TestClient(server).get("/api/v1/nodes").json()["items"].size(), 0u);
}

}  // namespace
}  // namespace kraft::testing
