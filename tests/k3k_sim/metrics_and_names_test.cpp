// metrics-server simulation and K3k's name shortening.
#include "k3k_names.h"
#include "sim_fixture.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

TestApiServerOptions with_metrics() {
  TestApiServerOptions o;
  o.metrics_api = true;
  return o;
}

TEST(K3kSimMetrics, PodMetricsArePublishedForTheClustersPods) {
  TestApiServer server(with_metrics());
  K3kSimulator sim(server);
  TestClient client(server);
  ASSERT_EQ(client.post("/api/v1/namespaces", namespace_body("team")).status, 201);
  std::string rv = client.get(kTeamClusters).json()["metadata"]["resourceVersion"];
  auto w = client.watch(kTeamClusters + "?watch=1&resourceVersion=" + rv);
  ASSERT_EQ(client.post(kTeamClusters, cluster_body("m")).status, 201);
  bool ready = false;
  while (auto e = w->next(std::chrono::seconds(10))) {
    if ((ready = (*e)["object"]["status"].value("phase", "") == "Ready")) break;
  }
  ASSERT_TRUE(ready);
  EXPECT_EQ(sim.publish_pod_metrics("team", "m", "250m", "300Mi"), 2) << "server and kubelet";
  auto r = client.get("/apis/metrics.k8s.io/v1beta1/namespaces/team/pods/k3k-m-server-0");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["containers"][0]["usage"]["cpu"], "250m");
  EXPECT_EQ(r.json()["containers"][0]["usage"]["memory"], "300Mi");
  EXPECT_EQ(r.json()["metadata"]["labels"]["role"], "server");
}

TEST(K3kSimMetrics, PublishingWithoutAMetricsApiIsAProgrammingError) {
  TestApiServer server;
  K3kSimulator sim(server);
  EXPECT_THROW(sim.publish_pod_metrics("team", "m"), std::logic_error);
}

TEST(K3kNames, ShortNamesAreJoinedWithDashes) {
  EXPECT_EQ(k3k_name("a", {"service", "headless"}), "k3k-a-service-headless");
  EXPECT_EQ(k3k_name("a"), "k3k-a");
}

TEST(K3kNames, LongNamesAreCutAndSuffixedWithAHashWithinSixtyThreeCharacters) {
  const std::string cluster(60, 'x');
  const std::string n = k3k_name(cluster, {"service"});
  EXPECT_EQ(n.size(), 63u);
  EXPECT_EQ(n.substr(0, 57), ("k3k-" + cluster).substr(0, 57));
  EXPECT_EQ(n[57], '-');
  EXPECT_EQ(n.find_first_not_of("0123456789abcdef", 58), std::string::npos);
  EXPECT_NE(k3k_name(cluster, {"token"}), n);
  // A cut landing on '-' drops it and keeps six hash characters instead.
  const std::string dashed = std::string(52, 'y') + "-zzzzzzzzzz";
  const std::string m = k3k_name(dashed);
  EXPECT_EQ(m.size(), 63u);
  EXPECT_EQ(m[56], '-');
  EXPECT_EQ(m.substr(0, 56), ("k3k-" + dashed).substr(0, 56));
}

}  // namespace
}  // namespace kraft::testing
