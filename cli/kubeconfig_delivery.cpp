// Issuing a virtual cluster's kubeconfig and putting it where the user asked.
#include "kubeconfig_delivery.h"

#include <fmt/core.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/config/kubeconfig_file.h>
#include <kraft/config/loading.h>
#include <kraft/core/error.h>

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

// An entry kraft made earlier for the same virtual cluster on the same host (and, for the
// user, the same CN and groups) is refreshed, not reported as a collision.
bool same_virtual_cluster(const std::string&, const nlohmann::json& existing,
                          const nlohmann::json& incoming) {
  const auto a = k3k::virtual_cluster_origin(existing);
  return a && a == k3k::virtual_cluster_origin(incoming);
}

// A namespace the user set on the context survives a refresh of the same cluster's entries.
void keep_context_namespace(const config::Kubeconfig& target, config::Kubeconfig& incoming) {
  for (auto& context : incoming.contexts) {
    const auto* existing = target.find_context(context.name);
    if (existing && context.value.ns.empty() &&
        same_virtual_cluster("context", existing->raw, context.raw)) {
      context.value.ns = existing->value.ns;
    }
  }
}

std::string merge_into_file(CommandContext& ctx, config::Kubeconfig incoming,
                            const KubeconfigDestination& destination) {
  const std::string path = destination.into.empty()
                               ? config::default_write_file(ctx.flags().loading_rules())
                               : destination.into;
  config::MergeOptions options;
  options.on_conflict = config::parse_on_conflict(destination.on_conflict);
  options.same_origin = same_virtual_cluster;
  options.adopt_current_context = false;  // only --switch changes the current context
  config::MergeReport report;
  std::string switched_to;
  config::FileWriteOptions write;
  write.backup = destination.backup;
  config::update_kubeconfig_file(
      path,
      [&](config::Kubeconfig& target) {
        keep_context_namespace(target, incoming);
        report = config::merge_into(target, incoming, options);
        if (destination.switch_context) {
          // The name it ended up with (--on-conflict rename may have changed it).
          switched_to = report.incoming_current_context.empty() ? incoming.current_context
                                                                : report.incoming_current_context;
          target.current_context = switched_to;
        }
      },
      write);
  std::string out = merge_report_text(report, path);
  if (!switched_to.empty()) out += fmt::format("Switched to context \"{}\".\n", switched_to);
  return out;
}

// -o FILE replaces FILE only when it holds nothing but entries kraft made for this cluster:
// anything else would be lost (that is what --merge --into FILE is for).
void check_replaceable(const std::string& file, const config::Kubeconfig& issued) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return;
  config::Kubeconfig existing;
  try {
    existing = config::load_kubeconfig_file(file);
  } catch (const ConfigError&) {
    throw ConfigError(file +
                      " exists and is not a kubeconfig; not overwriting it (remove it, "
                      "or choose another file)");
  }
  const auto mine = k3k::virtual_cluster_origin(issued.clusters.front().raw);
  auto ours = [&](const nlohmann::json& raw) {
    auto origin = k3k::virtual_cluster_origin(raw);
    return origin && mine && origin->host == mine->host && origin->ref == mine->ref;
  };
  bool only_ours = true;
  for (const auto& c : existing.clusters) only_ours = only_ours && ours(c.raw);
  for (const auto& u : existing.users) only_ours = only_ours && ours(u.raw);
  for (const auto& c : existing.contexts) only_ours = only_ours && ours(c.raw);
  if (!only_ours) {
    throw ConfigError(file +
                      " already holds other kubeconfig entries; not overwriting it: use "
                      "--merge --into " +
                      file + " to add this cluster to it");
  }
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
  check_replaceable(destination.file, issued);
  config::write_kubeconfig_file(destination.file, issued);
  return fmt::format("kubeconfig for cluster {} written to {} (context \"{}\")\n", ref.str(),
                     destination.file, issued.current_context);
}

}  // namespace kraft::cli
