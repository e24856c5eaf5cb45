#include "create_many.h"

#include <fmt/core.h>
#include <kraft/core/executor.h>
#include <kraft/core/text.h>

#include <algorithm>
#include <exception>
#include <map>
#include <mutex>
#include <optional>

#include "cluster_args.h"
#include "command_context.h"
#include "error_hints.h"
#include "interrupt.h"
#include "output.h"
#include "progress.h"

namespace kraft::cli {
namespace {

// What happened to one name, across the create, the wait and the kubeconfig.
struct Item {
  std::string label;  // NS/NAME, or the name as given when it is not a valid one
  std::optional<k3k::ClusterRef> ref;
  std::optional<k3k::Cluster> cluster;
  std::optional<Failure> failure;
  bool cancelled = false;
};

void print_summary(const std::vector<Item>& items, std::string_view what) {
  std::size_t failed = 0;
  for (const auto& item : items) failed += item.failure || item.cancelled;
  if (failed == 0) return;
  print_stderr("{} of {} clusters {}:\n", failed, items.size(), what);
  for (const auto& item : items) {
    if (item.cancelled) {
      print_stderr("  {}: not started (interrupted; nothing was made for it)\n", item.label);
    } else if (item.failure) {
      print_stderr("  {}: {}\n", item.label, error_text(*item.failure));
    }
  }
}

int exit_code_of(const std::vector<Item>& items) {
  std::vector<Outcome<bool>> outcomes(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].failure) {
      outcomes[i].failure = items[i].failure;
    } else if (items[i].cancelled) {
      outcomes[i].cancelled = true;
    } else {
      outcomes[i].value = true;
    }
  }
  return static_cast<int>(batch_exit_code(outcomes));
}

}  // namespace

int run_create_many(CommandContext& ctx, const CreateManyJob& job) {
  const bool tty = ctx.stderr_is_tty();
  const char* suffix = job.options.dry_run == k3k::DryRun::kClient   ? " (dry run)"
                       : job.options.dry_run == k3k::DryRun::kServer ? " (server dry run)"
                                                                     : "";
  // Names that are not valid fail on their own; the others go on.
  std::vector<Item> items(job.names.size());
  std::vector<k3k::ClusterRequest> requests;
  std::vector<std::size_t> item_of;  // request index → item index
  for (std::size_t i = 0; i < job.names.size(); ++i) {
    items[i].label = job.names[i];
    try {
      k3k::ClusterRef ref = cluster_ref(ctx, job.names[i]);
      items[i].ref = ref;
      items[i].label = ref.str();
      k3k::ClusterRequest request = job.request;
      request.ns = ref.ns;
      request.name = ref.name;
      requests.push_back(std::move(request));
      item_of.push_back(i);
    } catch (const Error&) {
      items[i].failure = describe_exception(std::current_exception());
      print_stderr("error: {}: {}\n", items[i].label, error_text(*items[i].failure));
    }
  }

  std::mutex out_mu;
  auto report = [&](std::size_t r, const Outcome<k3k::CreateResult>& o) {
    Item& item = items[item_of[r]];
    std::lock_guard lock(out_mu);
    if (o.cancelled) {
      item.cancelled = true;
      return;
    }
    if (!o.ok()) {
      item.failure = o.failure;
      print_stderr("error: {}: {}\n", item.label, error_text(*o.failure));
      return;
    }
    const k3k::CreateResult& created = *o.value;
    item.cluster = created.cluster;
    for (const auto& warning : created.warnings) {
      print_warning(fmt::format("{}: {}", item.label, warning));
    }
    if (!job.output.empty()) return;
    std::string lines;
    if (created.namespace_created)
      lines += fmt::format("namespace/{} created{}\n", created.ref.ns, suffix);
    lines += fmt::format("{} created{}\n", cluster_output_name(created.ref), suffix);
    if (created.traefik_route) {
      lines += fmt::format("ingressroutetcp/{}/{} created{}\n", created.ref.ns,
                           k3k::traefik_route_name(created.ref.name), suffix);
    }
    write_stdout(lines);
  };

  k3k::ClusterService service(ctx.client());
  {
    CancellationSource cancel;
    CancelOnInterrupt interrupt(cancel,
                                "no new cluster is started; those under way finish or are "
                                "undone (Ctrl-C again to stop at once)",
                                tty);
    Progress progress(tty ? Progress::Style::kSpinner : Progress::Style::kQuiet);
    BatchTally tally(progress, "created", items.size());
    for (const auto& item : items) {
      if (item.failure) tally.count(false);  // refused before anything was sent
    }
    k3k::BatchOptions batch;
    batch.parallel = job.parallel;
    batch.cancel = cancel.token();
    batch.attempts = 6;  // transient failures only; each retry recognises what it made
    service.create_many(requests, job.options, batch,
                        [&](std::size_t r, const Outcome<k3k::CreateResult>& o) {
                          report(r, o);
                          if (!o.cancelled) tally.count(o.ok());
                        });
    progress.finish();
    // The count ends the phase on a terminal and in a pipe (a CI log wants it too).
    if (items.size() > 1) print_stderr("{}\n", tally.summary());
    if (interrupt.signal() != 0) {
      print_summary(items, "were not created");
      interrupt.end_if_interrupted();
    }
  }

  // One shared wait for every cluster created.
  if (job.wait->wait) {
    std::vector<k3k::ClusterRef> refs;
    std::vector<std::size_t> waited;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].cluster) {
        refs.push_back(*items[i].ref);
        waited.push_back(i);
      }
    }
    InterruptNotice notice(fmt::format("{} clusters were created and keep provisioning; follow "
                                       "them with `kraft list`",
                                       refs.size()),
                           tty);
    Progress progress(tty ? Progress::Style::kSpinner : Progress::Style::kQuiet);
    BatchTally tally(progress, "Ready", refs.size());
    std::mutex state_mu;
    std::map<std::string, std::string> phases;
    k3k::WaitOptions options;
    options.timeout = job.wait->timeout_duration();
    options.on_change = [&](const k3k::Cluster& c) {
      const std::string label = c.namespace_name() + "/" + c.name();
      std::lock_guard lock(state_mu);
      if (!tty) print_stderr("cluster {}: {}\n", label, k3k::to_string(c.phase()));
      if (c.phase() == k3k::ClusterPhase::kReady) tally.count(true);
    };
    auto outcomes = service.wait_ready(refs, options);
    progress.finish();
    // The count ends the wait on a terminal and in a pipe (a CI log wants it too).
    const auto ready =
        std::count_if(outcomes.begin(), outcomes.end(), [](const auto& o) { return o.ok(); });
    print_stderr("{} of {} clusters Ready ({})\n", ready, refs.size(), progress.elapsed());
    for (std::size_t k = 0; k < outcomes.size(); ++k) {
      Item& item = items[waited[k]];
      if (outcomes[k].ok()) {
        item.cluster = *outcomes[k].value;
      } else {
        item.failure = outcomes[k].failure;
        print_stderr("error: {}: {}\n", item.label, error_text(*item.failure));
      }
    }
    // --merge: each Ready cluster's kubeconfig, one merge after another (the file is locked).
    if (job.kubeconfig->any()) {
      for (auto& item : items) {
        if (item.failure || !item.cluster) continue;
        try {
          k3k::KubeconfigRequest kubeconfig;
          kubeconfig.url.override_host = job.request.server_host;
          std::string done = deliver_kubeconfig(ctx, *item.ref, kubeconfig, *job.kubeconfig);
          if (job.output.empty()) {
            write_stdout(done);
          } else {
            print_stderr(done);
          }
        } catch (const Error& e) {
          // The flags that fix it first, then how to get the kubeconfig once they are fixed.
          item.failure = describe_exception(std::make_exception_ptr(
              Error(error_text(e) +
                        " (the cluster was created; get its kubeconfig with `kraft "
                        "kubeconfig get " +
                        item.label + "`)",
                    e.exit_code())));
          print_stderr("error: {}: {}\n", item.label, item.failure->message);
        }
      }
    }
  }

  if (!job.output.empty()) {
    std::vector<k3k::Cluster> made;
    for (const auto& item : items) {
      if (item.cluster && !item.failure) made.push_back(without_managed_fields(*item.cluster));
    }
    std::string out;
    render_cluster_list(out, made, job.output);
    write_stdout(out);
  }
  print_summary(items, "failed");
  return exit_code_of(items);
}

}  // namespace kraft::cli
