#pragma once
// One HTTP exchange on one easy handle: the file that configures libcurl (almost every
// curl_easy_setopt call of kraft is in curl_transfer.cpp, as cpr keeps them in one place).
#include <curl/curl.h>
#include <kraft/http/transport.h>

#include <chrono>
#include <string>

namespace kraft::http::detail {

/// How a transfer ended, as curl saw it.
struct TransferOutcome {
  CURLcode code = CURLE_OK;
  std::string detail;         ///< curl's error buffer (one line), or empty
  long os_errno = 0;          ///< errno of a failed connect
  bool sent_request = false;  ///< got as far as sending the request (pretransfer)
  bool aborted = false;       ///< the body handler returned false (not an error)
};

/// Configures `easy` (after curl_easy_reset, so nothing leaks from the previous transfer) for
/// `request` with the transport's options, performs it, and fills `response.status` and
/// `response.headers`; body chunks go to `on_body` as they arrive, the head complete before the
/// first. `timeout` 0 means none. An exception thrown by `on_body` is rethrown after curl
/// returns.
TransferOutcome run_transfer(CURL* easy, CURLSH* share, const TransportOptions& options,
                             const Request& request, std::chrono::milliseconds timeout,
                             Response& response, const ChunkHandler& on_body);

}  // namespace kraft::http::detail
