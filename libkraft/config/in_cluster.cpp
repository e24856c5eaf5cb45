// load_client_config: kubeconfig first, in-cluster service account as the fallback, as
// clientcmd's DeferredLoadingClientConfig does: the in-cluster config is used only when the
// loaded kubeconfig is empty and KUBERNETES_SERVICE_HOST/PORT are set with a token file present
// (rest.InClusterConfig, inClusterClientConfig).
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <kraft/config/errors.h>
#include <kraft/config/loading.h>
#include <kraft/config/token_file.h>
#include <kraft/core/error.h>

#include <cstdlib>

#include "config/files.h"

namespace kraft::config {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

bool is_empty(const Kubeconfig& c) {
  return c.clusters.empty() && c.users.empty() && c.contexts.empty() && c.current_context.empty();
}

std::string trimmed(std::string s) {
  const auto end = s.find_last_not_of(" \t\r\n");
  s.erase(end == std::string::npos ? 0 : end + 1);
  return s;
}

ClientConfig in_cluster(const LoadingRules& rules, const Overrides& overrides,
                        const std::string& host, const std::string& port) {
  const std::string dir = rules.service_account_dir;
  ClientConfig out;
  // net.JoinHostPort: IPv6 literals need brackets.
  const bool ipv6 = host.find(':') != std::string::npos;
  out.server = fmt::format("https://{}{}{}:{}", ipv6 ? "[" : "", host, ipv6 ? "]" : "", port);
  out.token_file = dir + "/token";
  out.token = Secret(read_token_file(out.token_file, "in-cluster service account token"));
  // rest.InClusterConfig logs and ignores an unreadable CA; a missing one means the system
  // trust store.
  if (detail::exists(dir + "/ca.crt")) {
    out.ca_pem = detail::read_file(dir + "/ca.crt", "in-cluster service account CA",
                                   detail::kCredentialReadLimit);
  }
  // inClusterClientConfig.Namespace: --namespace, $POD_NAMESPACE, the namespace file, default.
  if (overrides.ns && !overrides.ns->empty()) {
    out.ns = *overrides.ns;
  } else if (const std::string pod_ns = env("POD_NAMESPACE"); !pod_ns.empty()) {
    out.ns = pod_ns;
  } else if (detail::exists(dir + "/namespace")) {
    const std::string ns = trimmed(detail::read_file(
        dir + "/namespace", "in-cluster service account namespace", detail::kCredentialReadLimit));
    if (!ns.empty()) out.ns = ns;
  }
  if (overrides.server) out.server = *overrides.server;
  if (overrides.insecure_skip_tls_verify) {
    out.insecure_skip_tls_verify = true;
    out.ca_pem.clear();
  }
  if (overrides.request_timeout) out.request_timeout = *overrides.request_timeout;
  out.source = dir;
  return out;
}

std::string searched(const LoadingRules& rules) {
  std::vector<std::string> paths;
  for (const auto& p : rules.precedence) {
    if (!p.empty()) paths.push_back(p);
  }
  if (rules.precedence.empty() && !rules.default_path.empty()) {
    paths.push_back(rules.default_path);
  }
  return paths.empty() ? "no kubeconfig path configured" : fmt::format("{}", fmt::join(paths, ":"));
}

}  // namespace

ClientConfig load_client_config(const LoadingRules& rules, const Overrides& overrides) {
  Kubeconfig merged = load_merged(rules);
  const bool nothing_selected = !overrides.context && !overrides.cluster && !overrides.user;
  if (is_empty(merged) && nothing_selected) {
    const std::string host = env("KUBERNETES_SERVICE_HOST");
    const std::string port = env("KUBERNETES_SERVICE_PORT");
    if (!host.empty() && !port.empty() && detail::exists(rules.service_account_dir + "/token")) {
      return in_cluster(rules, overrides, host, port);
    }
    if (!overrides.server) {
      throw NotConfiguredError(fmt::format(
          "no Kubernetes configuration found: no kubeconfig ({}) and not running in a cluster "
          "(KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT {}); set KUBECONFIG or name a "
          "kubeconfig file",
          rules.explicit_path.empty() ? searched(rules) : rules.explicit_path + " is empty",
          host.empty() || port.empty() ? "unset"
                                       : "set, but no token in " + rules.service_account_dir));
    }
  }
  return resolve(merged, overrides);
}

}  // namespace kraft::config
