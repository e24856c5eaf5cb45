// Per-cluster aggregation on JSON fixtures: attribution by K3k's labels, phases, the
// scheduler's sums, storage, quota and PodMetrics.
#include <gtest/gtest.h>
#include <kraft/usage/aggregate.h>

#include "usage/test_support/pods.h"

namespace kraft::usage {
namespace {

using namespace kraft::usage::testing;  // NOLINT(google-build-using-namespace)

json cpu(const std::string& amount) { return {{"cpu", amount}}; }

TEST(AggregateClusters, TwoClustersSharingANamespaceAreKeptApartByTheirLabels) {
  HostObjects objects;
  objects.pods = {workload_pod("shared", "a", "web", {container("c", cpu("100m"))}),
                  workload_pod("shared", "b", "db", {container("c", cpu("2"))}),
                  server_pod("shared", "a", {container("k3s", cpu("500m"))}),
                  server_pod("shared", "b", {container("k3s", cpu("1"))})};
  UsageReport report =
      aggregate_clusters({cluster("shared", "a"), cluster("shared", "b")}, objects);
  ASSERT_EQ(report.clusters.size(), 2u);
  EXPECT_EQ(report.clusters[0].cluster.str(), "shared/a");
  EXPECT_EQ(report.clusters[0].cpu_requests().to_string(), "600m");
  EXPECT_EQ(report.clusters[0].phases.running, 2);
  EXPECT_EQ(report.clusters[1].cluster.str(), "shared/b");
  EXPECT_EQ(report.clusters[1].cpu_requests().to_string(), "3");
  EXPECT_EQ(report.unattributed_pods, 0);
}

TEST(AggregateClusters, PodsOfEveryPhaseAreCountedButTerminalOnesHoldNothing) {
  HostObjects objects;
  for (const char* phase : {"Pending", "Running", "Succeeded", "Failed", "Unknown", ""}) {
    objects.pods.push_back(workload_pod("ns", "c", std::string("p-") + phase,
                                        {container("c", cpu("1"), {{"memory", "1Gi"}})}, phase));
  }
  UsageReport report = aggregate_clusters({cluster("ns", "c")}, objects);
  const ClusterUsage& c = report.clusters.at(0);
  EXPECT_EQ(c.phases.pending, 2);  // "" is Pending, the phase every pod is created in
  EXPECT_EQ(c.phases.running, 1);
  EXPECT_EQ(c.phases.succeeded, 1);
  EXPECT_EQ(c.phases.failed, 1);
  EXPECT_EQ(c.phases.unknown, 1);
  EXPECT_EQ(c.phases.total(), 6);
  EXPECT_EQ(c.cpu_requests().to_string(), "4");  // Pending ×2, Running, Unknown
  EXPECT_EQ(c.memory_limits().to_string(), "4Gi");
  EXPECT_EQ(c.unlimited, std::set<std::string>{"cpu"});
  ASSERT_EQ(c.pods.size(), 6u);
  EXPECT_EQ(c.pods[0].name, "p-");
  EXPECT_EQ(c.pods[0].phase, "Pending");
  EXPECT_TRUE(std::any_of(c.pods.begin(), c.pods.end(), [](const PodUsage& p) {
    return p.phase == "Succeeded" && p.terminal && p.requests.at("cpu").to_string() == "1";
  }));
}

TEST(AggregateClusters, PodsOfAnUnknownClusterAreLeftOutAndCounted) {
  HostObjects objects;
  objects.pods = {workload_pod("ns", "gone", "orphan", {container("c", cpu("1"))}),
                  workload_pod("other", "c", "same-name-elsewhere", {container("c", cpu("1"))}),
                  pod("ns", "unrelated", {{"cluster", "c"}}, {container("c", cpu("1"))}),
                  pod("ns", "plain", json::object(), {container("c", cpu("1"))})};
  UsageReport report = aggregate_clusters({cluster("ns", "c")}, objects);
  EXPECT_EQ(report.clusters.at(0).phases.total(), 0);
  EXPECT_TRUE(report.clusters.at(0).requests.empty());
  // K3k's labels name two other clusters; `cluster=c` without role or type is someone else's.
  EXPECT_EQ(report.unattributed_pods, 2);
}

TEST(AggregateClusters, ServerAndAgentPodsCarryTheirRoleAndWorkloadsTheirVirtualName) {
  HostObjects objects;
  objects.pods = {
      workload_pod("ns", "c", "web-1", {container("nginx")}, "Running", "shop"),
      server_pod("ns", "c", {container("k3s")}),
      pod("ns", "k3k-c-kubelet-x", {{"cluster", "c"}, {"type", "agent"}, {"mode", "shared"}},
          {container("kubelet")})};
  objects.pods[1]["spec"]["nodeName"] = "node-1";
  UsageReport report = aggregate_clusters({cluster("ns", "c")}, objects);
  const auto& pods = report.clusters.at(0).pods;
  ASSERT_EQ(pods.size(), 3u);
  EXPECT_EQ(pods[0].name, "k3k-c-kubelet-x");
  EXPECT_EQ(pods[0].role, PodRole::kAgent);
  EXPECT_EQ(pods[1].role, PodRole::kServer);
  EXPECT_EQ(pods[1].node, "node-1");
  EXPECT_EQ(pods[1].virtual_name, "");
  EXPECT_EQ(pods[2].role, PodRole::kWorkload);
  EXPECT_EQ(pods[2].virtual_ns, "shop");
  EXPECT_EQ(pods[2].virtual_name, "web-1");
}

TEST(AggregateClusters, ContainersKeepTheirOwnFiguresAndKind) {
  HostObjects objects;
  objects.pods = {pod("ns", "p", {{"k3k.io/clusterName", "c"}},
                      {container("app", cpu("100m"), cpu("1"))}, "Running",
                      {container("setup", cpu("2")), sidecar(container("proxy", cpu("50m")))})};
  UsageReport report = aggregate_clusters({cluster("ns", "c")}, objects);
  const PodUsage& p = report.clusters.at(0).pods.at(0);
  ASSERT_EQ(p.containers.size(), 3u);
  EXPECT_EQ(p.containers[0].kind, ContainerUsage::Kind::kApp);
  EXPECT_EQ(p.containers[0].limits.at("cpu").to_string(), "1");
  EXPECT_EQ(p.containers[1].kind, ContainerUsage::Kind::kInit);
  EXPECT_EQ(p.containers[2].kind, ContainerUsage::Kind::kSidecar);
  EXPECT_EQ(p.requests.at("cpu").to_string(), "2");  // setup runs alone: 2 > 100m + 50m
}

TEST(AggregateClusters, StorageRequestedSumsServerAndWorkloadClaims) {
  HostObjects objects;
  objects.claims = {
      claim("ns", "varlibrancherk3s-k3k-c-server-0", {{"cluster", "c"}, {"role", "server"}}, "2G"),
      claim("ns", "data-db-0", {{"k3k.io/clusterName", "c"}}, "1Gi"),
      claim("ns", "someone-elses", json::object(), "100Gi")};
  UsageReport report = aggregate_clusters({cluster("ns", "c")}, objects);
  EXPECT_EQ(report.clusters.at(0).storage_requested,
            Quantity::parse("2G") + Quantity::parse("1Gi"));
}

TEST(AggregateClusters, QuotaComesFromThePolicysResourceQuotaInTheClustersNamespace) {
  HostObjects objects;
  auto quota = [](const std::string& ns, const std::string& name) {
    return json{{"metadata", {{"name", name}, {"namespace", ns}}},
                {"spec", {{"hard", {{"requests.cpu", "2"}}}}},
                {"status",
                 {{"hard", {{"requests.cpu", "2"}, {"limits.memory", "4Gi"}, {"pods", "10"}}},
                  {"used", {{"requests.cpu", "500m"}, {"limits.memory", "3Gi"}}}}}};
  };
  objects.quotas = {quota("other", "k3k-gold"), quota("ns", "k3k-gold"), quota("ns", "other")};
  UsageReport report =
      aggregate_clusters({cluster("ns", "c", "gold"), cluster("ns", "free")}, objects);
  const ClusterUsage& c = report.clusters.at(0);
  EXPECT_EQ(c.policy, "gold");
  ASSERT_EQ(c.quota.size(), 3u);
  EXPECT_EQ(c.quota[0].resource, "limits.memory");
  EXPECT_DOUBLE_EQ(c.quota[0].percent.value(), 75.0);
  EXPECT_EQ(c.quota[1].resource, "pods");
  EXPECT_FALSE(c.quota[1].used.has_value());  // not counted yet: unknown, not zero
  EXPECT_FALSE(c.quota[1].percent.has_value());
  EXPECT_EQ(c.quota[2].resource, "requests.cpu");
  EXPECT_EQ(c.quota[2].used->to_string(), "500m");
  EXPECT_DOUBLE_EQ(c.quota[2].percent.value(), 25.0);
  ASSERT_TRUE(c.quota_peak.has_value());
  EXPECT_EQ(c.quota_peak->resource, "limits.memory");
  EXPECT_TRUE(report.clusters.at(1).quota.empty());  // no policy, no quota
}

TEST(AggregateClusters, UsageIsTheSumOfPodMetricsPerContainerAndPod) {
  HostObjects objects;
  objects.pods = {workload_pod("ns", "c", "web", {container("a"), container("b")}),
                  server_pod("ns", "c", {container("k3s")}),
                  workload_pod("ns", "c", "new", {container("a")}, "Pending")};
  objects.pod_metrics = json::parse(R"([
    {"metadata": {"name": "web", "namespace": "ns"},
     "containers": [{"name": "a", "usage": {"cpu": "329087452n", "memory": "2748180Ki"}},
                    {"name": "b", "usage": {"cpu": "1m", "memory": "1Mi"}}]},
    {"metadata": {"name": "k3k-c-server-0", "namespace": "ns"},
     "containers": [{"name": "k3s", "usage": {"cpu": "250m", "memory": "512Mi"}}]},
    {"metadata": {"name": "web", "namespace": "elsewhere"},
     "containers": [{"name": "a", "usage": {"cpu": "5", "memory": "5Gi"}}]}
  ])");
  UsageReport report = aggregate_clusters({cluster("ns", "c")}, objects);
  const ClusterUsage& c = report.clusters.at(0);
  EXPECT_EQ(c.availability.metrics, Availability::kAvailable);
  EXPECT_EQ(c.cpu_used()->to_string(), "580087452n");
  EXPECT_EQ(*c.memory_used(), Quantity::parse("2748180Ki") + Quantity::parse("513Mi"));
  const PodUsage& web = c.pods.at(2);
  ASSERT_EQ(web.name, "web");
  EXPECT_EQ(web.containers.at(1).usage->at("cpu").to_string(), "1m");
  EXPECT_EQ(web.usage->at("memory"), Quantity::parse("2748180Ki") + Quantity::parse("1Mi"));
  EXPECT_FALSE(c.pods.at(1).usage.has_value());  // "new": no metrics yet
}

TEST(AggregateClusters, WithoutMetricsUsageIsUnknownNotZero) {
  HostObjects objects;
  objects.pods = {workload_pod("ns", "c", "web", {container("a", cpu("1"))})};
  UsageReport report = aggregate_clusters({cluster("ns", "c")}, objects);
  const ClusterUsage& c = report.clusters.at(0);
  EXPECT_FALSE(c.usage.has_value());
  EXPECT_FALSE(c.cpu_used().has_value());
  EXPECT_EQ(c.availability.metrics, Availability::kNotServed);
}

TEST(AggregateClusters, ModeDefaultsToShared) {
  UsageReport report =
      aggregate_clusters({cluster("ns", "a"), cluster("ns", "b", "", "virtual")}, {});
  EXPECT_EQ(report.clusters.at(0).mode, "shared");
  EXPECT_EQ(report.clusters.at(1).mode, "virtual");
}

TEST(QuotaPercent, ExactForSmallValuesAndNoneForAZeroHardLimit) {
  EXPECT_DOUBLE_EQ(*percent_of(Quantity::parse("500m"), Quantity::parse("2")), 25.0);
  EXPECT_DOUBLE_EQ(*percent_of(Quantity::parse("1Ei"), Quantity::parse("2Ei")), 50.0);
  EXPECT_DOUBLE_EQ(*percent_of(Quantity::parse("3"), Quantity::parse("2")), 150.0);
  EXPECT_FALSE(percent_of(Quantity::parse("1"), Quantity()).has_value());
}

}  // namespace
}  // namespace kraft::usage
