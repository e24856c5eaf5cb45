// Label selectors are checked before they are sent, with the API server's grammar: what the
// server would refuse fails locally in one line; what it accepts passes untouched.
#include <gtest/gtest.h>
#include <kraft/api/label_selector.h>
#include <kraft/core/error.h>

#include <string>
#include <vector>

#include "fields/selectors.h"  // the test API server's parser, after selector.go

namespace kraft::api {
namespace {

using Op = LabelRequirement::Operator;

std::string error_of(std::string_view selector) {
  try {
    parse_label_selector(selector);
  } catch (const ValidationError& e) {
    return e.what();
  }
  return "";
}

TEST(LabelSelector, ParsesEveryOperator) {
  const auto r = parse_label_selector(
      "a, !b, c=1, d==2, e!=3, f in (x,y), g notin (z), h>5, i<7");
  ASSERT_EQ(r.size(), 9u);
  EXPECT_EQ(r[0].key, "a");
  EXPECT_EQ(r[0].op, Op::kExists);
  EXPECT_TRUE(r[0].values.empty());
  EXPECT_EQ(r[1].op, Op::kDoesNotExist);
  EXPECT_EQ(r[2].op, Op::kEquals);
  EXPECT_EQ(r[2].values, std::vector<std::string>{"1"});
  EXPECT_EQ(r[3].op, Op::kEquals);
  EXPECT_EQ(r[4].op, Op::kNotEquals);
  EXPECT_EQ(r[5].op, Op::kIn);
  EXPECT_EQ(r[5].values, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(r[6].op, Op::kNotIn);
  EXPECT_EQ(r[7].op, Op::kGreaterThan);
  EXPECT_EQ(r[8].op, Op::kLessThan);
}

TEST(LabelSelector, EmptyOrBlankSelectsEverything) {
  EXPECT_TRUE(parse_label_selector("").empty());
  EXPECT_TRUE(parse_label_selector(" \t").empty());
}

TEST(LabelSelector, InAndNotinAreWordsWhereAKeyOrValueStands) {
  const auto r = parse_label_selector("in in (notin),notin=in");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].key, "in");
  EXPECT_EQ(r[0].values, std::vector<std::string>{"notin"});
  EXPECT_EQ(r[1].key, "notin");
  EXPECT_EQ(r[1].values, std::vector<std::string>{"in"});
}

TEST(LabelSelector, EmptyValuesAreValues) {
  EXPECT_EQ(parse_label_selector("a=")[0].values, std::vector<std::string>{""});
  EXPECT_EQ(parse_label_selector("a in ()")[0].values, std::vector<std::string>{""});
  EXPECT_EQ(parse_label_selector("a in (x,,y)")[0].values,
            (std::vector<std::string>{"", "x", "y"}));
}

TEST(LabelSelector, QualifiedKeysAreAccepted) {
  EXPECT_EQ(parse_label_selector("app.kubernetes.io/managed-by=kraft")[0].key,
            "app.kubernetes.io/managed-by");
}

TEST(LabelSelector, ErrorsNameTheSelectorAndWhatWasExpected) {
  EXPECT_EQ(error_of("!!!bad"),
            "invalid label selector \"!!!bad\": expected a label key after '!', found '!'");
  EXPECT_EQ(error_of("a b"),
            "invalid label selector \"a b\": expected an operator (=, ==, !=, in, notin, <, >) "
            "after \"a\", found \"b\"");
  EXPECT_EQ(error_of("a,"), "invalid label selector \"a,\": expected a label key after ',', "
                            "found the end");
  EXPECT_EQ(error_of("!a=b"),
            "invalid label selector \"!a=b\": expected ',' or the end after \"!a\", found '='");
  EXPECT_EQ(error_of("a in x"), "invalid label selector \"a in x\": expected '(' after 'in', "
                                "found \"x\"");
  EXPECT_EQ(error_of("a in (x"), "invalid label selector \"a in (x\": expected ',' or ')' "
                                 "after value \"x\", found the end");
  EXPECT_EQ(error_of("a>x"), "invalid label selector \"a>x\": the value of \"a>x\" must be an "
                             "integer");
  EXPECT_EQ(error_of("=x"), "invalid label selector \"=x\": expected a label key or '!', "
                            "found '='");
}

TEST(LabelSelector, ComparedValuesAreSixtyFourBitIntegers) {
  // strconv.ParseInt(v, 10, 64), as NewRequirement reads them (the test API server does not
  // check the range).
  EXPECT_EQ(parse_label_selector("a>9223372036854775807")[0].values[0], "9223372036854775807");
  EXPECT_NE(error_of("a>9223372036854775808"), "");
}

TEST(LabelSelector, BadKeysAndValuesSayWhy) {
  EXPECT_NE(error_of("-a=b").find("label key \"-a\" is invalid: use letters, digits"),
            std::string::npos);
  EXPECT_NE(error_of(std::string(64, 'k')).find("64 characters long, at most 63"),
            std::string::npos);
  EXPECT_NE(error_of("Example.com/a").find("the prefix \"Example.com\" is not a DNS subdomain"),
            std::string::npos);
  EXPECT_NE(error_of("a/b/c").find("one '/' at most"), std::string::npos);
  EXPECT_NE(error_of("/a").find("prefix before '/' is empty"), std::string::npos);
  EXPECT_NE(error_of("a/").find("the name is empty"), std::string::npos);
  EXPECT_NE(error_of("a=b_").find("label value \"b_\" of \"a\" is invalid"), std::string::npos);
  EXPECT_NE(error_of("a in (ok," + std::string(64, 'v') + ")").find("label value"),
            std::string::npos);
}

TEST(LabelSelector, HostileTextStaysOneSafeLine) {
  const std::string message = error_of("a=\x1b]0;owned\x07\nb");
  EXPECT_EQ(message.find('\x1b'), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_EQ(message.find('\x07'), std::string::npos) << message;
  EXPECT_LT(error_of(std::string(100000, '(')).size(), 1000u);
}

// Accepted by kraft exactly when the API server accepts it: the test API server's parser
// follows selector.go, and the transcripts hold it to a real kube-apiserver.
TEST(LabelSelector, AcceptsExactlyWhatTheApiServerAccepts) {
  const std::vector<std::string> corpus = {
      "", " ", "a", "!a", "a=b", "a==b", "a!=b", "a=", "a!=", "a in (b)", "a notin (b,c)",
      "a in ()", "a in (,)", "a in (b,,c)", "a in (b,)", "a in (,b)", "a>1", "a<-1", "a>+1",
      "a>-1", "a>1.5", "a>", "a,b", "a,", ",a", "a,,b", "!a,b=c",
      "!a=b", "!!a", "!!!bad", "a b", "a=b=c", "a=(b)", "a in b", "a in (b", "a in (b c)",
      "a in (b))", "a notin", "in=in", "in in (in)", "notin notin (notin)", "(a)", ")", "=",
      "==a", "a===b", "a!==b", "a=!b", "a<>b", "a><b", "x/y=z", "x.io/y=z", "X.io/y=z",
      "x..io/y=z", "/y", "y/", "a/b/c", "a_b=c_d", "_a=b", "a=_b", "a.b-c_d=e.f-g_h",
      std::string(63, 'k'), std::string(64, 'k'), "k=" + std::string(63, 'v'),
      "k=" + std::string(64, 'v'), std::string(253, 'p') + "/k", std::string(254, 'p') + "/k",
      "a\tin\t(b)", "a\nb", "é=1", "a=é", "a in (b) , c notin (d)", "a=b,\tc", "a=1\x7f",
  };
  for (const std::string& selector : corpus) {
    bool server_accepts = true;
    try {
      kraft::testing::LabelSelector::parse(selector);
    } catch (const kraft::testing::SelectorError&) {
      server_accepts = false;
    }
    EXPECT_EQ(error_of(selector).empty(), server_accepts)
        << "selector \"" << selector << "\": " << error_of(selector);
  }
}

}  // namespace
}  // namespace kraft::api
