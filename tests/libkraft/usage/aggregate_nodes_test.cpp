// Per-node aggregation on JSON fixtures: what kubectl describe node sums, which virtual
// clusters have pods there, NodeMetrics.
#include <gtest/gtest.h>
#include <kraft/usage/aggregate.h>

#include "usage/test_support/pods.h"

namespace kraft::usage {
namespace {

using namespace kraft::usage::testing;  // NOLINT(google-build-using-namespace)

json node(const std::string& name, const std::string& cpu, const std::string& memory) {
  return {{"metadata", {{"name", name}}},
          {"status",
           {{"capacity", {{"cpu", cpu}, {"memory", memory}, {"pods", "110"}}},
            {"allocatable", {{"cpu", cpu}, {"memory", memory}, {"pods", "110"}}}}}};
}

json on_node(json p, const std::string& node) {
  p["spec"]["nodeName"] = node;
  return p;
}

TEST(AggregateNodes, SumsThePodsBoundToEachNodeThatAreNotTerminal) {
  json nodes = {node("b", "4", "8Gi"), node("a", "2", "4Gi")};
  json pods = {
      on_node(workload_pod("t1", "x", "web", {container("c", {{"cpu", "1"}}, {{"cpu", "2"}})}),
              "a"),
      on_node(server_pod("t2", "y", {container("k3s", {{"cpu", "500m"}, {"memory", "1Gi"}})}), "a"),
      on_node(pod("kube-system", "coredns", json::object(), {container("c", {{"cpu", "100m"}})}),
              "a"),
      on_node(workload_pod("t1", "x", "job", {container("c", {{"cpu", "3"}})}, "Succeeded"), "a"),
      workload_pod("t1", "x", "unscheduled", {container("c", {{"cpu", "3"}})}, "Pending"),
      on_node(pod("ns", "p", json::object(), {container("c", {{"cpu", "3"}})}), "gone")};
  NodeReport report = aggregate_nodes(nodes, pods, std::nullopt);
  ASSERT_EQ(report.nodes.size(), 2u);
  const NodeUsage& a = report.nodes[0];
  EXPECT_EQ(a.name, "a");
  EXPECT_EQ(a.allocatable.at("cpu").to_string(), "2");
  EXPECT_EQ(a.pods, 3);
  EXPECT_EQ(a.requests.at("cpu").to_string(), "1600m");
  EXPECT_EQ(a.requests.at("memory").to_string(), "1Gi");
  EXPECT_EQ(a.limits.at("cpu").to_string(), "2");
  EXPECT_EQ(a.unlimited, (std::set<std::string>{"cpu", "memory"}));
  ASSERT_EQ(a.clusters.size(), 2u);
  EXPECT_EQ(a.clusters[0].str(), "t1/x");
  EXPECT_EQ(a.clusters[1].str(), "t2/y");
  EXPECT_FALSE(a.usage.has_value());
  EXPECT_EQ(report.nodes[1].pods, 0);
  EXPECT_TRUE(report.nodes[1].clusters.empty());
  EXPECT_EQ(report.metrics_availability, Availability::kNotServed);
}

TEST(AggregateNodes, NodeMetricsGiveUsageAndANodeWithoutThemStaysUnknown) {
  json nodes = {node("a", "2", "4Gi"), node("b", "2", "4Gi")};
  json metrics = json::parse(R"([
    {"metadata": {"name": "a"}, "usage": {"cpu": "1500m", "memory": "3Gi"}},
    {"metadata": {"name": "unknown"}, "usage": {"cpu": "1", "memory": "1Gi"}}])");
  NodeReport report = aggregate_nodes(nodes, json::array(), metrics);
  EXPECT_EQ(report.metrics_availability, Availability::kAvailable);
  EXPECT_EQ(report.nodes[0].usage->at("cpu").to_string(), "1500m");
  EXPECT_FALSE(report.nodes[1].usage.has_value());
}

}  // namespace
}  // namespace kraft::usage
