#include "http_log.h"

#include <kraft/core/text.h>
#include <kraft/http/transport.h>

#include "redact.h"

namespace kraft::http::detail {

namespace {

// client-go's glogBody cuts bodies at 1024 bytes below -v10.
constexpr size_t kTruncatedBody = 1024;

void log_headers(const Logger& logger, std::string_view title, const Headers& headers) {
  logger.log(kLogHeaders, title);
  for (const auto& [name, value] : headers) {
    // Response headers are the server's text: escaped like bodies, never cut.
    logger.log(kLogHeaders, "    " + sanitize_text(name, 0) + ": " +
                                sanitize_text(redact_header(name, value), 0));
  }
}

// `whole`: an error answer, whose text the user may need in full (its one-line error
// message shows only the start).
void log_body(const Logger& logger, std::string_view title, std::string_view body,
              bool whole = false) {
  if (body.empty() || !logger.enabled(kLogBodies)) return;
  size_t limit = whole || logger.enabled(kLogWholeBodies) ? std::string_view::npos : kTruncatedBody;
  logger.log(kLogBodies, std::string(title) + ": " + body_for_log(body, limit));
}

}  // namespace

std::string_view status_text(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 101:
      return "Switching Protocols";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "Request Entity Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "";
  }
}

std::string body_for_log(std::string_view body, size_t limit) {
  // Redact the whole body before cutting, so a cut never splits a secret from its key name;
  // then one line with the server's escapes made harmless, cut at a character boundary.
  return sanitize_text(redact_body(body), limit == std::string_view::npos ? 0 : limit);
}

void log_request(const Logger& logger, const Request& request) {
  if (!logger.enabled(kLogHeaders)) return;
  log_headers(logger, "Request Headers:", request.headers);
  log_body(logger, "Request Body", request.body);
}

void log_response(const Logger& logger, const Request& request, const Response& response,
                  std::chrono::milliseconds latency, bool log_body_too) {
  if (!logger.enabled(kLogRequests)) return;
  std::string status = std::to_string(response.status);
  if (auto text = status_text(response.status); !text.empty()) status += " " + std::string(text);
  logger.log(kLogRequests, request.method + " " + redact_url(request.url) + " " + status + " in " +
                               std::to_string(latency.count()) + " milliseconds");
  if (!logger.enabled(kLogHeaders)) return;
  log_headers(logger, "Response Headers:", response.headers);
  if (log_body_too) log_body(logger, "Response Body", response.body, response.status >= 400);
}

void log_failure(const Logger& logger, const Request& request, std::string_view message,
                 std::chrono::milliseconds latency) {
  if (!logger.enabled(kLogRequests)) return;
  logger.log(kLogRequests, request.method + " " + redact_url(request.url) + " failed in " +
                               std::to_string(latency.count()) +
                               " milliseconds: " + std::string(message));
}

void log_chunk(const Logger& logger, std::string_view chunk) {
  log_body(logger, "Response Body (chunk)", chunk);
}

}  // namespace kraft::http::detail
