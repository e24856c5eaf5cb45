// kraft scale NAME --servers N [--agents M]: change a cluster's size, optionally waiting
// until the new servers are ready.
#include <fmt/core.h>
#include <kraft/k3k/cluster_service.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "cluster_args.h"
#include "cluster_wait.h"
#include "command_context.h"
#include "commands/command.h"
#include "int_flags.h"
#include "interrupt.h"
#include "output.h"

namespace kraft::cli {
namespace {

struct ScaleFlags {
  std::string cluster;
  std::optional<int> servers;
  std::optional<int> agents;
  std::string dry_run;  ///< "" or "server"
  std::string output;
  WaitFlags wait;
};

int run_scale(CommandContext& ctx, const ScaleFlags& flags) {
  if (!flags.output.empty()) require_output_format(flags.output, kClusterObjectFormats);
  if (!flags.dry_run.empty() && flags.dry_run != "server") {
    throw ValidationError(
        "scale supports --dry-run=server (the API server checks the change); "
        "got \"" +
        flags.dry_run + "\"");
  }
  const bool dry_run = !flags.dry_run.empty();
  if (dry_run && flags.wait.wait) {
    throw ValidationError("--wait cannot be combined with --dry-run: nothing changes");
  }
  flags.wait.check();
  const k3k::ClusterRef ref = cluster_ref(ctx, flags.cluster);
  k3k::ClusterService service(ctx.client());
  k3k::ScaleResult scaled = service.scale(ref, {flags.servers, flags.agents}, dry_run);
  // The change is stored: Ctrl-C while waiting says K3k carries on.
  std::optional<InterruptNotice> notice;
  if (flags.wait.wait) {
    notice.emplace(fmt::format("cluster {} is being scaled and K3k carries on without kraft; "
                               "follow it with `kraft describe {}`",
                               ref.str(), ref.str()),
                   ctx.stderr_is_tty());
  }
  for (const auto& warning : scaled.warnings) print_warning(warning);
  k3k::Cluster cluster = scaled.cluster;
  if (flags.output.empty()) {
    write_stdout(
        fmt::format("{} scaled{}\n", cluster_output_name(ref), dry_run ? " (server dry run)" : ""));
  }
  if (flags.wait.wait) {
    cluster =
        wait_ready(ctx, service, ref, flags.wait,
                   scaled.cluster.metadata.value("generation", std::int64_t{0}));
  }
  if (!flags.output.empty()) print_cluster(without_managed_fields(cluster), flags.output);
  return 0;
}

}  // namespace

void add_scale_command(CommandRegistry& registry) {
  auto flags = std::make_shared<ScaleFlags>();
  CLI::App* cmd = registry.root.add_subcommand("scale", "Change the number of servers or agents");
  cmd->add_option("cluster", flags->cluster,
                  "NAME (in namespace -n, else k3k-NAME) or NAMESPACE/NAME")
      ->required();
  add_int_option(*cmd, "--servers", flags->servers, "Number of servers (at least 1)", 3);
  add_int_option(*cmd, "--agents", flags->agents, "Number of agents (virtual mode; at least 0)", 2);
  cmd->add_flag("--dry-run{server}", flags->dry_run,
                "--dry-run or --dry-run=server: the API server checks the change, nothing is "
                "stored");
  flags->wait.add_to(cmd, "is Ready with the new servers");
  cmd->add_option("-o,--output", flags->output, "Print the cluster as json, yaml or name");
  cmd->footer(R"(Examples:
  kraft scale demo --servers 3 --wait
  kraft scale team-a/ci --agents 4          # virtual mode only; ignored in shared mode
  kraft scale demo --servers 1 -o yaml)");
  CommandContext& ctx = registry.context;
  Action& action = registry.action;
  cmd->callback(
      [&ctx, &action, flags] { action = [&ctx, flags] { return run_scale(ctx, *flags); }; });
}

}  // namespace kraft::cli
