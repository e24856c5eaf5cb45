#pragma once
// A TCP relay on 127.0.0.1 in front of a server's port that counts the connections made
// through it: server-side evidence of how many connections a client opens (TLS passes through
// untouched, so the server's certificate and client authentication work as without it).
#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kraft::testing {

class CountingRelay {
 public:
  /// Listens on an ephemeral 127.0.0.1 port and forwards each connection to `target_port`.
  explicit CountingRelay(int target_port);
  ~CountingRelay();
  CountingRelay(const CountingRelay&) = delete;
  CountingRelay& operator=(const CountingRelay&) = delete;

  int port() const { return port_; }
  /// https://127.0.0.1:PORT (the test API server's certificate names 127.0.0.1).
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  /// Connections accepted so far.
  int accepted() const { return accepted_.load(); }
  /// The most connections that were open at the same time.
  int max_open() const { return max_open_.load(); }

 private:
  void accept_loop();
  void pump(int client, int server);

  int target_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::atomic<int> open_{0};
  std::atomic<int> max_open_{0};
  std::mutex mu_;
  std::vector<int> live_fds_;  // shut down on destruction to end the pumps
  std::vector<std::thread> pumps_;
  std::thread acceptor_;
};

}  // namespace kraft::testing
