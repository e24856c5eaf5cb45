// kraft describe NAME: the cluster, its status and conditions, its server URL, what K3k made
// for it on the host and the namespace's recent events.
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/server_url.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "cluster_args.h"
#include "command_context.h"
#include "commands/command.h"
#include "describe_text.h"
#include "output.h"

namespace kraft::cli {
namespace {

int run_describe(CommandContext& ctx, const std::string& arg) {
  const k3k::ClusterRef ref = cluster_ref(ctx, arg);
  const k3k::ClusterDetails details = k3k::ClusterService(ctx.client()).describe(ref);
  k3k::ServerUrlOptions url_options;
  url_options.host_server = ctx.client_config().server;
  std::optional<std::string> url;
  if (const auto endpoint = k3k::server_url(details, url_options)) {
    url = endpoint->url;
    if (!endpoint->tls_server_name.empty()) {
      *url += " (certificate checked for " + endpoint->tls_server_name + ")";
    }
  }
  write_stdout(describe_text(details, url, std::chrono::system_clock::now()));
  return 0;
}

}  // namespace

void add_describe_command(CommandRegistry& registry) {
  auto cluster = std::make_shared<std::string>();
  CLI::App* cmd = registry.root.add_subcommand(
      "describe", "Show a virtual cluster in detail: status, server URL, host objects, events");
  cmd->add_option("cluster", *cluster, "NAME (in namespace -n, else k3k-NAME) or NAMESPACE/NAME")
      ->required();
  cmd->footer(R"(Examples:
  kraft describe demo
  kraft describe team-a/demo
  kraft describe demo -n team-a)");
  CommandContext& ctx = registry.context;
  Action& action = registry.action;
  cmd->callback([&ctx, &action, cluster] {
    action = [&ctx, cluster] { return run_describe(ctx, *cluster); };
  });
}

}  // namespace kraft::cli
