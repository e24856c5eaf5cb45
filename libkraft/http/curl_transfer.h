#pragma once
// One HTTP exchange on its own easy handle, run on the transport's MultiLoop (multi_loop.h)
// while the calling thread waits: the file that configures libcurl (almost every
// curl_easy_setopt call of kraft is in curl_transfer.cpp, as cpr keeps them in one place).
#include <curl/curl.h>
#include <kraft/http/transport.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <string>

#include "curl_handle.h"
#include "multi_loop.h"

namespace kraft::http::detail {

/// How a transfer ended, as curl saw it.
struct TransferOutcome {
  CURLcode code = CURLE_OK;
  std::string detail;         ///< curl's error buffer (one line), or empty
  long os_errno = 0;          ///< errno of a failed connect
  bool sent_request = false;  ///< got as far as sending the request (pretransfer)
  bool aborted = false;       ///< the body handler returned false (not an error)
};

class Transfer {
 public:
  /// Configures a new easy handle for `request` with the transport's options; `timeout` 0
  /// means none. Throws (ConfigError, TransportError) before anything is sent.
  Transfer(const TransportOptions& options, const Request& request,
           std::chrono::milliseconds timeout);
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  /// Runs the exchange to its end and fills `response.status` and `response.headers`. Body
  /// chunks go to `on_body` as they arrive, ON THE LOOP THREAD, so it must be quick and never
  /// block (send() appends to its buffer). An exception it throws ends the transfer and is
  /// rethrown here.
  TransferOutcome collect(MultiLoop& loop, Response& response, const ChunkHandler& on_body);

  /// Runs the exchange, calling `on_chunk` on this thread for each body chunk, `head` complete
  /// before the first. Chunks wait for it in a bounded queue: when the queue is full the
  /// transfer pauses, so a slow handler holds up its own stream, never the others. Returning
  /// false ends the transfer (outcome.aborted); an exception is rethrown once it has ended.
  TransferOutcome stream(MultiLoop& loop, Response& head, const ChunkHandler& on_chunk);

  /// Bytes a stream may have waiting for its handler before the transfer pauses.
  static constexpr std::size_t kMaxQueuedBytes = std::size_t{1} << 20;

 private:
  // Shared by the loop thread (callbacks) and the caller; guarded by mu unless said otherwise.
  struct State {
    CURL* easy = nullptr;
    std::mutex mu;
    std::condition_variable cv;
    Response head;                          // written by the loop thread until head_complete
    bool head_complete = false;             // the first body byte arrived
    const ChunkHandler* on_body = nullptr;  // collect(): called on the loop thread
    bool aborted = false;                   // collect(): on_body returned false
    std::exception_ptr error;               // collect(): what on_body threw
    bool queue_chunks = false;              // stream(): chunks go to the queue
    std::deque<std::string> chunks;
    std::size_t queued_bytes = 0;
    bool paused = false;     // the write callback paused the transfer: the queue was full
    bool cancelled = false;  // the caller is ending the transfer
    bool done = false;
    CURLcode result = CURLE_OK;
    char error_buffer[CURL_ERROR_SIZE] = {};
  };

  static size_t on_header(char* data, size_t size, size_t count, void* user);
  static size_t on_write(char* data, size_t size, size_t count, void* user);
  void start(MultiLoop& loop);
  void wait_done();
  TransferOutcome outcome();

  // The lists and strings the easy handle points to, then the handle, so it goes first.
  std::string url_;
  Slist headers_;
  Slist connect_to_;
  State state_;
  EasyHandle easy_;
};

}  // namespace kraft::http::detail
