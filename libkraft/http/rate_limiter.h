#pragma once
// A token bucket, as client-go's flowcontrol.NewTokenBucketRateLimiter (golang.org/x/time/rate):
// `burst` requests may go at once, then `qps` per second. Reservations may drive the bucket
// negative so that waiting callers are served in order, each told how long to wait.
#include <kraft/http/transport.h>

#include <chrono>
#include <functional>
#include <mutex>

namespace kraft::http::detail {

class TokenBucket {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  /// `clock` is injectable so tests check the arithmetic without sleeping.
  explicit TokenBucket(RateLimit limit, Clock clock = &std::chrono::steady_clock::now);

  /// Takes one token and returns how long the caller must wait before using it (zero when a
  /// token was available, always zero when unlimited).
  std::chrono::nanoseconds reserve();

  /// Waits for a token (sleeps for reserve()).
  void acquire();

  bool unlimited() const { return qps_ <= 0; }

 private:
  double qps_;
  double burst_;
  Clock clock_;
  std::mutex mu_;
  double tokens_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace kraft::http::detail
