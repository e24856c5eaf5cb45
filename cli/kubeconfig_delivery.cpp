// Issuing a virtual cluster's kubeconfig and putting it where the user asked.
#include "kubeconfig_delivery.h"

#include <fmt/core.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/config/kubeconfig_file.h>
#include <kraft/config/loading.h>
#include <kraft/core/error.h>
#include <kraft/k3k/kubeconfig_handout.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <vector>

#include "cluster_wait.h"
#include "command_context.h"
#include "kubeconfig_check.h"
#include "merge_report.h"
#include "output.h"
#include "progress.h"

namespace kraft::cli {
namespace {

std::string merge_into_file(CommandContext& ctx, config::Kubeconfig incoming,
                            const KubeconfigDestination& destination) {
  const std::string path = destination.into.empty()
                               ? config::default_write_file(ctx.flags().loading_rules())
                               : destination.into;
  // The hand-out rules (refresh what kraft made for this cluster, keep the rest) are the SDK's.
  k3k::HandoutOptions options;
  options.on_conflict = config::parse_on_conflict(destination.on_conflict);
  options.switch_context = destination.switch_context;
  options.write.backup = destination.backup;
  const k3k::HandoutResult result =
      k3k::merge_virtual_kubeconfig(path, std::move(incoming), options);
  std::string out = merge_report_text(result.report, path);
  if (!result.switched_to.empty()) {
    out += fmt::format("Switched to context \"{}\".\n", result.switched_to);
  }
  return out;
}

}  // namespace

void KubeconfigDestination::add_merge_flags(CLI::App* cmd) {
  cmd->add_flag("--merge", merge,
                "Merge into your kubeconfig (--into, else the file kubectl writes to: "
                "--kubeconfig, the first existing $KUBECONFIG file, ~/.kube/config)");
  cmd->add_option("--into", into, "With --merge: the kubeconfig file to merge into");
  cmd->add_flag("--switch", switch_context, "With --merge: make it the current context");
  cmd->add_flag("--backup", backup, "With --merge: keep the previous file as PATH.bak");
  cmd->add_option("--on-conflict", on_conflict,
                  "With --merge, when a name exists with other content: fail (default), "
                  "rename or overwrite; entries kraft made for the same cluster are refreshed")
      ->check(CLI::IsMember({"fail", "rename", "overwrite"}));
}

void KubeconfigDestination::validate() const {
  if (!merge) {
    if (!into.empty()) throw ValidationError("--into needs --merge");
    if (switch_context) throw ValidationError("--switch needs --merge");
    if (backup) throw ValidationError("--backup needs --merge");
    if (on_conflict != "fail") throw ValidationError("--on-conflict needs --merge");
  }
  if (merge && !file.empty()) {
    throw ValidationError(
        "write a file or --merge, not both: drop -o/--kubeconfig-out or "
        "--merge");
  }
}

config::Kubeconfig issue_kubeconfig(CommandContext& ctx, const k3k::ClusterRef& ref,
                                    k3k::KubeconfigRequest request) {
  request.url.host_server = ctx.client_config().server;
  // Waiting (for the bootstrap Secret, a load balancer's address) shows as a spinner with the
  // elapsed time on a terminal, as one line when piped.
  std::optional<Progress> progress;
  request.on_wait = [&](const std::string& what) {
    if (!progress) {
      progress.emplace(ctx.stderr_is_tty() ? Progress::Style::kSpinner : Progress::Style::kLines);
    }
    progress->update(what);
  };
  std::vector<std::string> warnings;  // after the spinner's line is gone
  request.on_warning = [&](const std::string& text) { warnings.push_back(text); };
  config::Kubeconfig issued = k3k::fetch_kubeconfig(ctx.client(), ref, request);
  if (progress) progress->finish();
  progress.reset();
  for (const auto& warning : warnings) print_warning(warning);
  return issued;
}

void KubeconfigDestination::add_check_flag(CLI::App* cmd, bool on_by_default) {
  check = on_by_default;
  if (on_by_default) {
    cmd->add_flag("--no-check{false}", check,
                  "Hand the kubeconfig out without first trying it (one request with the new "
                  "credentials)");
  } else {
    cmd->add_flag("--check", check,
                  "Try the kubeconfig first (one request with the new credentials): report "
                  "whether it works from here, or why not, and hand it out only if it does");
  }
}

std::string deliver_kubeconfig(CommandContext& ctx, const k3k::ClusterRef& ref,
                               k3k::KubeconfigRequest request,
                               const KubeconfigDestination& destination) {
  const pki::ClientCertificateRequest identity = request.certificate;
  config::Kubeconfig issued = issue_kubeconfig(ctx, ref, std::move(request));
  if (destination.check) {
    print_stderr("{}\n", check_kubeconfig(ctx, issued, identity));
  }
  if (destination.merge) return merge_into_file(ctx, std::move(issued), destination);
  if (destination.file.empty()) return config::to_yaml(issued);
  try {
    k3k::write_virtual_kubeconfig(destination.file, issued);
  } catch (const k3k::HandoutRefusedError& e) {
    // Only a file holding other entries can take this cluster by a merge.
    if (!e.holds_other_entries()) throw;
    throw ConfigError(std::string(e.what()) + " (--merge --into " + e.path() + ")");
  }
  return fmt::format("kubeconfig for cluster {} written to {} (context \"{}\")\n", ref.str(),
                     destination.file, issued.current_context);
}

}  // namespace kraft::cli
