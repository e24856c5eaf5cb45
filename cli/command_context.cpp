#include "command_context.h"

#include <fmt/core.h>
#include <unistd.h>

#include "output.h"

namespace kraft::cli {

CommandContext::CommandContext(const GlobalFlags& flags) : flags_(flags) {}

const config::ClientConfig& CommandContext::client_config() {
  if (!config_) config_ = config::load_client_config(flags_.loading_rules(), flags_.overrides());
  return *config_;
}

api::Client& CommandContext::client() {
  if (!client_) {
    api::ClientOptions options;
    options.logger = logger();
    options.interactive = stdin_is_tty();
    options.rate_limit = flags_.rate_limit();
    options.cache_dir = flags_.discovery_cache_dir();
    client_ = api::Client::connect(client_config(), options);
    client_->on_warning([](const std::string& warning) { print_stderr("Warning: {}\n", warning); });
  }
  return *client_;
}

Logger CommandContext::logger() const {
  Logger logger;
  logger.verbosity = flags_.verbosity;
  if (flags_.verbosity > 0) {
    logger.sink = [](int, std::string_view line) { print_stderr("{}\n", line); };
  }
  return logger;
}

bool CommandContext::stdout_is_tty() const { return ::isatty(STDOUT_FILENO) == 1; }
bool CommandContext::stderr_is_tty() const { return ::isatty(STDERR_FILENO) == 1; }
bool CommandContext::stdin_is_tty() const { return ::isatty(STDIN_FILENO) == 1; }

}  // namespace kraft::cli
