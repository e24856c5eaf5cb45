// kraft list (ls): the virtual clusters on the host, as kubectl would show them, or as one
// JSON/YAML List for scripts.
#include <fmt/core.h>
#include <kraft/k3k/cluster_service.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <memory>

#include "cluster_args.h"
#include "cluster_table.h"
#include "command_context.h"
#include "commands/command.h"
#include "list_watch.h"
#include "output.h"

namespace kraft::cli {
namespace {

struct ListFlags {
  bool all_namespaces = false;
  std::string selector;
  std::string output;
  bool no_headers = false;
  std::string sort_by = "namespace";
  bool show_managed_fields = false;
  bool watch = false;
  bool watch_events = false;
};

// The clusters live until the process ends: freeing thousands of parsed objects just before
// exit costs a sixth of `kraft list`'s CPU time and frees nothing anyone needs. Reachable
// through this pointer, so leak checkers do not count it.
const std::vector<k3k::Cluster>* g_clusters_kept_until_exit = nullptr;

std::string_view creation_time(const k3k::Cluster& c) {
  auto it = c.metadata.find("creationTimestamp");
  return it != c.metadata.end() && it->is_string()
             ? std::string_view(it->get_ref<const std::string&>())
             : std::string_view();
}

// The SDK lists by namespace, then name; the other orders keep that as the tie-break.
void sort_clusters(std::vector<k3k::Cluster>& clusters, const std::string& by) {
  auto sort = [&](auto key) {
    std::stable_sort(clusters.begin(), clusters.end(),
                     [&](const auto& a, const auto& b) { return key(a) < key(b); });
  };
  if (by == "name") {
    sort([](const k3k::Cluster& c) { return c.name(); });
  } else if (by == "age") {
    // Oldest first, like kubectl --sort-by=.metadata.creationTimestamp (the newest cluster is
    // the last line, next to the prompt). metav1.Time is RFC 3339 UTC: it sorts as text.
    sort(creation_time);
  } else if (by == "status") {
    sort([](const k3k::Cluster& c) { return k3k::to_string(c.phase()); });
  }
}

int run_list(CommandContext& ctx, const ListFlags& flags) {
  if (!flags.output.empty()) require_output_format(flags.output, {"wide", "json", "yaml", "name"});
  check_label_selector(flags.selector);
  k3k::ListQuery query;
  // kubectl lets -A win over -n; without either, list shows every namespace (K3k puts each
  // cluster in a namespace of its own, so one namespace is rarely what people want).
  query.ns = flags.all_namespaces ? "" : ctx.flags().ns;
  query.label_selector = flags.selector;
  query.show_managed_fields = flags.show_managed_fields;
  if (flags.watch_events && !flags.watch) {
    throw ValidationError("--output-watch-events applies only with -w/--watch: add -w");
  }
  if (flags.watch) {
    if (flags.sort_by != "namespace") {
      throw ValidationError("--sort-by cannot be combined with -w: rows come as clusters change");
    }
    return run_list_watch(ctx, {.ns = query.ns,
                                .selector = query.label_selector,
                                .output = flags.output,
                                .no_headers = flags.no_headers,
                                .show_managed_fields = flags.show_managed_fields,
                                .watch_events = flags.watch_events});
  }
  auto& clusters = *new std::vector<k3k::Cluster>(k3k::ClusterService(ctx.client()).list(query));
  g_clusters_kept_until_exit = &clusters;
  sort_clusters(clusters, flags.sort_by);

  std::string out;
  const bool structured = flags.output == "json" || flags.output == "yaml";
  if (clusters.empty() && !structured) {
    // stdout stays empty (a script reading names gets none); people read stderr.
    print_stderr("No virtual clusters found{}.\n",
                 query.ns.empty() ? "" : fmt::format(" in namespace {}", query.ns));
    return 0;
  }
  if (is_cluster_object_format(flags.output)) {
    render_cluster_list(out, clusters, flags.output);
  } else {
    cluster_table(clusters, flags.output == "wide", std::chrono::system_clock::now())
        .render(out, flags.no_headers);
  }
  write_stdout(out);
  return 0;
}

}  // namespace

void add_list_command(CommandRegistry& registry) {
  auto flags = std::make_shared<ListFlags>();
  CLI::App* cmd =
      registry.root.add_subcommand("list", "List virtual clusters (all namespaces unless -n)");
  cmd->alias("ls");
  cmd->add_flag("-A,--all-namespaces", flags->all_namespaces,
                "Every namespace (the default; overrides -n)");
  cmd->add_option("-l,--selector", flags->selector,
                  "Label selector, e.g. team=a,env!=prod or 'tier in (web,api)' (checked "
                  "before it is sent: a bad one exits 2)");
  cmd->add_option("-o,--output", flags->output, "Output format: wide, json, yaml or name");
  cmd->add_flag("--no-headers", flags->no_headers, "Table without the header line");
  cmd->add_option("--sort-by", flags->sort_by, "Order: namespace (default), name, age or status")
      ->check(CLI::IsMember({"namespace", "name", "age", "status"}));
  cmd->add_flag("--show-managed-fields", flags->show_managed_fields,
                "Keep metadata.managedFields in -o json|yaml (hidden by default, as in kubectl)");
  cmd->add_flag("-w,--watch", flags->watch,
                "After the list, print a row (or object) each time a cluster is added, changed "
                "or deleted, until Ctrl-C");
  cmd->add_flag("--output-watch-events", flags->watch_events,
                "With -w: say the event (ADDED, MODIFIED, DELETED) on each row, or print "
                "{\"type\", \"object\"} events with -o json|yaml");
  cmd->footer(R"(Columns: NAMESPACE NAME MODE SERVERS AGENTS VERSION STATUS POLICY AGE;
-o wide adds EXPOSE PERSISTENCE CLUSTER-CIDR SERVICE-CIDR HOST.
-o json|yaml prints {"apiVersion": "v1", "kind": "List", "items": [Cluster...]}.

Examples:
  kraft list
  kraft ls -n team-a
  kraft list -l env=dev --sort-by age
  kraft list -o wide --no-headers
  kraft list -A -o json | jq -r '.items[].metadata.name'
  kraft list -w --output-watch-events     # like kubectl get -w

With -w, json and yaml print one object per change (yaml documents start with ---), as
kubectl does; the watch is one list and one watch however many clusters there are. It runs
until Ctrl-C, which ends kraft by the signal (the shell reports 130).)");
  CommandContext& ctx = registry.context;
  Action& action = registry.action;
  cmd->callback(
      [&ctx, &action, flags] { action = [&ctx, flags] { return run_list(ctx, *flags); }; });
}

}  // namespace kraft::cli
