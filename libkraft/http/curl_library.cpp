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
  resolve(handle, "curl_share_init", lib.share_init);
  resolve(handle, "curl_share_setopt", lib.share_setopt);
  resolve(handle, "curl_share_cleanup", lib.share_cleanup);
  resolve(handle, "curl_slist_append", lib.slist_append);
  resolve(handle, "curl_slist_free_all", lib.slist_free_all);
  resolve(handle, "curl_url", lib.url);
  resolve(handle, "curl_url_set", lib.url_set);
  resolve(handle, "curl_url_get", lib.url_get);
  resolve(handle, "curl_url_cleanup", lib.url_cleanup);
  resolve(handle, "curl_free", lib.free);
  // Once per process, before any handle; never cleaned up: handles may live until exit.
  if (lib.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    throw TransportError("cannot initialize libcurl");
  }
  return lib;  // the handle stays open for the life of the process
}

}  // namespace

const CurlLibrary& curl() {
  static std::once_flag once;
  static CurlLibrary lib;
  std::call_once(once, [] { lib = load(); });
  return lib;
}

}  // namespace kraft::http::detail
