// Watches with selectors as kube-apiserver 1.26's watch cache filters them
// (cacheWatcher.convertToWatchEvent): an object that starts matching is ADDED, one that
// stops matching is DELETED carrying its previous content at the new resourceVersion, and
// one that matches neither before nor after is not sent. Also bookmarks: which version they
// carry and when the cache sends them.
#include <gtest/gtest.h>

#include "test_support/test_client.h"

namespace kraft::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class HttpWatchFilter : public ::testing::Test {
 protected:
  static TestApiServerOptions options() {
    TestApiServerOptions o;
    // Bookmarks every 20 ms instead of a minute; the tests wait for events, never for time.
    o.registry.bookmark_interval = std::chrono::milliseconds(20);
    return o;
  }
  void SetUp() override {
    ASSERT_EQ(client_.post("/api/v1/namespaces", namespace_body("team")).status, 201);
  }
  json create(const std::string& name, const json& labels) {
    auto body = cluster_body(name);
    body["metadata"]["labels"] = labels;
    auto r = client_.post(kTeamClusters, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  json relabel(const std::string& name, const std::string& env) {
    auto r = client_.patch(kTeamClusters + "/" + name, {{"metadata", {{"labels", {{"env", env}}}}}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  static std::string rv_of(const json& object) { return object["metadata"]["resourceVersion"]; }

  TestApiServer server_{options()};
  TestClient client_{server_};
};

TEST_F(HttpWatchFilter, LabelSelectorTransitionsFollowTheWatchCache) {
  json a = create("a", {{"env", "dev"}});
  auto w =
      client_.watch(kTeamClusters + "?watch=1&labelSelector=env%3Dprod&resourceVersion=" + rv_of(a));
  relabel("a", "test");                // matched neither before nor after: nothing
  json joined = relabel("a", "prod");  // starts matching
  json stays = relabel("a", "prod");   // no change: no new version, no event
  client_.patch(kTeamClusters + "/a", {{"spec", {{"servers", 2}}}});
  json after_spec = client_.get(kTeamClusters + "/a").json();
  json left = relabel("a", "dev");  // stops matching

  auto e1 = w->next(5s);
  ASSERT_TRUE(e1);
  EXPECT_EQ((*e1)["type"], "ADDED") << "the first change that matches is an ADDED";
  EXPECT_EQ((*e1)["object"], joined) << "ADDED carries the new object";
  EXPECT_EQ(rv_of(stays), rv_of(joined));
  auto e2 = w->next(5s);
  ASSERT_TRUE(e2);
  EXPECT_EQ((*e2)["type"], "MODIFIED") << "matched before and after";
  EXPECT_EQ((*e2)["object"], after_spec);
  auto e3 = w->next(5s);
  ASSERT_TRUE(e3);
  EXPECT_EQ((*e3)["type"], "DELETED");
  // The previous content (still labelled prod), at the version of the change that made it
  // leave; everything else as it was before that change.
  json expected = after_spec;
  expected["metadata"]["resourceVersion"] = rv_of(left);
  EXPECT_EQ((*e3)["object"], expected);
  EXPECT_EQ((*e3)["object"]["metadata"]["labels"]["env"], "prod");
}

TEST_F(HttpWatchFilter, DeletingAMatchingObjectSendsItsLastStateAtTheDeletionVersion) {
  json a = create("a", {{"env", "prod"}});
  auto w =
      client_.watch(kTeamClusters + "?watch=1&labelSelector=env%3Dprod&resourceVersion=" + rv_of(a));
  create("b", {{"env", "dev"}});
  ASSERT_EQ(client_.del(kTeamClusters + "/b").status, 200);  // never matched: nothing
  ASSERT_EQ(client_.del(kTeamClusters + "/a").status, 200);
  auto e = w->next(5s);
  ASSERT_TRUE(e);
  EXPECT_EQ((*e)["type"], "DELETED");
  EXPECT_EQ((*e)["object"]["metadata"]["name"], "a");
  EXPECT_GT(std::stoll(rv_of((*e)["object"])), std::stoll(rv_of(a)));
  EXPECT_EQ(client_.get(kTeamClusters).json()["items"].size(), 0u);
}

TEST_F(HttpWatchFilter, FieldSelectorTransitionsToo) {
  // Namespaces select on status.phase: deletion turns Active into Terminating.
  ASSERT_EQ(client_.post("/api/v1/namespaces", namespace_body("doomed")).status, 201);
  json doomed = client_.get("/api/v1/namespaces/doomed").json();
  auto active = client_.watch(
      "/api/v1/namespaces?watch=1&fieldSelector=status.phase%3DActive"
      "&resourceVersion=" +
      rv_of(doomed));
  auto terminating = client_.watch(
      "/api/v1/namespaces?watch=1&fieldSelector=status.phase%3DTerminating&resourceVersion=" +
      rv_of(doomed));
  auto deleted = client_.del("/api/v1/namespaces/doomed");
  ASSERT_EQ(deleted.status, 200);
  std::string deletion_rv = rv_of(deleted.json());

  std::optional<json> left;
  while (auto e = active->next(5s)) {
    if ((*e)["object"]["metadata"]["name"] == "doomed") {
      left = e;
      break;
    }
  }
  ASSERT_TRUE(left);
  EXPECT_EQ((*left)["type"], "DELETED");
  EXPECT_EQ((*left)["object"]["status"]["phase"], "Active") << "the previous content";
  EXPECT_FALSE((*left)["object"]["metadata"].contains("deletionTimestamp"));
  EXPECT_EQ(rv_of((*left)["object"]), deletion_rv);

  auto joined = terminating->next(5s);
  ASSERT_TRUE(joined);
  EXPECT_EQ((*joined)["type"], "ADDED");
  EXPECT_EQ((*joined)["object"]["status"]["phase"], "Terminating");
  EXPECT_EQ(rv_of((*joined)["object"]), deletion_rv);
}

TEST_F(HttpWatchFilter, BookmarksCarryTheVersionTheResourceReachedWhateverTheSelector) {
  json a = create("a", {{"env", "prod"}});
  auto w = client_.watch(kTeamClusters +
                         "?watch=1&allowWatchBookmarks=true&labelSelector=env%3Dprod"
                         "&resourceVersion=" +
                         rv_of(a));
  // b does not match: no event, but the watch cache has processed it, and the next bookmark
  // says so. Nothing else happens to clusters, so the bookmark is the watch's first event.
  json b = create("b", {{"env", "dev"}});
  auto e = w->next(10s);
  ASSERT_TRUE(e);
  EXPECT_EQ((*e)["type"], "BOOKMARK");
  EXPECT_EQ((*e)["object"], json({{"kind", "Cluster"},
                                  {"apiVersion", "k3k.io/v1beta1"},
                                  {"metadata", {{"resourceVersion", rv_of(b)}}}}))
      << "a custom resource's bookmark is kind, apiVersion and resourceVersion only (the "
         "initial-events-end annotation is 1.27's)";
}

TEST_F(HttpWatchFilter, NoBookmarkUntilTheResourceMovesPastTheWatchStart) {
  // The 1.26 cacheWatcher forwards only events newer than the version the watch started
  // at, bookmarks included. Writes to other resources do not move the clusters cache.
  json a = create("a", {{"env", "prod"}});
  auto w =
      client_.watch(kTeamClusters + "?watch=1&allowWatchBookmarks=true&resourceVersion=" + rv_of(a));
  ASSERT_EQ(client_.post("/api/v1/namespaces", namespace_body("elsewhere")).status, 201);
  json b = create("b", {{"env", "dev"}});
  auto added = w->next(10s);
  ASSERT_TRUE(added);
  EXPECT_EQ((*added)["type"], "ADDED") << "no bookmark came before the first cluster event";
  EXPECT_EQ((*added)["object"]["metadata"]["name"], "b");
  auto bookmark = w->next(10s);
  ASSERT_TRUE(bookmark);
  EXPECT_EQ((*bookmark)["type"], "BOOKMARK");
  EXPECT_EQ(rv_of((*bookmark)["object"]), rv_of(b));
}

TEST_F(HttpWatchFilter, BuiltInBookmarksAreTheEmptyObjectOfTheirKind) {
  auto w = client_.watch(
      "/api/v1/namespaces/team/secrets?watch=1&allowWatchBookmarks=true"
      "&resourceVersion=" +
      std::to_string(server_.registry().current_rv()));
  auto secret =
      client_.post("/api/v1/namespaces/team/secrets",
                   {{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", {{"name", "s"}}}});
  ASSERT_EQ(secret.status, 201);
  std::optional<json> bookmark;
  while (auto e = w->next(10s)) {
    if ((*e)["type"] == "BOOKMARK") {
      bookmark = e;
      break;
    }
  }
  ASSERT_TRUE(bookmark);
  EXPECT_EQ((*bookmark)["object"]["kind"], "Secret");
  EXPECT_EQ((*bookmark)["object"]["apiVersion"], "v1");
  EXPECT_EQ((*bookmark)["object"]["metadata"],
            json({{"resourceVersion", rv_of(secret.json())}, {"creationTimestamp", nullptr}}));
}

}  // namespace
}  // namespace kraft::testing
