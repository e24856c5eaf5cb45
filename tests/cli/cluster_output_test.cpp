// How clusters print: list's rows (pure, with a fixed clock) and -o json|yaml|name.
#include <gtest/gtest.h>
#include <kraft/core/error.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "cluster_args.h"
#include "cluster_table.h"
#include "output.h"
#include "test_support/cli_samples.h"

namespace kraft::cli {
namespace {

using kraft::testing::kFixedNow;

using nlohmann::json;
using namespace std::chrono;

json cluster_json(const std::string& ns, const std::string& name, json spec = json::object(),
                  json status = nullptr) {
  json o = {{"apiVersion", "k3k.io/v1beta1"},
            {"kind", "Cluster"},
            {"metadata",
             {{"name", name},
              {"namespace", ns},
              {"uid", "u-" + name},
              {"creationTimestamp", "2024-05-01T12:00:00Z"}}},
            {"spec", std::move(spec)}};
  if (!status.is_null()) o["status"] = std::move(status);
  return o;
}

k3k::Cluster cluster(const std::string& ns, const std::string& name, json spec = json::object(),
                     json status = nullptr) {
  return k3k::Cluster::from_json(cluster_json(ns, name, std::move(spec), std::move(status)));
}

TEST(ClusterTable, ShowsKubectlColumnsWithCrdDefaultsForUnsetFields) {
  const auto table = cluster_table({cluster("team", "demo")}, false, kFixedNow);
  EXPECT_EQ(table.str(),
            "NAMESPACE   NAME   MODE     SERVERS   AGENTS   VERSION     STATUS    POLICY   AGE\n"
            "team        demo   shared   1         0        <default>   Unknown   <none>   2d\n");
}

TEST(ClusterTable, ReadsSpecAndStatus) {
  const auto c = cluster("team", "demo", {{"mode", "virtual"}, {"servers", 3}, {"agents", 2}},
                         {{"phase", "Ready"}, {"hostVersion", "v1.26.4"}, {"policyName", "gold"}});
  EXPECT_EQ(cluster_table({c}, false, kFixedNow).str(true),
            "team   demo   virtual   3     2     v1.26.4   Ready   gold   2d\n");
}

TEST(ClusterTable, VersionIsTheSpecsElseTheHostsElseDefault) {
  EXPECT_EQ(
      version_cell(cluster("a", "b", {{"version", "v1.31.1-k3s1"}}, {{"hostVersion", "v1.26.4"}})),
      "v1.31.1-k3s1");
  EXPECT_EQ(version_cell(cluster("a", "b", {}, {{"hostVersion", "v1.26.4"}})), "v1.26.4");
  EXPECT_EQ(version_cell(cluster("a", "b")), "<default>");
}

TEST(ClusterTable, DeletionTimestampShowsTerminating) {
  json o = cluster_json("team", "demo", {}, {{"phase", "Ready"}});
  o["metadata"]["deletionTimestamp"] = "2024-05-03T11:00:00Z";
  const auto table = cluster_table({k3k::Cluster::from_json(o)}, false, kFixedNow);
  EXPECT_NE(table.str(true).find(" Terminating "), std::string::npos) << table.str();
}

TEST(ClusterTable, WideAddsExposePersistenceCidrsAndHost) {
  const auto c = cluster("team", "demo",
                         {{"expose", {{"nodePort", {{"serverPort", 30443}}}}},
                          {"persistence", {{"type", "dynamic"}}},
                          {"tlsSANs", {"vc.example.com"}},
                          {"serviceCIDR", "10.99.0.0/16"}},
                         {{"clusterCIDR", "10.42.0.0/16"}});
  EXPECT_EQ(cluster_table({c}, true, kFixedNow).str(),
            "NAMESPACE   NAME   MODE     SERVERS   AGENTS   VERSION     STATUS    POLICY   AGE   "
            "EXPOSE     PERSISTENCE   CLUSTER-CIDR   SERVICE-CIDR   HOST\n"
            "team        demo   shared   1         0        <default>   Unknown   <none>   2d    "
            "nodePort   dynamic       10.42.0.0/16   10.99.0.0/16   vc.example.com\n");
}

TEST(ClusterTable, ExposeNamesTheModeOrClusterIp) {
  EXPECT_EQ(expose_cell(cluster("a", "b")), "ClusterIP");
  EXPECT_EQ(expose_cell(cluster("a", "b", {{"expose", {{"loadBalancer", json::object()}}}})),
            "loadBalancer");
  EXPECT_EQ(expose_cell(cluster("a", "b", {{"expose", {{"ingress", json::object()}}}})), "ingress");
}

TEST(ClusterOutput, JsonListIsByteForByteTheDumpOfAKubectlList) {
  for (std::size_t n : {0u, 1u, 2u}) {
    std::vector<k3k::Cluster> clusters;
    json expected = {{"apiVersion", "v1"}, {"kind", "List"}, {"items", json::array()}};
    for (std::size_t i = 0; i < n; ++i) {
      json o = cluster_json("team", "c" + std::to_string(i), {{"servers", 1}});
      o["metadata"]["labels"] = {{"a", "b\nc"}};  // an escaped newline stays in its string
      clusters.push_back(k3k::Cluster::from_json(o));
      expected["items"].push_back(o);
    }
    std::string out;
    render_cluster_list(out, clusters, "json");
    EXPECT_EQ(out, to_json_text(expected)) << n << " clusters";
  }
}

TEST(ClusterOutput, YamlListHasTheSameShape) {
  std::string out;
  render_cluster_list(out, {cluster("team", "demo")}, "yaml");
  EXPECT_EQ(out.rfind("apiVersion: v1\nitems:\n  - apiVersion: k3k.io/v1beta1\n", 0), 0u) << out;
  EXPECT_NE(out.find("\nkind: List\n"), std::string::npos) << out;
}

TEST(ClusterOutput, NamePrintsClusterSlashNamespaceSlashName) {
  std::string out;
  render_cluster_list(out, {cluster("team", "a"), cluster("k3k-b", "b")}, "name");
  EXPECT_EQ(out, "cluster/team/a\ncluster/k3k-b/b\n");
  EXPECT_EQ(cluster_output_name(k3k::ClusterRef{"ns", "n"}), "cluster/ns/n");
}

TEST(ClusterOutput, OneClusterPrintsTheObjectAsTheServerSentIt) {
  const json sent = cluster_json("team", "demo", {{"servers", 1}, {"futureField", true}});
  std::string out;
  render_cluster(out, k3k::Cluster::from_json(sent), "json");
  EXPECT_EQ(json::parse(out), sent);
}

TEST(ClusterOutput, AClusterBuiltInCodePrintsItsTypedFields) {
  k3k::Cluster built("team", "demo");
  built.spec.servers = 2;
  std::string out;
  render_cluster(out, built, "json");
  const json printed = json::parse(out);
  EXPECT_EQ(printed["kind"], "Cluster");
  EXPECT_EQ(printed["spec"]["servers"], 2);
}

TEST(ClusterOutput, OtherFormatsAreUsageErrors) {
  std::string out;
  EXPECT_THROW(render_cluster(out, cluster("a", "b"), "wide"), ValidationError);
  EXPECT_THROW(render_cluster_list(out, {}, "xml"), ValidationError);
  EXPECT_TRUE(is_cluster_object_format("name"));
  EXPECT_FALSE(is_cluster_object_format("wide"));
}

}  // namespace
}  // namespace kraft::cli
