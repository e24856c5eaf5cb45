#pragma once
// Does a kubeconfig work from here? One request with its credentials (GET /version) and the
// precise reason when it does not: the address cannot be reached, the server certificate does
// not name it or is not signed by the kubeconfig's CA, or the server refuses the credentials.
// Kubernetes answers /version to anyone, but credentials that are presented and invalid are
// refused (401) rather than ignored, so a 200 also means they were accepted.
//
//   auto check = kraft::api::check_connection(config, std::chrono::seconds(10));
//   if (!check.ok()) std::cerr << check.detail << "\n";
#include <chrono>
#include <string>

#include <kraft/config/client_config.h>

namespace kraft::api {

struct ConnectionCheck {
  enum class Outcome {
    kOk,
    kUnreachable,        ///< not resolved, refused, no route
    kTimeout,            ///< no answer within the time allowed
    kCertificateName,    ///< the server certificate does not name the address (or tls-server-name)
    kCertificateTrust,   ///< the server certificate is not signed by the kubeconfig's CA
    kUnauthenticated,    ///< 401: the credentials were refused
    kFailed,             ///< anything else (a broken answer, unusable credentials)
  };
  Outcome outcome = Outcome::kOk;
  std::string server;          ///< the URL tried
  std::string server_version;  ///< when it answered, e.g. "v1.31.1+k3s1"
  std::string detail;          ///< the underlying error, one line; "" when ok

  bool ok() const { return outcome == Outcome::kOk; }
};

/// Connects with `config` and asks for /version, bounded by `timeout` (connection, TLS and
/// answer; no retries beyond the transport's). Never throws for a failed check.
ConnectionCheck check_connection(const config::ClientConfig& config,
                                 std::chrono::milliseconds timeout);

}  // namespace kraft::api
