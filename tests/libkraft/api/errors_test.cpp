// ApiError from HTTP answers: Status bodies, plain-text bodies, empty bodies.
#include <gtest/gtest.h>
#include <kraft/api/errors.h>
#include <kraft/http/request.h>

#include "api/test_support/fake_transport.h"

namespace kraft::api {
namespace {

http::Response answer(int status, std::string body, std::string type = "application/json") {
  http::Response r;
  r.status = status;
  r.headers = {{"Content-Type", type}};
  r.body = std::move(body);
  return r;
}

TEST(ApiError, ReadsCodeReasonAndMessageFromAStatusBody) {
  auto body = testing::status_body(404, "NotFound", R"(clusters.k3k.io "demo" not found)");
  ApiError e = ApiError::from_response(answer(404, body.dump()), "get clusters.k3k.io ns/demo");
  EXPECT_EQ(e.code(), 404);
  EXPECT_EQ(e.reason(), "NotFound");
  EXPECT_EQ(e.status_message(), R"(clusters.k3k.io "demo" not found)");
  EXPECT_STREQ(e.what(), R"(clusters.k3k.io "demo" not found)");
  EXPECT_TRUE(e.is_not_found());
  EXPECT_EQ(e.exit_code(), ExitCode::kNotFound);
}

TEST(ApiError, ReadsTheCausesOfAnInvalidObject) {
  auto body = testing::status_body(422, "Invalid", "Cluster.k3k.io \"a\" is invalid");
  body["details"] = {{"causes",
                      {{{"reason", "FieldValueInvalid"},
                        {"message", "Invalid value: 0"},
                        {"field", "spec.servers"}}}}};
  ApiError e = ApiError::from_response(answer(422, body.dump()), "create");
  EXPECT_TRUE(e.is_invalid());
  ASSERT_EQ(e.causes().size(), 1u);
  EXPECT_EQ(e.causes()[0].reason, "FieldValueInvalid");
  EXPECT_EQ(e.causes()[0].field, "spec.servers");
  EXPECT_EQ(e.exit_code(), ExitCode::kError);
}

TEST(ApiError, TellsAlreadyExistsFromAConflict) {
  ApiError exists = ApiError::from_response(
      answer(409, testing::status_body(409, "AlreadyExists", "exists").dump()), "create");
  ApiError conflict = ApiError::from_response(
      answer(409, testing::status_body(409, "Conflict", "modified").dump()), "replace");
  EXPECT_TRUE(exists.is_already_exists());
  EXPECT_FALSE(exists.is_conflict());
  EXPECT_TRUE(conflict.is_conflict());
  EXPECT_FALSE(conflict.is_already_exists());
}

TEST(ApiError, UnderstandsAPlainTextNotFound) {
  ApiError e = ApiError::from_response(answer(404, "404 page not found\n", "text/plain"),
                                       "list clusters.k3k.io");
  EXPECT_TRUE(e.is_not_found());
  EXPECT_EQ(e.reason(), "NotFound");
  EXPECT_EQ(e.exit_code(), ExitCode::kNotFound);
  EXPECT_STREQ(e.what(), "list clusters.k3k.io: the server answered 404 (404 page not found)");
}

TEST(ApiError, NamesTheRequestWhenTheBodyIsEmpty) {
  ApiError e = ApiError::from_response(answer(403, "", "text/plain"), "delete namespaces x");
  EXPECT_TRUE(e.is_forbidden());
  EXPECT_EQ(e.reason(), "Forbidden");
  EXPECT_STREQ(e.what(),
               "delete namespaces x: the server answered 403 with an empty text/plain body");
}

TEST(ApiError, JsonThatIsNotAStatusIsTreatedAsText) {
  ApiError e = ApiError::from_response(answer(500, R"({"error":"boom"})"), "get x");
  EXPECT_EQ(e.code(), 500);
  EXPECT_EQ(e.reason(), "InternalError");
  EXPECT_NE(std::string(e.what()).find("boom"), std::string::npos);
}

TEST(ApiError, ALongHtmlBodyIsCut) {
  ApiError e = ApiError::from_response(answer(502, std::string(5000, 'x'), "text/html"), "get");
  EXPECT_LT(std::string(e.what()).size(), 400u);
}

}  // namespace
}  // namespace kraft::api

namespace kraft::api {
namespace {

TEST(ApiErrorFromResponse, NonJsonBodiesAreRedactedBeforeTheyBecomeTheMessage) {
  http::Response r;
  r.status = 502;
  r.headers = {{"Content-Type", "text/plain"}};
  r.body = "upstream said: Authorization: Bearer sekr1t-t0ken-value";
  ApiError e = ApiError::from_response(r, "get namespaces");
  EXPECT_EQ(std::string(e.what()).find("sekr1t-t0ken-value"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("502"), std::string::npos);
}

}  // namespace
}  // namespace kraft::api

// A hostile or broken server must not reach the terminal through an error: escapes that
// retitle it or clear it, several lines, or megabytes (issue 11).
namespace kraft::api {
namespace {

bool one_safe_line(const std::string& text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

TEST(ApiErrorFromResponse, EscapesControlSequencesInAStatusMessage) {
  auto body = testing::status_body(403, "Forbidden", "no\x1b]0;pwned\x07 way\nsecond line");
  ApiError e = ApiError::from_response(answer(403, body.dump()), "get namespaces");
  EXPECT_STREQ(e.what(), "no\\e]0;pwned\\x07 way\\nsecond line");
  // Programs still get the server's words as they were sent.
  EXPECT_EQ(e.status_message(), "no\x1b]0;pwned\x07 way\nsecond line");
}

TEST(ApiErrorFromResponse, BoundsAHugeStatusMessage) {
  auto body = testing::status_body(500, "InternalError", std::string(10 << 20, 'y'));
  ApiError e = ApiError::from_response(answer(500, body.dump()), "get x");
  const std::string what = e.what();
  EXPECT_LT(what.size(), 600u);
  EXPECT_NE(what.find("more bytes)"), std::string::npos) << what;
  EXPECT_EQ(e.status_message().size(), std::size_t{10 << 20});
}

TEST(ApiErrorFromResponse, EscapesAndBoundsATextBody) {
  std::string html =
      "<html>\n<title>\x1b[2J\x1b]0;owned\x07</title>\n" + std::string(10 << 20, 'z') + "</html>";
  ApiError e = ApiError::from_response(answer(502, html, "text/html"), "get namespaces");
  const std::string what = e.what();
  EXPECT_TRUE(one_safe_line(what)) << what;
  EXPECT_EQ(
      what.rfind("get namespaces: the server answered 502 (<html>\\n<title>\\e[2J\\e]0;owned", 0),
      0u)
      << what;
  EXPECT_LT(what.size(), 600u);
  // The raw body is there for programs (and -v 8), unbounded.
  EXPECT_EQ(e.status_message(), html);
}

TEST(ApiErrorFromResponse, EscapesC1ControlsAndLineSeparators) {
  auto body = testing::status_body(409, "Conflict",
                                   "a\xc2\x9b"
                                   "2Jb\xe2\x80\xa8"
                                   "c");
  ApiError e = ApiError::from_response(answer(409, body.dump()), "replace x");
  EXPECT_STREQ(e.what(), "a\\u009b2Jb\\u2028c");
}

TEST(ApiError, AMessageBuiltByACallerIsOneLineToo) {
  ApiError e(404, "NotFound", "cluster \"a\nb\" not found");
  EXPECT_STREQ(e.what(), "cluster \"a\\nb\" not found");
}

}  // namespace
}  // namespace kraft::api
