#include "multi_loop.h"

#include <new>
#include <system_error>

#include "curl_library.h"

namespace kraft::http::detail {

MultiLoop::MultiLoop(std::size_t max_host_connections)
    : max_host_connections_(max_host_connections == 0 ? 1 : max_host_connections) {
  multi_ = curl().multi_init();
  if (multi_ == nullptr) throw std::bad_alloc();
  const auto bound = static_cast<long>(max_host_connections_);
  // Multiplex over HTTP/2 (the default since 7.62, said anyway).
  curl().multi_setopt(multi_, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  // The bound for HTTP/1.1, where a connection carries one request at a time: transfers
  // beyond it wait in the multi's pending queue instead of opening connections. An HTTP/2
  // connection takes up to the server's stream limit (kube-apiserver: 250; curl asks for
  // 100) before curl opens another.
  curl().multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, bound);
  // Keep as many idle connections as may be open, so a burst reuses them all.
  curl().multi_setopt(multi_, CURLMOPT_MAXCONNECTS, bound);
}

MultiLoop::~MultiLoop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) {
    curl().multi_wakeup(multi_);
    thread_.join();
  }
  curl().multi_cleanup(multi_);  // closes the cached connections
}

void MultiLoop::add(CURL* easy, Done done) {
  // Started on first use: a transport made but never used costs no thread.
  std::call_once(started_, [this] { thread_ = std::thread([this] { run(); }); });
  post({Op::kAdd, easy, std::move(done)});
}

void MultiLoop::resume(CURL* easy) { post({Op::kResume, easy, {}}); }

void MultiLoop::cancel(CURL* easy) { post({Op::kCancel, easy, {}}); }

void MultiLoop::post(Command command) {
  {
    std::lock_guard lock(mu_);
    commands_.push_back(std::move(command));
  }
  // Thread-safe by contract (curl_multi_wakeup(3)): the one call made off the loop thread.
  curl().multi_wakeup(multi_);
}

void MultiLoop::apply(Command& command) {
  CURL* easy = command.easy;
  switch (command.op) {
    case Op::kAdd:
      if (curl().multi_add_handle(multi_, easy) != CURLM_OK) {
        command.done(CURLE_FAILED_INIT);
        return;
      }
      active_.emplace(easy, std::move(command.done));
      return;
    case Op::kResume:
      // May call the write callback at once with the data held back when it paused.
      if (active_.count(easy) != 0) curl().easy_pause(easy, CURLPAUSE_CONT);
      return;
    case Op::kCancel:
      if (active_.count(easy) != 0) finish(easy, CURLE_ABORTED_BY_CALLBACK);
      return;
  }
}

void MultiLoop::finish(CURL* easy, CURLcode code) {
  auto it = active_.find(easy);
  if (it == active_.end()) return;
  curl().multi_remove_handle(multi_, easy);
  Done done = std::move(it->second);
  active_.erase(it);
  done(code);  // after this the caller may free `easy`
}

void MultiLoop::run() {
  std::vector<Command> commands;
  while (true) {
    {
      std::lock_guard lock(mu_);
      commands.swap(commands_);
      // The owner ends only when no transfer is left: each caller waits for its own.
      if (stopping_ && commands.empty() && active_.empty()) return;
    }
    for (auto& command : commands) apply(command);
    commands.clear();
    int running = 0;
    curl().multi_perform(multi_, &running);
    int queued = 0;
    while (CURLMsg* msg = curl().multi_info_read(multi_, &queued)) {
      if (msg->msg == CURLMSG_DONE) finish(msg->easy_handle, msg->data.result);
    }
    // Sleeps until a socket is ready, curl's next timeout, or a wakeup (a new command). The
    // cap is only a safety net: curl shortens it to its own timers.
    curl().multi_poll(multi_, nullptr, 0, 1000, nullptr);
  }
}

}  // namespace kraft::http::detail
