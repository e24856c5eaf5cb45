#include "retry.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace kraft::http::detail {

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int failed_attempts,
                                        double jitter) {
  double base = static_cast<double>(policy.initial_backoff.count()) *
                std::pow(2.0, std::max(0, failed_attempts - 1));
  base = std::min(base, static_cast<double>(policy.max_backoff.count()));
  jitter = std::clamp(jitter, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<long long>(base * (0.5 + 0.5 * jitter)));
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  long long seconds = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (value.empty() || end != value.data() + value.size() || value.front() == '-') {
    return std::nullopt;
  }
  // More digits than fit are still "a very long time": saturate, so the response is returned
  // as beyond max_retry_after rather than retried as if the header were absent.
  if (ec == std::errc::result_out_of_range) return std::chrono::seconds::max();
  if (ec != std::errc()) return std::nullopt;
  return std::chrono::seconds(seconds);
}

RetryVerdict retry_after_response(const RetryPolicy& policy, const Request& request,
                                  const Response& response, int attempts, double jitter) {
  if (attempts >= policy.max_attempts) return {};
  auto retry_after = parse_retry_after(response.header("Retry-After"));
  bool retryable =
      response.status == 429 || (response.status == 503 && (retry_after || request.idempotent()));
  if (!retryable) return {};
  // Compared in whole seconds: converting a huge Retry-After to milliseconds would overflow
  // (and wrap to a small or negative wait). For integer seconds r, r > max iff r > floor(max).
  if (retry_after &&
      *retry_after > std::chrono::duration_cast<std::chrono::seconds>(policy.max_retry_after)) {
    return {};
  }
  if (retry_after && retry_after->count() > 0) return {true, *retry_after};
  return {true, backoff_delay(policy, attempts, jitter)};
}

RetryVerdict retry_after_failure(const RetryPolicy& policy, const Request& request, Failure failure,
                                 int attempts, double jitter) {
  if (attempts >= policy.max_attempts) return {};
  bool retryable = failure == Failure::kNotConnected ||
                   (failure == Failure::kConnectionLost && request.idempotent());
  if (!retryable) return {};
  return {true, backoff_delay(policy, attempts, jitter)};
}

}  // namespace kraft::http::detail
