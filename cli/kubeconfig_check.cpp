#include "kubeconfig_check.h"

#include <fmt/core.h>
#include <kraft/api/connection_check.h>
#include <kraft/config/loading.h>
#include <kraft/core/error.h>
#include <kraft/k3k/server_url.h>

#include "command_context.h"
#include "global_flags.h"

namespace kraft::cli {
namespace {

using Outcome = api::ConnectionCheck::Outcome;

constexpr std::chrono::seconds kCheckTimeout{10};

std::string groups_text(const std::vector<std::string>& groups) {
  std::string out;
  for (const auto& g : groups) out += (out.empty() ? "" : ", ") + g;
  return out;
}

// What to do about each failure, in the words of kraft's flags.
std::string advice(Outcome outcome, const std::string& host, const std::string& tls_name) {
  switch (outcome) {
    case Outcome::kUnreachable:
      return "the address is not reachable from this machine: if the cluster's NodePort is "
             "reached on another address, pass --server-host ADDRESS (or --server URL); a "
             "cluster created with --expose none is reachable only from inside the host";
    case Outcome::kTimeout:
      return "nothing answered there in time: a firewall may drop the port, or the address "
             "reaches the wrong machine; pass --server-host ADDRESS or --server URL";
    case Outcome::kCertificateName:
      return "the cluster's certificate does not name " +
             (tls_name.empty() ? host : tls_name) +
             ": create clusters with the address users dial (kraft create --server-host or "
             "--tls-san), or pass --server URL with --tls-server-name NAME";
    case Outcome::kCertificateTrust:
      return "the server there is not the virtual cluster (its certificate is not signed by the "
             "cluster's CA): check the address (--server-host, --server)";
    case Outcome::kUnauthenticated:
      return "the virtual cluster refused the new client certificate: its client CA may have "
             "changed (was the cluster re-created?); try again, or see kraft describe";
    case Outcome::kFailed:
    case Outcome::kOk:
      break;
  }
  return "see the error above, or run with -v 6 to see the request";
}

}  // namespace

std::string check_kubeconfig(CommandContext& ctx, const config::Kubeconfig& issued,
                             const pki::ClientCertificateRequest& identity) {
  const config::ClientConfig config = config::resolve(issued, {});
  std::chrono::milliseconds timeout = kCheckTimeout;
  const auto global = parse_duration(ctx.flags().request_timeout, "--request-timeout");
  if (global.count() > 0) timeout = global;
  const api::ConnectionCheck check = api::check_connection(config, timeout);
  if (check.ok()) {
    std::string who = identity.common_name;
    if (!identity.organizations.empty()) who += " (" + groups_text(identity.organizations) + ")";
    return fmt::format("checked: {} is reachable; authenticated as {}{}", check.server, who,
                       check.server_version.empty() ? "" : "; Kubernetes " + check.server_version);
  }
  const std::string message =
      fmt::format("the kubeconfig does not work from here, so it was not handed out: {}; {} "
                  "(--no-check or leaving out --check skips this)",
                  check.detail, advice(check.outcome, k3k::url_host(check.server),
                                       config.tls_server_name));
  throw Error(message, check.outcome == Outcome::kTimeout ? ExitCode::kTimeout : ExitCode::kError);
}

}  // namespace kraft::cli
