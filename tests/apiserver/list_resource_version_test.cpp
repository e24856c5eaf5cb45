// Lists by resourceVersion and resourceVersionMatch, as kube-apiserver 1.26 serves them: the
// newest state from etcd when unset; the watch cache for "0" and for a version without limit
// (waiting up to 3 s for it, then 504); etcd at exactly a version for Exact (410 when
// compacted, etcd's future-revision error above the newest); ListOptions validation (422).
#include <gtest/gtest.h>

#include <future>

#include "test_support/test_client.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

TestApiServerOptions with_cache_wait(std::chrono::milliseconds wait) {
  TestApiServerOptions o;
  o.registry.too_large_resource_version_wait = wait;
  // No kube-root-ca.crt ConfigMap appearing behind the tests' backs: versions stay exact.
  o.registry.run_controllers = false;
  return o;
}

class ListResourceVersion : public ::testing::Test {
 protected:
  explicit ListResourceVersion(
      TestApiServerOptions o = with_cache_wait(std::chrono::milliseconds(1)))
      : server_(std::move(o)) {}
  void SetUp() override {
    ASSERT_EQ(client_.post("/api/v1/namespaces", namespace_body("team")).status, 201);
  }
  std::string create(const std::string& name) {
    auto r = client_.post(kTeamClusters, cluster_body(name));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["metadata"]["resourceVersion"];
  }
  /// A write to another resource: moves the global version, not the clusters' watch cache.
  std::string create_config_map(const std::string& name) {
    auto r =
        client_.post("/api/v1/namespaces/team/configmaps",
                     {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", name}}}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["metadata"]["resourceVersion"];
  }
  static std::vector<std::string> names(const json& list) {
    std::vector<std::string> out;
    for (const auto& item : list["items"]) out.push_back(item["metadata"]["name"]);
    return out;
  }
  static std::string next_rv(const std::string& rv) { return std::to_string(std::stoll(rv) + 1); }

  TestApiServer server_;
  TestClient client_{server_};
};

TEST_F(ListResourceVersion, UnsetReadsTheNewestStateAtTheGlobalVersion) {
  create("a");
  std::string newest = create_config_map("cm");
  auto r = client_.get(kTeamClusters);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["metadata"]["resourceVersion"], newest) << "a quorum read gives etcd's";
}

TEST_F(ListResourceVersion, ZeroReadsTheWatchCacheWhichIgnoresLimit) {
  create("a");
  create("b");
  std::string last_cluster = create("c");
  create_config_map("cm");
  auto r = client_.get(kTeamClusters + "?resourceVersion=0&limit=1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(names(r.json()), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(r.json()["metadata"]["continue"], "");
  EXPECT_FALSE(r.json()["metadata"].contains("remainingItemCount"));
  EXPECT_EQ(r.json()["metadata"]["resourceVersion"], last_cluster)
      << "the cache's version of the resource, not the global one";
}

TEST_F(ListResourceVersion, ExactReadsThePastState) {
  std::string first = create("a");
  ASSERT_EQ(client_.patch(kTeamClusters + "/a", {{"spec", {{"servers", 3}}}}).status, 200);
  create("b");
  auto r = client_.get(kTeamClusters + "?resourceVersion=" + first + "&resourceVersionMatch=Exact");
  ASSERT_EQ(r.status, 200) << r.body;
  json list = r.json();
  EXPECT_EQ(list["metadata"]["resourceVersion"], first);
  ASSERT_EQ(names(list), std::vector<std::string>{"a"});
  EXPECT_EQ(list["items"][0]["metadata"]["resourceVersion"], first);
  EXPECT_EQ(list["items"][0]["spec"]["servers"], 1) << "a as it was then";
}

TEST_F(ListResourceVersion, AVersionWithALimitIsExactToo) {
  // The legacy form (no resourceVersionMatch) with a limit goes to etcd at that revision.
  std::string first = create("a");
  create("b");
  auto r = client_.get(kTeamClusters + "?resourceVersion=" + first + "&limit=10");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(names(r.json()), std::vector<std::string>{"a"});
  EXPECT_EQ(r.json()["metadata"]["resourceVersion"], first);
}

TEST_F(ListResourceVersion, ContinuePagesReadTheFirstPagesSnapshot) {
  create("a");
  create("b");
  auto first = client_.get(kTeamClusters + "?limit=1");
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(names(first.json()), std::vector<std::string>{"a"});
  create("aa");  // would come next in storage order, but is newer than the snapshot
  ASSERT_EQ(client_.del(kTeamClusters + "/b").status, 200);  // gone now, but not then
  auto second = client_.get(
      kTeamClusters + "?limit=1&continue=" + first.json()["metadata"]["continue"].get<std::string>());
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(names(second.json()), std::vector<std::string>{"b"});
  EXPECT_EQ(second.json()["metadata"]["resourceVersion"],
            first.json()["metadata"]["resourceVersion"]);
}

TEST_F(ListResourceVersion, ExactAtACompactedVersionIsExpired) {
  std::string old = create("a");
  create("b");
  server_.registry().compact();
  auto r = client_.get(kTeamClusters + "?resourceVersion=" + old + "&resourceVersionMatch=Exact");
  EXPECT_EQ(r.status, 410);
  EXPECT_EQ(r.json(), json({{"kind", "Status"},
                            {"apiVersion", "v1"},
                            {"metadata", json::object()},
                            {"status", "Failure"},
                            {"message", "The resourceVersion for the provided list is too old."},
                            {"reason", "Expired"},
                            {"code", 410}}));
}

TEST_F(ListResourceVersion, ExactAboveTheNewestIsEtcdsFutureRevisionError) {
  std::string rv = create("a");
  auto r =
      client_.get(kTeamClusters + "?resourceVersion=" + next_rv(rv) + "&resourceVersionMatch=Exact");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.json(), json({{"kind", "Status"},
                            {"apiVersion", "v1"},
                            {"metadata", json::object()},
                            {"status", "Failure"},
                            {"message", "etcdserver: mvcc: required revision is a future revision"},
                            {"code", 500}}));
}

TEST_F(ListResourceVersion, NewerThanTheWatchCacheIsTooLargeAfterWaiting) {
  std::string cluster_rv = create("a");
  // The newest version came from a ConfigMap: the clusters' cache never reaches it.
  std::string newest = create_config_map("cm");
  for (std::string match : {"", "&resourceVersionMatch=NotOlderThan"}) {
    auto r = client_.get(kTeamClusters + "?resourceVersion=" + newest + match);
    EXPECT_EQ(r.status, 504) << match;
    EXPECT_EQ(r.headers["Retry-After"], "1");
    EXPECT_EQ(r.json(),
              json({{"kind", "Status"},
                    {"apiVersion", "v1"},
                    {"metadata", json::object()},
                    {"status", "Failure"},
                    {"message",
                     "Timeout: Too large resource version: " + newest + ", current: " + cluster_rv},
                    {"reason", "Timeout"},
                    {"details",
                     {{"causes", json::array({{{"reason", "ResourceVersionTooLarge"},
                                               {"message", "Too large resource version"}}})},
                      {"retryAfterSeconds", 1}}},
                    {"code", 504}}));
  }
}

TEST_F(ListResourceVersion, NotOlderThanWithALimitAsksEtcdWhichDoesNotWait) {
  create("a");
  std::string newest = create_config_map("cm");
  auto ok = client_.get(kTeamClusters + "?resourceVersion=" + newest +
                        "&resourceVersionMatch=NotOlderThan&limit=5");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["metadata"]["resourceVersion"], newest);

  auto r = client_.get(kTeamClusters + "?resourceVersion=" + next_rv(newest) +
                       "&resourceVersionMatch=NotOlderThan&limit=5");
  EXPECT_EQ(r.status, 504);
  EXPECT_EQ(r.headers.count("Retry-After"), 0u);
  json body = r.json();
  EXPECT_EQ(body["message"],
            "Timeout: Too large resource version: " + next_rv(newest) + ", current: " + newest);
  EXPECT_EQ(body["details"],
            json({{"causes", json::array({{{"reason", "ResourceVersionTooLarge"},
                                           {"message", "Too large resource version"}}})}}))
      << "etcd's check retries after 0 s, which leaves retryAfterSeconds out";
}

TEST_F(ListResourceVersion, MatchWithoutAVersionOrWithContinueIsInvalid) {
  auto r = client_.get(kTeamClusters + "?resourceVersionMatch=NotOlderThan");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json(), json({{"kind", "Status"},
                            {"apiVersion", "v1"},
                            {"metadata", json::object()},
                            {"status", "Failure"},
                            {"message",
                             "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: "
                             "Forbidden: resourceVersionMatch is forbidden unless resourceVersion "
                             "is provided"},
                            {"reason", "Invalid"},
                            {"details",
                             {{"group", "meta.k8s.io"},
                              {"kind", "ListOptions"},
                              {"causes", json::array({{{"reason", "FieldValueForbidden"},
                                                       {"message",
                                                        "Forbidden: resourceVersionMatch is "
                                                        "forbidden unless resourceVersion is "
                                                        "provided"},
                                                       {"field", "resourceVersionMatch"}}})}}},
                            {"code", 422}}));

  auto with_continue = client_.get(kTeamClusters +
                                   "?resourceVersion=5&resourceVersionMatch=Exact"
                                   "&continue=abc");
  EXPECT_EQ(with_continue.status, 422);
  EXPECT_EQ(with_continue.json()["message"],
            "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: "
            "resourceVersionMatch is forbidden when continue is provided");

  auto both = client_.get(kTeamClusters + "?resourceVersionMatch=Newest&resourceVersion=0");
  EXPECT_EQ(both.status, 422);
  EXPECT_EQ(both.json()["message"],
            "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Unsupported value: "
            "\"Newest\": supported values: \"Exact\", \"NotOlderThan\", \"\"");

  auto exact_zero = client_.get(kTeamClusters + "?resourceVersionMatch=Exact&resourceVersion=0");
  EXPECT_EQ(exact_zero.status, 422);
  EXPECT_EQ(exact_zero.json()["details"]["causes"][0]["message"],
            "Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
}

TEST_F(ListResourceVersion, AVersionThatIsNotANumber) {
  auto cache = client_.get(kTeamClusters + "?resourceVersion=abc");
  EXPECT_EQ(cache.status, 500);
  EXPECT_EQ(cache.json()["message"],
            "resourceVersion: Invalid value: \"abc\": strconv.ParseUint: parsing \"abc\": "
            "invalid syntax");
  auto etcd = client_.get(kTeamClusters + "?resourceVersion=abc&limit=1");
  EXPECT_EQ(etcd.status, 400);
  EXPECT_EQ(etcd.json()["message"],
            "invalid resource version: resourceVersion: Invalid value: \"abc\": "
            "strconv.ParseUint: parsing \"abc\": invalid syntax");
}

class ListResourceVersionWaits : public ListResourceVersion {
 protected:
  // Long enough that the write below always lands within it.
  ListResourceVersionWaits() : ListResourceVersion(with_cache_wait(std::chrono::seconds(60))) {}
};

TEST_F(ListResourceVersionWaits, ANewerVersionIsServedOnceTheCacheReachesIt) {
  std::string rv = create("a");
  std::string wanted = next_rv(rv);
  TestClient other(server_);
  auto pending = std::async(std::launch::async,
                            [&] { return other.get(kTeamClusters + "?resourceVersion=" + wanted); });
  std::string b = create("b");  // before or after the list arrives: either way it is served
  HttpResult r = pending.get();
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["metadata"]["resourceVersion"], b);
  EXPECT_EQ(names(r.json()), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace kraft::testing
