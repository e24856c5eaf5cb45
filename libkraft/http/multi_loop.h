#pragma once
// One libcurl multi handle and the thread that drives it: every transfer of a transport runs
// here, so they share the multi's connection cache. Over HTTP/2 concurrent transfers are
// multiplexed as streams of one TLS connection, as client-go does with kube-apiserver; over
// HTTP/1.1 at most `max_host_connections` are open to one server and further transfers wait
// in the multi's queue for one to be free.
//
// Why a loop thread rather than easy handles performed on their callers' threads (what
// kraft did first): libcurl multiplexes only transfers of one multi handle, and a multi handle
// is driven by one thread at a time. The callers stay blocked on their own thread
// (curl_transfer.cpp): this thread only moves bytes, and the callbacks it runs never block.
// Nothing else may touch an easy handle while it is added; commands reach the thread through
// a queue and curl_multi_wakeup.
#include <curl/curl.h>

#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace kraft::http::detail {

class MultiLoop {
 public:
  /// Called on the loop thread when a transfer ended (or was cancelled), after its handle left
  /// the multi; it must not block or throw.
  using Done = std::function<void(CURLcode)>;

  explicit MultiLoop(std::size_t max_host_connections);
  ~MultiLoop();  ///< every transfer must have ended
  MultiLoop(const MultiLoop&) = delete;
  MultiLoop& operator=(const MultiLoop&) = delete;

  /// Starts `easy` (configured, not touched by the caller until `done` ran).
  void add(CURL* easy, Done done);
  /// Unpauses `easy` (paused by its write callback); ignored once it ended.
  void resume(CURL* easy);
  /// Ends `easy` early: `done` runs with CURLE_ABORTED_BY_CALLBACK unless it already ended.
  /// Over HTTP/2 only the stream is reset; the connection stays for the others.
  void cancel(CURL* easy);

 private:
  enum class Op { kAdd, kResume, kCancel };
  struct Command {
    Op op;
    CURL* easy;
    Done done;
  };

  void post(Command command);
  void run();
  void apply(Command& command);
  void finish(CURL* easy, CURLcode code);

  std::size_t max_host_connections_;
  CURLM* multi_ = nullptr;
  std::once_flag started_;
  std::thread thread_;
  std::mutex mu_;
  // Commands are applied in the order posted. This keeps a stale resume or cancel, posted
  // for a transfer that had already ended, from reaching a later transfer whose easy handle
  // happens to have the same address: that transfer's add comes after it.
  std::vector<Command> commands_;
  bool stopping_ = false;
  // Loop thread only: the transfers in the multi and whom to tell when they end.
  std::unordered_map<CURL*, Done> active_;
};

}  // namespace kraft::http::detail
