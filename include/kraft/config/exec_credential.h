#pragma once
// client-go exec credential plugins (client.authentication.k8s.io v1 and v1beta1): run the
// command with KUBERNETES_EXEC_INFO, parse the ExecCredential it prints, cache it until
// status.expirationTimestamp, run it again after a 401.
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <kraft/config/client_config.h>

namespace kraft::config {

/// What a plugin returned.
struct ExecCredential {
  Secret token;
  std::string client_cert_pem;
  Secret client_key_pem;
  std::optional<std::chrono::system_clock::time_point> expires;
};

/// Runs a plugin on demand and caches its answer. Thread-safe.
class ExecCredentialProvider {
 public:
  /// `cluster` is passed in KUBERNETES_EXEC_INFO when provideClusterInfo is set;
  /// `interactive` says whether stdin is a terminal the plugin may use.
  ExecCredentialProvider(ExecConfig exec, ClientConfig cluster, bool interactive);

  /// The cached credential, or a fresh one when none is cached or it has expired.
  /// Throws ConfigError naming the command when it is missing, fails or prints garbage.
  ExecCredential get();
  /// Forgets the cached credential (after a 401), so the next get() runs the plugin again.
  void invalidate();

 private:
  ExecConfig exec_;
  ClientConfig cluster_;
  bool interactive_;
  std::mutex mu_;
  std::optional<ExecCredential> cached_;
};

}  // namespace kraft::config
