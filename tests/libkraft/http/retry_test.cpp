// The retry rules as pure functions: which failures and statuses repeat, and how long to wait.
#include "http/retry.h"

#include <gtest/gtest.h>

namespace kraft::http::detail {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

Request request(const std::string& method) {
  Request r;
  r.method = method;
  r.url = "https://127.0.0.1:6443/api/v1/namespaces";
  return r;
}

Response response(int status, const std::string& retry_after = "") {
  Response r;
  r.status = status;
  if (!retry_after.empty()) r.headers.emplace_back("Retry-After", retry_after);
  return r;
}

RetryPolicy policy() {
  RetryPolicy p;
  p.max_attempts = 5;
  p.initial_backoff = milliseconds(100);
  p.max_backoff = milliseconds(1000);
  return p;
}

TEST(RetryBackoff, DoublesFromTheInitialDelayUpToTheCap) {
  EXPECT_EQ(backoff_delay(policy(), 1, 1.0), milliseconds(100));
  EXPECT_EQ(backoff_delay(policy(), 2, 1.0), milliseconds(200));
  EXPECT_EQ(backoff_delay(policy(), 3, 1.0), milliseconds(400));
  EXPECT_EQ(backoff_delay(policy(), 4, 1.0), milliseconds(800));
  EXPECT_EQ(backoff_delay(policy(), 5, 1.0), milliseconds(1000));
  EXPECT_EQ(backoff_delay(policy(), 30, 1.0), milliseconds(1000));
}

TEST(RetryBackoff, JitterScalesTheDelayIntoItsUpperHalf) {
  EXPECT_EQ(backoff_delay(policy(), 3, 0.0), milliseconds(200));
  EXPECT_EQ(backoff_delay(policy(), 3, 0.5), milliseconds(300));
  EXPECT_EQ(backoff_delay(policy(), 3, 7.0), milliseconds(400)) << "clamped";
}

TEST(RetryAfterHeader, IsReadAsDeltaSeconds) {
  EXPECT_EQ(parse_retry_after("3"), seconds(3));
  EXPECT_EQ(parse_retry_after(" 0 "), seconds(0));
  EXPECT_FALSE(parse_retry_after(""));
  EXPECT_FALSE(parse_retry_after("-1"));
  EXPECT_FALSE(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"));
}

TEST(RetryAfterResponse, TooManyRequestsWaitsForRetryAfterWhateverTheMethod) {
  auto v = retry_after_response(policy(), request("POST"), response(429, "2"), 1, 0.0);
  EXPECT_TRUE(v.retry);
  EXPECT_EQ(v.wait, seconds(2));
}

TEST(RetryAfterResponse, ServiceUnavailableRetriesAGetWithBackoffWhenNoRetryAfter) {
  auto v = retry_after_response(policy(), request("GET"), response(503), 2, 1.0);
  EXPECT_TRUE(v.retry);
  EXPECT_EQ(v.wait, milliseconds(200));
}

TEST(RetryAfterResponse, ServiceUnavailableRetriesAPostOnlyWithRetryAfter) {
  EXPECT_FALSE(retry_after_response(policy(), request("POST"), response(503), 1, 0.0).retry);
  EXPECT_TRUE(retry_after_response(policy(), request("POST"), response(503, "1"), 1, 0.0).retry);
}

TEST(RetryAfterHeader, SaturatesWhenTooLongForItsType) {
  EXPECT_EQ(parse_retry_after("99999999999999999999999"), seconds::max());
  EXPECT_FALSE(parse_retry_after("-99999999999999999999999"));
}

// Seconds that overflow when converted to milliseconds must still count as beyond the limit.
TEST(RetryAfterResponse, AHugeRetryAfterReturnsTheResponseInsteadOfWaiting) {
  RetryPolicy p = policy();
  p.max_retry_after = seconds(30);
  for (const char* huge : {"9223372036854775807", "18446744073709552", "99999999999999999999"}) {
    auto v = retry_after_response(p, request("GET"), response(429, huge), 1, 0.0);
    EXPECT_FALSE(v.retry) << huge;
    EXPECT_EQ(v.wait, milliseconds(0)) << huge;
  }
}

TEST(RetryAfterResponse, TheLimitKeepsItsMillisecondsWhenComparedInSeconds) {
  RetryPolicy p = policy();
  p.max_retry_after = milliseconds(10500);
  EXPECT_TRUE(retry_after_response(p, request("GET"), response(429, "10"), 1, 0.0).retry);
  EXPECT_FALSE(retry_after_response(p, request("GET"), response(429, "11"), 1, 0.0).retry);
}

TEST(RetryAfterResponse, RetryAfterBeyondTheLimitReturnsTheResponse) {
  RetryPolicy p = policy();
  p.max_retry_after = seconds(10);
  EXPECT_FALSE(retry_after_response(p, request("GET"), response(429, "11"), 1, 0.0).retry);
  EXPECT_TRUE(retry_after_response(p, request("GET"), response(429, "10"), 1, 0.0).retry);
}

TEST(RetryAfterResponse, OtherStatusesAreNeverRetried) {
  for (int status : {200, 201, 400, 404, 409, 500, 502}) {
    EXPECT_FALSE(retry_after_response(policy(), request("GET"), response(status), 1, 0.0).retry)
        << status;
  }
}

TEST(RetryAfterResponse, StopsAfterMaxAttempts) {
  EXPECT_TRUE(retry_after_response(policy(), request("GET"), response(429), 4, 0.0).retry);
  EXPECT_FALSE(retry_after_response(policy(), request("GET"), response(429), 5, 0.0).retry);
  RetryPolicy once = policy();
  once.max_attempts = 1;
  EXPECT_FALSE(retry_after_response(once, request("GET"), response(429), 1, 0.0).retry);
}

TEST(RetryAfterFailure, ARefusedConnectionRetriesAnyMethod) {
  EXPECT_TRUE(retry_after_failure(policy(), request("POST"), Failure::kNotConnected, 1, 0).retry);
  EXPECT_TRUE(retry_after_failure(policy(), request("GET"), Failure::kNotConnected, 1, 0).retry);
}

TEST(RetryAfterFailure, ALostConnectionRetriesOnlyIdempotentRequests) {
  EXPECT_TRUE(retry_after_failure(policy(), request("GET"), Failure::kConnectionLost, 1, 0).retry);
  EXPECT_TRUE(retry_after_failure(policy(), request("HEAD"), Failure::kConnectionLost, 1, 0).retry);
  for (const char* method : {"POST", "PATCH", "PUT", "DELETE"}) {
    EXPECT_FALSE(
        retry_after_failure(policy(), request(method), Failure::kConnectionLost, 1, 0).retry)
        << method;
  }
}

TEST(RetryAfterFailure, FatalFailuresAreNeverRetried) {
  EXPECT_FALSE(retry_after_failure(policy(), request("GET"), Failure::kFatal, 1, 0).retry);
}

}  // namespace
}  // namespace kraft::http::detail
