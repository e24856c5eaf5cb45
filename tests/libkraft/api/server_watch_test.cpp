// Watches against the test API server over real TLS: history, the current state, dropped
// connections, 410 Gone after compaction, bookmarks and timeouts.
#include <gtest/gtest.h>

#include "api/test_support/server_client.h"

namespace kraft::api {
namespace {

using nlohmann::json;
using namespace testing;
using kraft::testing::Fault;

const std::string kTeamClusters = "/apis/k3k.io/v1beta1/namespaces/team/clusters";

class ServerWatch : public ::testing::Test {
 protected:
  explicit ServerWatch(kraft::testing::TestApiServerOptions o = {}) : server_(std::move(o)) {}
  void SetUp() override { client_.create(resources::namespaces(), "", namespace_object("team")); }

  std::string current_rv() {
    return client_.list(clusters(), "team")["metadata"]["resourceVersion"];
  }
  // Watches clusters in "team" until `count` events, as "TYPE name"; `then` runs after each.
  std::vector<std::string> watch(WatchOptions o, std::size_t count,
                                 const std::function<void(std::size_t)>& then = {}) {
    std::vector<std::string> seen;
    ClientOptions quick;
    quick.retry.initial_backoff = std::chrono::milliseconds(1);
    Client watcher = Client::connect(admin_config(server_), quick);
    watcher.watch(clusters(), "team", o, [&](const WatchEvent& e) {
      seen.push_back(e.type + " " + e.object->at("metadata").value("name", ""));
      if (then) then(seen.size());
      return seen.size() < count;
    });
    return seen;
  }

  kraft::testing::TestApiServer server_;
  Client client_ = Client::connect(admin_config(server_));
};

TEST_F(ServerWatch, FromAVersionItReplaysWhatHappenedSince) {
  WatchOptions o;
  o.resource_version = current_rv();
  client_.create(clusters(), "team", cluster("a"));
  client_.patch(clusters(), "team", "a", {{"spec", {{"servers", 2}}}});
  client_.remove(clusters(), "team", "a");
  EXPECT_EQ(watch(o, 3), (std::vector<std::string>{"ADDED a", "MODIFIED a", "DELETED a"}));
}

TEST_F(ServerWatch, WithoutAVersionItStartsWithTheCurrentStateThenFollowsChanges) {
  client_.create(clusters(), "team", cluster("a"));
  client_.create(clusters(), "team", cluster("b"));
  auto seen = watch({}, 3, [&](std::size_t n) {
    if (n == 2) client_.create(clusters(), "team", cluster("c"));
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"ADDED a", "ADDED b", "ADDED c"}));
}

TEST_F(ServerWatch, SelectorsFilterEvents) {
  WatchOptions o;
  o.resource_version = current_rv();
  o.field_selector = "metadata.name=b";
  client_.create(clusters(), "team", cluster("a"));
  client_.create(clusters(), "team", cluster("b"));
  EXPECT_EQ(watch(o, 1), std::vector<std::string>{"ADDED b"});
}

TEST_F(ServerWatch, ResumesAfterADroppedConnectionWithoutDuplicates) {
  WatchOptions o;
  o.resource_version = current_rv();
  client_.create(clusters(), "team", cluster("a"));
  client_.create(clusters(), "team", cluster("b"));
  int drop = server_.faults().add(Fault::drop(kTeamClusters, 1));
  auto seen = watch(o, 3, [&](std::size_t n) {
    if (n == 2) client_.remove(clusters(), "team", "a");
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"ADDED a", "ADDED b", "DELETED a"}));
  EXPECT_EQ(server_.faults().hits(drop), 1);
}

TEST_F(ServerWatch, AnExpiredVersionListsAgainAndGoesOn) {
  std::string old = current_rv();
  client_.create(clusters(), "team", cluster("a"));
  client_.patch(clusters(), "team", "a", {{"spec", {{"servers", 3}}}});
  server_.registry().compact();
  WatchOptions o;
  o.resource_version = old;
  std::vector<json> objects;
  ClientOptions quick;
  Client watcher = Client::connect(admin_config(server_), quick);
  watcher.watch(clusters(), "team", o, [&](const WatchEvent& e) {
    objects.push_back(*e.object);
    EXPECT_EQ(e.type, "ADDED");
    if (objects.size() == 1) client_.create(clusters(), "team", cluster("b"));
    return objects.size() < 2;
  });
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_EQ(objects[0]["metadata"]["name"], "a");
  EXPECT_EQ(objects[0]["spec"]["servers"], 3);  // the current state, not the history
  EXPECT_EQ(objects[1]["metadata"]["name"], "b");
}

TEST_F(ServerWatch, ATimeoutEndsTheWatch) {
  WatchOptions o;
  o.resource_version = current_rv();
  o.timeout_seconds = 1;
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(watch(o, 1).empty());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

class ServerWatchBookmarks : public ServerWatch {
 protected:
  static kraft::testing::TestApiServerOptions options() {
    kraft::testing::TestApiServerOptions o;
    o.registry.bookmark_interval = std::chrono::milliseconds(50);
    return o;
  }
  ServerWatchBookmarks() : ServerWatch(options()) {}
};

TEST_F(ServerWatchBookmarks, BookmarksCarryTheCurrentVersion) {
  // Like kube-apiserver 1.26, the test server sends a bookmark only once the clusters have
  // moved past the watch's starting version, and then at the version of the last cluster
  // event, matching or not. "b" does not match the selector, so the bookmark is the first
  // thing this watch sees whenever it connects: no timing involved.
  client_.create(clusters(), "team", cluster("a"));
  WatchOptions o;
  o.resource_version = current_rv();
  o.field_selector = "metadata.name=a";
  std::string b_rv =
      client_.create(clusters(), "team", cluster("b"))["metadata"]["resourceVersion"];
  std::string bookmark_rv;
  Client watcher = Client::connect(admin_config(server_));
  watcher.watch(clusters(), "team", o, [&](const WatchEvent& e) {
    EXPECT_EQ(e.type, "BOOKMARK");
    bookmark_rv = e.object->at("metadata").value("resourceVersion", "");
    return false;
  });
  EXPECT_EQ(bookmark_rv, b_rv);
}

}  // namespace
}  // namespace kraft::api
