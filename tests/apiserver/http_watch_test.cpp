// Watch streams over HTTP: initial ADDED events, resume from a resourceVersion, 410 Expired
// after compaction, selector transitions and timeoutSeconds (selectors and bookmarks in
// detail: http_watch_filter_test.cpp).
#include <gtest/gtest.h>

#include "test_support/test_client.h"

namespace kraft::testing {
namespace {

using namespace std::chrono_literals;
class HttpWatch : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(client_.post("/api/v1/namespaces", namespace_body("team")).status, 201);
  }
  std::string create(const std::string& name, const nlohmann::json& labels = nullptr) {
    auto body = cluster_body(name);
    if (!labels.is_null()) body["metadata"]["labels"] = labels;
    auto r = client_.post(kTeamClusters, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["metadata"]["resourceVersion"];
  }
  TestApiServer server_;
  TestClient client_{server_};
};

TEST_F(HttpWatch, WithoutResourceVersionStartsWithSyntheticAdded) {
  create("a");
  create("b");
  auto w = client_.watch(kTeamClusters + "?watch=1");
  auto e1 = w->next(5s);
  auto e2 = w->next(5s);
  ASSERT_TRUE(e1 && e2);
  EXPECT_EQ((*e1)["type"], "ADDED");
  EXPECT_EQ((*e1)["object"]["metadata"]["name"], "a");
  EXPECT_EQ((*e2)["object"]["metadata"]["name"], "b");
}

TEST_F(HttpWatch, ResumesAfterAResourceVersionWithoutReplayingOlderEvents) {
  create("a");
  std::string rv = create("b");
  create("c");
  client_.patch(kTeamClusters + "/a", {{"spec", {{"servers", 2}}}});
  auto w = client_.watch(kTeamClusters + "?watch=1&resourceVersion=" + rv);
  auto e1 = w->next(5s);
  auto e2 = w->next(5s);
  ASSERT_TRUE(e1 && e2);
  EXPECT_EQ((*e1)["type"], "ADDED");
  EXPECT_EQ((*e1)["object"]["metadata"]["name"], "c");
  EXPECT_EQ((*e2)["type"], "MODIFIED");
  EXPECT_EQ((*e2)["object"]["spec"]["servers"], 2);
  client_.del(kTeamClusters + "/c");
  auto e3 = w->next(5s);
  ASSERT_TRUE(e3);
  EXPECT_EQ((*e3)["type"], "DELETED");
  EXPECT_GT(std::stoll((*e3)["object"]["metadata"]["resourceVersion"].get<std::string>()),
            std::stoll((*e1)["object"]["metadata"]["resourceVersion"].get<std::string>()))
      << "DELETED carries a new resourceVersion";
}

TEST_F(HttpWatch, CompactedResourceVersionIsExpiredInsideA200Stream) {
  std::string rv = create("a");
  create("b");
  server_.registry().compact();
  auto w = client_.watch(kTeamClusters + "?watch=1&resourceVersion=" + rv);
  auto e = w->next(5s);
  ASSERT_TRUE(e);
  EXPECT_EQ(w->status(), 200);
  EXPECT_EQ((*e)["type"], "ERROR");
  EXPECT_EQ((*e)["object"]["code"], 410);
  EXPECT_EQ((*e)["object"]["reason"], "Expired");
  EXPECT_TRUE(w->wait_closed(5s)) << "the server ends the stream after the error";
}

TEST_F(HttpWatch, LabelSelectorTurnsLeavingIntoDeletedAndJoiningIntoAdded) {
  std::string rv = create("a", {{"env", "dev"}});
  auto w = client_.watch(kTeamClusters + "?watch=1&labelSelector=env%3Dprod&resourceVersion=" + rv);
  client_.patch(kTeamClusters + "/a", {{"metadata", {{"labels", {{"env", "prod"}}}}}});
  auto joined = w->next(5s);
  ASSERT_TRUE(joined);
  EXPECT_EQ((*joined)["type"], "ADDED");
  client_.patch(kTeamClusters + "/a", {{"metadata", {{"labels", {{"env", "test"}}}}}});
  auto left = w->next(5s);
  ASSERT_TRUE(left);
  EXPECT_EQ((*left)["type"], "DELETED");
}

TEST_F(HttpWatch, TimeoutSecondsEndsTheStreamCleanly) {
  auto w = client_.watch(kTeamClusters + "?watch=1&timeoutSeconds=1");
  EXPECT_TRUE(w->wait_closed(10s));
  EXPECT_EQ(w->status(), 200);
}

TEST_F(HttpWatch, BadSelectorIsABadRequest) {
  auto w = client_.watch(kTeamClusters + "?watch=1&labelSelector=env%20in%20(dev");
  ASSERT_TRUE(w->wait_closed(5s));
  EXPECT_EQ(w->status(), 400);
}

TEST_F(HttpWatch, ClusterWideWatchSeesEveryNamespace) {
  ASSERT_EQ(client_.post("/api/v1/namespaces", namespace_body("other")).status, 201);
  auto w = client_.watch("/apis/k3k.io/v1beta1/clusters?watch=1&resourceVersion=" +
                         std::to_string(server_.registry().current_rv()));
  create("a");
  client_.post("/apis/k3k.io/v1beta1/namespaces/other/clusters", cluster_body("b"));
  auto e1 = w->next(5s);
  auto e2 = w->next(5s);
  ASSERT_TRUE(e1 && e2);
  EXPECT_EQ((*e1)["object"]["metadata"]["namespace"], "team");
  EXPECT_EQ((*e2)["object"]["metadata"]["namespace"], "other");
}

}  // namespace
}  // namespace kraft::testing
