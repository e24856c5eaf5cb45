// Issuing a virtual cluster's kubeconfig and putting it where the user asked.
#include "kubeconfig_delivery.h"

#include <fmt/core.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/config/kubeconfig_file.h>
#include <kraft/core/error.h>

#include <CLI/CLI.hpp>

#include "cluster_wait.h"
#include "command_context.h"
#include "merge_report.h"

namespace kraft::cli {
namespace {

// An entry kraft made earlier for the same virtual cluster on the same host is refreshed
// (new certificate, maybe a new server URL), not reported as a collision.
bool same_virtual_cluster(const std::string&, const nlohmann::json& existing,
                          const nlohmann::json& incoming) {
  const auto a = k3k::virtual_cluster_origin(existing);
  return a && a == k3k::virtual_cluster_origin(incoming);
}

std::string merge_into_file(CommandContext& ctx, const config::Kubeconfig& incoming,
                            const KubeconfigDestination& destination) {
  const std::string path = destination.into.empty()
                               ? config::default_write_file(ctx.flags().loading_rules())
                               : destination.into;
  config::MergeOptions options;
  options.on_conflict = config::parse_on_conflict(destination.on_conflict);
  options.same_origin = same_virtual_cluster;
  config::MergeReport report;
  config::FileWriteOptions write;
  write.backup = destination.backup;
  config::update_kubeconfig_file(
      path,
      [&](config::Kubeconfig& target) {
        report = config::merge_into(target, incoming, options);
        if (destination.switch_context) target.current_context = incoming.current_context;
      },
      write);
  std::string out = merge_report_text(report, path);
  if (destination.switch_context) {
    out += fmt::format("Switched to context \"{}\".\n", incoming.current_context);
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
  }
  if (merge && !file.empty()) {
    throw ValidationError(
        "write a file or --merge, not both: drop -o/--kubeconfig-out or "
        "--merge");
  }
}

std::string deliver_kubeconfig(CommandContext& ctx, const k3k::ClusterRef& ref,
                               k3k::KubeconfigRequest request,
                               const KubeconfigDestination& destination) {
  request.url.host_server = ctx.client_config().server;
  request.on_wait = [](const std::string& what) { fmt::print(stderr, "{}...\n", what); };
  request.on_warning = [](const std::string& text) { print_warning(text); };
  const config::Kubeconfig issued = k3k::fetch_kubeconfig(ctx.client(), ref, request);
  if (destination.merge) return merge_into_file(ctx, issued, destination);
  if (destination.file.empty()) return config::to_yaml(issued);
  config::write_kubeconfig_file(destination.file, issued);
  return fmt::format("kubeconfig for cluster {} written to {} (context \"{}\")\n", ref.str(),
                     destination.file, issued.current_context);
}

}  // namespace kraft::cli
