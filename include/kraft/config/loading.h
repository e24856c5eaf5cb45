#pragma once
// Where a kubeconfig comes from and how several combine, following client-go's clientcmd:
// --kubeconfig (must exist) > $KUBECONFIG (colon-separated; missing files skipped; the first
// file to set a map key or a value wins) > ~/.kube/config > in-cluster service account.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <kraft/config/client_config.h>
#include <kraft/config/kubeconfig.h>

namespace kraft::config {

struct LoadingRules {
  std::string explicit_path;              ///< --kubeconfig
  std::vector<std::string> precedence;    ///< $KUBECONFIG entries, in order
  std::string default_path;               ///< ~/.kube/config
  /// In-cluster service account files (overridable for tests).
  std::string service_account_dir = "/var/run/secrets/kubernetes.io/serviceaccount";

  /// From the environment: $KUBECONFIG, $HOME; `explicit_path` from --kubeconfig.
  static LoadingRules from_environment(const std::string& explicit_path = "");
};

/// Command-line overrides; each is "at most one" and wins over the kubeconfig.
struct Overrides {
  std::optional<std::string> context;
  std::optional<std::string> cluster;
  std::optional<std::string> user;
  std::optional<std::string> ns;
  std::optional<std::string> server;
  bool insecure_skip_tls_verify = false;
  std::optional<std::chrono::milliseconds> request_timeout;
};

/// Loads and merges per the rules. Missing $KUBECONFIG entries are skipped; a missing
/// explicit file is a ConfigError. Returns an empty config when nothing exists.
Kubeconfig load_merged(const LoadingRules& rules);

/// Merges `files` in order with clientcmd's rules (first to set a key or value wins).
Kubeconfig merge(const std::vector<Kubeconfig>& files);
/// The same, moving the entries out of `files` instead of copying them.
Kubeconfig merge(std::vector<Kubeconfig>&& files);

/// Resolves the current (or overridden) context to a ClientConfig: reads referenced files
/// (relative to the kubeconfig that names them), decodes data. Throws ConfigError such as
/// `context "dev" not found in /home/u/.kube/config (contexts: a, b, prod); did you mean "prod"?`
/// (EntryNotFoundError; NoContextError when nothing selects one: <kraft/config/errors.h>).
ClientConfig resolve(const Kubeconfig& config, const Overrides& overrides);

/// load_merged + resolve; falls back to the in-cluster config when no kubeconfig exists and
/// KUBERNETES_SERVICE_HOST/PORT are set. Throws NotConfiguredError when nothing is configured.
ClientConfig load_client_config(const LoadingRules& rules, const Overrides& overrides);

/// The closest candidate by edit distance (for "did you mean"), or empty when none is close.
std::string closest_match(const std::string& wanted, const std::vector<std::string>& candidates);

}  // namespace kraft::config
