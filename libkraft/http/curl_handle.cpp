#include "curl_handle.h"

#include <kraft/core/error.h>

#include <new>

#include "redact.h"

namespace kraft::http::detail {

EasyHandle make_easy_handle() {
  EasyHandle easy(curl().easy_init());
  if (!easy) throw std::bad_alloc();
  return easy;
}

void Slist::append(const std::string& line) {
  curl_slist* next = curl().slist_append(list_.get(), line.c_str());
  if (next == nullptr) throw std::bad_alloc();
  if (!list_) list_.reset(next);  // later appends return the same head
}

std::string UrlParts::port_or_default() const {
  if (!port.empty()) return port;
  return scheme == "http" ? "80" : "443";
}

std::string UrlParts::server() const { return scheme + "://" + authority(); }

std::string UrlParts::authority() const { return port.empty() ? host : host + ":" + port; }

namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl().url_cleanup(u); }
};
using Url = std::unique_ptr<CURLU, UrlDeleter>;

std::string part(CURLU* url, CURLUPart which) {
  char* value = nullptr;
  if (curl().url_get(url, which, &value, 0) != CURLUE_OK || value == nullptr) return {};
  std::string out(value);
  curl().free(value);
  return out;
}

Url parse(const std::string& url) {
  Url u(curl().url());
  if (!u) throw std::bad_alloc();
  if (curl().url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    throw ConfigError("invalid server URL " + redact_url(url));
  }
  return u;
}

}  // namespace

UrlParts parse_url(const std::string& url) {
  Url u = parse(url);
  UrlParts parts{part(u.get(), CURLUPART_SCHEME), part(u.get(), CURLUPART_HOST),
                 part(u.get(), CURLUPART_PORT)};
  if (parts.scheme != "https" && parts.scheme != "http") {
    throw ConfigError("invalid server URL " + redact_url(url) + ": only https and http work");
  }
  return parts;
}

std::string replace_host(const std::string& url, const std::string& host) {
  Url u = parse(url);
  if (curl().url_set(u.get(), CURLUPART_HOST, host.c_str(), 0) != CURLUE_OK) {
    throw ConfigError("invalid TLS server name " + host);
  }
  return part(u.get(), CURLUPART_URL);
}

}  // namespace kraft::http::detail
