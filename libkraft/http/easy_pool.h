#pragma once
// The transport's connection pool: idle easy handles, each holding its keep-alive connection
// (and, over HTTP/2, its multiplexed session) between requests. A request leases a handle for
// its duration, so any number of threads may have requests in flight; a new handle (and
// connection) is made only when every handle is busy.
//
// Why a pool of easy handles rather than one multi handle: curl_easy_perform on the calling
// thread keeps each request's life (timeouts, streaming callbacks, exceptions) on that thread
// with no event loop to run and no hand-off between threads, and what multi would add
// (multiplexing many requests over one HTTP/2 connection) matters little for a CLI. DNS
// results are shared between the handles through a locked CURLSH (Share).
#include <mutex>
#include <vector>

#include "curl_handle.h"

namespace kraft::http::detail {

class EasyPool {
 public:
  /// A handle on loan; goes back to the pool when destroyed.
  class Lease {
   public:
    Lease(EasyPool& pool, EasyHandle handle) : pool_(&pool), handle_(std::move(handle)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (handle_) pool_->give_back(std::move(handle_));
    }
    CURL* get() const { return handle_.get(); }

   private:
    EasyPool* pool_;
    EasyHandle handle_;
  };

  /// At most `max_idle` idle handles (and so idle connections) are kept.
  explicit EasyPool(size_t max_idle = 16) : max_idle_(max_idle) {}

  Lease acquire();
  size_t idle() const;

 private:
  void give_back(EasyHandle handle);

  size_t max_idle_;
  mutable std::mutex mu_;
  std::vector<EasyHandle> idle_;
};

}  // namespace kraft::http::detail
