#pragma once
// What a command needs besides its own flags: the global flags, a logger for -v, terminal
// facts, and a client built on first use (so commands that never talk to a server never read
// a kubeconfig or initialise TLS).
#include <memory>
#include <optional>

#include <kraft/api/client.h>
#include <kraft/config/client_config.h>
#include <kraft/core/log.h>

#include "global_flags.h"

namespace kraft::cli {

class CommandContext {
 public:
  explicit CommandContext(const GlobalFlags& flags);

  const GlobalFlags& flags() const { return flags_; }
  /// Loads and resolves the kubeconfig on first use (ConfigError when that fails).
  const config::ClientConfig& client_config();
  /// Connects on first use.
  api::Client& client();
  /// Logs to stderr at the -v level.
  Logger logger() const;

  bool stdout_is_tty() const;
  bool stderr_is_tty() const;
  bool stdin_is_tty() const;

 private:
  const GlobalFlags& flags_;
  std::optional<config::ClientConfig> config_;
  std::optional<api::Client> client_;
};

}  // namespace kraft::cli
