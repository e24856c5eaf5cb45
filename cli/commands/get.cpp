// kraft get NAME: one virtual cluster, as list's row or as the object.
#include <kraft/k3k/cluster_service.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>

#include "cluster_args.h"
#include "cluster_table.h"
#include "command_context.h"
#include "commands/command.h"
#include "output.h"

namespace kraft::cli {
namespace {

struct GetFlags {
  std::string cluster;
  std::string output;
  bool no_headers = false;
  bool show_managed_fields = false;
};

int run_get(CommandContext& ctx, const GetFlags& flags) {
  if (!flags.output.empty()) require_output_format(flags.output, {"wide", "json", "yaml", "name"});
  const k3k::ClusterRef ref = cluster_ref(ctx, flags.cluster);
  const k3k::Cluster cluster = k3k::ClusterService(ctx.client()).get(ref);
  std::string out;
  if (is_cluster_object_format(flags.output)) {
    render_cluster(out, flags.show_managed_fields ? cluster : without_managed_fields(cluster),
                   flags.output);
  } else {
    cluster_table({cluster}, flags.output == "wide", std::chrono::system_clock::now())
        .render(out, flags.no_headers);
  }
  write_stdout(out);
  return 0;
}

}  // namespace

void add_get_command(CommandRegistry& registry) {
  auto flags = std::make_shared<GetFlags>();
  CLI::App* cmd = registry.root.add_subcommand("get", "Show one virtual cluster");
  cmd->add_option("cluster", flags->cluster,
                  "NAME (in namespace -n, else k3k-NAME) or NAMESPACE/NAME")
      ->required();
  cmd->add_option("-o,--output", flags->output, "Output format: wide, json, yaml or name");
  cmd->add_flag("--no-headers", flags->no_headers, "Table without the header line");
  cmd->add_flag("--show-managed-fields", flags->show_managed_fields,
                "Keep metadata.managedFields in -o json|yaml (hidden by default, as in kubectl)");
  cmd->footer(R"(Examples:
  kraft get demo                 # cluster demo in namespace k3k-demo
  kraft get team-a/demo -o yaml
  kraft get demo -n team-a -o json
  kraft get demo -o name         # cluster/k3k-demo/demo)");
  CommandContext& ctx = registry.context;
  Action& action = registry.action;
  cmd->callback(
      [&ctx, &action, flags] { action = [&ctx, flags] { return run_get(ctx, *flags); }; });
}

}  // namespace kraft::cli
