#pragma once
// Plain HTTP values exchanged with a Transport. No libcurl here: only libkraft/http/ knows it.
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace kraft::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

/// The first value of header `name` in `headers`, compared case-insensitively (RFC 9110 §5.1;
/// HTTP/2 delivers names in lower case); empty when absent. For requests and responses alike.
std::string header_value(const Headers& headers, const std::string& name);
/// Every value of header `name`, case-insensitively, in order (Warning may repeat).
std::vector<std::string> header_values(const Headers& headers, const std::string& name);

struct Request {
  std::string method = "GET";
  std::string url;  ///< absolute: https://host:port/path?query
  Headers headers;
  std::string body;
  /// Whole-request timeout for this request (0: the transport's default). Watches pass 0 and
  /// rely on the server's timeoutSeconds.
  std::chrono::milliseconds timeout{0};
  /// Whether the request may be retried on connection errors (GET, HEAD; PUT/DELETE with
  /// preconditions): the transport never repeats a POST or PATCH that may have been applied.
  bool idempotent() const { return method == "GET" || method == "HEAD"; }
};

struct Response {
  int status = 0;
  Headers headers;  ///< names as received; look up with header()
  std::string body;

  /// The first value of a header, case-insensitively; empty when absent.
  std::string header(const std::string& name) const;
  /// Every value of a header (Warning may repeat).
  std::vector<std::string> headers_named(const std::string& name) const;
};

}  // namespace kraft::http
