#pragma once
// RAII around libcurl's handles (private to libkraft/http/, the only code that knows curl).
// Every handle is move-only and released exactly once.
#include <curl/curl.h>

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "curl_library.h"

namespace kraft::http::detail {

struct EasyDeleter {
  void operator()(CURL* easy) const { curl().easy_cleanup(easy); }
};
/// An easy handle; it keeps its own live connections between transfers (keep-alive).
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

/// The DNS cache shared by every handle of one transport, with a mutex per kind of data as
/// curl().share_setopt(3) requires. Connections are not shared: libcurl's shared connection
/// cache is unsafe across concurrent threads (KNOWN_BUGS; curl-library 2021-03), so each
/// pooled easy handle keeps its own. TLS sessions are not resumed at all (see
/// curl_transfer.cpp), so there is no session cache to share.
class Share {
 public:
  Share();
  ~Share();
  Share(const Share&) = delete;
  Share& operator=(const Share&) = delete;
  CURLSH* get() const { return share_; }

 private:
  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* self);
  static void unlock(CURL*, curl_lock_data data, void* self);

  CURLSH* share_ = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> mutexes_;
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
