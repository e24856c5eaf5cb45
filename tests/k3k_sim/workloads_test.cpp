// Workload pods of virtual clusters on the host: made on request (add_workload_pod) or for
// every Ready cluster (workloads_per_cluster), as K3k's shared-mode virtual kubelet makes
// them; seen through the metrics API and a policy's quota, two clusters in one namespace.
#include "k3k_names.h"
#include "sim_fixture.h"

namespace kraft::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

const std::string kTeamPodMetrics = "/apis/metrics.k8s.io/v1beta1/namespaces/team/pods";

K3kHostOptions host_with_metrics(int workloads = 0) {
  K3kHostOptions o;
  o.server.metrics_api = true;
  o.k3k->workloads_per_cluster = workloads;
  return o;
}

class K3kSimWorkloads : public K3kSimTest {
 protected:
  K3kSimWorkloads() : K3kSimTest(host_with_metrics()) {}

  /// Pod name -> container usage of the PodMetrics matching `selector` in team.
  std::map<std::string, json> usage(const std::string& selector) {
    std::map<std::string, json> out;
    const json list = get(kTeamPodMetrics + "?labelSelector=" + selector);
    for (const auto& item : list["items"]) {
      out[item["metadata"]["name"].get<std::string>()] = item["containers"][0]["usage"];
    }
    return out;
  }
};

TEST_F(K3kSimWorkloads, HostPodsCarryK3ksNamesLabelsAndAnnotations) {
  create_ready("a", json::object());
  WorkloadPod pod;
  pod.name = "web";
  pod.ns = "shop";
  pod.labels = {{"app", "web"}};
  const std::string host_name = sim_.add_workload_pod("team", "a", pod);
  // TranslateName: NAME-NAMESPACE-CLUSTER and the hex of NAME+NAMESPACE+CLUSTER, shortened.
  EXPECT_EQ(host_name, safe_concat_name({"web-shop-a", "7765622b73686f702b61"}));
  EXPECT_EQ(host_name, "web-shop-a-7765622b73686f702b61");
  const json stored = get(kTeamCore + "pods/" + host_name);
  EXPECT_EQ(stored["metadata"]["labels"], json({{"app", "web"},
                                                {"k3k.io/clusterName", "a"},
                                                {"k3k.io/agentName", "k3k-a-kubelet-node0"}}));
  EXPECT_EQ(stored["metadata"]["annotations"],
            json({{"k3k.io/name", "web"}, {"k3k.io/namespace", "shop"}}));
  EXPECT_FALSE(stored["metadata"].contains("ownerReferences"));
  EXPECT_EQ(stored["status"]["phase"], "Running");
  EXPECT_EQ(stored["spec"]["containers"][0]["resources"],
            json({{"requests", {{"cpu", "100m"}, {"memory", "128Mi"}}},
                  {"limits", {{"cpu", "200m"}, {"memory", "256Mi"}}}}));
  EXPECT_EQ(stored["status"]["qosClass"], "Burstable");

  // Long names are shortened as K3k's SafeConcatName does.
  pod.name = std::string(50, 'w');
  EXPECT_EQ(sim_.add_workload_pod("team", "a", pod).size(), 63u);
}

TEST_F(K3kSimWorkloads, TwoClustersInOneNamespaceAreToldApartByLabelAndShareItsQuota) {
  ASSERT_EQ(client_
                .post("/apis/k3k.io/v1beta1/virtualclusterpolicies",
                      {{"apiVersion", "k3k.io/v1beta1"},
                       {"kind", "VirtualClusterPolicy"},
                       {"metadata", {{"name", "team-quota"}}},
                       {"spec",
                        {{"quota",
                          {{"hard",
                            {{"pods", "20"},
                             {"requests.cpu", "4"},
                             {"requests.memory", "8Gi"},
                             {"limits.cpu", "8"},
                             {"limits.memory", "16Gi"}}}}}}}})
                .status,
            201);
  ASSERT_EQ(client_
                .patch("/api/v1/namespaces/team",
                       {{"metadata", {{"labels", {{"policy.k3k.io/policy-name", "team-quota"}}}}}})
                .status,
            200);
  create_ready("a", json::object());
  create_ready("b", json::object());
  auto quotas = client_.watch_from_now(kTeamCore + "resourcequotas");
  const auto a_pods = sim_.add_workload_pods("team", "a", 2);
  WorkloadPod big = default_workload_pod(0);
  big.cpu_request = "250m";
  big.memory_request = "256Mi";
  big.cpu_limit = "1";
  big.memory_limit = "1Gi";
  big.usage_cpu = "300m";
  big.usage_memory = "200Mi";
  const std::string b_pod = sim_.add_workload_pod("team", "b", big);
  WorkloadPod finished = default_workload_pod(1);
  finished.phase = "Succeeded";
  const std::string b_done = sim_.add_workload_pod("team", "b", finished);

  EXPECT_EQ(usage("k3k.io/clusterName%3Da"),
            (std::map<std::string, json>{{a_pods[0], {{"cpu", "50m"}, {"memory", "64Mi"}}},
                                         {a_pods[1], {{"cpu", "50m"}, {"memory", "64Mi"}}}}))
      << "half the default requests";
  EXPECT_EQ(usage("k3k.io/clusterName%3Db"),
            (std::map<std::string, json>{{b_pod, {{"cpu", "300m"}, {"memory", "200Mi"}}}}))
      << "the Succeeded pod has no metrics";
  EXPECT_EQ(usage("cluster%3Db,role%3Dserver").size(), 1u);

  // One quota for the namespace: both clusters' servers, kubelets and running workloads.
  const json want = {{"pods", "7"},
                     {"requests.cpu", "450m"},
                     {"requests.memory", "512Mi"},
                     {"limits.cpu", "1400m"},
                     {"limits.memory", "1536Mi"}};
  json last;
  while (auto e = quotas->next(10s)) {
    last = (*e)["object"].value("status", json::object()).value("used", json::object());
    if (last == want) break;
  }
  EXPECT_EQ(last, want);

  // Deleting a cluster takes its workload pods, not its neighbour's.
  auto pods = client_.watch_from_now(kTeamCore + "pods");
  ASSERT_EQ(client_.del(kTeamClusters + "/b").status, 200);
  EXPECT_TRUE(await_event(*pods, "DELETED", b_pod));
  EXPECT_TRUE(await_event(*pods, "DELETED", b_done));
  EXPECT_EQ(client_.get(kTeamCore + "pods/" + a_pods[0]).status, 200);
}

TEST_F(K3kSimWorkloads, VirtualModeWorkloadsNeverReachTheHost) {
  create_ready("v", {{"mode", "virtual"}});
  EXPECT_THROW(sim_.add_workload_pod("team", "v", default_workload_pod(0)), std::logic_error);
  EXPECT_THROW(sim_.add_workload_pod("team", "missing", default_workload_pod(0)), std::logic_error);
}

class K3kSimEveryClusterWorks : public K3kSimTest {
 protected:
  K3kSimEveryClusterWorks() : K3kSimTest(host_with_metrics(3)) {}
};

TEST_F(K3kSimEveryClusterWorks, ReadySharedClustersGetWorkloadsAndVirtualAgentsTheirUsage) {
  auto pods = client_.watch_from_now(kTeamCore + "pods");
  create_ready("s", json::object());
  std::set<std::string> running;
  while (running.size() < 3) {
    auto e = pods->next(10s);
    ASSERT_TRUE(e) << "only " << running.size() << " workload pods started";
    const json& p = (*e)["object"];
    if (p["metadata"].value("labels", json::object()).value("k3k.io/clusterName", "") == "s" &&
        p.value("status", json::object()).value("phase", "") == "Running") {
      running.insert(p["metadata"]["annotations"]["k3k.io/name"].get<std::string>());
    }
  }
  EXPECT_EQ(running, (std::set<std::string>{"workload-0", "workload-1", "workload-2"}));

  create_ready("v", {{"mode", "virtual"}, {"agents", 2}});
  std::map<std::string, json> agents;
  while (agents.size() < 2) {
    auto e = pods->next(10s);
    ASSERT_TRUE(e) << "the agent pods never reported usage";
    const json& p = (*e)["object"];
    const json annotations = p["metadata"].value("annotations", json::object());
    if (annotations.contains("kraft.test/usage-cpu")) {
      agents[p["metadata"]["name"].get<std::string>()] = {
          {"cpu", annotations["kraft.test/usage-cpu"]},
          {"memory", annotations["kraft.test/usage-memory"]}};
    }
  }
  const json share = {{"cpu", "75m"}, {"memory", "96Mi"}};  // 3 × (50m, 64Mi) over 2 agents
  EXPECT_EQ(agents, (std::map<std::string, json>{{"k3k-v-agent-sim-0", share},
                                                 {"k3k-v-agent-sim-1", share}}));
  EXPECT_EQ(get(kTeamPodMetrics + "/k3k-v-agent-sim-0")["containers"][0]["usage"], share);
}

}  // namespace
}  // namespace kraft::testing
