#pragma once
// nghttpx (Debian's nghttp2-proxy) as a TLS + HTTP/2 frontend to a test API server, which
// speaks only HTTP/1.1: the transport's HTTP/2 path meets a real HTTP/2 server, as it does
// kube-apiserver. nghttpx reaches the backend over TLS with the admin's client certificate,
// and logs each request's ALPN and client port, so tests can count the client's connections.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "process/process.h"
#include "test_apiserver.h"

namespace kraft::testing {

class Nghttpx {
 public:
  /// The nghttpx program, or nullopt when nghttp2-proxy is not installed.
  static std::optional<std::string> program();

  /// Starts nghttpx on a free 127.0.0.1 port in front of `backend`, serving `frontend` (a
  /// certificate for 127.0.0.1 issued by a CA the client trusts); returns once it accepts
  /// connections. Throws std::runtime_error when it does not start.
  Nghttpx(const TestApiServer& backend, const KeyPair& frontend);
  ~Nghttpx();
  Nghttpx(const Nghttpx&) = delete;
  Nghttpx& operator=(const Nghttpx&) = delete;

  int port() const { return port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

  /// One entry per request nghttpx finished: "ALPN CLIENT_PORT STATUS METHOD PATH".
  std::vector<std::string> access_log() const;
  /// Waits (polling the file, bounded) until the access log holds `count` requests; returns it.
  std::vector<std::string> access_log_of(size_t count) const;
  /// nghttpx's own messages (for a failing test to show).
  std::string error_log() const;

 private:
  bool start(const std::string& program, int port);

  std::string dir_;
  int backend_port_ = 0;
  int port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace kraft::testing
