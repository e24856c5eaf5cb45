// A new Cluster is provisioned as K3k does it: finalizer, status, the owned host objects for
// each mode and expose option, then Ready.
#include "sim_fixture.h"

namespace kraft::testing {
namespace {

using nlohmann::json;
const std::string kApps = "/apis/apps/v1/namespaces/team/";

TEST_F(K3kSimTest, ANewClusterGoesThroughProvisioningToReady) {
  auto w = client_.watch_from_now(kTeamClusters);
  ASSERT_EQ(client_.post(kTeamClusters, cluster_body("a")).status, 201);
  auto provisioning = await_phase(*w, "a", "Provisioning");
  ASSERT_TRUE(provisioning);
  EXPECT_EQ(provisioning->at("status")["conditions"][0]["reason"], "Provisioning");
  auto ready = await_phase(*w, "a", "Ready");
  ASSERT_TRUE(ready);
  const json& cond = ready->at("status")["conditions"][0];
  EXPECT_EQ(cond["type"], "Ready");
  EXPECT_EQ(cond["status"], "True");
  EXPECT_EQ(cond["reason"], "Provisioned");
}

TEST_F(K3kSimTest, ReadyClusterCarriesFinalizerAndStatusDefaults) {
  json c = create_ready("a", {{"tlsSANs", {"a.example.com"}}});
  EXPECT_EQ(c["metadata"]["finalizers"], json::array({"cluster.k3k.io/finalizer"}));
  const json& st = c["status"];
  EXPECT_EQ(st["hostVersion"], "v1.26.4");
  EXPECT_EQ(st["clusterCIDR"], "10.42.0.0/16");
  EXPECT_EQ(st["serviceCIDR"], "10.43.0.0/16");
  EXPECT_EQ(st["clusterDNS"], "10.43.0.10");
  EXPECT_EQ(st["tlsSANs"][0], "a.example.com");
  EXPECT_FALSE(st.contains("policyName"));
  bool status_by_k3k = false;
  for (const auto& m : c["metadata"]["managedFields"]) {
    status_by_k3k |= m["manager"] == "k3k" && m.value("subresource", "") == "status";
  }
  EXPECT_TRUE(status_by_k3k) << "status is written through /status as manager k3k";
}

TEST_F(K3kSimTest, SharedModeCreatesEveryObjectOwnedByTheCluster) {
  json c = create_ready("a", {{"persistence", {{"type", "dynamic"}}}});
  const std::string uid = c["metadata"]["uid"];
  for (const auto& path :
       {kTeamCore + "services/k3k-a-service", kTeamCore + "services/k3k-a-service-headless",
        kApps + "statefulsets/k3k-a-server", kApps + "daemonsets/k3k-a-kubelet",
        kTeamCore + "secrets/k3k-a-token", kTeamCore + "secrets/k3k-a-bootstrap",
        kTeamCore + "secrets/k3k-a-kubeconfig"}) {
    EXPECT_TRUE(owned_by(get(path), uid)) << path;
  }
  json svc = get(kTeamCore + "services/k3k-a-service");
  EXPECT_EQ(svc["spec"]["type"], "ClusterIP");
  EXPECT_EQ(svc["spec"]["ports"][0]["port"], 443);
  EXPECT_EQ(svc["spec"]["ports"][0]["targetPort"], 6443);
  EXPECT_EQ(get(kTeamCore + "secrets/k3k-a-token")["data"].count("token"), 1u);
  EXPECT_EQ(get(kTeamCore + "secrets/k3k-a-bootstrap")["data"].count("bootstrap"), 1u);
  EXPECT_EQ(get(kTeamCore + "secrets/k3k-a-kubeconfig")["data"].count("kubeconfig.yaml"), 1u);

  json sts = get(kApps + "statefulsets/k3k-a-server");
  EXPECT_EQ(sts["spec"]["replicas"], 1);
  EXPECT_EQ(sts["status"]["readyReplicas"], 1);
  json pod = get(kTeamCore + "pods/k3k-a-server-0");
  EXPECT_EQ(pod["status"]["phase"], "Running");
  EXPECT_EQ(pod["metadata"]["labels"]["cluster"], "a");
  EXPECT_EQ(pod["metadata"]["labels"]["role"], "server");
  EXPECT_TRUE(owned_by(pod, sts["metadata"]["uid"])) << "pods belong to the StatefulSet";
  json pvc = get(kTeamCore + "persistentvolumeclaims/varlibrancherk3s-k3k-a-server-0");
  EXPECT_EQ(pvc["metadata"]["labels"]["cluster"], "a");
  EXPECT_EQ(pvc["metadata"]["labels"]["role"], "server");
  EXPECT_FALSE(pvc["metadata"].contains("ownerReferences")) << "K3k's PVCs are not collected";

  json ds = get(kApps + "daemonsets/k3k-a-kubelet");
  EXPECT_EQ(ds["metadata"]["labels"],
            (json{{"cluster", "a"}, {"type", "agent"}, {"mode", "shared"}}));
  auto kubelets =
      client_.get(kTeamCore + "pods?labelSelector=cluster%3Da,type%3Dagent,mode%3Dshared");
  EXPECT_EQ(kubelets.json()["items"].size(), 1u);
  EXPECT_EQ(
      client_.get("/apis/networking.k8s.io/v1/namespaces/team/ingresses/k3k-a-ingress").status,
      404);
}

TEST_F(K3kSimTest, EphemeralPersistenceCreatesNoClaims) {
  create_ready("a", {{"persistence", {{"type", "ephemeral"}}}});
  auto pvcs = client_.get(kTeamCore + "persistentvolumeclaims");
  EXPECT_TRUE(pvcs.json()["items"].empty());
}

TEST_F(K3kSimTest, VirtualModeGetsAnAgentDeploymentAndALoadBalancerAddress) {
  json c = create_ready(
      "b", {{"mode", "virtual"}, {"agents", 2}, {"expose", {{"loadBalancer", json::object()}}}});
  EXPECT_EQ(c["status"]["serviceCIDR"], "10.53.0.0/16");
  EXPECT_EQ(c["status"]["clusterCIDR"], "10.52.0.0/16");
  json dep = get(kApps + "deployments/k3k-b-agent");
  EXPECT_TRUE(owned_by(dep, c["metadata"]["uid"]));
  EXPECT_EQ(dep["metadata"]["labels"],
            (json{{"cluster", "b"}, {"type", "agent"}, {"mode", "virtual"}}));
  EXPECT_EQ(dep["spec"]["replicas"], 2);
  auto agents =
      client_.get(kTeamCore + "pods?labelSelector=cluster%3Db,type%3Dagent,mode%3Dvirtual");
  EXPECT_EQ(agents.json()["items"].size(), 2u);
  EXPECT_EQ(client_.get(kApps + "daemonsets/k3k-b-kubelet").status, 404);
  json svc = get(kTeamCore + "services/k3k-b-service");
  EXPECT_EQ(svc["spec"]["type"], "LoadBalancer");
  EXPECT_EQ(svc["spec"]["ports"][0]["port"], 443);
  EXPECT_EQ(svc["status"]["loadBalancer"]["ingress"][0]["ip"], "192.0.2.10");
}

TEST_F(K3kSimTest, NodePortExposureUsesTheRequestedServerPort) {
  create_ready("n", {{"expose", {{"nodePort", {{"serverPort", 30443}}}}}});
  json svc = get(kTeamCore + "services/k3k-n-service");
  EXPECT_EQ(svc["spec"]["type"], "NodePort");
  EXPECT_EQ(svc["spec"]["ports"][0]["nodePort"], 30443);
}

TEST_F(K3kSimTest, IngressExposureCreatesAnIngressForTheFirstTlsSan) {
  json c = create_ready("i", {{"tlsSANs", {"i.example.com"}},
                              {"expose", {{"ingress", {{"ingressClassName", "nginx"}}}}}});
  json ing = get("/apis/networking.k8s.io/v1/namespaces/team/ingresses/k3k-i-ingress");
  EXPECT_TRUE(owned_by(ing, c["metadata"]["uid"]));
  EXPECT_EQ(ing["spec"]["ingressClassName"], "nginx");
  EXPECT_EQ(ing["spec"]["rules"][0]["host"], "i.example.com");
}

}  // namespace
}  // namespace kraft::testing
