// The watch loop against a scripted transport: resume after a drop, relist on 410, stopping,
// errors, and events split across chunks.
#include <gtest/gtest.h>
#include <kraft/api/client.h>

#include <nlohmann/json.hpp>

#include "api/line_splitter.h"
#include "api/test_support/fake_transport.h"

namespace kraft::api {
namespace {

using nlohmann::json;
using testing::event;
using testing::FakeTransport;
using testing::status_body;

class WatchResume : public ::testing::Test {
 protected:
  WatchResume() : client_(fake_, config(), options()) {}
  static config::ClientConfig config() {
    config::ClientConfig c;
    c.server = "https://api";
    return c;
  }
  static ClientOptions options() {
    ClientOptions o;
    o.retry.initial_backoff = std::chrono::milliseconds(1);
    o.retry.max_attempts = 3;
    return o;
  }
  // Watches until `count` events arrived; returns "TYPE name" for each.
  std::vector<std::string> watch(const std::string& rv, std::size_t count) {
    std::vector<std::string> seen;
    WatchOptions o;
    o.resource_version = rv;
    client_.watch(resources::secrets(), "ns", o, [&](const WatchEvent& e) {
      seen.push_back(e.type + " " + e.object->at("metadata").value("name", ""));
      return seen.size() < count;
    });
    return seen;
  }
  std::string url(std::size_t i) const { return fake_->requests().at(i).url; }

  std::shared_ptr<FakeTransport> fake_ = std::make_shared<FakeTransport>();
  Client client_;
};

TEST_F(WatchResume, StreamsEventsWithBookmarksRequested) {
  fake_->then_events({event("ADDED", "a", "5"), event("MODIFIED", "a", "6")});
  EXPECT_EQ(watch("4", 2), (std::vector<std::string>{"ADDED a", "MODIFIED a"}));
  EXPECT_EQ(url(0),
            "https://api/api/v1/namespaces/ns/secrets?watch=true&resourceVersion=4"
            "&allowWatchBookmarks=true");
}

TEST_F(WatchResume, ResumesFromTheLastSeenVersionAfterADroppedConnection) {
  fake_->then_events({event("ADDED", "a", "5"), event("ADDED", "b", "7")}, true)
      .then_events({event("DELETED", "a", "8")});
  EXPECT_EQ(watch("4", 3), (std::vector<std::string>{"ADDED a", "ADDED b", "DELETED a"}));
  EXPECT_NE(url(1).find("resourceVersion=7"), std::string::npos);
}

TEST_F(WatchResume, ResumesWhenTheServerEndsTheStream) {
  fake_->then_events({event("ADDED", "a", "5")}).then_events({event("MODIFIED", "a", "9")});
  EXPECT_EQ(watch("4", 2), (std::vector<std::string>{"ADDED a", "MODIFIED a"}));
  EXPECT_NE(url(1).find("resourceVersion=5"), std::string::npos);
}

TEST_F(WatchResume, BookmarksAreDeliveredAndMoveTheResumePoint) {
  fake_->then_events({event("BOOKMARK", "", "20")}, true).then_events({event("ADDED", "c", "21")});
  EXPECT_EQ(watch("4", 2), (std::vector<std::string>{"BOOKMARK ", "ADDED c"}));
  EXPECT_NE(url(1).find("resourceVersion=20"), std::string::npos);
}

TEST_F(WatchResume, AnExpiredVersionListsAgainAndContinuesFromTheList) {
  json expired = {{"type", "ERROR"}, {"object", status_body(410, "Expired", "too old")}};
  json list = {{"kind", "SecretList"},
               {"metadata", {{"resourceVersion", "30"}}},
               {"items", {event("", "a", "12")["object"], event("", "b", "25")["object"]}}};
  fake_->then_events({expired}).then_json(200, list).then_events({event("DELETED", "b", "31")});
  EXPECT_EQ(watch("4", 3), (std::vector<std::string>{"ADDED a", "ADDED b", "DELETED b"}));
  EXPECT_EQ(url(1), "https://api/api/v1/namespaces/ns/secrets?limit=500");
  EXPECT_NE(url(2).find("resourceVersion=30"), std::string::npos);
}

TEST_F(WatchResume, A410StatusInsteadOfAStreamAlsoRelists) {
  json list = {{"kind", "SecretList"}, {"metadata", {{"resourceVersion", "30"}}}, {"items", {}}};
  fake_->then_json(410, status_body(410, "Expired", "too old"))
      .then_json(200, list)
      .then_events({event("ADDED", "n", "31")});
  EXPECT_EQ(watch("4", 1), (std::vector<std::string>{"ADDED n"}));
}

TEST_F(WatchResume, WithoutAVersionItListsFirstThenWatchesFromTheList) {
  json list = {{"kind", "SecretList"},
               {"metadata", {{"resourceVersion", "40"}}},
               {"items", {event("", "a", "12")["object"]}}};
  fake_->then_json(200, list).then_events({event("ADDED", "b", "41")});
  EXPECT_EQ(watch("", 2), (std::vector<std::string>{"ADDED a", "ADDED b"}));
  EXPECT_NE(url(1).find("resourceVersion=40"), std::string::npos);
}

TEST_F(WatchResume, EventsSplitAcrossChunksArriveWhole) {
  std::string line = event("ADDED", "a", "5").dump() + "\n";
  testing::ScriptedAnswer a;
  a.response.status = 200;
  a.chunks = {line.substr(0, 7), line.substr(7) + event("ADDED", "b", "6").dump()};
  fake_->then(a);
  EXPECT_EQ(watch("4", 2), (std::vector<std::string>{"ADDED a", "ADDED b"}));
}

TEST_F(WatchResume, OtherErrorEventsAreApiErrors) {
  json error = {{"type", "ERROR"}, {"object", status_body(500, "InternalError", "boom")}};
  fake_->then_events({error});
  EXPECT_THROW(watch("4", 1), ApiError);
}

TEST_F(WatchResume, AForbiddenWatchIsAnApiError) {
  fake_->then_json(403, status_body(403, "Forbidden", "secrets is forbidden"));
  try {
    watch("4", 1);
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_forbidden());
    EXPECT_STREQ(e.what(), "secrets is forbidden");
  }
}

TEST_F(WatchResume, GivesUpAfterTheRetryPolicysAttempts) {
  testing::ScriptedAnswer drop;
  drop.drop = true;
  fake_->then(drop).then(drop).then(drop);
  EXPECT_THROW(watch("4", 1), TransportError);
  EXPECT_EQ(fake_->requests().size(), 3u);
}

TEST_F(WatchResume, AnExceptionFromTheCallbackReachesTheCaller) {
  fake_->then_events({event("ADDED", "a", "5")});
  WatchOptions o;
  o.resource_version = "4";
  EXPECT_THROW(client_.watch(resources::secrets(), "ns", o,
                             [](const WatchEvent&) -> bool { throw std::runtime_error("mine"); }),
               std::runtime_error);
}

TEST_F(WatchResume, ATimeoutIsPassedToTheServer) {
  fake_->then_events({event("ADDED", "a", "5")});
  WatchOptions o;
  o.resource_version = "4";
  o.timeout_seconds = 30;
  o.bookmarks = false;
  client_.watch(resources::secrets(), "ns", o, [](const WatchEvent&) { return false; });
  EXPECT_EQ(url(0),
            "https://api/api/v1/namespaces/ns/secrets?watch=true&resourceVersion=4"
            "&timeoutSeconds=30");
}

}  // namespace
}  // namespace kraft::api

namespace kraft::api {
namespace {

class WatchShapes : public WatchResume {};

TEST_F(WatchShapes, AnEventWithoutATypeIsAClearErrorNotATypeError) {
  fake_->then_events({{{"type", 7}, {"object", nlohmann::json::object()}}});
  try {
    watch("4", 1);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("watch event without a type"), std::string::npos)
        << e.what();
  }
}

TEST_F(WatchShapes, AnEventWhoseObjectIsNotAnObjectIsAClearError) {
  fake_->then_events({{{"type", "ADDED"}, {"object", "oops"}}});
  EXPECT_THROW(watch("4", 1), Error);
}

TEST(LineSplitter, RefusesAnEndlessLine) {
  LineSplitter splitter;
  std::string chunk(1024 * 1024, 'x');
  auto ignore = [](std::string_view) { return true; };
  EXPECT_THROW(
      {
        for (int i = 0; i < 20; ++i) splitter.feed(chunk, ignore);
      },
      Error);
}

}  // namespace
}  // namespace kraft::api
