#pragma once
// A plain-HTTP server on 127.0.0.1 that answers every connection with the same bytes, or
// closes it at once: for what the test API server will not send (hostile bodies, a peer that
// hangs up), byte for byte.
#include <atomic>
#include <string>
#include <thread>

namespace kraft::testing {

class RawHttpServer {
 public:
  /// Answers each connection with `answer` (a whole HTTP response, head and body) after
  /// reading the request head, then closes it. Empty: closes each connection unanswered.
  explicit RawHttpServer(std::string answer);
  ~RawHttpServer();
  RawHttpServer(const RawHttpServer&) = delete;
  RawHttpServer& operator=(const RawHttpServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int connections() const { return connections_.load(); }

  /// An HTTP/1.1 response with Content-Length and "Connection: close".
  static std::string response(int status, const std::string& content_type, const std::string& body);

 private:
  void serve();

  std::string answer_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<int> connections_{0};
  std::thread thread_;
};

}  // namespace kraft::testing
