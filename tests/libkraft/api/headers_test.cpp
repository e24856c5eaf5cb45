// Header lookups and the Warning header's format (RFC 7234 5.5, as kube-apiserver sends it).
#include "api/headers.h"

#include <gtest/gtest.h>

#include "api/line_splitter.h"

namespace kraft::api {
namespace {

TEST(HeaderValue, IgnoresTheCaseOfNames) {
  http::Headers h{{"content-type", "text/plain"}, {"Warning", "a"}, {"warning", "b"}};
  EXPECT_EQ(header_value(h, "Content-Type"), "text/plain");
  EXPECT_EQ(header_value(h, "Retry-After"), "");
  EXPECT_EQ(header_values(h, "WARNING"), (std::vector<std::string>{"a", "b"}));
}

TEST(WarningText, TakesTheQuotedTextOfA299Warning) {
  EXPECT_EQ(warning_text(R"(299 - "unknown field \"spec.serverz\"")"),
            R"(unknown field "spec.serverz")");
}

TEST(WarningText, IgnoresATrailingDate) {
  EXPECT_EQ(warning_text(R"(299 - "deprecated" "Sat, 21 Nov 2026 06:00:00 GMT")"), "deprecated");
}

TEST(WarningText, ReturnsAnUnformattedValueAsItIs) {
  EXPECT_EQ(warning_text("something odd"), "something odd");
  EXPECT_EQ(warning_text(R"(299 - "unterminated)"), R"(299 - "unterminated)");
}

TEST(LineSplitter, JoinsLinesSplitAcrossChunks) {
  LineSplitter s;
  std::vector<std::string> lines;
  auto collect = [&](std::string_view l) {
    lines.emplace_back(l);
    return true;
  };
  EXPECT_TRUE(s.feed("{\"a\":1}\n{\"b\"", collect));
  EXPECT_TRUE(s.feed(":2}\n\n{\"c\":3", collect));
  EXPECT_EQ(lines, (std::vector<std::string>{"{\"a\":1}", "{\"b\":2}", ""}));
  EXPECT_EQ(s.rest(), "{\"c\":3");
}

TEST(LineSplitter, StopsAsSoonAsTheHandlerSaysSo) {
  LineSplitter s;
  int calls = 0;
  EXPECT_FALSE(s.feed("a\nb\nc\n", [&](std::string_view) { return ++calls < 2; }));
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace kraft::api
