// The reports as JSON: exact canonical quantities, null (never 0) for what is unknown.
#include <gtest/gtest.h>
#include <kraft/usage/aggregate.h>
#include <kraft/usage/report_json.h>

#include "usage/test_support/pods.h"

namespace kraft::usage {
namespace {

using namespace kraft::usage::testing;  // NOLINT(google-build-using-namespace)

UsageReport one_cluster() {
  HostObjects objects;
  objects.pods = {
      workload_pod("ns", "c", "web", {container("a", {{"cpu", "1.5"}, {"memory", "1.5Gi"}})})};
  objects.claims = {claim("ns", "data", {{"k3k.io/clusterName", "c"}}, "1Gi")};
  return aggregate_clusters({cluster("ns", "c", "gold")}, objects);
}

TEST(ReportJson, QuantitiesAreCanonicalAndUnknownFiguresAreNull) {
  json j = to_json(one_cluster());
  const json& c = j["clusters"][0];
  EXPECT_EQ(c["namespace"], "ns");
  EXPECT_EQ(c["requests"], (json{{"cpu", "1500m"}, {"memory", "1536Mi"}}));
  EXPECT_EQ(c["limits"], json::object());
  EXPECT_EQ(c["unlimited"], (json{"cpu", "memory"}));
  EXPECT_EQ(c["pods"]["running"], 1);
  EXPECT_EQ(c["storageRequested"], "1Gi");
  EXPECT_TRUE(c["usage"].is_null());  // no metrics: unknown, not zero
  EXPECT_EQ(c["availability"]["metrics"], "not served");
  EXPECT_EQ(c["quota"], json::array());  // policy "gold" has no quota object: none
  EXPECT_TRUE(c["quotaPeak"].is_null());
  const json& pod = c["podList"][0];
  EXPECT_EQ(pod["role"], "workload");
  EXPECT_EQ(pod["virtualName"], "web");
  EXPECT_EQ(pod["containers"][0]["kind"], "app");
  EXPECT_TRUE(pod["containers"][0]["usage"].is_null());
  EXPECT_EQ(j["unattributedPods"], 0);
}

TEST(ReportJson, FiguresOfAForbiddenSourceAreNullNotZero) {
  UsageReport report = one_cluster();
  report.clusters[0].availability.pods = Availability::kForbidden;
  report.clusters[0].availability.storage = Availability::kForbidden;
  report.clusters[0].availability.quota = Availability::kFailed;
  report.notes.push_back(Note{Source::kVolumeClaims, Availability::kForbidden, "list",
                              "persistentvolumeclaims", "ns", "not allowed"});
  json j = to_json(report, /*with_pods=*/false);
  const json& c = j["clusters"][0];
  for (const char* key : {"pods", "requests", "limits", "unlimited", "storageRequested", "quota"}) {
    EXPECT_TRUE(c[key].is_null()) << key;
  }
  EXPECT_FALSE(c.contains("podList"));
  EXPECT_EQ(c["availability"]["pods"], "forbidden");
  EXPECT_EQ(j["notes"][0], (json{{"source", "persistentvolumeclaims"},
                                 {"availability", "forbidden"},
                                 {"verb", "list"},
                                 {"resource", "persistentvolumeclaims"},
                                 {"namespace", "ns"},
                                 {"text", "not allowed"}}));
}

TEST(ReportJson, NodesWithoutPodsKnownShowNullSums) {
  json nodes = json::parse(R"([{"metadata": {"name": "n"},
                                "status": {"allocatable": {"cpu": "2"}}}])");
  NodeReport report = aggregate_nodes(nodes, json::array(), std::nullopt);
  report.pods_availability = Availability::kForbidden;
  json j = to_json(report);
  EXPECT_EQ(j["nodes"][0]["allocatable"]["cpu"], "2");
  EXPECT_TRUE(j["nodes"][0]["requests"].is_null());
  EXPECT_TRUE(j["nodes"][0]["usage"].is_null());
  EXPECT_EQ(j["availability"]["metrics"], "not served");
}

}  // namespace
}  // namespace kraft::usage
