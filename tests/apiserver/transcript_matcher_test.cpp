// The oracle test is only as strict as its matcher: these pin down what the transcripts'
// placeholders accept, and that the replayer reports a wrong answer where it differs.
#include <gtest/gtest.h>

#include "test_support/transcript_replayer.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

TEST(TranscriptMatcher, IgnoresKeyOrderButNotArrayOrder) {
  PlaceholderBindings b;
  EXPECT_TRUE(
      match_json(json::parse(R"({"a":1,"b":[1,2]})"), json::parse(R"({"b":[1,2],"a":1})"), b)
          .empty());
  auto diffs = match_json(json::parse(R"({"b":[1,2]})"), json::parse(R"({"b":[2,1]})"), b);
  ASSERT_EQ(diffs.size(), 2u);
  EXPECT_EQ(diffs[0].path, "/b/0");
}

TEST(TranscriptMatcher, ReportsMissingAndExtraKeysWithTheirPaths) {
  PlaceholderBindings b;
  auto diffs = match_json(json::parse(R"({"metadata":{"continue":""}})"),
                          json::parse(R"({"metadata":{"remainingItemCount":0}})"), b);
  ASSERT_EQ(diffs.size(), 2u);
  EXPECT_EQ(diffs[0].path, "/metadata/continue");
  EXPECT_EQ(diffs[0].actual, "(absent)");
  EXPECT_EQ(diffs[1].path, "/metadata/remainingItemCount");
  EXPECT_EQ(diffs[1].expected, "(absent)");
}

TEST(TranscriptMatcher, ResourceVersionsBindOnFirstSightAndStayDistinct) {
  PlaceholderBindings b;
  std::string why;
  EXPECT_TRUE(match_string("<rv:1>", "1001", b, why));
  EXPECT_TRUE(match_string("<rv:1>", "1001", b, why));
  EXPECT_FALSE(match_string("<rv:1>", "1002", b, why));
  EXPECT_FALSE(match_string("<rv:2>", "1001", b, why)) << "distinct N need distinct values";
  EXPECT_NE(why.find("<rv:1>"), std::string::npos) << why;
  EXPECT_TRUE(match_string("<rv:2>", "1002", b, why));
  EXPECT_FALSE(match_string("<rv:3>", "abc", b, why));
}

TEST(TranscriptMatcher, PlaceholdersMatchInsideMessages) {
  PlaceholderBindings b;
  std::string why;
  EXPECT_TRUE(match_string("too old resource version: 1 (<rv:3>)",
                           "too old resource version: 1 (1000)", b, why));
  EXPECT_EQ(*b.find("<rv:3>"), "1000");
  EXPECT_TRUE(match_string("the UID in record (<uid>). The object",
                           "the UID in record (0f8fad5b-d9cb-469f-a165-70867728950e). The object",
                           b, why));
  EXPECT_FALSE(match_string("the UID in record (<uid>).", "the UID in record (nope).", b, why));
}

TEST(TranscriptMatcher, TimesUidsAndGeneratedNamesMustLookRight) {
  PlaceholderBindings b;
  std::string why;
  EXPECT_TRUE(match_string("<time>", "2026-01-01T00:00:00Z", b, why));
  EXPECT_FALSE(match_string("<time>", "yesterday", b, why));
  EXPECT_FALSE(match_string("<uid>", "0f8fad5b", b, why));
  EXPECT_TRUE(match_string("tr-gen-<rand5>", "tr-gen-x7k2p", b, why));
  EXPECT_FALSE(match_string("tr-gen-<rand5>", "tr-gen-x7k2", b, why));
  EXPECT_EQ(substitute_bound("/clusters/tr-gen-<rand5>", b), "/clusters/tr-gen-x7k2p");
  EXPECT_TRUE(match_string("<gitCommit>", "anything at all", b, why));
}

TEST(TranscriptMatcher, LiteralStringsAreComparedExactly) {
  PlaceholderBindings b;
  std::string why;
  EXPECT_TRUE(match_string("a.b (c)", "a.b (c)", b, why));
  EXPECT_FALSE(match_string("a.b (c)", "axb (c)", b, why));
}

TEST(TranscriptMatcher, RequestBodiesAreSentAsTheRecorderSerialisedThem) {
  auto body = nlohmann::ordered_json::parse(R"({"metadata": {"name": "x"}, "spec": {}, "a": [1]})");
  EXPECT_EQ(recorder_json(body), R"({"metadata": {"name": "x"}, "spec": {}, "a": [1]})");
}

TEST(TranscriptReplayerSelfCheck, AWrongExpectationIsReportedAtItsPath) {
  TestApiServer server;
  TranscriptReplayer replayer(server);
  Transcript t;
  t.file_stem = "self-check";
  TranscriptStep step;
  step.request = {{"method", "GET"}, {"path", "/api/v1/namespaces/default"}};
  step.response = {{"status", 200},
                   {"headers", {{"Content-Type", "application/json"}}},
                   {"body", {{"kind", "Namespace"}, {"apiVersion", "v2"}}}};
  t.steps.push_back(step);
  auto outcomes = replayer.replay(t);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_FALSE(outcomes[0].matched);
  EXPECT_NE(outcomes[0].report.find("at /apiVersion"), std::string::npos) << outcomes[0].report;
  EXPECT_NE(outcomes[0].report.find("at /metadata"), std::string::npos)
      << "keys the transcript lacks count too: " << outcomes[0].report;
}

}  // namespace
}  // namespace kraft::testing
