// Token-bucket arithmetic with a hand-driven clock: no sleeping, no timing assertions.
#include "http/rate_limiter.h"

#include <gtest/gtest.h>

namespace kraft::http::detail {
namespace {

using namespace std::chrono_literals;

class FakeClock {
 public:
  std::chrono::steady_clock::time_point now() const { return now_; }
  void advance(std::chrono::nanoseconds d) { now_ += d; }
  TokenBucket::Clock clock() {
    return [this] { return now(); };
  }

 private:
  std::chrono::steady_clock::time_point now_{std::chrono::seconds(1000)};
};

TEST(TokenBucket, LetsTheBurstThroughAtOnce) {
  FakeClock clock;
  TokenBucket bucket(RateLimit{5.0, 10}, clock.clock());
  for (int i = 0; i < 10; ++i) EXPECT_EQ(bucket.reserve(), 0ns) << i;
}

TEST(TokenBucket, ThenSpacesRequestsAtOneOverQps) {
  FakeClock clock;
  TokenBucket bucket(RateLimit{5.0, 10}, clock.clock());
  for (int i = 0; i < 10; ++i) bucket.reserve();
  EXPECT_EQ(bucket.reserve(), 200ms);
  EXPECT_EQ(bucket.reserve(), 400ms) << "waiting callers queue behind each other";
  EXPECT_EQ(bucket.reserve(), 600ms);
}

TEST(TokenBucket, RefillsWithElapsedTime) {
  FakeClock clock;
  TokenBucket bucket(RateLimit{5.0, 10}, clock.clock());
  for (int i = 0; i < 10; ++i) bucket.reserve();
  clock.advance(400ms);  // two tokens
  EXPECT_EQ(bucket.reserve(), 0ns);
  EXPECT_EQ(bucket.reserve(), 0ns);
  EXPECT_EQ(bucket.reserve(), 200ms);
}

TEST(TokenBucket, NeverHoldsMoreThanTheBurst) {
  FakeClock clock;
  TokenBucket bucket(RateLimit{5.0, 3}, clock.clock());
  clock.advance(1h);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(bucket.reserve(), 0ns);
  EXPECT_EQ(bucket.reserve(), 200ms);
}

TEST(TokenBucket, ZeroOrNegativeQpsIsUnlimited) {
  FakeClock clock;
  for (double qps : {0.0, -1.0}) {
    TokenBucket bucket(RateLimit{qps, 1}, clock.clock());
    EXPECT_TRUE(bucket.unlimited());
    for (int i = 0; i < 1000; ++i) ASSERT_EQ(bucket.reserve(), 0ns);
  }
}

TEST(TokenBucket, ABurstBelowOneStillAdmitsOneRequest) {
  FakeClock clock;
  TokenBucket bucket(RateLimit{2.0, 0}, clock.clock());
  EXPECT_EQ(bucket.reserve(), 0ns);
  EXPECT_EQ(bucket.reserve(), 500ms);
}

}  // namespace
}  // namespace kraft::http::detail
