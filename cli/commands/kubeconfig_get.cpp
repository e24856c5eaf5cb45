// kraft kubeconfig get NAME: a kubeconfig with a new client certificate for a virtual
// cluster, printed, written to a file or merged into the user's kubeconfig.
#include <fmt/core.h>
#include <kraft/k3k/kubeconfig.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cluster_args.h"
#include "command_context.h"
#include "commands/command.h"
#include "commands/kubeconfig_commands.h"
#include "global_flags.h"
#include "int_flags.h"
#include "kubeconfig_delivery.h"
#include "output.h"

namespace kraft::cli {
namespace {

struct KubeconfigGetFlags {
  std::string cluster;
  k3k::KubeconfigRequest request;
  std::string timeout = "2m";
  KubeconfigDestination destination;
};

int run_kubeconfig_get(CommandContext& ctx, KubeconfigGetFlags& flags) {
  flags.destination.validate();
  auto& cert = flags.request.certificate;
  if (cert.common_name.empty()) throw ValidationError("--cn must not be empty");
  if (cert.validity_days < 1 || cert.validity_days > 36500) {
    throw ValidationError("--days must be between 1 and 36500, got " +
                          std::to_string(cert.validity_days));
  }
  if (!flags.request.server.empty() && flags.request.server.rfind("https://", 0) != 0) {
    throw ValidationError("--server must be an https:// URL, e.g. --server https://10.0.0.5:31443");
  }
  if (!flags.request.tls_server_name.empty() && flags.request.server.empty()) {
    throw ValidationError("--tls-server-name goes with --server; without it kraft sets the name "
                          "the certificate carries itself");
  }
  if (!flags.request.url.override_host.empty() && !flags.request.server.empty()) {
    throw ValidationError("--server-host and --server both say where to connect; give one");
  }
  flags.request.wait_timeout = parse_duration(flags.timeout, "--timeout");
  if (flags.request.wait_timeout.count() <= 0) {
    throw ValidationError("--timeout must be positive, e.g. --timeout 2m");
  }
  const k3k::ClusterRef ref = cluster_ref(ctx, flags.cluster);
  print_stdout(deliver_kubeconfig(ctx, ref, flags.request, flags.destination));
  return 0;
}

}  // namespace

void add_kubeconfig_get(CLI::App& group, CommandRegistry& registry) {
  auto flags = std::make_shared<KubeconfigGetFlags>();
  auto& cert = flags->request.certificate;
  CLI::App* cmd = group.add_subcommand(
      "get", "Print a kubeconfig for a virtual cluster (a new client certificate)");
  cmd->add_option("cluster", flags->cluster,
                  "NAME (in namespace -n, else k3k-NAME) or NAMESPACE/NAME")
      ->required();
  cmd->add_option("--cn", cert.common_name, "User name (certificate CN)")->capture_default_str();
  cmd->add_option("--org", cert.organizations,
                  "Group (certificate O; repeatable; default system:masters)")
      ->allow_extra_args(false);
  add_int_option(*cmd, "--days", cert.validity_days, "Days the certificate is valid", 30)
      ->default_str(std::to_string(cert.validity_days));
  cmd->add_option("--san", cert.alt_names,
                  "Extra subject alternative name, DNS name or IP (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--server", flags->request.server,
                  "The virtual cluster's URL to write into the kubeconfig (default: K3k's "
                  "rule: ingress host, NodePort on the host's address, LoadBalancer address, "
                  "TLS SANs); the global -s names the host API server");
  cmd->add_option("--server-host", flags->request.url.override_host,
                  "For a NodePort cluster: the address users reach the host's nodes on "
                  "(default: the host API server's hostname)");
  cmd->add_option("--tls-server-name", flags->request.tls_server_name,
                  "With --server: the name to verify in the server certificate");
  cmd->add_option("--context-name", flags->request.entry_name,
                  "Name of the cluster, user and context (default kraft-NAMESPACE-NAME)");
  cmd->add_option("-o,--output", flags->destination.file,
                  "Write the kubeconfig to FILE (mode 0600) instead of stdout");
  flags->destination.add_merge_flags(cmd);
  flags->destination.add_check_flag(cmd, /*on_by_default=*/false);
  cmd->add_option("--timeout", flags->timeout,
                  "How long to wait for the cluster's bootstrap secret (default 2m); exit code "
                  "4 when it runs out");
  cmd->footer(R"(Examples:
  kraft kubeconfig get demo > demo.yaml && kubectl --kubeconfig demo.yaml get nodes
  kraft kubeconfig get team-a/dev -o dev.yaml --cn alice --org dev-team --days 30
  kraft kubeconfig get demo --merge --switch
  kraft kubeconfig get demo --check -o demo.yaml   # only if it works from here
  kraft kubeconfig get edge --server-host node1.example.com
  kraft kubeconfig get edge --server https://203.0.113.7:31443 --san edge.example.com

The server URL is the address users can reach: the ingress host, the NodePort on the host API
server's address (or --server-host), or the LoadBalancer's address (kraft waits for one, up to
--timeout). When the cluster's certificate does not name that address (clusters made without
it in their TLS SANs), the kubeconfig keeps the address and sets tls-server-name to a name the
certificate carries, so TLS verification stays on.)");
  CommandContext& ctx = registry.context;
  Action& action = registry.action;
  cmd->callback(
      [&ctx, &action, flags] { action = [&ctx, flags] { return run_kubeconfig_get(ctx, *flags); }; });
}

}  // namespace kraft::cli
