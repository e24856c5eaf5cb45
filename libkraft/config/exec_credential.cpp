// Exec credential plugins, after client-go's plugin/pkg/client/auth/exec: the plugin gets
// KUBERNETES_EXEC_INFO (an ExecCredential with spec.interactive and, with provideClusterInfo,
// spec.cluster), prints an ExecCredential whose status holds a token or a client certificate
// and key, and its answer is reused until status.expirationTimestamp or a 401.
#include <fmt/format.h>
#include <kraft/config/exec_credential.h>
#include <kraft/core/error.h>
#include <kraft/core/text.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "config/exec_credential_decode.h"
#include "config/subprocess.h"
#include "core/base64.h"

namespace kraft::config {
namespace {

using nlohmann::json;
using Clock = std::chrono::system_clock;

// A plugin that cannot prompt and has no request timeout is stopped after this.
constexpr std::chrono::minutes kNonInteractivePluginTimeout{5};

// A plugin's stderr or install hint for a message: runs of blanks and line breaks become one
// space (a multi-line hint reads as a sentence), then sanitize_text escapes what is left
// (terminal escapes) and bounds it.
std::string summarise(std::string_view text) {
  std::string line;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !line.empty();
    } else {
      if (space) line.push_back(' ');
      space = false;
      line.push_back(c);
    }
  }
  return sanitize_text(line);
}

// "2s", "1500ms", "5m": how limits appear in messages.
std::string spell(std::chrono::milliseconds d) {
  if (d.count() % 60000 == 0) return std::to_string(d.count() / 60000) + "m";
  if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + "s";
  return std::to_string(d.count()) + "ms";
}

json exec_info(const ExecConfig& exec, const ClientConfig& cluster, bool interactive) {
  json spec = {{"interactive", interactive}};
  if (exec.provide_cluster_info) {
    json c = {{"server", cluster.server}};
    if (!cluster.tls_server_name.empty()) c["tls-server-name"] = cluster.tls_server_name;
    if (cluster.insecure_skip_tls_verify) c["insecure-skip-tls-verify"] = true;
    if (!cluster.ca_pem.empty())
      c["certificate-authority-data"] = core::base64_encode(cluster.ca_pem);
    if (!cluster.proxy_url.empty()) c["proxy-url"] = cluster.proxy_url;
    spec["cluster"] = c;
  }
  return {{"apiVersion", exec.api_version}, {"kind", "ExecCredential"}, {"spec", spec}};
}

}  // namespace

ExecCredentialProvider::ExecCredentialProvider(ExecConfig exec, ClientConfig cluster,
                                               bool interactive)
    : exec_(std::move(exec)), cluster_(std::move(cluster)), interactive_(interactive) {}

void ExecCredentialProvider::invalidate() {
  std::lock_guard lock(mu_);
  cached_.reset();
}

ExecCredential ExecCredentialProvider::get() {
  std::lock_guard lock(mu_);
  if (cached_ && (!cached_->expires || Clock::now() < *cached_->expires)) return *cached_;
  cached_.reset();

  // The command and user name are the kubeconfig's text: shown as one safe line.
  const std::string command = sanitize_text(exec_.command, 200);
  const std::string who = cluster_.user_name.empty()
                              ? fmt::format("exec plugin \"{}\"", command)
                              : fmt::format("exec plugin \"{}\" of user \"{}\"", command,
                                            sanitize_text(cluster_.user_name, 200));
  auto fail = [&](const std::string& what, ExitCode code = ExitCode::kError) -> ConfigError {
    return ConfigError(fmt::format("{}: {}", who, what), code);
  };

  // interactiveMode (client-go's exec.Authenticator): Never hides the terminal, Always
  // insists on one, IfAvailable (the v1beta1 default) uses it when there is one.
  const std::string mode = exec_.interactive_mode.empty() ? "IfAvailable" : exec_.interactive_mode;
  if (mode == "Always" && !interactive_) {
    throw fail("needs an interactive terminal (interactiveMode: Always) but stdin is not one");
  }
  const bool interactive = interactive_ && mode != "Never";

  // client-go lets a plugin run for ever; a hung plugin would hang every command. The
  // request timeout bounds it when one is set. Otherwise a plugin that may prompt on the
  // terminal gets all the time its user needs, and one that cannot prompt gets a generous
  // limit (longer than a browser login's, such as kubelogin's 3 minutes).
  detail::SubprocessLimits limits;
  const bool by_request_timeout = cluster_.request_timeout.count() > 0;
  if (by_request_timeout) {
    limits.timeout = cluster_.request_timeout;
  } else if (!interactive) {
    limits.timeout = kNonInteractivePluginTimeout;
  }

  auto env = exec_.env;
  env.emplace_back("KUBERNETES_EXEC_INFO", exec_info(exec_, cluster_, interactive).dump());
  const auto run = detail::run_subprocess(exec_.command, exec_.args, env, interactive, limits);

  if (run.spawn_errno == ENOENT) {
    std::string message = "command not found";
    if (!exec_.install_hint.empty()) message += "; " + summarise(exec_.install_hint);
    throw fail(message);
  }
  if (run.spawn_errno != 0) {
    throw fail(fmt::format("cannot run it: {}", std::strerror(run.spawn_errno)));
  }
  // The plugin's stderr, as one safe line: it is shown to the user, and may hold escapes.
  const std::string err = summarise(run.err);
  const std::string because = err.empty() ? "" : " (it said: " + err + ")";
  if (run.timed_out) {
    throw fail(
        by_request_timeout
            ? fmt::format("did not finish within the request timeout of {}; it was stopped{}",
                          spell(limits.timeout), because)
            : fmt::format("did not finish within {}, the limit for a plugin that cannot "
                          "prompt on a terminal; it was stopped{}",
                          spell(limits.timeout), because),
        ExitCode::kTimeout);
  }
  if (run.out_too_large) {
    throw fail(fmt::format(
        "printed more than {} MiB on stdout, more than any ExecCredential; it was stopped",
        limits.max_out >> 20));
  }
  if (run.signal != 0) {
    throw fail(fmt::format("killed by signal {}{}", run.signal, err.empty() ? "" : ": " + err));
  }
  if (run.exit_code != 0) {
    throw fail(
        fmt::format("exited with status {}{}", run.exit_code, err.empty() ? "" : ": " + err));
  }

  ExecCredential cred;
  try {
    cred = detail::decode_exec_credential(run.out, exec_.api_version);
  } catch (const ConfigError& e) {
    throw fail(e.what());
  }
  cached_ = cred;
  return cred;
}

}  // namespace kraft::config
