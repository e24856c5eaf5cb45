// The curl transport against peers that misbehave on purpose: bodies larger than any answer
// should be, connections closed before any answer, terminal escapes in bodies and headers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <kraft/core/error.h>
#include <kraft/http/transport.h>

#include "test_support/raw_server.h"
#include "test_support/transport_fixture.h"

namespace kraft::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

http::TransportOptions fast_options() {
  http::TransportOptions options;
  options.retry.initial_backoff = 1ms;
  options.retry.max_backoff = 5ms;
  options.rate_limit.qps = 0;
  return options;
}

http::Request get_of(const std::string& url) {
  http::Request request;
  request.url = url;
  return request;
}

bool has_control_characters(const std::string& text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

TEST(CurlTransportHostile, ABodyOverTheLimitIsAnErrorNamingTheLimitAndTheUrl) {
  RawHttpServer server(RawHttpServer::response(200, "application/json", std::string(3 << 20, ' ')));
  http::TransportOptions options = fast_options();
  options.max_body_bytes = 1 << 20;
  auto transport = http::make_curl_transport(options);
  const std::string url = server.url() + "/api/v1/namespaces";
  try {
    transport->send(get_of(url));
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_FALSE(e.timed_out());
    EXPECT_EQ(std::string(e.what()),
              "the answer to GET " + url + " is larger than 1 MiB, the most read into memory");
  }
}

TEST(CurlTransportHostile, ABodyWithinTheLimitIsRead) {
  RawHttpServer server(RawHttpServer::response(200, "text/plain", std::string(1 << 20, 'x')));
  http::TransportOptions options = fast_options();
  options.max_body_bytes = 1 << 20;
  EXPECT_EQ(http::make_curl_transport(options)->send(get_of(server.url() + "/")).body.size(),
            std::size_t{1} << 20);
}

TEST(CurlTransportHostile, TheDefaultLimitIsGenerous) {
  EXPECT_GE(http::TransportOptions().max_body_bytes, std::size_t{512} << 20);
}

// As `kraft --request-timeout 2s` against a server that hangs up at once: the error says so
// (exit code 1), it is not a timeout.
TEST(CurlTransportHostile, AServerThatClosesAtOnceIsNotATimeout) {
  RawHttpServer server("");
  http::TransportOptions options = fast_options();
  options.retry.initial_backoff = 50ms;
  options.retry.max_backoff = 5s;
  options.retry.max_attempts = 100;
  options.request_timeout = 2s;
  auto transport = http::make_curl_transport(options);
  try {
    transport->send(get_of(server.url() + "/version"));
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_FALSE(e.timed_out()) << e.what();
    EXPECT_EQ(e.exit_code(), ExitCode::kError);
    EXPECT_THAT(e.what(), Not(HasSubstr("timed out"))) << e.what();
  }
  EXPECT_GT(server.connections(), 1);  // it was retried
}

// -v 8 shows an error answer's whole text (its one-line error shows only the start), with
// escapes made harmless; -v 7 shows the server's headers the same way.
TEST(CurlTransportHostile, LoggedBodiesAndHeadersAreEscapedAndErrorBodiesWhole) {
  const std::string body = "<html>\x1b]0;pwned\x07\n<p>" + std::string(5000, 'e') + "</p>";
  std::string answer = RawHttpServer::response(500, "text/html", body);
  answer.insert(answer.find("\r\n") + 2, "X-Evil: a\x1b[2Jb\r\n");
  RawHttpServer server(answer);
  http::TransportOptions options = fast_options();
  options.retry.max_attempts = 1;
  LogCapture log;
  options.logger = log.logger(8);
  http::make_curl_transport(options)->send(get_of(server.url() + "/x"));
  bool saw_body = false;
  bool saw_header = false;
  for (const std::string& line : log.lines()) {
    EXPECT_FALSE(has_control_characters(line)) << line;
    if (line.rfind("Response Body: ", 0) == 0) {
      saw_body = true;
      EXPECT_EQ(line,
                "Response Body: <html>\\e]0;pwned\\x07\\n<p>" + std::string(5000, 'e') + "</p>");
    }
    if (line.find("X-Evil") != std::string::npos) {
      saw_header = true;
      EXPECT_EQ(line, "    X-Evil: a\\e[2Jb");
    }
  }
  EXPECT_TRUE(saw_body) << log.all();
  EXPECT_TRUE(saw_header) << log.all();
}

TEST(CurlTransportHostile, SuccessfulBodiesAreStillCutAtLevelEight) {
  RawHttpServer server(
      RawHttpServer::response(200, "application/json", "\"" + std::string(5000, 'o') + "\""));
  http::TransportOptions options = fast_options();
  LogCapture log;
  options.logger = log.logger(8);
  http::make_curl_transport(options)->send(get_of(server.url() + "/x"));
  EXPECT_THAT(log.all(), HasSubstr("more bytes)"));
}

}  // namespace
}  // namespace kraft::testing
