#include "rate_limiter.h"

#include <algorithm>
#include <thread>

namespace kraft::http::detail {

TokenBucket::TokenBucket(RateLimit limit, Clock clock)
    : qps_(limit.qps),
      burst_(std::max(1, limit.burst)),
      clock_(std::move(clock)),
      tokens_(burst_),
      last_(clock_()) {}

std::chrono::nanoseconds TokenBucket::reserve() {
  if (unlimited()) return std::chrono::nanoseconds(0);
  std::lock_guard lock(mu_);
  auto now = clock_();
  if (now > last_) {
    double elapsed = std::chrono::duration<double>(now - last_).count();
    tokens_ = std::min(burst_, tokens_ + elapsed * qps_);
    last_ = now;
  }
  tokens_ -= 1.0;
  if (tokens_ >= 0) return std::chrono::nanoseconds(0);
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::duration<double>(-tokens_ / qps_));
}

void TokenBucket::acquire() {
  auto wait = reserve();
  if (wait.count() > 0) std::this_thread::sleep_for(wait);
}

}  // namespace kraft::http::detail
