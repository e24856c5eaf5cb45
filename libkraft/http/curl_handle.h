#pragma once
// RAII around libcurl's handles (private to libkraft/http/, the only code that knows curl).
// Every handle is move-only and released exactly once.
#include <curl/curl.h>

#include <memory>
#include <string>
#include <vector>

#include "curl_library.h"

namespace kraft::http::detail {

struct EasyDeleter {
  void operator()(CURL* easy) const { curl().easy_cleanup(easy); }
};
/// An easy handle: one transfer; connections live in the multi handle it runs on (multi_loop.h).
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
EasyHandle make_easy_handle();

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl().slist_free_all(list); }
};
/// A header or connect-to list; must outlive the transfer that uses it.
class Slist {
 public:
  void append(const std::string& line);
  curl_slist* get() const { return list_.get(); }

 private:
  std::unique_ptr<curl_slist, SlistDeleter> list_;
};

/// The parts of an http(s) URL, parsed by libcurl's own URL parser.
struct UrlParts {
  std::string scheme;
  std::string host;  ///< as in the URL; IPv6 literals keep their brackets
  std::string port;  ///< explicit port, or empty
  std::string port_or_default() const;
  /// scheme://host[:port]: how errors name the server.
  std::string server() const;
  /// host[:port], the Host header value.
  std::string authority() const;
};
/// Throws ConfigError for a URL that is not absolute http(s).
UrlParts parse_url(const std::string& url);
/// The URL with its host replaced (for tls-server-name; see curl_transfer.cpp).
std::string replace_host(const std::string& url, const std::string& host);

}  // namespace kraft::http::detail
