#pragma once
// Turns a failed libcurl transfer into one line a user can act on, naming the server
// ("cannot connect to https://10.0.0.1:6443: connection refused"), never a stack of library
// messages, and classifies it for the retry rules (retry.h).
#include <kraft/core/error.h>

#include <chrono>
#include <string>

#include "curl_handle.h"
#include "curl_transfer.h"
#include "retry.h"

namespace kraft::http::detail {

struct TransferError {
  Failure failure = Failure::kFatal;
  bool config = false;  ///< unusable TLS material: a ConfigError, not a TransportError
  bool timed_out = false;
  std::string message;
  TransportError::Cause cause = TransportError::Cause::kOther;

  [[noreturn]] void raise() const;
};

TransferError describe_failure(const TransferOutcome& outcome, const Request& request,
                               const UrlParts& url, const TransportOptions& options,
                               std::chrono::milliseconds timeout);

/// "5s", "1500ms": how durations appear in messages.
std::string format_duration(std::chrono::milliseconds d);

/// "512 MiB", "64 KiB", "1000 bytes": how sizes appear in messages.
std::string format_size(std::size_t bytes);

}  // namespace kraft::http::detail
