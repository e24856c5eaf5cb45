// Retries, Retry-After and timeouts of the curl transport against injected server faults.
// Assertions count attempts (the fault's hits), never durations.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <kraft/core/error.h>
#include <kraft/http/transport.h>

#include "test_support/transport_fixture.h"

namespace kraft::testing {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

class CurlTransportRetry : public ::testing::Test {
 protected:
  http::Request post_namespace(const std::string& name) {
    http::Request r = get(server_, "/api/v1/namespaces");
    r.method = "POST";
    r.headers.emplace_back("Content-Type", "application/json");
    r.body = R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":")" + name + R"("}})";
    return r;
  }

  TestApiServer server_;
  http::TransportOptions options_ = admin_options(server_);
};

TEST_F(CurlTransportRetry, TooManyRequestsIsRetriedAfterRetryAfter) {
  int id = server_.faults().add(Fault::status_of(429, "/api/v1/namespaces", 2, 1));
  auto transport = http::make_curl_transport(options_);
  EXPECT_EQ(transport->send(get(server_, "/api/v1/namespaces")).status, 200);
  EXPECT_EQ(server_.faults().hits(id), 2);
}

TEST_F(CurlTransportRetry, ServiceUnavailableWithRetryAfterIsRetriedEvenForAPost) {
  int id = server_.faults().add(Fault::status_of(503, "/api/v1/namespaces", 1, 1));
  auto transport = http::make_curl_transport(options_);
  EXPECT_EQ(transport->send(post_namespace("after-503")).status, 201);
  EXPECT_EQ(server_.faults().hits(id), 1);
}

TEST_F(CurlTransportRetry, ServiceUnavailableWithoutRetryAfterIsRetriedForAGetOnly) {
  int get_fault = server_.faults().add(Fault::status_of(503, "/version", 2));
  auto transport = http::make_curl_transport(options_);
  EXPECT_EQ(transport->send(get(server_, "/version")).status, 200);
  EXPECT_EQ(server_.faults().hits(get_fault), 2);

  int post_fault = server_.faults().add(Fault::status_of(503, "/api/v1/namespaces", 1));
  EXPECT_EQ(transport->send(post_namespace("no-retry")).status, 503);
  EXPECT_EQ(server_.faults().hits(post_fault), 1);
}

TEST_F(CurlTransportRetry, ARetryAfterBeyondTheLimitIsReturnedNotWaitedFor) {
  int id = server_.faults().add(Fault::status_of(429, "/version", 1, 60));
  options_.retry.max_retry_after = 1s;
  auto transport = http::make_curl_transport(options_);
  http::Response r = transport->send(get(server_, "/version"));
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.header("Retry-After"), "60");
  EXPECT_EQ(server_.faults().hits(id), 1);
}

TEST_F(CurlTransportRetry, AttemptsAreBoundedByThePolicy) {
  int id = server_.faults().add(Fault::status_of(503, "/version", -1));
  options_.retry.max_attempts = 3;
  auto transport = http::make_curl_transport(options_);
  EXPECT_EQ(transport->send(get(server_, "/version")).status, 503);
  EXPECT_EQ(server_.faults().hits(id), 3);
}

TEST_F(CurlTransportRetry, AGetIsRetriedOnADroppedConnection) {
  int id = server_.faults().add(Fault::drop("/api/v1/namespaces", 1));
  auto transport = http::make_curl_transport(options_);
  EXPECT_EQ(transport->send(get(server_, "/api/v1/namespaces")).status, 200);
  EXPECT_EQ(server_.faults().hits(id), 1);
}

TEST_F(CurlTransportRetry, APostIsNotRetriedOnADroppedConnection) {
  int id = server_.faults().add(Fault::drop("/api/v1/namespaces", 1));
  auto transport = http::make_curl_transport(options_);
  try {
    transport->send(post_namespace("dropped"));
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_THAT(e.what(), HasSubstr(server_.url()));
    EXPECT_FALSE(e.timed_out());
  }
  EXPECT_EQ(server_.faults().hits(id), 1);
  EXPECT_EQ(transport->send(get(server_, "/api/v1/namespaces/dropped")).status, 404)
      << "the POST was sent once and dropped; it was not repeated";
}

TEST_F(CurlTransportRetry, ADroppedConnectionFailsOnceAttemptsRunOut) {
  int id = server_.faults().add(Fault::drop("/version", -1));
  options_.retry.max_attempts = 2;
  auto transport = http::make_curl_transport(options_);
  EXPECT_THROW(transport->send(get(server_, "/version")), TransportError);
  EXPECT_EQ(server_.faults().hits(id), 2);
}

TEST_F(CurlTransportRetry, ASlowAnswerTimesOutAndIsNotRetried) {
  int id = server_.faults().add(Fault::latency_of(1000ms, "/version", 1));
  auto transport = http::make_curl_transport(options_);
  http::Request request = get(server_, "/version");
  request.timeout = 100ms;
  try {
    transport->send(request);
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_TRUE(e.timed_out());
    EXPECT_EQ(e.exit_code(), ExitCode::kTimeout);
    EXPECT_EQ(std::string(e.what()), "request to " + request.url + " timed out after 100ms");
  }
  EXPECT_EQ(server_.faults().hits(id), 1);
}

TEST_F(CurlTransportRetry, TheTransportsRequestTimeoutAppliesWhenTheRequestSetsNone) {
  server_.faults().add(Fault::latency_of(1000ms, "/version", 1));
  options_.request_timeout = 100ms;
  auto transport = http::make_curl_transport(options_);
  try {
    transport->send(get(server_, "/version"));
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_TRUE(e.timed_out());
  }
}

// The request timeout bounds the whole call, as kubectl's --request-timeout does: a wait for
// Retry-After that would end past it is not started, and the response in hand is returned.
TEST_F(CurlTransportRetry, ARetryAfterPastTheRequestTimeoutReturnsTheResponse) {
  int id = server_.faults().add(Fault::status_of(503, "/version", 3, 2));
  options_.request_timeout = 1s;
  auto transport = http::make_curl_transport(options_);
  http::Response r = transport->send(get(server_, "/version"));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(server_.faults().hits(id), 1);
}

TEST_F(CurlTransportRetry, ABackoffPastTheRequestTimeoutReturnsTheResponse) {
  int id = server_.faults().add(Fault::status_of(503, "/version", 3));
  options_.retry.initial_backoff = 10s;
  options_.retry.max_backoff = 10s;
  auto transport = http::make_curl_transport(options_);
  http::Request request = get(server_, "/version");
  request.timeout = 1s;
  EXPECT_EQ(transport->send(request).status, 503);
  EXPECT_EQ(server_.faults().hits(id), 1);
}

// A refused connection stays a refused connection when the request timeout leaves no room
// for another attempt: the user must hear the cause, not a timeout (exit code 1, not 4).
TEST(CurlTransportRetryConnect, ABackoffPastTheRequestTimeoutReportsTheRealCause) {
  ClosedPort closed;
  http::TransportOptions options;
  options.retry.max_attempts = 3;
  options.retry.initial_backoff = 10s;
  options.retry.max_backoff = 10s;
  options.request_timeout = 1s;
  LogCapture log;
  options.logger = log.logger(6);
  auto transport = http::make_curl_transport(options);
  http::Request request;
  request.url = closed.url() + "/version";
  try {
    transport->send(request);
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_FALSE(e.timed_out());
    EXPECT_EQ(e.exit_code(), ExitCode::kError);
    EXPECT_EQ(std::string(e.what()), "cannot connect to https://127.0.0.1:" +
                                         std::to_string(closed.port()) + ": connection refused");
  }
  int failures = 0;
  for (const auto& line : log.lines()) failures += line.find(" failed in ") != std::string::npos;
  EXPECT_EQ(failures, 1);
}

// As `kraft --request-timeout 2s` against a closed port: retries run until the next backoff
// would pass the deadline, and the error is still the refused connection.
TEST(CurlTransportRetryConnect, RetriesOfARefusedConnectionEndInTheRefusalNotATimeout) {
  ClosedPort closed;
  http::TransportOptions options;
  options.retry.initial_backoff = 50ms;
  options.retry.max_backoff = 5s;
  options.retry.max_attempts = 100;
  options.request_timeout = 2s;
  auto transport = http::make_curl_transport(options);
  http::Request request;
  request.url = closed.url() + "/version";
  try {
    transport->send(request);
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_FALSE(e.timed_out()) << e.what();
    EXPECT_EQ(e.exit_code(), ExitCode::kError);
    EXPECT_THAT(e.what(), HasSubstr(": connection refused"));
  }
}

TEST(CurlTransportRetryConnect, ARefusedConnectionIsRetriedUpToTheLimitThenReported) {
  ClosedPort closed;
  http::TransportOptions options;
  options.retry.max_attempts = 3;
  options.retry.initial_backoff = 1ms;
  LogCapture log;
  options.logger = log.logger(6);
  auto transport = http::make_curl_transport(options);
  http::Request request;
  request.url = closed.url() + "/version";
  request.method = "POST";  // nothing was sent, so even a POST may be repeated
  EXPECT_THROW(transport->send(request), TransportError);
  int failures = 0;
  for (const auto& line : log.lines()) failures += line.find(" failed in ") != std::string::npos;
  EXPECT_EQ(failures, 3);
}

}  // namespace
}  // namespace kraft::testing
