// kraft delete NAME...|--all|-l SELECTOR: clusters, their server volumes, and the namespaces
// kraft created for them. The clusters are deleted in parallel by the SDK's remove_many, each on
// its own: one failure does not stop the others, every failure is listed at the end, and the
// exit code is the failures' common code (1 when they differ).
#include <fmt/core.h>
#include <kraft/api/errors.h>
#include <kraft/core/error.h>
#include <kraft/core/executor.h>
#include <kraft/core/text.h>
#include <kraft/k3k/cluster_service.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cluster_args.h"
#include "cluster_wait.h"
#include "command_context.h"
#include "commands/command.h"
#include "error_hints.h"
#include "int_flags.h"
#include "interrupt.h"
#include "output.h"
#include "progress.h"

namespace kraft::cli {
namespace {

struct DeleteFlags {
  std::vector<std::string> clusters;
  bool all = false;
  std::string selector;
  bool keep_data = false;
  bool keep_namespace = false;
  bool yes = false;
  bool ignore_not_found = false;
  int parallel = 16;
  WaitFlags wait;
};

// Which clusters --all or -l mean: -n's namespace, else every namespace (as list shows).
std::vector<k3k::ClusterRef> select(CommandContext& ctx, const k3k::ClusterService& service,
                                    const DeleteFlags& flags) {
  k3k::ListQuery query;
  query.ns = ctx.flags().ns;
  query.label_selector = flags.selector;
  std::vector<k3k::ClusterRef> refs;
  for (const auto& c : service.list(query)) refs.push_back({c.namespace_name(), c.name()});
  return refs;
}

// --all is the one way to lose every cluster at once: a person confirms it, a script says
// --yes; nothing ever waits for an answer that cannot come.
void confirm_all(CommandContext& ctx, const std::vector<k3k::ClusterRef>& refs) {
  if (!ctx.stdin_is_tty() || !ctx.stderr_is_tty()) {
    throw ValidationError("refusing to delete " + std::to_string(refs.size()) +
                          " cluster(s) chosen by --all or -l without --yes when not on a "
                          "terminal (add --yes, or -n NS to limit -l to one namespace)");
  }
  print_stderr("About to delete {} cluster(s):\n", refs.size());
  for (const auto& ref : refs) print_stderr("  {}\n", ref.str());
  print_stderr("Delete them? [y/N] ");
  std::fflush(stderr);
  std::string answer;
  std::getline(std::cin, answer);
  if (answer != "y" && answer != "Y" && answer != "yes") {
    throw Error("nothing deleted");
  }
}

// Prints what one removal did (under the output lock: several finish at once).
void report_removed(const k3k::RemoveResult& removed) {
  const k3k::ClusterRef& ref = removed.ref;
  print_stdout("{} deleted\n", cluster_output_name(ref));
  for (const auto& pvc : removed.deleted_pvcs) {
    print_stdout("persistentvolumeclaim/{}/{} deleted\n", ref.ns, pvc);
  }
  if (removed.namespace_deleted) print_stdout("namespace/{} deleted\n", ref.ns);
  flush_stdout();
  if (!removed.namespace_kept_because.empty()) {
    print_stderr("namespace {} kept: {}{}\n", ref.ns, removed.namespace_kept_because,
                 removed.kept_pvcs.empty() ? "" : " (--keep-data)");
  }
}

// A cluster that was not there is an error unless --ignore-not-found: the error names the
// clusters that do exist.
void check_found(const k3k::ClusterService& service, Outcome<k3k::RemoveResult>& o,
                 const DeleteFlags& flags) {
  if (!o.ok() || o.value->found || flags.ignore_not_found) return;
  const k3k::ClusterRef ref = o.value->ref;
  o.value.reset();
  try {
    service.get(ref);  // throws NotFound with the names that do exist
    // Created again since the deletion looked: still nothing was deleted.
    throw api::NotFoundError("cluster \"" + ref.str() + "\" not found", ref.object());
  } catch (...) {
    o.failure = describe_exception(std::current_exception());
  }
}

// Every cluster not deleted, after the fact: with many, the errors above scrolled away.
void print_failures(const std::vector<k3k::ClusterRef>& refs,
                    const std::vector<Outcome<k3k::RemoveResult>>& outcomes) {
  std::size_t failed = 0;
  for (const auto& o : outcomes) failed += !o.ok();
  if (failed == 0) return;
  print_stderr("{} of {} clusters were not deleted:\n", failed, refs.size());
  for (std::size_t i = 0; i < refs.size(); ++i) {
    if (outcomes[i].cancelled) {
      print_stderr("  {}: not started (interrupted)\n", refs[i].str());
    } else if (outcomes[i].failure) {
      print_stderr("  {}: {}\n", refs[i].str(), error_text(*outcomes[i].failure));
    }
  }
}

std::string deleting_notice(const std::vector<k3k::ClusterRef>& deleted) {
  if (deleted.size() == 1) {
    return fmt::format(
        "cluster {} is being deleted and K3k finishes that without kraft; check "
        "with `kraft get {}`",
        deleted[0].str(), deleted[0].str());
  }
  return fmt::format(
      "{} clusters are being deleted and K3k finishes that without kraft; check "
      "with `kraft list`",
      deleted.size());
}

int run_delete(CommandContext& ctx, const DeleteFlags& flags) {
  const int ways = !flags.clusters.empty() + flags.all + !flags.selector.empty();
  if (ways == 0) {
    throw ValidationError("name the clusters to delete, or use --all or -l SELECTOR");
  }
  if (ways > 1) throw ValidationError("give cluster names, --all or -l, not several of them");
  if (!flags.selector.empty() && check_label_selector(flags.selector) == 0) {
    // A blank selector selects everything: deleting every cluster is what --all is for.
    throw ValidationError("a blank -l selects every cluster; use --all to delete them all");
  }
  flags.wait.check();
  std::vector<k3k::ClusterRef> refs;
  for (const auto& arg : flags.clusters) refs.push_back(cluster_ref(ctx, arg));
  k3k::ClusterService service(ctx.client());
  if (refs.empty()) {
    refs = select(ctx, service, flags);
    if (refs.empty()) {
      print_stderr("No virtual clusters found{}.\n",
                   ctx.flags().ns.empty() ? "" : " in namespace " + ctx.flags().ns);
      return 0;
    }
    // -l without -n reaches every namespace, as --all does: the same confirmation.
    const bool everywhere = flags.all || ctx.flags().ns.empty();
    if (everywhere && !flags.yes) confirm_all(ctx, refs);
  }
  if (flags.parallel < 1) throw ValidationError("--parallel must be at least 1, e.g. --parallel 8");
  // Several deletions run at once: their lines and errors are written whole, one at a time.
  std::mutex out_mu;
  std::vector<Outcome<k3k::RemoveResult>> outcomes;
  std::vector<k3k::ClusterRef> deleted;
  {
    // Ctrl-C starts no new deletion; those under way finish (a deletion is one request
    // for the Cluster, then its volumes and namespace, and K3k finishes it anyway).
    CancellationSource cancel;
    CancelOnInterrupt interrupt(cancel,
                                "no new deletion is started; those under way finish (Ctrl-C "
                                "again to stop at once)",
                                ctx.stderr_is_tty());
    k3k::RemoveOptions options;
    options.keep_data = flags.keep_data;
    options.keep_namespace = flags.keep_namespace;
    const bool tally_shown = ctx.stderr_is_tty() && refs.size() > 1;
    Progress progress(tally_shown ? Progress::Style::kSpinner : Progress::Style::kQuiet);
    BatchTally tally(progress, "deleted", refs.size());
    outcomes =
        service.remove_many(refs, options, {.parallel = flags.parallel, .cancel = cancel.token()},
                            [&](std::size_t, const Outcome<k3k::RemoveResult>& o) {
                              if (!o.cancelled)
                                tally.count(o.ok() && (o.value->found || flags.ignore_not_found));
                              std::lock_guard lock(out_mu);
                              if (o.failure) print_stderr("error: {}\n", error_text(*o.failure));
                              if (!o.ok() || !o.value->found) return;
                              deleted.push_back(o.value->ref);
                              report_removed(*o.value);
                            });
    progress.finish();
    // The count ends the phase on a terminal and in a pipe (a CI log wants it too).
    if (refs.size() > 1) print_stderr("{}\n", tally.summary());
    for (auto& o : outcomes) {
      const bool was_ok = !o.failure;
      check_found(service, o, flags);
      if (was_ok && o.failure) print_stderr("error: {}\n", error_text(*o.failure));
    }
    if (interrupt.signal() != 0) {
      print_failures(refs, outcomes);
      // What was deleted goes on without kraft: say so, as a wait interrupted later would.
      if (!deleted.empty()) print_stderr("interrupted: {}\n", deleting_notice(deleted));
      interrupt.end_if_interrupted();
    }
  }
  if (flags.wait.wait && !deleted.empty()) {
    // One shared watch for every deletion; Ctrl-C says which ones K3k finishes without kraft.
    InterruptNotice notice(deleting_notice(deleted), ctx.stderr_is_tty());
    std::vector<std::size_t> index;
    for (const auto& ref : deleted) {
      index.push_back(std::find(refs.begin(), refs.end(), ref) - refs.begin());
    }
    auto gone = wait_deleted(ctx, service, deleted, flags.wait);
    for (std::size_t k = 0; k < gone.size(); ++k) {
      if (gone[k].ok()) continue;
      print_stderr("error: {}\n", error_text(*gone[k].failure));
      outcomes[index[k]].value.reset();
      outcomes[index[k]].failure = gone[k].failure;
    }
  }
  if (refs.size() > 1) print_failures(refs, outcomes);
  const int exit_code = static_cast<int>(batch_exit_code(outcomes));
  return exit_code;
}

}  // namespace

void add_delete_command(CommandRegistry& registry) {
  auto flags = std::make_shared<DeleteFlags>();
  CLI::App* cmd = registry.root.add_subcommand("delete", "Delete virtual clusters");
  cmd->add_option("clusters", flags->clusters,
                  "NAME (in namespace -n, else k3k-NAME) or NAMESPACE/NAME, one or more");
  cmd->add_flag("--all", flags->all,
                "Every cluster in namespace -n, or in every namespace (asks first)");
  cmd->add_option("-l,--selector", flags->selector,
                  "Clusters whose labels match, e.g. team=dev or 'env in (dev,ci)' (checked "
                  "before anything is sent)");
  cmd->add_flag("--keep-data", flags->keep_data,
                "Keep the server PersistentVolumeClaims (and so their namespace)");
  cmd->add_flag("--keep-namespace", flags->keep_namespace,
                "Keep the namespace even when kraft created it");
  cmd->add_flag("-y,--yes", flags->yes, "Do not ask before --all");
  cmd->add_flag("--ignore-not-found", flags->ignore_not_found,
                "A cluster that does not exist is not an error");
  add_int_option(*cmd, "--parallel", flags->parallel,
                 "How many clusters are deleted at once (default 16)", 8);
  flags->wait.add_to(cmd, "is gone (its finalizer has run)");
  cmd->footer(R"(Examples:
  kraft delete demo                      # cluster k3k-demo/demo, its volumes, its namespace
  kraft delete team-a/dev team-a/ci --wait
  kraft delete -l workshop=kubecon --yes
  kraft delete --all -n team-a
  kraft delete demo --keep-data          # keep the PVCs (and the namespace holding them)
  kraft delete demo --ignore-not-found   # idempotent, for scripts

The namespace goes only when kraft created it (label app.kubernetes.io/managed-by=kraft)
and no other cluster, pod or PVC lives there.

Several clusters are deleted in parallel (--parallel, default 16); one failure does not stop
the others, and the failures are listed at the end. The exit code is the failures' common
code (3 when every failure was "not found"), else 1. --wait waits for all on one shared
watch. Ctrl-C starts no new deletion and lets those under way finish.)");
  CommandContext& ctx = registry.context;
  Action& action = registry.action;
  cmd->callback(
      [&ctx, &action, flags] { action = [&ctx, flags] { return run_delete(ctx, *flags); }; });
}

}  // namespace kraft::cli
