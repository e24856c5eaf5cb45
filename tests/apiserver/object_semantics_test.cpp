// Object semantics of the test API server over HTTP: identity fields, generateName,
// dry-run, optimistic concurrency, status subresource, unknown fields, finalizers,
// namespace lifecycle, garbage collection, paging, hooks and optional APIs.
#include <gtest/gtest.h>

#include "test_support/test_client.h"

namespace kraft::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class ObjectSemantics : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(client_.post("/api/v1/namespaces", namespace_body("team")).status, 201);
  }
  TestApiServer server_;
  TestClient client_{server_};
};

TEST_F(ObjectSemantics, CreateSetsIdentityFieldsAndDefaults) {
  auto r = client_.post(kTeamClusters, cluster_body("a"));
  ASSERT_EQ(r.status, 201) << r.body;
  json meta = r.json()["metadata"];
  EXPECT_EQ(meta["uid"].get<std::string>().size(), 36u);
  EXPECT_EQ(meta["generation"], 1);
  EXPECT_EQ(meta["namespace"], "team");
  EXPECT_FALSE(meta["creationTimestamp"].get<std::string>().empty());
  EXPECT_EQ(r.json()["spec"]["servers"], 1);
  EXPECT_EQ(r.json()["status"]["phase"], "Unknown");
  EXPECT_EQ(meta["managedFields"][0]["manager"], "kraft-tests");
}

TEST_F(ObjectSemantics, GenerateNameAppendsFiveCharacters) {
  json body = cluster_body("");
  body["metadata"] = {{"generateName", "gen-"}};
  auto r = client_.post(kTeamClusters, body);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string name = r.json()["metadata"]["name"];
  EXPECT_EQ(name.size(), 9u);
  EXPECT_EQ(name.rfind("gen-", 0), 0u);
  EXPECT_EQ(client_.get(kTeamClusters + "/" + name).status, 200);
}

TEST_F(ObjectSemantics, DryRunCreateIsNotPersisted) {
  auto r = client_.post(kTeamClusters + "?dryRun=All", cluster_body("dry"));
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(client_.get(kTeamClusters + "/dry").status, 404);
}

TEST_F(ObjectSemantics, AlreadyExistsAndNotFound) {
  ASSERT_EQ(client_.post(kTeamClusters, cluster_body("a")).status, 201);
  auto r = client_.post(kTeamClusters, cluster_body("a"));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.json()["reason"], "AlreadyExists");
  r = client_.get(kTeamClusters + "/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json()["message"], "clusters.k3k.io \"nope\" not found");
  r = client_.post("/apis/k3k.io/v1beta1/namespaces/missing/clusters", cluster_body("a"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json()["message"], "namespaces \"missing\" not found");
}

TEST_F(ObjectSemantics, StaleResourceVersionConflicts) {
  json created = client_.post(kTeamClusters, cluster_body("a")).json();
  ASSERT_EQ(client_.patch(kTeamClusters + "/a", {{"spec", {{"servers", 2}}}}).status, 200);
  created["spec"]["servers"] = 3;
  auto r = client_.put(kTeamClusters + "/a", created);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.json()["reason"], "Conflict");
  json current = client_.get(kTeamClusters + "/a").json();
  current["spec"]["servers"] = 3;
  r = client_.put(kTeamClusters + "/a", current);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["metadata"]["generation"], 3);
}

TEST_F(ObjectSemantics, StatusSubresourceIsSeparateFromTheMainResource) {
  json c = client_.post(kTeamClusters, cluster_body("a")).json();
  c["status"] = {{"phase", "Ready"}};
  auto r = client_.put(kTeamClusters + "/a/status", c);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"]["phase"], "Ready");
  EXPECT_EQ(r.json()["metadata"]["generation"], 1) << "status writes do not bump generation";
  json main = r.json();
  main["status"]["phase"] = "Failed";
  main["spec"]["servers"] = 2;
  r = client_.put(kTeamClusters + "/a", main);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["status"]["phase"], "Ready") << "main resource ignores status";
  EXPECT_EQ(r.json()["spec"]["servers"], 2);
}

TEST_F(ObjectSemantics, UnknownFieldsWarnOrFailUnderStrictValidation) {
  json body = cluster_body("a", {{"serverz", 3}});
  auto r = client_.post(kTeamClusters, body);
  ASSERT_EQ(r.status, 201);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0], "299 - \"unknown field \\\"spec.serverz\\\"\"");
  EXPECT_FALSE(r.json()["spec"].contains("serverz"));
  body["metadata"]["name"] = "b";
  r = client_.post(kTeamClusters + "?fieldValidation=Strict", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["message"],
            "Cluster in version \"v1beta1\" cannot be handled as a Cluster: strict decoding error: "
            "unknown field \"spec.serverz\"");
}

TEST_F(ObjectSemantics, InvalidObjectsListEveryCause) {
  auto r = client_.post(kTeamClusters, cluster_body("a", {{"servers", 0}, {"mode", "bogus"}}));
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["reason"], "Invalid");
  EXPECT_FALSE(r.json()["details"]["causes"].empty());
  r = client_.post(kTeamClusters, cluster_body("Bad_Name"));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["details"]["causes"][0]["field"], "metadata.name");
}

TEST_F(ObjectSemantics, FinalizerHoldsADeletedObjectUntilRemoved) {
  json body = cluster_body("a");
  body["metadata"]["finalizers"] = {"cluster.k3k.io/finalizer"};
  ASSERT_EQ(client_.post(kTeamClusters, body).status, 201);
  auto r = client_.del(kTeamClusters + "/a");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.json()["metadata"].contains("deletionTimestamp"));
  EXPECT_EQ(client_.get(kTeamClusters + "/a").status, 200);
  r = client_.patch(kTeamClusters + "/a", {{"metadata", {{"finalizers", nullptr}}}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(client_.get(kTeamClusters + "/a").status, 404);
}

TEST_F(ObjectSemantics, DeletePreconditionsAreChecked) {
  ASSERT_EQ(client_.post(kTeamClusters, cluster_body("a")).status, 201);
  auto r = client_.del(kTeamClusters + "/a",
                       R"({"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"x"}})");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(client_.del(kTeamClusters + "/a").status, 200);
  EXPECT_EQ(client_.del(kTeamClusters + "/a").status, 404);
}

TEST_F(ObjectSemantics, TerminatingNamespaceRefusesNewObjectsThenDisappears) {
  json body = cluster_body("held");
  body["metadata"]["finalizers"] = {"cluster.k3k.io/finalizer"};
  ASSERT_EQ(client_.post(kTeamClusters, body).status, 201);
  auto ns_watch = client_.watch_from_now("/api/v1/namespaces?fieldSelector=metadata.name%3Dteam");
  auto r = client_.del("/api/v1/namespaces/team");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["status"]["phase"], "Terminating");
  r = client_.post(kTeamClusters, cluster_body("late"));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.json()["details"]["causes"][0]["reason"], "NamespaceTerminating");
  EXPECT_EQ(client_.get("/api/v1/namespaces/team").status, 200) << "held by the cluster's finalizer";
  ASSERT_EQ(
      client_.patch(kTeamClusters + "/held", {{"metadata", {{"finalizers", nullptr}}}}).status,
      200);
  EXPECT_TRUE(await_event(*ns_watch, "DELETED", "team"));
  EXPECT_EQ(client_.get("/api/v1/namespaces/team").status, 404);
}

TEST_F(ObjectSemantics, GarbageCollectorDeletesObjectsWhoseOwnerIsGone) {
  json owner = client_.post(kTeamClusters, cluster_body("owner")).json();
  json secret = {{"apiVersion", "v1"},
                 {"kind", "Secret"},
                 {"metadata",
                  {{"name", "k3k-owner-token"},
                   {"ownerReferences", {{{"apiVersion", "k3k.io/v1beta1"},
                                         {"kind", "Cluster"},
                                         {"name", "owner"},
                                         {"uid", owner["metadata"]["uid"]}}}}}}};
  ASSERT_EQ(client_.post("/api/v1/namespaces/team/secrets", secret).status, 201);
  auto w = client_.watch_from_now("/api/v1/namespaces/team/secrets");
  ASSERT_EQ(client_.del(kTeamClusters + "/owner").status, 200);
  EXPECT_TRUE(await_event(*w, "DELETED", "k3k-owner-token"));
}

TEST_F(ObjectSemantics, OrphanPropagationKeepsDependentsWithoutTheOwnerReference) {
  json owner = client_.post(kTeamClusters, cluster_body("owner")).json();
  json cm = {{"apiVersion", "v1"},
             {"kind", "ConfigMap"},
             {"metadata",
              {{"name", "dep"},
               {"ownerReferences", {{{"apiVersion", "k3k.io/v1beta1"},
                                     {"kind", "Cluster"},
                                     {"name", "owner"},
                                     {"uid", owner["metadata"]["uid"]}}}}}}};
  ASSERT_EQ(client_.post("/api/v1/namespaces/team/configmaps", cm).status, 201);
  auto w = client_.watch_from_now(kTeamClusters);
  auto r = client_.del(kTeamClusters + "/owner?propagationPolicy=Orphan");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(await_event(*w, "DELETED", "owner"));
  auto dep = client_.get("/api/v1/namespaces/team/configmaps/dep");
  ASSERT_EQ(dep.status, 200);
  EXPECT_FALSE(dep.json()["metadata"].contains("ownerReferences"));
}

TEST_F(ObjectSemantics, PagingFollowsContinueTokens) {
  for (int i = 1; i <= 5; ++i) client_.post(kTeamClusters, cluster_body("c" + std::to_string(i)));
  std::vector<std::string> names;
  std::string cont;
  int pages = 0;
  do {
    auto r = client_.get(kTeamClusters + "?limit=2" + (cont.empty() ? "" : "&continue=" + cont));
    ASSERT_EQ(r.status, 200);
    json page = r.json();
    for (const auto& item : page["items"]) names.push_back(item["metadata"]["name"]);
    cont = page["metadata"]["continue"];
    if (!cont.empty()) {
      EXPECT_TRUE(page["metadata"].contains("remainingItemCount"));
    }
    ++pages;
  } while (!cont.empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(names, (std::vector<std::string>{"c1", "c2", "c3", "c4", "c5"}));
}

TEST_F(ObjectSemantics, HooksSeeCommittedEventsAndCanActLikeAController) {
  // A tiny simulated K3k controller: every new Cluster becomes Ready.
  server_.registry().add_hook([this](const StoredEvent& e) {
    if (e.type_id != "clusters.k3k.io" || e.type != "ADDED") return;
    std::string path = "/apis/k3k.io/v1beta1/namespaces/" + e.ns + "/clusters/" +
                       e.object["metadata"]["name"].get<std::string>() + "/status";
    server_.registry().call("PATCH", path, R"({"status":{"phase":"Ready"}})",
                            "application/merge-patch+json", "k3k");
  });
  auto w = client_.watch_from_now(kTeamClusters);
  ASSERT_EQ(client_.post(kTeamClusters, cluster_body("sim")).status, 201);
  bool ready = false;
  while (auto e = w->next(10s)) {
    if ((*e)["object"]["status"]["phase"] == "Ready") {
      ready = true;
      bool tracked = false;
      for (const auto& entry : (*e)["object"]["metadata"]["managedFields"]) {
        tracked |= entry["manager"] == "k3k" && entry.value("subresource", "") == "status";
      }
      EXPECT_TRUE(tracked) << "the hook's write is tracked as manager k3k on /status";
      break;
    }
  }
  EXPECT_TRUE(ready);
}

TEST_F(ObjectSemantics, ResourceQuotaStatusCountsObjects) {
  client_.post(kTeamClusters, cluster_body("a"));
  json quota = {{"apiVersion", "v1"},
                {"kind", "ResourceQuota"},
                {"metadata", {{"name", "q"}}},
                {"spec", {{"hard", {{"count/clusters.k3k.io", "3"}, {"pods", "10"}}}}}};
  auto w = client_.watch_from_now("/api/v1/namespaces/team/resourcequotas");
  ASSERT_EQ(client_.post("/api/v1/namespaces/team/resourcequotas", quota).status, 201);
  bool counted = false;
  while (auto e = w->next(10s)) {
    json used = (*e)["object"]["status"].value("used", json::object());
    if (used.value("count/clusters.k3k.io", "") == "1" && used.value("pods", "") == "0") {
      counted = true;
      break;
    }
  }
  EXPECT_TRUE(counted);
}

TEST(OptionalApis, K3kNotInstalledMeansNoGroup) {
  TestApiServerOptions o;
  o.crd_files.clear();
  TestApiServer server(o);
  TestClient client(server);
  auto r = client.get("/apis/k3k.io/v1beta1");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "404 page not found\n");
  EXPECT_EQ(client.get("/apis/k3k.io/v1beta1/namespaces/default/clusters").status, 404);
}

TEST(OptionalApis, MetricsApiServedOnlyWhenAsked) {
  TestApiServer plain;
  EXPECT_EQ(TestClient(plain).get("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods").status,
            404);
  TestApiServerOptions o;
  o.metrics_api = true;
  TestApiServer with_metrics(o);
  auto r = TestClient(with_metrics).get("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["items"], json::array()) << "no Running pods, no metrics";
}

}  // namespace
}  // namespace kraft::testing
