// After provisioning: policies that refuse a mode, Failed flapping, scaling and deletion.
#include "sim_fixture.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

json policy_body(const std::string& name, const std::string& allowed_mode) {
  return {{"apiVersion", "k3k.io/v1beta1"},
          {"kind", "VirtualClusterPolicy"},
          {"metadata", {{"name", name}}},
          {"spec", {{"allowedMode", allowed_mode}}}};
}

void bind_policy(TestClient& client, const std::string& policy) {
  auto r = client.patch("/api/v1/namespaces/team",
                        {{"metadata", {{"labels", {{"policy.k3k.io/policy-name", policy}}}}}});
  ASSERT_EQ(r.status, 200) << r.body;
}

std::vector<std::string> names_of(const HttpResult& list) {
  std::vector<std::string> names;
  const json body = list.json();  // named: a temporary would die before the loop
  for (const auto& item : body["items"]) names.push_back(item["metadata"]["name"]);
  return names;
}

TEST_F(K3kSimTest, AModeThePolicyDoesNotAllowLeavesTheClusterPending) {
  ASSERT_EQ(
      client_
          .post("/apis/k3k.io/v1beta1/virtualclusterpolicies", policy_body("only-shared", "shared"))
          .status,
      201);
  bind_policy(client_, "only-shared");
  auto w = client_.watch_from_now(kTeamClusters);
  ASSERT_EQ(client_.post(kTeamClusters, cluster_body("v", {{"mode", "virtual"}})).status, 201);
  auto pending = await_phase(*w, "v", "Pending");
  ASSERT_TRUE(pending);
  const json& cond = pending->at("status")["conditions"][0];
  EXPECT_EQ(cond["reason"], "ValidationFailed");
  EXPECT_EQ(cond["status"], "False");
  EXPECT_EQ(cond["message"],
            "cluster validation error: mode \"virtual\" is not allowed by the policy "
            "\"only-shared\"");
  EXPECT_EQ(pending->at("status")["policyName"], "only-shared");
  EXPECT_EQ(client_.get(kTeamCore + "services/k3k-v-service").status, 404) << "nothing provisioned";
}

TEST_F(K3kSimTest, AModeThePolicyAllowsIsProvisionedAndNamesThePolicy) {
  ASSERT_EQ(
      client_.post("/apis/k3k.io/v1beta1/virtualclusterpolicies", policy_body("virt", "virtual"))
          .status,
      201);
  bind_policy(client_, "virt");
  json c = create_ready("v", {{"mode", "virtual"}});
  EXPECT_EQ(c["status"]["policyName"], "virt");
}

TEST_F(K3kSimTest, UnbindingTheRefusingPolicyLetsAPendingClusterProvision) {
  ASSERT_EQ(
      client_
          .post("/apis/k3k.io/v1beta1/virtualclusterpolicies", policy_body("only-shared", "shared"))
          .status,
      201);
  bind_policy(client_, "only-shared");
  auto w = client_.watch_from_now(kTeamClusters);
  ASSERT_EQ(client_.post(kTeamClusters, cluster_body("v", {{"mode", "virtual"}})).status, 201);
  ASSERT_TRUE(await_phase(*w, "v", "Pending"));
  auto r = client_.patch("/api/v1/namespaces/team",
                         {{"metadata", {{"labels", {{"policy.k3k.io/policy-name", nullptr}}}}}});
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(await_phase(*w, "v", "Ready"));
}

TEST_F(K3kSimTest, FailTimesMakesTheClusterFailThatOftenBeforeReady) {
  sim_.fail_times("team", "f", 3);
  auto w = client_.watch_from_now(kTeamClusters);
  ASSERT_EQ(client_.post(kTeamClusters, cluster_body("f")).status, 201);
  int failed = 0;
  bool ready = false;
  std::string last_phase;
  while (auto e = w->next(std::chrono::seconds(10))) {
    const json status = (*e)["object"].value("status", json::object());
    const std::string phase = status.value("phase", "");
    if (phase == last_phase) continue;
    last_phase = phase;
    if (phase == "Failed") {
      ++failed;
      EXPECT_EQ(status["conditions"][0]["reason"], "ProvisioningFailed");
    }
    if (phase == "Ready") {
      ready = true;
      break;
    }
  }
  EXPECT_TRUE(ready);
  EXPECT_EQ(failed, 3);
}

TEST_F(K3kSimTest, ScalingServersProvisionsAgainAndAddsOrRemovesPods) {
  create_ready("s", {{"servers", 1}, {"persistence", {{"type", "dynamic"}}}});
  auto w = client_.watch_from_now(kTeamClusters);
  ASSERT_EQ(client_.patch(kTeamClusters + "/s", {{"spec", {{"servers", 3}}}}).status, 200);
  ASSERT_TRUE(await_phase(*w, "s", "Provisioning"));
  ASSERT_TRUE(await_phase(*w, "s", "Ready"));
  json sts = get("/apis/apps/v1/namespaces/team/statefulsets/k3k-s-server");
  EXPECT_EQ(sts["spec"]["replicas"], 3);
  EXPECT_EQ(sts["status"]["readyReplicas"], 3);
  const std::string servers = kTeamCore + "pods?labelSelector=cluster%3Ds,role%3Dserver";
  EXPECT_EQ(names_of(client_.get(servers)),
            (std::vector<std::string>{"k3k-s-server-0", "k3k-s-server-1", "k3k-s-server-2"}));
  const json pods = client_.get(servers).json();
  for (const auto& p : pods["items"]) {
    EXPECT_EQ(p["status"]["phase"], "Running");
  }

  ASSERT_EQ(client_.patch(kTeamClusters + "/s", {{"spec", {{"servers", 1}}}}).status, 200);
  ASSERT_TRUE(await_phase(*w, "s", "Provisioning"));
  ASSERT_TRUE(await_phase(*w, "s", "Ready"));
  EXPECT_EQ(names_of(client_.get(servers)), (std::vector<std::string>{"k3k-s-server-0"}));
  EXPECT_EQ(client_.get(kTeamCore + "persistentvolumeclaims").json()["items"].size(), 3u)
      << "a StatefulSet keeps the claims of removed replicas";
}

TEST_F(K3kSimTest, DeletionWaitsForTheFinalizerThenCollectsOwnedObjectsButNotClaims) {
  create_ready("d", {{"persistence", {{"type", "dynamic"}}}});
  auto clusters = client_.watch_from_now(kTeamClusters);
  auto services = client_.watch_from_now(kTeamCore + "services");
  auto r = client_.del(kTeamClusters + "/d");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json()["metadata"].contains("deletionTimestamp"))
      << "the finalizer holds the cluster while K3k cleans up";
  EXPECT_TRUE(await_event(*clusters, "DELETED", "d"));
  EXPECT_TRUE(await_event(*services, "DELETED", "k3k-d-service"));
  EXPECT_EQ(client_.get(kTeamClusters + "/d").status, 404);
  EXPECT_EQ(client_.get("/apis/apps/v1/namespaces/team/statefulsets/k3k-d-server").status, 404);
  EXPECT_EQ(client_.get(kTeamCore + "secrets/k3k-d-bootstrap").status, 404);
  EXPECT_EQ(client_.get(kTeamCore + "pods/k3k-d-server-0").status, 404);
  EXPECT_EQ(
      client_.get(kTeamCore + "persistentvolumeclaims/varlibrancherk3s-k3k-d-server-0").status,
      200);
}

TEST_F(K3kSimTest, ARecreatedClusterIsProvisionedAfresh) {
  json first = create_ready("r", json::object());
  auto w = client_.watch_from_now(kTeamClusters);
  ASSERT_EQ(client_.del(kTeamClusters + "/r").status, 200);
  ASSERT_TRUE(await_event(*w, "DELETED", "r"));
  json second = create_ready("r", json::object());
  EXPECT_NE(first["metadata"]["uid"], second["metadata"]["uid"]);
  EXPECT_TRUE(owned_by(get(kTeamCore + "secrets/k3k-r-token"), second["metadata"]["uid"]));
}

}  // namespace
}  // namespace kraft::testing
