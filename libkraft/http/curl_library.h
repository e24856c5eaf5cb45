#pragma once
// libcurl, loaded with dlopen on first use instead of linked. Linking it costs every kraft
// process ~5 ms of dynamic loading and library constructors (libcurl's dependency tree pulls
// in GnuTLS, Kerberos, LDAP, libssh2...), even `kraft --version`, which never makes a request;
// measured with bench/startup.sh. Private to libkraft/http/, the only code that knows curl:
// call curl().easy_setopt(...) where the code would call curl_easy_setopt(...).
#include <curl/curl.h>

namespace kraft::http::detail {

struct CurlLibrary {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_reset) easy_reset;
  decltype(&::curl_easy_perform) easy_perform;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_easy_pause) easy_pause;
  decltype(&::curl_multi_init) multi_init;
  decltype(&::curl_multi_cleanup) multi_cleanup;
  decltype(&::curl_multi_setopt) multi_setopt;
  decltype(&::curl_multi_add_handle) multi_add_handle;
  decltype(&::curl_multi_remove_handle) multi_remove_handle;
  decltype(&::curl_multi_perform) multi_perform;
  decltype(&::curl_multi_poll) multi_poll;
  decltype(&::curl_multi_wakeup) multi_wakeup;
  decltype(&::curl_multi_info_read) multi_info_read;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
  decltype(&::curl_url) url;
  decltype(&::curl_url_set) url_set;
  decltype(&::curl_url_get) url_get;
  decltype(&::curl_url_cleanup) url_cleanup;
  decltype(&::curl_free) free;
  decltype(&::curl_version_info) version_info;
};

/// The oldest libcurl kraft accepts: 7.77.0 brought CURLOPT_CAINFO_BLOB, which hands the
/// kubeconfig's CA to curl from memory. Older libraries would ignore it (and trust the system
/// store instead), so they are refused when loaded.
inline constexpr unsigned kMinCurlVersion = 0x074D00;

/// Throws TransportError when `version_num` (CURLVERSION_NOW's version_num) is older than
/// kMinCurlVersion; `version` is the text to name.
void check_curl_version(unsigned version_num, const char* version);

/// Throws TransportError naming `option` when curl_easy_setopt returned `code` != CURLE_OK:
/// for options whose silent absence would change security (the TLS blobs).
void check_setopt(CURLcode code, const char* option);

/// The loaded library (and curl_global_init done), once per process. Throws TransportError
/// naming libcurl.so.4 when it cannot be loaded or lacks a symbol.
const CurlLibrary& curl();

}  // namespace kraft::http::detail
