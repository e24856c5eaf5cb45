// The collector against the test API server: the lists it makes, and how it degrades when
// metrics.k8s.io is not served or a kind is forbidden.
#include <gtest/gtest.h>
#include <kraft/api/errors.h>
#include <kraft/usage/collector.h>

#include "usage/host_lists.h"
#include "usage/test_support/pods.h"
#include "usage/test_support/usage_host.h"

namespace kraft::usage {
namespace {

using kraft::testing::AccessRule;
using namespace kraft::usage::testing;  // NOLINT(google-build-using-namespace)

Selection in_namespace(const std::string& ns) {
  Selection s;
  s.query.ns = ns;
  return s;
}

Selection named(std::vector<k3k::ClusterRef> refs) {
  Selection s;
  s.refs = std::move(refs);
  return s;
}

class Collector : public UsageHost {
 protected:
  // Clusters a and b share namespace "shared", bound to policy "gold" whose quota is there;
  // each gets one workload pod (a's asks 250m, b's 1), and a also a finished job.
  void two_clusters_in_one_namespace() {
    make_policy("gold", "shared");
    make_namespace("shared", {{"policy.k3k.io/policy-name", "gold"}});
    const json persistence = {{"persistence", {{"type", "dynamic"}}}};
    const json server_resources = {{"requests", {{"cpu", "500m"}, {"memory", "1Gi"}}}};
    json spec_a = persistence;
    spec_a["serverResources"] = server_resources;
    create_ready("shared", "a", spec_a);
    create_ready("shared", "b", persistence);
    add_pod(workload_pod("shared", "a", "web", {container("nginx", {{"cpu", "250m"}})}));
    add_pod(workload_pod("shared", "b", "db", {container("pg", {{"cpu", "1"}})}));
    add_pod(workload_pod("shared", "a", "job", {container("run", {{"cpu", "4"}})}));
    set_phase("shared", "job", "Succeeded");
    post("/api/v1/namespaces/shared/resourcequotas",
         json{{"apiVersion", "v1"},
              {"kind", "ResourceQuota"},
              {"metadata", {{"name", "k3k-gold"}}},
              {"spec", {{"hard", {{"requests.cpu", "4"}, {"pods", "20"}}}}}});
  }
};

TEST_F(Collector, ReadsEachKindOnceWithK3kSelectorsAndAttributesByLabel) {
  two_clusters_in_one_namespace();
  std::vector<std::string> requests;
  UsageReport report = UsageCollector(client(&requests)).collect(in_namespace("shared"));
  ASSERT_EQ(report.clusters.size(), 2u);
  const ClusterUsage& a = report.clusters[0];
  EXPECT_EQ(a.cluster.str(), "shared/a");
  EXPECT_EQ(a.policy, "gold");
  EXPECT_EQ(a.availability.pods, Availability::kAvailable);
  EXPECT_EQ(a.phases.total(), 4);  // server, shared-mode kubelet, web, the finished job
  EXPECT_EQ(a.phases.succeeded, 1);
  EXPECT_EQ(a.cpu_requests().to_string(), "750m");  // server 500m + web 250m; the job is done
  EXPECT_EQ(a.memory_requests().to_string(), "1Gi");
  EXPECT_EQ(a.storage_requested.to_string(), "2G");
  const ClusterUsage& b = report.clusters[1];
  EXPECT_EQ(b.cpu_requests().to_string(), "1");
  EXPECT_EQ(b.storage_requested.to_string(), "2G");
  // The quota belongs to the namespace: both clusters show it.
  for (const auto& c : report.clusters) {
    EXPECT_EQ(c.availability.quota, Availability::kAvailable);
    ASSERT_EQ(c.quota.size(), 2u) << c.cluster.str();
    EXPECT_EQ(c.quota[1].resource, "requests.cpu");
    ASSERT_TRUE(c.quota[1].used.has_value());
    EXPECT_EQ(c.quota[1].used->to_string(), "1750m");
    ASSERT_TRUE(c.quota_peak.has_value());
  }
  // One list per kind and selector, paged, never one per cluster.
  EXPECT_EQ(lists_of(requests, "/api/v1/namespaces/shared/pods"), 2)
      << ::testing::PrintToString(requests);
  EXPECT_EQ(lists_of(requests, "/namespaces/shared/persistentvolumeclaims"), 2);
  EXPECT_EQ(lists_of(requests, "/namespaces/shared/resourcequotas"), 1);
}

TEST_F(Collector, WithoutMetricsServerUsageIsNotServedWithOneNote) {
  two_clusters_in_one_namespace();
  std::vector<std::string> requests;
  UsageReport report = UsageCollector(client(&requests)).collect(in_namespace("shared"));
  for (const auto& c : report.clusters) {
    EXPECT_EQ(c.availability.metrics, Availability::kNotServed);
    EXPECT_FALSE(c.usage.has_value());
    EXPECT_FALSE(c.cpu_used().has_value());
  }
  ASSERT_EQ(report.notes.size(), 1u);
  const Note& note = report.notes[0];
  EXPECT_EQ(note.source, Source::kPodMetrics);
  EXPECT_EQ(note.availability, Availability::kNotServed);
  EXPECT_EQ(note.text,
            "metrics.k8s.io/v1beta1 is not served (metrics-server is not installed): live CPU "
            "and memory usage are unknown");
  // Once the API is known to be missing, it is not asked again for the second selector.
  EXPECT_EQ(lists_of(requests, "/apis/metrics.k8s.io/v1beta1/namespaces/shared/pods"), 1);
}

TEST_F(Collector, AKindTheUserMayNotListIsForbiddenAndTheNoteNamesThePermission) {
  two_clusters_in_one_namespace();
  api::Client viewer = user("viewer", {AccessRule{{"get", "list"}, {"k3k.io"}, {"clusters"}, {}},
                                       AccessRule{{"list"}, {""}, {"pods", "resourcequotas"}, {}},
                                       AccessRule{{"list"}, {"metrics.k8s.io"}, {"pods"}, {}}});
  UsageReport report = UsageCollector(viewer).collect(in_namespace("shared"));
  ASSERT_EQ(report.clusters.size(), 2u);
  const ClusterUsage& a = report.clusters[0];
  EXPECT_EQ(a.availability.storage, Availability::kForbidden);
  EXPECT_EQ(a.availability.pods, Availability::kAvailable);
  EXPECT_EQ(a.cpu_requests().to_string(), "750m");
  const auto forbidden = std::find_if(report.notes.begin(), report.notes.end(), [](const Note& n) {
    return n.source == Source::kVolumeClaims;
  });
  ASSERT_NE(forbidden, report.notes.end()) << report.notes.size();
  EXPECT_EQ(forbidden->availability, Availability::kForbidden);
  EXPECT_EQ(forbidden->verb, "list");
  EXPECT_EQ(forbidden->resource, "persistentvolumeclaims");
  EXPECT_EQ(forbidden->ns, "shared");
  EXPECT_EQ(forbidden->text,
            "not allowed to list persistentvolumeclaims in namespace \"shared\": storage "
            "requested is unknown");
  // One note for the kind, not one per selector.
  EXPECT_EQ(std::count_if(report.notes.begin(), report.notes.end(),
                          [](const Note& n) { return n.source == Source::kVolumeClaims; }),
            1);
}

TEST_F(Collector, AForbiddenListOverEveryNamespaceFallsBackToEachNamespace) {
  create_ready("team-a", "a");
  create_ready("team-b", "b");
  add_pod(workload_pod("team-a", "a", "web", {container("c", {{"cpu", "100m"}})}));
  add_pod(workload_pod("team-b", "b", "web", {container("c", {{"cpu", "200m"}})}));
  api::Client tenant =
      user("tenant", {AccessRule{{"get", "list"}, {"k3k.io"}, {"clusters"}, {}},
                      AccessRule{{"list"}, {""}, {"pods"}, {"team-a", "team-b"}},
                      AccessRule{{"list"}, {""}, {"persistentvolumeclaims"}, {"team-a"}}});
  UsageReport report = UsageCollector(tenant).collect(Selection{});
  ASSERT_EQ(report.clusters.size(), 2u);
  EXPECT_EQ(report.clusters[0].availability.pods, Availability::kAvailable);
  EXPECT_EQ(report.clusters[0].cpu_requests().to_string(), "100m");
  EXPECT_EQ(report.clusters[1].cpu_requests().to_string(), "200m");
  EXPECT_EQ(report.clusters[0].availability.storage, Availability::kAvailable);
  EXPECT_EQ(report.clusters[1].availability.storage, Availability::kForbidden);
  std::vector<std::string> claim_notes;
  for (const auto& n : report.notes) {
    if (n.source == Source::kVolumeClaims) claim_notes.push_back(n.ns);
  }
  EXPECT_EQ(claim_notes, std::vector<std::string>{"team-b"});
}

TEST_F(Collector, NamedClustersThatDoNotExistAreNotFound) {
  create_ready("team", "here");
  UsageCollector collector(client());
  EXPECT_THROW(collector.collect(named({{"team", "here"}, {"team", "missing"}})),
               api::NotFoundError);
  EXPECT_EQ(collector.collect(named({{"team", "here"}})).clusters.size(), 1u);
}

TEST_F(Collector, NoClustersMeansNoListsAtAll) {
  std::vector<std::string> requests;
  UsageReport report = UsageCollector(client(&requests)).collect(std::vector<k3k::Cluster>{});
  EXPECT_TRUE(report.clusters.empty());
  EXPECT_TRUE(report.notes.empty());
  EXPECT_TRUE(requests.empty());
}

class CollectorWithMetrics : public UsageHost {
 protected:
  CollectorWithMetrics() : UsageHost(/*metrics_api=*/true) {}
};

TEST_F(CollectorWithMetrics, LiveUsageIsTheSumOfThePodMetrics) {
  create_ready("team", "a");
  add_pod(workload_pod("team", "a", "web", {container("one"), container("two")}));
  set_phase("team", "web", "Running");  // metrics-server reports running pods only
  const int pods = sim().publish_pod_metrics("team", "a", "100m", "128Mi");
  ASSERT_EQ(pods, 3);  // server, kubelet, web
  UsageReport report = UsageCollector(client()).collect(in_namespace("team"));
  ASSERT_EQ(report.clusters.size(), 1u);
  const ClusterUsage& a = report.clusters[0];
  EXPECT_TRUE(report.notes.empty()) << report.notes.at(0).text;
  EXPECT_EQ(a.availability.metrics, Availability::kAvailable);
  EXPECT_EQ(a.cpu_used()->to_string(), "400m");  // four containers
  EXPECT_EQ(a.memory_used()->to_string(), "512Mi");
  const auto web =
      std::find_if(a.pods.begin(), a.pods.end(), [](const PodUsage& p) { return p.name == "web"; });
  ASSERT_NE(web, a.pods.end());
  ASSERT_TRUE(web->usage);
  EXPECT_EQ(web->usage->at("cpu").to_string(), "200m");
  EXPECT_EQ(web->containers.at(1).usage->at("memory").to_string(), "128Mi");
}

TEST_F(Collector, NodesShowAllocatableRequestsAndTheClustersOnThem) {
  create_ready("team", "a");
  post("/api/v1/nodes",
       json{{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", {{"name", "node-1"}}}});
  // The kubelet reports what the node has through the status subresource.
  api::PatchOptions status;
  status.subresource = "status";
  client().patch(nodes_resource(), "", "node-1",
                 {{"status",
                   {{"capacity", {{"cpu", "4"}, {"memory", "8Gi"}}},
                    {"allocatable", {{"cpu", "3800m"}, {"memory", "7Gi"}}}}}},
                 status);
  json web = workload_pod("team", "a", "web", {container("c", {{"cpu", "300m"}})});
  web["spec"]["nodeName"] = "node-1";
  add_pod(web);
  json job = workload_pod("team", "a", "job", {container("c", {{"cpu", "2"}})});
  job["spec"]["nodeName"] = "node-1";
  add_pod(job);
  set_phase("team", "job", "Failed");
  json other = pod("kube-system", "dns", json::object(), {container("c", {{"cpu", "100m"}})});
  other["spec"]["nodeName"] = "node-1";
  make_namespace("kube-system");
  add_pod(other);
  NodeReport report = UsageCollector(client()).collect_nodes();
  ASSERT_EQ(report.nodes.size(), 1u);
  const NodeUsage& node = report.nodes[0];
  EXPECT_EQ(node.allocatable.at("cpu").to_string(), "3800m");
  EXPECT_EQ(node.pods, 2);
  EXPECT_EQ(node.requests.at("cpu").to_string(), "400m");
  ASSERT_EQ(node.clusters.size(), 1u);
  EXPECT_EQ(node.clusters[0].str(), "team/a");
  EXPECT_EQ(report.nodes_availability, Availability::kAvailable);
  EXPECT_EQ(report.metrics_availability, Availability::kNotServed);
  EXPECT_FALSE(node.usage.has_value());
  ASSERT_EQ(report.notes.size(), 1u);
  EXPECT_EQ(report.notes[0].resource, "nodes.metrics.k8s.io");
}

TEST_F(Collector, NodesTheUserMayNotListAreForbiddenNotAnError) {
  api::Client tenant = user("nobody", {});
  NodeReport report = UsageCollector(tenant).collect_nodes();
  EXPECT_TRUE(report.nodes.empty());
  EXPECT_EQ(report.nodes_availability, Availability::kForbidden);
  EXPECT_EQ(report.pods_availability, Availability::kForbidden);
  ASSERT_FALSE(report.notes.empty());
  EXPECT_EQ(report.notes[0].text, "not allowed to list nodes: nodes are unknown");
}

}  // namespace
}  // namespace kraft::usage
