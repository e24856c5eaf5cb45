#include "curl_library.h"

#include <dlfcn.h>
#include <kraft/core/error.h>

#include <mutex>
#include <string>

namespace kraft::http::detail {

namespace {

template <class F>
void resolve(void* handle, const char* name, F& out) {
  void* symbol = ::dlsym(handle, name);
  if (symbol == nullptr) {
    throw TransportError(std::string("libcurl.so.4 lacks ") + name + ": install libcurl4");
  }
  out = reinterpret_cast<F>(symbol);
}

CurlLibrary load() {
  // RTLD_NOW: fail here, with a clear message, rather than at the first call.
  void* handle = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    throw TransportError(std::string("cannot load libcurl.so.4 (install libcurl4): ") +
                         (why != nullptr ? why : "unknown error"));
  }
  CurlLibrary lib{};
  resolve(handle, "curl_global_init", lib.global_init);
  resolve(handle, "curl_easy_init", lib.easy_init);
  resolve(handle, "curl_easy_cleanup", lib.easy_cleanup);
  resolve(handle, "curl_easy_reset", lib.easy_reset);
  resolve(handle, "curl_easy_perform", lib.easy_perform);
  resolve(handle, "curl_easy_setopt", lib.easy_setopt);
  resolve(handle, "curl_easy_getinfo", lib.easy_getinfo);
  resolve(handle, "curl_easy_strerror", lib.easy_strerror);
  resolve(handle, "curl_easy_pause", lib.easy_pause);
  resolve(handle, "curl_multi_init", lib.multi_init);
  resolve(handle, "curl_multi_cleanup", lib.multi_cleanup);
  resolve(handle, "curl_multi_setopt", lib.multi_setopt);
  resolve(handle, "curl_multi_add_handle", lib.multi_add_handle);
  resolve(handle, "curl_multi_remove_handle", lib.multi_remove_handle);
  resolve(handle, "curl_multi_perform", lib.multi_perform);
  resolve(handle, "curl_multi_poll", lib.multi_poll);      // 7.66.0
  resolve(handle, "curl_multi_wakeup", lib.multi_wakeup);  // 7.68.0
  resolve(handle, "curl_multi_info_read", lib.multi_info_read);
  resolve(handle, "curl_slist_append", lib.slist_append);
  resolve(handle, "curl_slist_free_all", lib.slist_free_all);
  resolve(handle, "curl_url", lib.url);
  resolve(handle, "curl_url_set", lib.url_set);
  resolve(handle, "curl_url_get", lib.url_get);
  resolve(handle, "curl_url_cleanup", lib.url_cleanup);
  resolve(handle, "curl_free", lib.free);
  resolve(handle, "curl_version_info", lib.version_info);
  // Checked here because options are set by number: an older library fails them at run time,
  // and unchecked it would ignore the TLS blobs.
  const curl_version_info_data* info = lib.version_info(CURLVERSION_NOW);
  check_curl_version(info != nullptr ? info->version_num : 0,
                     info != nullptr && info->version != nullptr ? info->version : "unknown");
  // Once per process, before any handle; never cleaned up: handles may live until exit.
  if (lib.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    throw TransportError("cannot initialize libcurl");
  }
  return lib;  // the handle stays open for the life of the process
}

}  // namespace

void check_curl_version(unsigned version_num, const char* version) {
  if (version_num >= kMinCurlVersion) return;
  throw TransportError(std::string("libcurl.so.4 is version ") + version +
                       "; kraft needs libcurl 7.77.0 or newer (install a newer libcurl4)");
}

void check_setopt(CURLcode code, const char* option) {
  if (code == CURLE_OK) return;
  // curl_easy_strerror is not used: this may run where the library failed to load.
  throw TransportError(std::string("libcurl rejected ") + option + " (error " +
                       std::to_string(static_cast<int>(code)) +
                       "): kraft needs libcurl 7.77.0 or newer built with OpenSSL");
}

const CurlLibrary& curl() {
  static std::once_flag once;
  static CurlLibrary lib;
  std::call_once(once, [] { lib = load(); });
  return lib;
}

}  // namespace kraft::http::detail
