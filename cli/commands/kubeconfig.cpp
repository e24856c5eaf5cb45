// kraft kubeconfig ...: hand out kubeconfigs for virtual clusters (get) and manage kubeconfig
// files safely (merge, list, use, rename, remove, prune).
#include <CLI/CLI.hpp>

#include "commands/command.h"
#include "commands/kubeconfig_commands.h"

namespace kraft::cli {

void add_kubeconfig_command(CommandRegistry& registry) {
  CLI::App* group = registry.root.add_subcommand(
      "kubeconfig", "Get kubeconfigs for virtual clusters; merge and tidy kubeconfig files");
  group->require_subcommand(1);
  group->footer(R"(Examples:
  kraft kubeconfig get demo > demo.yaml
  kraft kubeconfig get demo --merge --switch       # into ~/.kube/config, then use it
  kraft kubeconfig merge team-a.yaml team-b.yaml --into ~/.kube/config
  kraft kubeconfig list
  kraft kubeconfig use kraft-k3k-demo-demo
  kraft kubeconfig prune                           # drop contexts of deleted clusters

Every write locks PATH.lock as kubectl does, writes a temporary file, fsyncs and renames it:
an interrupted write leaves the old file whole. New files get mode 0600.)");
  add_kubeconfig_get(*group, registry);
  add_kubeconfig_merge(*group, registry);
  add_kubeconfig_context_commands(*group, registry);
  add_kubeconfig_prune(*group, registry);
}

}  // namespace kraft::cli
