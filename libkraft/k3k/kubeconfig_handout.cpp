// The hand-out rules for virtual cluster kubeconfigs: refresh what kraft made for the same
// cluster on the same host, keep and refuse to clobber everything else.
#include <kraft/k3k/kubeconfig.h>
#include <kraft/k3k/kubeconfig_handout.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>

namespace kraft::k3k {
namespace {

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

}  // namespace

bool same_virtual_cluster(const std::string&, const nlohmann::json& existing_raw,
                          const nlohmann::json& incoming_raw) {
  const auto a = virtual_cluster_origin(existing_raw);
  return a && a == virtual_cluster_origin(incoming_raw);
}

HandoutResult merge_virtual_kubeconfig(const std::string& path, config::Kubeconfig issued,
                                       const HandoutOptions& options) {
  config::MergeOptions merge;
  merge.on_conflict = options.on_conflict;
  merge.same_origin = same_virtual_cluster;
  merge.adopt_current_context = false;  // only switch_context changes the current context
  HandoutResult result;
  result.file = config::update_kubeconfig_file(
      path,
      [&](config::Kubeconfig& target) {
        keep_context_namespace(target, issued);
        result.report = config::merge_into(target, issued, merge);
        if (options.switch_context) {
          // The name it ended up with (a rename on conflict may have changed it).
          result.switched_to = result.report.incoming_current_context.empty()
                                   ? issued.current_context
                                   : result.report.incoming_current_context;
          target.current_context = result.switched_to;
        }
      },
      options.write);
  return result;
}

config::FileUpdate write_virtual_kubeconfig(const std::string& path,
                                            const config::Kubeconfig& issued) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    config::Kubeconfig existing;
    try {
      existing = config::load_kubeconfig_file(path);
    } catch (const ConfigError&) {
      throw HandoutRefusedError(
          path +
              " exists and is not a kubeconfig; not overwriting it (remove it, or choose "
              "another file)",
          path, false);
    }
    const auto mine = issued.clusters.empty() ? std::nullopt
                                              : virtual_cluster_origin(issued.clusters.front().raw);
    auto ours = [&](const nlohmann::json& raw) {
      auto origin = virtual_cluster_origin(raw);
      return origin && mine && origin->host == mine->host && origin->ref == mine->ref;
    };
    bool only_ours = true;
    for (const auto& c : existing.clusters) only_ours = only_ours && ours(c.raw);
    for (const auto& u : existing.users) only_ours = only_ours && ours(u.raw);
    for (const auto& c : existing.contexts) only_ours = only_ours && ours(c.raw);
    if (!only_ours) {
      throw HandoutRefusedError(path +
                                    " already holds other kubeconfig entries; not overwriting "
                                    "it: merge this cluster into it instead",
                                path, true);
    }
  }
  return config::write_kubeconfig_file(path, issued);
}

}  // namespace kraft::k3k
