#include "fields/selectors.h"

#include <gtest/gtest.h>

#include <fstream>

namespace kraft::testing {
namespace {

using nlohmann::json;

std::string parse_error(std::string_view text) {
  try {
    LabelSelector::parse(text);
  } catch (const SelectorError& e) {
    return e.what();
  }
  return "no error";
}

const json kGoldDev = {{"env", "dev"}, {"tier", "gold"}};
const json kDev = {{"env", "dev"}};
const json kProd = {{"env", "prod"}, {"tier", "gold"}};
const json kStaging = {{"env", "staging"}};
const json kNone = nullptr;

std::vector<int> matching(std::string_view text) {
  LabelSelector selector = LabelSelector::parse(text);
  std::vector<int> out;
  const json* all[] = {&kGoldDev, &kDev, &kProd, &kStaging, &kNone};
  for (int i = 0; i < 5; ++i) {
    if (selector.matches(*all[i])) out.push_back(i);
  }
  return out;
}

// The objects of cluster-list-selectors.json: dev-a, dev-b, prod, staging, nolabels.
TEST(LabelSelector, MatchesLikeTheRecordedLists) {
  EXPECT_EQ(matching("env=prod"), (std::vector<int>{2}));
  EXPECT_EQ(matching("env in (dev,staging)"), (std::vector<int>{0, 1, 3}));
  EXPECT_EQ(matching("!tier"), (std::vector<int>{1, 3, 4}));
  EXPECT_EQ(matching("env!=dev,tier"), (std::vector<int>{2}));
}

TEST(LabelSelector, NotEqualsAndNotInMatchObjectsWithoutTheKey) {
  EXPECT_EQ(matching("tier!=gold"), (std::vector<int>{1, 3, 4}));
  EXPECT_EQ(matching("env notin (dev)"), (std::vector<int>{2, 3, 4}));
  EXPECT_EQ(matching("env==dev"), (std::vector<int>{0, 1}));
  EXPECT_EQ(matching("tier"), (std::vector<int>{0, 2}));
  EXPECT_EQ(matching(""), (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_TRUE(LabelSelector::parse("  ").empty());
}

TEST(LabelSelector, EmptyValueMatchesAnEmptyLabel) {
  LabelSelector selector = LabelSelector::parse("env=");
  EXPECT_TRUE(selector.matches({{"env", ""}}));
  EXPECT_FALSE(selector.matches(kDev));
}

TEST(LabelSelector, GreaterAndLessThanCompareIntegers) {
  EXPECT_TRUE(LabelSelector::parse("n>3").matches({{"n", "4"}}));
  EXPECT_FALSE(LabelSelector::parse("n>3").matches({{"n", "x"}}));
  EXPECT_TRUE(LabelSelector::parse("n<3").matches({{"n", "-1"}}));
}

TEST(LabelSelector, UnclosedSetGivesTheRecordedMessage) {
  std::ifstream in(KRAFT_TEST_DATA_DIR "/kube-transcripts/cluster-list-selectors.json");
  std::string recorded;
  const json transcript = json::parse(in);
  for (const json& step : transcript["steps"]) {
    if (step["request"]["query"].value("labelSelector", "") == "env in (dev") {
      recorded = step["response"]["body"]["message"];
    }
  }
  ASSERT_FALSE(recorded.empty());
  EXPECT_EQ(parse_error("env in (dev"), recorded);
}

TEST(LabelSelector, SyntaxErrorsUseTheParsersWording) {
  EXPECT_EQ(parse_error("env in dev"), "unable to parse requirement: found 'dev' expected: '('");
  EXPECT_EQ(parse_error("env=a,"), "found '', expected: identifier after ','");
  EXPECT_EQ(parse_error("env=a b"), "found 'b', expected: ',' or 'end of string'");
  EXPECT_EQ(parse_error("=a"), "found '=', expected: !, identifier, or 'end of string'");
  EXPECT_EQ(parse_error("env ~ a"),
            "unable to parse requirement: found '~', expected: '=', '!=', '==', 'in', notin'");
}

TEST(LabelSelector, InvalidKeysAndValuesAreRejected) {
  EXPECT_EQ(parse_error("-env=a"),
            "unable to parse requirement: <nil>: Invalid value: \"-env\": name part must consist "
            "of alphanumeric characters, '-', '_' or '.', and must start and end with an "
            "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
            "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
  EXPECT_EQ(parse_error("env=a$"),
            "unable to parse requirement: values[0][env]: Invalid value: \"a$\": a valid label "
            "must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and "
            "must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  "
            "or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?"
            "[A-Za-z0-9])?')");
  EXPECT_NE(parse_error("Example.com/env=a"), "no error");  // prefix must be lower case
  EXPECT_EQ(parse_error("example.com/env=a"), "no error");
}

TEST(FieldSelector, MatchesByDottedPath) {
  std::vector<std::string> supported = {"metadata.name", "metadata.namespace"};
  json prod = {{"metadata", {{"name", "prod"}, {"namespace", "ns"}}}};
  json dev = {{"metadata", {{"name", "dev"}, {"namespace", "ns"}}}};
  FieldSelector by_name = FieldSelector::parse("metadata.name=prod", supported);
  EXPECT_TRUE(by_name.matches(prod));
  EXPECT_FALSE(by_name.matches(dev));
  FieldSelector both =
      FieldSelector::parse("metadata.name!=prod,metadata.namespace==ns", supported);
  EXPECT_TRUE(both.matches(dev));
  EXPECT_FALSE(both.matches(prod));
  EXPECT_TRUE(FieldSelector::parse("", supported).empty());
}

TEST(FieldSelector, UnsupportedFieldGivesTheRecordedMessage) {
  try {
    FieldSelector::parse("spec.mode=shared", {"metadata.name", "metadata.namespace"});
    FAIL() << "expected SelectorError";
  } catch (const SelectorError& e) {
    EXPECT_STREQ(e.what(), "field label not supported: spec.mode");
  }
}

TEST(FieldSelector, MalformedTermsAndEscapes) {
  std::vector<std::string> supported = {"metadata.name"};
  auto error = [&](std::string_view text) -> std::string {
    try {
      FieldSelector::parse(text, supported);
    } catch (const SelectorError& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(error("metadata.name"),
            "invalid selector: 'metadata.name'; can't understand 'metadata.name'");
  EXPECT_EQ(error("metadata.name=a\\b"), "invalid field selector: invalid escape sequence: \\b");
  EXPECT_EQ(error("metadata.name=a=b"), "invalid field selector: unescaped character in value: 61");
  FieldSelector escaped = FieldSelector::parse("metadata.name=a\\,b", supported);
  EXPECT_TRUE(escaped.matches({{"metadata", {{"name", "a,b"}}}}));
}

}  // namespace
}  // namespace kraft::testing
