#pragma once
// Request logging at kubectl's -v levels: 6 method, URL, status and latency; 7 request and
// response headers; 8 bodies, truncated (10: whole), error answers whole. Every line passes
// through redaction first, and is one line with control characters escaped (server text may
// hold terminal escapes).
#include <kraft/core/log.h>
#include <kraft/http/request.h>

#include <chrono>
#include <string>
#include <string_view>

namespace kraft::http::detail {

inline constexpr int kLogRequests = 6;
inline constexpr int kLogHeaders = 7;
inline constexpr int kLogBodies = 8;
inline constexpr int kLogWholeBodies = 10;
inline constexpr int kLogRetries = 4;  // client-go logs its Retry-After waits at -v4

/// The reason phrase of a status code ("OK", "Too Many Requests"); HTTP/2 sends none.
std::string_view status_text(int status);

/// Before sending: request headers (7) and body (8).
void log_request(const Logger& logger, const Request& request);

/// After the head arrived: `GET https://... 200 OK in 12 milliseconds` (6) and response
/// headers (7); the body (8) unless it was streamed (log_chunk covers those).
void log_response(const Logger& logger, const Request& request, const Response& response,
                  std::chrono::milliseconds latency, bool log_body);

/// A transfer that got no response: `GET https://... failed in 3 milliseconds: <message>`.
void log_failure(const Logger& logger, const Request& request, std::string_view message,
                 std::chrono::milliseconds latency);

/// A streamed chunk (8).
void log_chunk(const Logger& logger, std::string_view chunk);

/// Bodies as they appear in the log: redacted, one line with control characters escaped, then
/// cut to `limit` bytes with a note (npos: never cut).
std::string body_for_log(std::string_view body, size_t limit);

}  // namespace kraft::http::detail
