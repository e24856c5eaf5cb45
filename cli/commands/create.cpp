// kraft create NAME: a K3k Cluster (and its namespace), optionally waiting until it is Ready.
#include <fmt/core.h>
#include <kraft/core/error.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/server_url.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

#include "cluster_args.h"
#include "cluster_wait.h"
#include "command_context.h"
#include "commands/command.h"
#include "create_many.h"
#include "error_hints.h"
#include "int_flags.h"
#include "interrupt.h"
#include "kubeconfig_delivery.h"
#include "output.h"

namespace kraft::cli {
namespace {

struct CreateFlags {
  std::vector<std::string> clusters;
  int parallel = 16;
  k3k::ClusterRequest request;
  std::string expose = "nodeport";
  std::vector<std::string> labels;
  std::string dry_run;
  std::string output;
  WaitFlags wait;
  KubeconfigDestination kubeconfig;
};

k3k::DryRun parse_dry_run(const std::string& value) {
  if (value.empty() || value == "none") return k3k::DryRun::kNone;
  if (value == "client") return k3k::DryRun::kClient;
  if (value == "server") return k3k::DryRun::kServer;
  throw ValidationError("unknown --dry-run \"" + value + "\": use client or server");
}

void parse_labels(const std::vector<std::string>& labels, k3k::ClusterRequest& request) {
  for (const auto& label : labels) {
    const auto eq = label.find('=');
    if (eq == std::string::npos) {
      throw ValidationError("--label \"" + label + "\" is not KEY=VALUE (e.g. --label team=dev)");
    }
    request.labels[label.substr(0, eq)] = label.substr(eq + 1);
  }
}

// The checks of the flags that do not depend on the names, then the batch (create_many.h).
int run_create_several(CommandContext& ctx, CreateFlags& flags) {
  CreateManyJob job;
  job.names = flags.clusters;
  job.request = flags.request;
  job.request.expose = k3k::parse_expose_mode(flags.expose);
  parse_labels(flags.labels, job.request);
  job.options.dry_run = parse_dry_run(flags.dry_run);
  if (job.options.dry_run != k3k::DryRun::kNone && (flags.wait.wait || flags.kubeconfig.any())) {
    throw ValidationError(
        "--wait and --merge cannot be combined with --dry-run: nothing is "
        "created");
  }
  flags.kubeconfig.validate();
  if (flags.kubeconfig.any()) flags.wait.wait = true;
  flags.wait.check();
  if (job.options.dry_run == k3k::DryRun::kClient && job.request.server_host.empty() &&
      job.request.expose == k3k::ExposeMode::kNodePort) {
    try {
      job.request.server_host = k3k::url_host(ctx.client_config().server);
    } catch (const ConfigError&) {
    }
  }
  job.parallel = flags.parallel;
  job.output = flags.output;
  job.wait = &flags.wait;
  job.kubeconfig = &flags.kubeconfig;
  return run_create_many(ctx, job);
}

int run_create(CommandContext& ctx, CreateFlags& flags) {
  if (!flags.output.empty()) require_output_format(flags.output, kClusterObjectFormats);
  if (flags.parallel < 1) throw ValidationError("--parallel must be at least 1, e.g. --parallel 8");
  const bool several = flags.clusters.size() > 1;
  if (several && !flags.kubeconfig.file.empty()) {
    throw ValidationError(
        "--kubeconfig-out writes one cluster's kubeconfig: with several "
        "clusters use --merge (each one is merged), or create them one at a "
        "time");
  }
  if (several && flags.kubeconfig.switch_context) {
    throw ValidationError(
        "--switch makes one context current: with several clusters drop it and "
        "pick one later with `kraft kubeconfig use-context`");
  }
  if (several) return run_create_several(ctx, flags);
  const k3k::ClusterRef ref = cluster_ref(ctx, flags.clusters.front());
  k3k::ClusterRequest& request = flags.request;
  request.ns = ref.ns;
  request.name = ref.name;
  request.expose = k3k::parse_expose_mode(flags.expose);
  parse_labels(flags.labels, request);
  k3k::CreateOptions options;
  options.dry_run = parse_dry_run(flags.dry_run);
  if (options.dry_run != k3k::DryRun::kNone && flags.wait.wait) {
    throw ValidationError("--wait cannot be combined with --dry-run: nothing is created");
  }
  flags.kubeconfig.validate();
  if (options.dry_run != k3k::DryRun::kNone && flags.kubeconfig.any()) {
    throw ValidationError(
        "--kubeconfig-out and --merge cannot be combined with --dry-run: "
        "no cluster is created");
  }
  // A kubeconfig is handed out once the cluster is Ready: --kubeconfig-out/--merge wait.
  if (flags.kubeconfig.any()) flags.wait.wait = true;
  flags.wait.check();  // a bad --timeout fails before creating

  k3k::CreateResult created;
  std::optional<k3k::ClusterService> service;
  if (options.dry_run == k3k::DryRun::kClient) {
    // Like kubectl's client dry run, no server contact; the kubeconfig is read (when there is
    // one) only for the host API server's name, which create() would put in the SANs.
    if (request.expose == k3k::ExposeMode::kNodePort && request.server_host.empty()) {
      try {
        request.server_host = k3k::url_host(ctx.client_config().server);
      } catch (const ConfigError&) {
      }
    }
    created.cluster = k3k::build_cluster(request);
    created.ref = ref;
    created.warnings = k3k::request_warnings(request);
  } else {
    service.emplace(ctx.client());
    created = service->create(request, options);
  }
  // From here the cluster exists: Ctrl-C while waiting says so (and how to follow it).
  std::optional<InterruptNotice> notice;
  const std::string name = created.ref.str();
  if (flags.wait.wait) {
    notice.emplace(
        fmt::format("cluster {} was created and keeps provisioning; follow it with "
                    "`kraft describe {}`{}",
                    name, name,
                    flags.kubeconfig.any() ? fmt::format(", then get its kubeconfig with `kraft "
                                                         "kubeconfig get {}`",
                                                         name)
                                           : ""),
        ctx.stderr_is_tty());
  }
  for (const auto& warning : created.warnings) print_warning(warning);

  k3k::Cluster cluster = created.cluster;
  const char* suffix = options.dry_run == k3k::DryRun::kClient   ? " (dry run)"
                       : options.dry_run == k3k::DryRun::kServer ? " (server dry run)"
                                                                 : "";
  if (flags.output.empty()) {
    if (created.namespace_created) print_stdout("namespace/{} created{}\n", ref.ns, suffix);
    print_stdout("{} created{}\n", cluster_output_name(ref), suffix);
    if (created.traefik_route) {
      print_stdout("ingressroutetcp/{}/{} created{}\n", ref.ns, k3k::traefik_route_name(ref.name),
                   suffix);
    }
    flush_stdout();
  }
  if (flags.wait.wait) {
    cluster = wait_ready(ctx, *service, created.ref, flags.wait, 0);
  }
  if (flags.kubeconfig.any()) {
    notice->update(
        fmt::format("cluster {} is Ready; kraft stopped while handing out its "
                    "kubeconfig: get it with `kraft kubeconfig get {}`",
                    name, name));
    std::string done;
    try {
      k3k::KubeconfigRequest kubeconfig;
      kubeconfig.url.override_host = request.server_host;  // where its NodePort is reached
      done = deliver_kubeconfig(ctx, created.ref, kubeconfig, flags.kubeconfig);
    } catch (const Error& e) {
      // The cluster exists; say so, and how to get the kubeconfig once the cause is fixed.
      throw Error(error_text(e) + " (cluster " + created.ref.str() +
                      " was created; get its kubeconfig with `kraft kubeconfig get " +
                      created.ref.str() + "`)",
                  e.exit_code());
    }
    // stdout belongs to -o's object when there is one.
    if (flags.output.empty()) {
      write_stdout(done);
    } else {
      print_stderr(done);
    }
  }
  if (!flags.output.empty()) print_cluster(without_managed_fields(cluster), flags.output);
  return 0;
}

}  // namespace

void add_create_command(CommandRegistry& registry) {
  auto flags = std::make_shared<CreateFlags>();
  k3k::ClusterRequest& r = flags->request;
  CLI::App* cmd = registry.root.add_subcommand("create", "Create a virtual cluster");
  cmd->add_option("cluster", flags->clusters,
                  "NAME (in namespace -n, else k3k-NAME, created if missing) or NAMESPACE/NAME; "
                  "several are created in parallel")
      ->required();
  add_int_option(*cmd, "--parallel", flags->parallel,
                 "With several clusters: how many are created at once (default 16)", 8);
  add_int_option(*cmd, "--servers", r.servers,
                 "Number of servers (K3s control-plane pods; default 1)", 3);
  add_int_option(*cmd, "--agents", r.agents, "Number of agents (virtual mode only; default 0)", 2);
  cmd->add_option("--mode", r.mode,
                  "shared (workloads run on the host's nodes, default) or "
                  "virtual (the cluster has its own agent nodes)");
  cmd->add_option("--version", r.version,
                  "K3s version, e.g. v1.31.1-k3s1 (default: the host's Kubernetes version)");
  cmd->add_option("--persistence", r.persistence,
                  "dynamic (a PVC per server, default) or ephemeral (data lost on restart)");
  cmd->add_option("--storage-class", r.storage_class,
                  "StorageClass of the server PVCs (default: the host's default class)");
  cmd->add_option("--storage-size", r.storage_size,
                  "Size of each server PVC, e.g. 5Gi "
                  "(default 2G)");
  cmd->add_option("--expose", flags->expose,
                  "How users reach the cluster's API server: nodeport (default: on the host's "
                  "nodes, at the host API server's address or --server-host), loadbalancer (a "
                  "cloud load balancer's address), ingress or traefik (https://--host through "
                  "the host's ingress, TLS passed through), none (only from inside the host)");
  cmd->add_option("--server-host", r.server_host,
                  "With nodeport: the address users reach the host's nodes on, put in the "
                  "certificate (default: the host API server's hostname)");
  cmd->add_option("--ingress-class", r.ingress_class, "IngressClass for --expose ingress");
  cmd->add_option("--host", r.host,
                  "The host name users will dial; put first in the certificate's SANs "
                  "(required for --expose ingress|traefik)");
  cmd->add_option("--tls-san", r.tls_sans,
                  "Another name or IP in the server certificate "
                  "(repeatable)")
      ->allow_extra_args(false);  // one value per use: `--tls-san a NAME` keeps NAME positional
  cmd->add_option("--server-arg", r.server_args,
                  "Extra k3s server argument, as --server-arg=--disable=traefik (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--agent-arg", r.agent_args, "Extra k3s agent argument (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--label", flags->labels, "Label KEY=VALUE on the Cluster (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--policy", r.policy,
                  "Bind the namespace to this VirtualClusterPolicy (must exist)");
  flags->wait.add_to(cmd, "is Ready");
  // A bare --dry-run means client, as it did in kubectl.
  cmd->add_flag("--dry-run{client}", flags->dry_run,
                "--dry-run=client: only validate and print; --dry-run=server: the API server "
                "validates, nothing is stored");
  cmd->add_option("-o,--output", flags->output, "Print the cluster as json, yaml or name");
  cmd->add_option("--kubeconfig-out", flags->kubeconfig.file,
                  "Once Ready, write a kubeconfig for the cluster to FILE (mode 0600)");
  flags->kubeconfig.add_merge_flags(cmd);
  flags->kubeconfig.add_check_flag(cmd, /*on_by_default=*/true);
  cmd->footer(R"(Examples:
  kraft create demo --wait                    # namespace k3k-demo, 1 server, shared mode
  kraft create demo --kubeconfig-out demo.yaml   # waits for Ready, then writes a kubeconfig
  kraft create demo --merge --switch          # ... or merges it into ~/.kube/config
  kraft create team-a/dev --servers 3 --storage-size 10Gi
  kraft create ci --mode virtual --agents 2 --version v1.31.1-k3s1 --wait --timeout 10m
  kraft create web --expose traefik --host web.k3k.example.com
  kraft create edge --server-host 203.0.113.7     # NodePort reached on a node's address
  kraft create internal --expose none         # only pods of the host reach it
  kraft create demo --server-arg=--disable=traefik --label team=dev
  kraft create demo --dry-run=client -o yaml  # the Cluster kraft would send
  kraft create ws-1 ws-2 ws-3 --wait --parallel 8   # several at once, one shared wait

Who can reach the cluster: nodeport (the default, as K3k's CLI) exposes it on every node of the
host at a port in 30000-32767; kraft puts the host API server's hostname (or --server-host) in
its certificate, so kubeconfigs verify from wherever that address is reachable. loadbalancer
needs a load-balancer controller (cloud, MetalLB); ingress and traefik need --host and an
ingress that passes TLS through; none keeps it inside the host.

With --wait (implied by --kubeconfig-out and --merge) the command ends when the cluster is
Ready: exit 0; Pending (refused by K3k, e.g. a policy forbids the mode) or Failed
repeatedly: exit 1; timed out: exit 4. --timeout without them is refused (exit 2).
Ctrl-C during the wait leaves the cluster provisioning; kraft says how to follow it.

Several names are created in parallel (--parallel, default 16), each line naming its cluster;
one failure does not stop the others, and every failure is listed at the end. The exit code
is then the failures' common code (e.g. 4 when every failure timed out), else 1. --wait waits
for them all on one shared watch; --merge merges each kubeconfig; --kubeconfig-out and
--switch take one cluster only. -o json|yaml prints one List. Ctrl-C starts no new cluster,
lets those under way finish (or undoes them), lists what was not created, and ends kraft by
the signal; a second Ctrl-C stops at once.
With --kubeconfig-out or --merge, kraft first tries the new kubeconfig (one request): it is
written only if it works from here, else kraft says why (unreachable address, certificate
name, refused credentials) and exits non-zero; --no-check skips the try.)");
  CommandContext& ctx = registry.context;
  Action& action = registry.action;
  cmd->callback(
      [&ctx, &action, flags] { action = [&ctx, flags] { return run_create(ctx, *flags); }; });
}

}  // namespace kraft::cli
