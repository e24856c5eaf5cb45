#pragma once
// kubectl's global connection flags, parsed once and turned into loading rules and overrides.
// Parsing only records strings: nothing here reads a kubeconfig, so --help, --version and
// completion stay instant.
#include <kraft/config/loading.h>
#include <kraft/http/transport.h>

#include <chrono>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace kraft::cli {

struct GlobalFlags {
  std::string kubeconfig;
  std::string context;
  std::string cluster;
  std::string user;
  std::string ns;
  std::string server;
  bool insecure_skip_tls_verify = false;
  std::string request_timeout = "0";
  int verbosity = 0;
  std::string cache_dir;  ///< "" : kubectl's default ($KUBECACHEDIR, else ~/.kube/cache)
  double qps = http::RateLimit{}.qps;
  int burst = http::RateLimit{}.burst;

  /// Registers the flags on the root command (inherited by every subcommand).
  void add_to(CLI::App& app);

  config::LoadingRules loading_rules() const;
  /// Throws ValidationError for an unparsable --request-timeout.
  config::Overrides overrides() const;
  /// --qps and --burst.
  http::RateLimit rate_limit() const { return {qps, burst}; }
  /// The discovery cache directory for api::ClientOptions::cache_dir.
  std::string discovery_cache_dir() const;
};

/// --qps's syntax: a decimal number ("50", "2.5"), nothing else (no sign, exponent, hex, inf
/// or nan), from 0 to 100000; 0 turns client-side rate limiting off. Throws ValidationError
/// naming `flag`.
double parse_qps_flag(const std::string& text, const std::string& flag);

/// kubectl's --request-timeout syntax: "0" (none), a plain number of seconds, or a Go-style
/// duration ("500ms", "30s", "5m", "1h", "1m30s"). Throws ValidationError naming the flag.
std::chrono::milliseconds parse_duration(const std::string& text, const std::string& flag);

}  // namespace kraft::cli
