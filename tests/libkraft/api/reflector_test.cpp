// The reflector against the test API server over real TLS: one list then one watch, changes
// delivered to every subscriber, a new list (with the differences as events) after 410 Gone,
// and a dropped watch resumed from the last seen resourceVersion without a new list.
// Changes are made between two run() calls or from the done() predicate, never after a sleep.
#include <gtest/gtest.h>
#include <kraft/api/reflector.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/test_support/server_client.h"
#include "test_apiserver.h"

namespace kraft::api {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

class ReflectorTest : public ::testing::Test {
 protected:
  ReflectorTest() {
    post("/api/v1/namespaces", testing::namespace_object("ns"));
    post("/api/v1/namespaces/ns/secrets", testing::secret("a", {{"app", "x"}}));
    post("/api/v1/namespaces/ns/secrets", testing::secret("b", {{"app", "x"}}));
    post("/api/v1/namespaces/ns/secrets", testing::secret("other", {{"app", "y"}}));
  }
  void post(const std::string& path, const json& body) {
    ASSERT_EQ(server_.registry().call("POST", path, body.dump()).status, 201) << path;
  }
  void remove(const std::string& path) {
    ASSERT_EQ(server_.registry().call("DELETE", path).status, 200) << path;
  }
  void label(const std::string& name, const std::string& value) {
    ASSERT_EQ(server_.registry()
                  .call("PATCH", "/api/v1/namespaces/ns/secrets/" + name,
                        json{{"metadata", {{"labels", {{"v", value}}}}}}.dump(),
                        "application/merge-patch+json")
                  .status,
              200);
  }
  Client client() {
    ClientOptions options;
    options.logger.verbosity = 6;
    options.logger.sink = [this](int, std::string_view line) {
      std::lock_guard lock(mu_);
      requests_.emplace_back(line);
    };
    options.retry.initial_backoff = std::chrono::milliseconds(1);
    return Client::connect(testing::admin_config(server_), options);
  }
  // Request lines (-v 6) that are watches, and those that are lists.
  int count(bool watches) {
    std::lock_guard lock(mu_);
    return static_cast<int>(std::count_if(requests_.begin(), requests_.end(), [&](const auto& l) {
      return l.find("GET ") != std::string::npos && l.find("/secrets") != std::string::npos &&
             (l.find("watch=true") != std::string::npos) == watches;
    }));
  }
  static Clock::time_point soon() { return Clock::now() + std::chrono::seconds(20); }
  static std::vector<std::string> names(const Reflector& r) {
    std::vector<std::string> out;
    for (const auto& o : r.objects()) out.push_back((*o)["metadata"]["name"]);
    return out;
  }

  kraft::testing::TestApiServer server_;
  std::mutex mu_;
  std::vector<std::string> requests_;
};

TEST_F(ReflectorTest, ListsThenWatchesWithTheSelectorAndTellsEverySubscriber) {
  Reflector reflector(client(), resources::secrets(), {.ns = "ns", .label_selector = "app=x"});
  std::vector<std::string> first, second;
  reflector.subscribe([&](const WatchEvent& e) {
    first.push_back(e.type + " " + e.object->at("metadata").value("name", ""));
  });
  reflector.subscribe([&](const WatchEvent& e) {
    second.push_back(e.type + " " + e.object->at("metadata").value("name", ""));
  });
  bool changed = false;
  const bool done = reflector.run(
      [&] {
        if (reflector.synced() && !changed) {
          changed = true;  // the list is in: now change what the watch must report
          label("a", "1");
          remove("/api/v1/namespaces/ns/secrets/b");
          post("/api/v1/namespaces/ns/secrets", testing::secret("c", {{"app", "x"}}));
          post("/api/v1/namespaces/ns/secrets", testing::secret("d", {{"app", "y"}}));
        }
        return first.size() >= 5;
      },
      soon());
  ASSERT_TRUE(done);
  EXPECT_EQ(first,
            (std::vector<std::string>{"ADDED a", "ADDED b", "MODIFIED a", "DELETED b", "ADDED c"}));
  EXPECT_EQ(second, first);
  EXPECT_EQ(names(reflector), (std::vector<std::string>{"a", "c"}));
  ASSERT_TRUE(reflector.get("ns", "a"));
  EXPECT_EQ((*reflector.get("ns", "a"))["metadata"]["labels"]["v"], "1");
  EXPECT_FALSE(reflector.get("ns", "b"));
  EXPECT_EQ(count(false), 1);  // one list
  EXPECT_EQ(count(true), 1);   // one watch
  std::lock_guard lock(mu_);
  auto watch = std::find_if(requests_.begin(), requests_.end(), [](const auto& l) {
    return l.find("watch=true") != std::string::npos;
  });
  EXPECT_NE(watch->find("allowWatchBookmarks=true"), std::string::npos) << *watch;
  EXPECT_NE(watch->find("labelSelector=app%3Dx"), std::string::npos) << *watch;
}

TEST_F(ReflectorTest, RelistsOn410GoneAndReportsWhatChangedMeanwhile) {
  Reflector reflector(client(), resources::secrets(), {.ns = "ns", .label_selector = "app=x"});
  std::vector<std::string> seen;
  reflector.subscribe([&](const WatchEvent& e) {
    seen.push_back(e.type + " " + e.object->at("metadata").value("name", ""));
  });
  ASSERT_TRUE(reflector.run([&] { return reflector.synced(); }, soon()));
  const std::string listed_at = reflector.resource_version();
  // While nobody watches: b goes, c comes, a changes, and the history is compacted away.
  remove("/api/v1/namespaces/ns/secrets/b");
  post("/api/v1/namespaces/ns/secrets", testing::secret("c", {{"app", "x"}}));
  label("a", "2");
  server_.registry().compact();
  seen.clear();
  ASSERT_TRUE(reflector.run([&] { return seen.size() >= 3; }, soon()));
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{"ADDED c", "DELETED b", "MODIFIED a"}));
  EXPECT_EQ(names(reflector), (std::vector<std::string>{"a", "c"}));
  EXPECT_NE(reflector.resource_version(), listed_at);
  EXPECT_EQ(count(false), 2);  // the first list and the one after 410
}

TEST_F(ReflectorTest, ResumesADroppedWatchFromTheLastSeenVersionWithoutListingAgain) {
  Reflector reflector(client(), resources::secrets(), {.ns = "ns"});
  std::vector<std::string> seen;
  reflector.subscribe([&](const WatchEvent& e) {
    seen.push_back(e.type + " " + e.object->at("metadata").value("name", ""));
  });
  ASSERT_TRUE(reflector.run([&] { return reflector.synced(); }, soon()));
  const std::string listed_at = reflector.resource_version();
  label("a", "3");
  // The next request for secrets (the watch) loses its connection.
  const int drop =
      server_.faults().add(kraft::testing::Fault::drop("/api/v1/namespaces/ns/secrets", 1));
  seen.clear();
  ASSERT_TRUE(reflector.run([&] { return !seen.empty(); }, soon()));
  EXPECT_EQ(server_.faults().hits(drop), 1);
  EXPECT_EQ(seen, (std::vector<std::string>{"MODIFIED a"}));
  EXPECT_EQ(count(false), 1);  // no new list
  std::lock_guard lock(mu_);
  int resumed = 0;
  for (const auto& l : requests_) {
    resumed += l.find("watch=true&resourceVersion=" + listed_at) != std::string::npos;
  }
  EXPECT_EQ(resumed, 2) << "the dropped watch and its retry both start from the list's version";
}

}  // namespace
}  // namespace kraft::api
