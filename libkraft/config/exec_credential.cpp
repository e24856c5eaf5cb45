// Exec credential plugins, after client-go's plugin/pkg/client/auth/exec: the plugin gets
// KUBERNETES_EXEC_INFO (an ExecCredential with spec.interactive and, with provideClusterInfo,
// spec.cluster), prints an ExecCredential whose status holds a token or a client certificate
// and key, and its answer is reused until status.expirationTimestamp or a 401.
#include <fmt/format.h>
#include <kraft/config/exec_credential.h>
#include <kraft/core/error.h>
#include <kraft/core/time.h>

#include <cerrno>
#include <cstring>

#include "config/subprocess.h"
#include "core/base64.h"

namespace kraft::config {
namespace {

using nlohmann::json;
using Clock = std::chrono::system_clock;

// One line of the plugin's stderr for the error message: whitespace collapsed, bounded.
std::string summarise(const std::string& err) {
  std::string line;
  bool space = false;
  for (char c : err) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !line.empty();
    } else {
      if (space) line.push_back(' ');
      space = false;
      line.push_back(c);
    }
  }
  constexpr size_t kMax = 300;
  if (line.size() > kMax) line = line.substr(0, kMax) + "...";
  return line;
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

  const std::string who =
      cluster_.user_name.empty()
          ? fmt::format("exec plugin \"{}\"", exec_.command)
          : fmt::format("exec plugin \"{}\" of user \"{}\"", exec_.command, cluster_.user_name);
  auto fail = [&](const std::string& what) -> ConfigError {
    return ConfigError(fmt::format("{}: {}", who, what));
  };

  // interactiveMode (client-go's exec.Authenticator): Never hides the terminal, Always
  // insists on one, IfAvailable (the v1beta1 default) uses it when there is one.
  const std::string mode = exec_.interactive_mode.empty() ? "IfAvailable" : exec_.interactive_mode;
  if (mode == "Always" && !interactive_) {
    throw fail("needs an interactive terminal (interactiveMode: Always) but stdin is not one");
  }
  const bool interactive = interactive_ && mode != "Never";

  auto env = exec_.env;
  env.emplace_back("KUBERNETES_EXEC_INFO", exec_info(exec_, cluster_, interactive).dump());
  const auto run = detail::run_subprocess(exec_.command, exec_.args, env, interactive);

  if (run.spawn_errno == ENOENT) {
    std::string message = "command not found";
    if (!exec_.install_hint.empty()) message += "; " + summarise(exec_.install_hint);
    throw fail(message);
  }
  if (run.spawn_errno != 0) {
    throw fail(fmt::format("cannot run it: {}", std::strerror(run.spawn_errno)));
  }
  const std::string err = summarise(run.err);
  if (run.signal != 0) {
    throw fail(fmt::format("killed by signal {}{}", run.signal, err.empty() ? "" : ": " + err));
  }
  if (run.exit_code != 0) {
    throw fail(
        fmt::format("exited with status {}{}", run.exit_code, err.empty() ? "" : ": " + err));
  }

  // Never quote the output: it is a credential, or garbage that may contain one.
  const json doc = json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) throw fail("printed something that is not JSON");
  if (doc.value("kind", "") != "ExecCredential") {
    throw fail("printed JSON that is not an ExecCredential (kind is not \"ExecCredential\")");
  }
  const std::string version = doc.contains("apiVersion") && doc["apiVersion"].is_string()
                                  ? doc["apiVersion"].get<std::string>()
                                  : "";
  if (version != exec_.api_version) {
    throw fail(fmt::format("returned apiVersion \"{}\" but the kubeconfig asks for \"{}\"", version,
                           exec_.api_version));
  }
  if (!doc.contains("status") || !doc["status"].is_object()) {
    throw fail("returned an ExecCredential without status");
  }
  const json& status = doc["status"];
  auto string_field = [&](const char* key) -> std::string {
    if (!status.contains(key) || status[key].is_null()) return {};
    if (!status[key].is_string()) throw fail(fmt::format("status.{} is not a string", key));
    return status[key].get<std::string>();
  };
  ExecCredential cred;
  cred.token = Secret(string_field("token"));
  cred.client_cert_pem = string_field("clientCertificateData");
  cred.client_key_pem = Secret(string_field("clientKeyData"));
  if (cred.client_cert_pem.empty() != cred.client_key_pem.empty()) {
    throw fail("returned only one of status.clientCertificateData and status.clientKeyData");
  }
  if (cred.token.empty() && cred.client_cert_pem.empty()) {
    throw fail("returned neither status.token nor a client certificate");
  }
  if (const std::string expiry = string_field("expirationTimestamp"); !expiry.empty()) {
    cred.expires = parse_rfc3339(expiry);
    if (!cred.expires) {
      throw fail(fmt::format("status.expirationTimestamp \"{}\" is not an RFC 3339 time", expiry));
    }
  }
  cached_ = cred;
  return cred;
}

}  // namespace kraft::config
