// The libcurl transport: rate limit, retries and logging around a Transfer (curl_transfer.cpp)
// run on the transport's multi handle (multi_loop.h), whose connections every request shares.
#include <kraft/core/error.h>
#include <kraft/http/transport.h>

#include <chrono>
#include <optional>
#include <random>
#include <thread>

#include "curl_errors.h"
#include "curl_handle.h"
#include "curl_library.h"
#include "curl_transfer.h"
#include "http_log.h"
#include "multi_loop.h"
#include "rate_limiter.h"
#include "redact.h"
#include "retry.h"
#include "tls_check.h"

namespace kraft::http {

namespace {

using detail::TransferError;
using detail::TransferOutcome;
using std::chrono::milliseconds;

milliseconds since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
}

double jitter() {
  thread_local std::mt19937 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

// Logs a stream's body line by line (-v8), so redaction always sees whole watch events even
// when a chunk boundary falls inside a secret.
class StreamBodyLog {
 public:
  explicit StreamBodyLog(const Logger& logger) : logger_(logger) {}
  void feed(std::string_view chunk) {
    if (!logger_.enabled(detail::kLogBodies)) return;
    partial_.append(chunk);
    size_t nl;
    while ((nl = partial_.find('\n')) != std::string::npos) {
      detail::log_chunk(logger_, std::string_view(partial_).substr(0, nl));
      partial_.erase(0, nl + 1);
    }
    if (partial_.size() > kMaxLine) flush();
  }
  void flush() {
    if (!partial_.empty()) detail::log_chunk(logger_, partial_);
    partial_.clear();
  }

 private:
  static constexpr size_t kMaxLine = 1 << 20;
  const Logger& logger_;
  std::string partial_;
};

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(TransportOptions options)
      : options_(std::move(options)),
        loop_(options_.max_connections_per_host),
        limiter_(options_.rate_limit) {
    detail::check_tls_material(options_.tls);
  }

  Response send(const Request& request) override;
  void stream(const Request& request, Response& head, const ChunkHandler& on_chunk) override;

 private:
  void wait_before_retry(const Request& request, milliseconds wait, int next_attempt,
                         std::string_view why) const;

  TransportOptions options_;
  detail::MultiLoop loop_;
  detail::TokenBucket limiter_;
};

void CurlTransport::wait_before_retry(const Request& request, milliseconds wait, int next_attempt,
                                      std::string_view why) const {
  options_.logger.log(detail::kLogRetries,
                      "retrying " + request.method + " " + detail::redact_url(request.url) +
                          " in " + detail::format_duration(wait) + " (attempt " +
                          std::to_string(next_attempt) + " of " +
                          std::to_string(options_.retry.max_attempts) + "): " + std::string(why));
  std::this_thread::sleep_for(wait);
}

Response CurlTransport::send(const Request& request) {
  const detail::UrlParts url = detail::parse_url(request.url);
  const milliseconds timeout =
      request.timeout.count() > 0 ? request.timeout : options_.request_timeout;
  const Logger& logger = options_.logger;
  // The timeout bounds the whole call, retries and their waits included, as kubectl's
  // --request-timeout does: a per-attempt timeout plus backoff could run for minutes.
  using Clock = std::chrono::steady_clock;
  const bool bounded = timeout.count() > 0;
  const Clock::time_point deadline = bounded ? Clock::now() + timeout : Clock::time_point::max();
  auto remaining = [&] { return std::chrono::ceil<milliseconds>(deadline - Clock::now()); };
  // The failure of the last attempt: when the deadline leaves no room for another, that
  // failure is what the caller hears (a refused connection is not a timeout).
  std::optional<TransferError> last_failure;
  auto give_up = [&]() -> TransportError {
    if (last_failure && !last_failure->timed_out) last_failure->raise();
    return TransportError("request to " + detail::redact_url(request.url) + " timed out after " +
                              detail::format_duration(timeout),
                          /*timed_out=*/true);
  };
  // A hostile or broken server must not make us hold gigabytes; the body is checked as it
  // arrives (decompressed), so neither a lie in Content-Length nor gzip can get round it.
  const std::size_t max_body = options_.max_body_bytes;
  auto too_large = [&] {
    return TransportError("the answer to " + request.method + " " +
                          detail::redact_url(request.url) + " is larger than " +
                          detail::format_size(max_body) + ", the most read into memory");
  };
  // Whether waiting `wait` would leave nothing of the deadline for the next attempt.
  auto wait_passes_deadline = [&](milliseconds wait) { return bounded && wait >= remaining(); };
  for (int attempt = 1;; ++attempt) {
    limiter_.acquire();  // every attempt counts against the rate, as in client-go
    // The rate limiter may have used up what was left; 0 would mean "no timeout" to curl.
    const milliseconds attempt_timeout = bounded ? remaining() : milliseconds(0);
    if (bounded && attempt_timeout.count() <= 0) throw give_up();
    detail::log_request(logger, request);
    Response response;
    auto start = Clock::now();
    TransferOutcome outcome;
    {
      detail::Transfer transfer(options_, request, attempt_timeout);
      // On the loop thread while this one waits: only appends (curl_transfer.h).
      outcome = transfer.collect(loop_, response, [&](std::string_view chunk) {
        if (chunk.size() > max_body - response.body.size()) throw too_large();
        response.body.append(chunk);
        return true;
      });
    }
    if (outcome.code != CURLE_OK) {
      // Described with the whole timeout: that is the limit the caller set and will recognise.
      TransferError error = detail::describe_failure(outcome, request, url, options_, timeout);
      detail::log_failure(logger, request, error.message, since(start));
      if (!error.config) {
        auto verdict =
            detail::retry_after_failure(options_.retry, request, error.failure, attempt, jitter());
        if (verdict.retry) {
          if (wait_passes_deadline(verdict.wait)) error.raise();
          wait_before_retry(request, verdict.wait, attempt + 1, error.message);
          last_failure = std::move(error);
          continue;
        }
      }
      error.raise();
    }
    detail::log_response(logger, request, response, since(start), /*log_body=*/true);
    last_failure.reset();
    auto verdict =
        detail::retry_after_response(options_.retry, request, response, attempt, jitter());
    // A wait that would end past the deadline cannot lead to an answer in time: the response
    // in hand is the best the caller can have.
    if (!verdict.retry || wait_passes_deadline(verdict.wait)) return response;
    wait_before_retry(
        request, verdict.wait, attempt + 1,
        std::to_string(response.status) + " " + std::string(detail::status_text(response.status)));
  }
}

void CurlTransport::stream(const Request& request, Response& head, const ChunkHandler& on_chunk) {
  const detail::UrlParts url = detail::parse_url(request.url);
  const Logger& logger = options_.logger;
  limiter_.acquire();
  detail::log_request(logger, request);
  auto start = std::chrono::steady_clock::now();
  bool head_logged = false;
  StreamBodyLog body_log(logger);
  // Watches pass timeout 0 and end by the server's timeoutSeconds; the transport's
  // request_timeout is for requests that should answer at once, so it does not apply here.
  detail::Transfer transfer(options_, request, request.timeout);
  // On this thread: the handler may be slow, throw, or stop the stream (curl_transfer.h).
  TransferOutcome outcome = transfer.stream(loop_, head, [&](std::string_view chunk) {
    if (!head_logged) {
      detail::log_response(logger, request, head, since(start), /*log_body=*/false);
      head_logged = true;
    }
    body_log.feed(chunk);
    return on_chunk(chunk);
  });
  body_log.flush();
  if (outcome.aborted) return;  // the handler asked to stop: not an error
  if (outcome.code != CURLE_OK) {
    TransferError error =
        detail::describe_failure(outcome, request, url, options_, request.timeout);
    detail::log_failure(logger, request, error.message, since(start));
    error.raise();
  }
  if (!head_logged) detail::log_response(logger, request, head, since(start), false);
}

}  // namespace

std::shared_ptr<Transport> make_curl_transport(TransportOptions options) {
  detail::curl();  // load libcurl now: an install problem surfaces here
  return std::make_shared<CurlTransport>(std::move(options));
}

}  // namespace kraft::http
