#include "curl_errors.h"

#include <kraft/core/error.h>
#include <kraft/core/text.h>

#include <cctype>
#include <cstring>

#include "redact.h"

namespace kraft::http::detail {

namespace {

std::string lower_first(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

void TransferError::raise() const {
  if (config) throw ConfigError(message);
  throw TransportError(message, timed_out ? TransportError::Cause::kTimeout : cause);
}

std::string format_duration(std::chrono::milliseconds d) {
  if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + "s";
  return std::to_string(d.count()) + "ms";
}

std::string format_size(std::size_t bytes) {
  constexpr std::size_t kKiB = 1024;
  constexpr std::size_t kMiB = kKiB * 1024;
  if (bytes != 0 && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  if (bytes != 0 && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + " bytes";
}

TransferError describe_failure(const TransferOutcome& outcome, const Request& request,
                               const UrlParts& url, const TransportOptions& options,
                               std::chrono::milliseconds timeout) {
  const std::string server = url.server();
  // curl's words may quote the server (a certificate's subject name, a proxy's reply).
  const std::string detail = sanitize_text(outcome.detail);
  TransferError e;
  using Cause = TransportError::Cause;
  Cause cause = Cause::kOther;
  switch (outcome.code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      e = {Failure::kNotConnected, false, false,
           "cannot connect to " + server + ": host " + url.host + " not found"};
      cause = Cause::kUnreachable;
      break;
    case CURLE_COULDNT_RESOLVE_PROXY:
      e = {Failure::kNotConnected, false, false,
           "cannot connect to " + server + ": proxy " + redact_url(options.proxy_url) +
               " not found"};
      cause = Cause::kUnreachable;
      break;
    case CURLE_COULDNT_CONNECT: {
      std::string why =
          outcome.os_errno != 0 ? lower_first(std::strerror(outcome.os_errno)) : detail;
      // With a proxy, the connection curl could not open is the proxy's.
      std::string target = options.proxy_url.empty()
                               ? server
                               : "proxy " + redact_url(options.proxy_url) + " for " + server;
      e = {Failure::kNotConnected, false, false, "cannot connect to " + target + ": " + why};
      cause = Cause::kUnreachable;
      break;
    }
    case CURLE_PROXY:
      e = {Failure::kFatal, false, false,
           "proxy " + redact_url(options.proxy_url) + " refused the connection to " + server +
               ": " + detail};
      break;
    case CURLE_OPERATION_TIMEDOUT:
      if (!outcome.sent_request && (timeout.count() == 0 || options.connect_timeout < timeout)) {
        e = {Failure::kFatal, false, true,
             "cannot connect to " + server + ": timed out after " +
                 format_duration(options.connect_timeout)};
      } else {
        e = {Failure::kFatal, false, true,
             "request to " + redact_url(request.url) + " timed out after " +
                 format_duration(timeout)};
      }
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
      if (contains(detail, "subject name") || contains(detail, "does not match") ||
          contains(detail, "host name") || contains(detail, "hostname")) {
        // Without tls-server-name the URL's host is the name; suggest the setting that fixes it.
        bool named = !options.tls.server_name.empty();
        e = {Failure::kFatal, false, false,
             "TLS certificate of " + server + " is not valid for the name " +
                 (named ? options.tls.server_name + ": " : url.host + " (set tls-server-name?): ") +
                 detail};
        cause = Cause::kTlsName;
      } else {
        e = {Failure::kFatal, false, false,
             "TLS certificate of " + server + " is not trusted (wrong CA?): " + detail};
        cause = Cause::kTlsTrust;
      }
      break;
    case CURLE_SSL_CONNECT_ERROR:
      e = {Failure::kFatal, false, false, "TLS handshake with " + server + " failed: " + detail};
      break;
    case CURLE_SSL_CERTPROBLEM:
      e = {Failure::kFatal, true, false,
           "cannot use the client certificate or key for " + server + ": " + detail};
      break;
    case CURLE_SSL_CACERT_BADFILE:
      e = {Failure::kFatal, true, false,
           "cannot use the CA certificate for " + server + ": " + detail};
      break;
    case CURLE_GOT_NOTHING:
      e = {Failure::kConnectionLost, false, false,
           server + " closed the connection without a response"};
      cause = Cause::kConnectionLost;
      break;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      e = {Failure::kConnectionLost, false, false,
           "connection to " + server + " was lost before the response was complete: " + detail};
      cause = Cause::kConnectionLost;
      break;
    default:
      e = {Failure::kFatal, false, false,
           "request to " + redact_url(request.url) + " failed: " + detail};
      break;
  }
  e.cause = e.timed_out ? Cause::kTimeout : cause;
  // Nothing went out before the connection broke: as safe to repeat as a refused connect.
  if (e.failure == Failure::kConnectionLost && !outcome.sent_request) {
    e.failure = Failure::kNotConnected;
  }
  return e;
}

}  // namespace kraft::http::detail
