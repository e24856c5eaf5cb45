// kraft kubeconfig prune: remove the contexts kraft made for virtual clusters that no longer
// exist on the host kraft is connected to. Entries of other hosts, and entries kraft did not
// make, are never touched: kraft cannot know whether those clusters exist.
#include <fmt/core.h>
#include <kraft/config/loading.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/kubeconfig.h>
#include <kraft/k3k/resources.h>

#include <CLI/CLI.hpp>
#include <map>
#include <memory>

#include "command_context.h"
#include "commands/command.h"
#include "commands/kubeconfig_commands.h"
#include "kubeconfig_removal.h"
#include "output.h"

namespace kraft::cli {
namespace {

struct PruneFlags {
  bool dry_run = false;
  bool backup = false;
};

struct Stale {
  std::string context;
  k3k::ClusterRef ref;
};

// Contexts whose cluster entry kraft made for a cluster on `host` that is gone.
std::vector<Stale> find_stale(const config::Kubeconfig& merged, const std::string& host,
                              const k3k::ClusterService& service, int& other_hosts) {
  std::vector<Stale> stale;
  std::map<std::string, bool> exists;  // by NS/NAME: one GET per cluster
  for (const auto& context : merged.contexts) {
    const auto* cluster = merged.find_cluster(context.value.cluster);
    if (!cluster) continue;
    const auto origin = k3k::virtual_cluster_origin(cluster->raw);
    if (!origin) continue;
    if (origin->host != host) {
      ++other_hosts;
      continue;
    }
    const std::string key = origin->ref.str();
    auto it = exists.find(key);
    if (it == exists.end()) {
      // Without K3k every GET would be a 404 and every context would look stale.
      if (exists.empty()) k3k::require_k3k(service.client());
      it = exists.emplace(key, service.get_opt(origin->ref).has_value()).first;
    }
    if (!it->second) stale.push_back({context.name, origin->ref});
  }
  return stale;
}

int run_prune(CommandContext& ctx, const PruneFlags& flags) {
  const config::LoadingRules rules = ctx.flags().loading_rules();
  const config::Kubeconfig merged = config::load_merged(rules);
  const std::string host = k3k::canonical_server_url(ctx.client_config().server);
  const k3k::ClusterService service(ctx.client());
  int other_hosts = 0;
  const std::vector<Stale> stale = find_stale(merged, host, service, other_hosts);

  std::string out;
  std::vector<std::string> names;
  for (const auto& s : stale) {
    names.push_back(s.context);
    if (flags.dry_run) {
      out += fmt::format("context {} would be removed: cluster {} no longer exists\n", s.context,
                         s.ref.str());
    }
  }
  if (!flags.dry_run && !names.empty()) remove_from_files(rules, merged, names, flags.backup);
  if (stale.empty()) {
    out +=
        fmt::format("nothing to prune: every virtual cluster context for {} still exists\n", host);
  }
  if (other_hosts > 0) {
    out += fmt::format("{} context{} of other hosts left alone (connect to them to prune)\n",
                       other_hosts, other_hosts == 1 ? "" : "s");
  }
  print_stdout(out);
  return 0;
}

}  // namespace

void add_kubeconfig_prune(CLI::App& group, CommandRegistry& registry) {
  auto flags = std::make_shared<PruneFlags>();
  CLI::App* cmd = group.add_subcommand(
      "prune", "Remove contexts of virtual clusters that no longer exist on the host");
  cmd->add_flag("--dry-run", flags->dry_run, "Only print what would be removed");
  cmd->add_flag("--backup", flags->backup, "Keep each previous file as PATH.bak");
  cmd->footer(R"(Examples:
  kraft kubeconfig prune --dry-run
  kraft kubeconfig prune --context host-prod     # prune what was made for that host

Only contexts kraft made (kubeconfig get --merge, create --merge) for the host kraft is
connected to are considered; their clusters and users go too when nothing else uses them.)");
  CommandContext& ctx = registry.context;
  Action& action = registry.action;
  cmd->callback(
      [&ctx, &action, flags] { action = [&ctx, flags] { return run_prune(ctx, *flags); }; });
}

}  // namespace kraft::cli
