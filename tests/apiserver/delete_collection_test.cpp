// DELETE on a collection as genericregistry.Store.DeleteCollection does it: list with the
// request's ListOptions, delete each item like a DELETE (finalizers hold, watchers see the
// events), answer with the List of the objects as they were before.
#include <gtest/gtest.h>

#include "test_support/test_client.h"

namespace kraft::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
const std::string kSecrets = "/api/v1/namespaces/team/secrets";

class DeleteCollection : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(client_.post("/api/v1/namespaces", namespace_body("team")).status, 201);
  }
  json create(const std::string& name, const json& labels, const json& finalizers = nullptr) {
    auto body = cluster_body(name);
    body["metadata"]["labels"] = labels;
    if (!finalizers.is_null()) body["metadata"]["finalizers"] = finalizers;
    auto r = client_.post(kTeamClusters, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  TestApiServer server_;
  TestClient client_{server_};
};

TEST_F(DeleteCollection, AnswersTheListOfWhatItDeletedAsItWasBefore) {
  json a = create("a", {{"env", "dev"}});
  json b = create("b", {{"env", "prod"}}, json::array({"example.com/hold"}));
  json c = create("c", {{"env", "prod"}});
  auto listed = client_.get(kTeamClusters + "?labelSelector=env%3Dprod").json();

  auto r = client_.del(kTeamClusters + "?labelSelector=env%3Dprod");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = r.json();
  EXPECT_EQ(body, listed) << "the list read before deleting: ClusterList, items b and c";
  EXPECT_EQ(body["kind"], "ClusterList");
  EXPECT_EQ(body["apiVersion"], "k3k.io/v1beta1");
  EXPECT_FALSE(body["items"][0]["metadata"].contains("deletionTimestamp"));

  EXPECT_EQ(client_.get(kTeamClusters + "/a").status, 200) << "not selected";
  EXPECT_EQ(client_.get(kTeamClusters + "/c").status, 404);
  auto held = client_.get(kTeamClusters + "/b");
  ASSERT_EQ(held.status, 200) << "a finalizer holds it";
  EXPECT_TRUE(held.json()["metadata"].contains("deletionTimestamp"));
}

TEST_F(DeleteCollection, BuiltInListsLeaveKindOutOfTheirItems) {
  ASSERT_EQ(
      client_
          .post(kSecrets, {{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", {{"name", "s"}}}})
          .status,
      201);
  auto r = client_.del(kSecrets + "?fieldSelector=type%3DOpaque");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = r.json();
  EXPECT_EQ(body["kind"], "SecretList");
  EXPECT_EQ(body["apiVersion"], "v1");
  ASSERT_EQ(body["items"].size(), 1u);
  EXPECT_EQ(body["items"][0]["metadata"]["name"], "s");
  EXPECT_FALSE(body["items"][0].contains("kind"));
  EXPECT_EQ(client_.get(kSecrets + "/s").status, 404);
}

TEST_F(DeleteCollection, WatchersSeeEachDeletion) {
  create("a", {{"env", "prod"}});
  create("b", {{"env", "prod"}}, json::array({"example.com/hold"}));
  auto w = client_.watch_from_now(kTeamClusters);
  ASSERT_EQ(client_.del(kTeamClusters).status, 200);
  auto e1 = w->next(5s);
  auto e2 = w->next(5s);
  ASSERT_TRUE(e1 && e2);
  EXPECT_EQ((*e1)["type"], "DELETED");
  EXPECT_EQ((*e1)["object"]["metadata"]["name"], "a");
  EXPECT_EQ((*e2)["type"], "MODIFIED") << "b is only marked for deletion";
  EXPECT_EQ((*e2)["object"]["metadata"]["name"], "b");
  EXPECT_TRUE((*e2)["object"]["metadata"].contains("deletionTimestamp"));
}

TEST_F(DeleteCollection, ListOptionsAreValidatedAsForAList) {
  auto r = client_.del(kTeamClusters + "?resourceVersionMatch=Exact");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["details"]["kind"], "ListOptions");
}

TEST_F(DeleteCollection, DryRunDeletesNothing) {
  create("a", {{"env", "prod"}});
  auto r = client_.del(kTeamClusters + "?dryRun=All");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["items"].size(), 1u);
  EXPECT_EQ(client_.get(kTeamClusters + "/a").status, 200);
}

TEST_F(DeleteCollection, NamespacesHaveNoDeleteCollection) {
  auto r = client_.del("/api/v1/namespaces");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.json(), json({{"kind", "Status"},
                            {"apiVersion", "v1"},
                            {"metadata", json::object()},
                            {"status", "Failure"},
                            {"message",
                             "the server does not allow this method on the requested "
                             "resource"},
                            {"reason", "MethodNotAllowed"},
                            {"details", json::object()},
                            {"code", 405}}));
  EXPECT_EQ(client_.get("/api/v1/namespaces/team").status, 200);
}

TEST_F(DeleteCollection, ClusterWide) {
  // Built-in namespaced resources have no cluster-wide DELETE route; custom resources reach
  // the store, which needs a namespace for each item.
  EXPECT_EQ(client_.del("/api/v1/secrets").status, 405);
  EXPECT_EQ(client_.del("/apis/k3k.io/v1beta1/clusters").status, 200) << "nothing to delete";
  create("a", {{"env", "prod"}});
  auto r = client_.del("/apis/k3k.io/v1beta1/clusters");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["message"], "Namespace parameter required.");
  EXPECT_EQ(client_.get(kTeamClusters + "/a").status, 200);
}

}  // namespace
}  // namespace kraft::testing
