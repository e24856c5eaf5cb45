#pragma once
// The HTTPS side of the test API server (cpp-httplib over OpenSSL): TLS with client
// certificates, authentication and authorization, fault injection, discovery, routing to the
// Registry, and chunked watch streams.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "access_control.h"
#include "fault_injector.h"
#include "registry.h"

namespace kraft::testing {

struct TlsSettings {
  std::string cert_pem;  ///< the server's certificate
  std::string key_pem;
  std::vector<std::string> client_ca_pems;  ///< CAs whose client certificates authenticate
};

class HttpFrontend {
 public:
  HttpFrontend(Registry& registry, AccessControl& access, FaultInjector& faults, TlsSettings tls);
  ~HttpFrontend();
  HttpFrontend(const HttpFrontend&) = delete;
  HttpFrontend& operator=(const HttpFrontend&) = delete;

  /// Binds (port 0: an ephemeral one) and starts serving; returns the port.
  /// Throws std::runtime_error when the address cannot be bound.
  int start(const std::string& host, int port);
  /// Stops accepting, ends open watch streams, joins the server thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kraft::testing
