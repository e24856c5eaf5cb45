#pragma once
// When to repeat a request, and how long to wait first. Pure functions over values so the rules
// are tested without a server. The rules follow client-go (rest/request.go, rest/with_retry.go):
//  - a connection that could not be opened never carried the request: any method may retry;
//  - a connection lost after the request went out may have applied it: only idempotent
//    requests (Request::idempotent) retry;
//  - 429 means the server refused the request unprocessed (API priority and fairness): any
//    method retries; 503 retries for idempotent requests, or for any when it carries
//    Retry-After (kube-apiserver's "please come back", also unprocessed);
//  - Retry-After (seconds) is honoured as given; above RetryPolicy::max_retry_after the
//    response is returned instead of waiting; without it, exponential backoff with jitter.
#include <kraft/http/request.h>
#include <kraft/http/transport.h>

#include <chrono>
#include <optional>
#include <string_view>

namespace kraft::http::detail {

/// How a transfer failed before a full response arrived.
enum class Failure {
  kNotConnected,    ///< connect refused / unreachable / DNS: nothing was sent
  kConnectionLost,  ///< dropped or reset after the request may have been sent
  kFatal,           ///< TLS trust, timeout, bad configuration: repeating cannot help
};

struct RetryVerdict {
  bool retry = false;
  std::chrono::milliseconds wait{0};
};

/// The backoff before attempt `failed_attempts + 1`: initial * 2^(failed_attempts-1), capped at
/// max_backoff, then scaled into [50%, 100%] by `jitter` in [0, 1] ("equal jitter").
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int failed_attempts,
                                        double jitter);

/// Retry-After in delta-seconds; nullopt for an absent or HTTP-date value (not used by
/// kube-apiserver).
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value);

/// After `attempts` attempts, whether a response calls for another.
RetryVerdict retry_after_response(const RetryPolicy& policy, const Request& request,
                                  const Response& response, int attempts, double jitter);

/// After `attempts` attempts, whether a failed transfer calls for another.
RetryVerdict retry_after_failure(const RetryPolicy& policy, const Request& request, Failure failure,
                                 int attempts, double jitter);

}  // namespace kraft::http::detail
