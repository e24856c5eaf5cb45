#include <gtest/gtest.h>
#include <kraft/http/request.h>

namespace kraft::http {
namespace {

TEST(ResponseHeader, IsFoundWhateverTheCaseOfItsName) {
  Response r;
  r.headers = {{"content-type", "application/json"}, {"Retry-After", "3"}};
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  EXPECT_EQ(r.header("retry-after"), "3");
  EXPECT_EQ(r.header("Location"), "");
}

TEST(ResponseHeader, RepeatedHeadersAreAllKeptInOrder) {
  Response r;
  r.headers = {{"Warning", "299 - \"a\""}, {"Other", "x"}, {"warning", "299 - \"b\""}};
  EXPECT_EQ(r.header("Warning"), "299 - \"a\"");
  EXPECT_EQ(r.headers_named("WARNING"), (std::vector<std::string>{"299 - \"a\"", "299 - \"b\""}));
  EXPECT_TRUE(r.headers_named("Location").empty());
}

TEST(HeaderValue, LooksUpAnyHeaderListCaseInsensitively) {
  Headers request_headers = {{"user-agent", "k/1"}, {"X-A", "1"}, {"x-a", "2"}};
  EXPECT_EQ(header_value(request_headers, "User-Agent"), "k/1");
  EXPECT_EQ(header_value(request_headers, "Host"), "");
  EXPECT_EQ(header_values(request_headers, "X-a"), (std::vector<std::string>{"1", "2"}));
  EXPECT_TRUE(header_values(request_headers, "Host").empty());
}

TEST(RequestIdempotent, OnlyGetAndHeadAreRepeatedAfterALostConnection) {
  Request r;
  for (const char* m : {"GET", "HEAD"}) {
    r.method = m;
    EXPECT_TRUE(r.idempotent()) << m;
  }
  for (const char* m : {"POST", "PATCH", "PUT", "DELETE"}) {
    r.method = m;
    EXPECT_FALSE(r.idempotent()) << m;
  }
}

}  // namespace
}  // namespace kraft::http
