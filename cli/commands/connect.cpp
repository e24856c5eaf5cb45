// kraft connect NAME -- COMMAND [ARGS...]: run a command against a virtual cluster, with
// KUBECONFIG pointing at a kubeconfig made for it (a new client certificate, as `kubeconfig
// get` makes), kept in a private temporary directory for the command's lifetime only.
// vcluster's most used command; K3k's CLI has none.
#include <fmt/core.h>
#include <kraft/config/kubeconfig_file.h>
#include <kraft/core/error.h>
#include <kraft/k3k/kubeconfig.h>
#include <stdlib.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>

#include "child_command.h"
#include "cluster_args.h"
#include "command_context.h"
#include "commands/command.h"
#include "global_flags.h"
#include "kubeconfig_delivery.h"
#include "output.h"

namespace kraft::cli {
namespace {

namespace fs = std::filesystem;

struct ConnectFlags {
  std::string cluster;
  std::vector<std::string> command;
  bool print = false;
  std::string timeout = "2m";
  k3k::KubeconfigRequest request;
};

// A directory only this user can enter, removed with everything in it when the command ends
// (also when it fails or kraft is interrupted by a signal that lets it unwind).
class PrivateDir {
 public:
  PrivateDir() {
    std::string pattern = (fs::temp_directory_path() / "kraft-connect-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw Error("cannot create a private directory in " + fs::temp_directory_path().string() +
                  " for the kubeconfig (set TMPDIR to a writable directory)");
    }
    path_ = pattern;  // mkdtemp makes it mode 0700
  }
  ~PrivateDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  PrivateDir(const PrivateDir&) = delete;
  PrivateDir& operator=(const PrivateDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

int run_connect(CommandContext& ctx, ConnectFlags& flags) {
  if (flags.print == !flags.command.empty()) {
    throw ValidationError(flags.print ? "--print prints the kubeconfig; it takes no command"
                                      : "give a command to run after --, e.g. kraft connect " +
                                            (flags.cluster.empty() ? "NAME" : flags.cluster) +
                                            " -- kubectl get ns, or --print");
  }
  flags.request.wait_timeout = parse_duration(flags.timeout, "--timeout");
  if (flags.request.wait_timeout.count() <= 0) {
    throw ValidationError("--timeout must be positive, e.g. --timeout 2m");
  }
  if (!flags.request.server.empty() && flags.request.server.rfind("https://", 0) != 0) {
    throw ValidationError("--server must be an https:// URL, e.g. --server https://10.0.0.5:31443");
  }
  const k3k::ClusterRef ref = cluster_ref(ctx, flags.cluster);
  const config::Kubeconfig issued = issue_kubeconfig(ctx, ref, flags.request);
  if (flags.print) {
    write_stdout(config::to_yaml(issued));
    return 0;
  }
  PrivateDir dir;
  const fs::path file = dir.path() / "kubeconfig";
  config::write_kubeconfig_file(file.string(), issued);  // mode 0600
  return run_child_command(flags.command, {{"KUBECONFIG", file.string()}});
}

}  // namespace

void add_connect_command(CommandRegistry& registry) {
  auto flags = std::make_shared<ConnectFlags>();
  CLI::App* cmd = registry.root.add_subcommand(
      "connect", "Run a command with KUBECONFIG set for a virtual cluster, or print it");
  cmd->add_option("cluster", flags->cluster,
                  "NAME (in namespace -n, else k3k-NAME) or NAMESPACE/NAME")
      ->required();
  cmd->add_option("command", flags->command, "The command to run and its arguments, after --");
  cmd->add_flag("--print", flags->print, "Print the kubeconfig instead of running a command");
  cmd->add_option("--server-host", flags->request.url.override_host,
                  "For a NodePort cluster: the address users reach the host's nodes on "
                  "(default: the host API server's hostname)");
  cmd->add_option("--server", flags->request.server,
                  "The virtual cluster's URL, when kraft cannot tell it");
  cmd->add_option("--cn", flags->request.certificate.common_name, "User name (certificate CN)")
      ->capture_default_str();
  cmd->add_option("--org", flags->request.certificate.organizations,
                  "Group (certificate O; repeatable; default system:masters)")
      ->allow_extra_args(false);
  cmd->add_option("--timeout", flags->timeout,
                  "How long to wait for the cluster's bootstrap secret and address (default 2m)");
  cmd->footer(R"(Examples:
  kraft connect demo -- kubectl get ns
  kraft connect team-a/dev -- helm install web ./chart
  kraft connect demo -- sh -c 'kubectl apply -f app.yaml && kubectl rollout status deploy/app'
  kraft connect demo --print > demo.yaml

The kubeconfig has a new client certificate (CN system:admin, O system:masters unless --cn and
--org say otherwise) and lives in a private temporary directory (mode 0700, the file 0600)
that is removed when the command ends, also when it is interrupted. The command's exit status
is kraft's; Ctrl-C goes to the command.)");
  CommandContext& ctx = registry.context;
  Action& action = registry.action;
  cmd->callback(
      [&ctx, &action, flags] { action = [&ctx, flags] { return run_connect(ctx, *flags); }; });
}

}  // namespace kraft::cli
