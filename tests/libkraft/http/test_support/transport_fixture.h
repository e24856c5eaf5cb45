#pragma once
// Shared set-up for the curl transport's tests against the test API server over real TLS.
#include <kraft/http/transport.h>

#include <mutex>
#include <string>
#include <vector>

#include "test_apiserver.h"

namespace kraft::testing {

/// Options that trust the server's CA and authenticate as its admin (EC client certificate),
/// with fast retries and no rate limit so tests do not wait.
http::TransportOptions admin_options(const TestApiServer& server);

/// A GET of `server`'s `path`.
http::Request get(const TestApiServer& server, const std::string& path);

/// A 127.0.0.1 port on which nothing listens: bound (so nobody else takes it) but never
/// listening, so connecting is refused. The port is released on destruction.
class ClosedPort {
 public:
  ClosedPort();
  ~ClosedPort();
  ClosedPort(const ClosedPort&) = delete;
  ClosedPort& operator=(const ClosedPort&) = delete;
  int port() const { return port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

/// Collects every log line (any thread).
class LogCapture {
 public:
  Logger logger(int verbosity);
  std::vector<std::string> lines() const;
  std::string all() const;

 private:
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
};

}  // namespace kraft::testing
