#pragma once
// Handing out a virtual cluster's kubeconfig, shared by `kraft kubeconfig get` and
// `kraft create --kubeconfig-out|--merge`: issue it, then print it, write it to a file (mode
// 0600) or merge it into the user's kubeconfig.
#include <kraft/k3k/cluster_ref.h>
#include <kraft/k3k/kubeconfig.h>

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace kraft::cli {

class CommandContext;

/// Where the kubeconfig goes.
struct KubeconfigDestination {
  std::string file;             ///< -o FILE (get) / --kubeconfig-out FILE (create)
  bool merge = false;           ///< --merge: into `into`, else the file kubectl writes to
  std::string into;             ///< --into PATH
  bool switch_context = false;  ///< --switch: make it the current context
  bool backup = false;          ///< --backup: keep PATH.bak
  std::string on_conflict = "fail";
  /// Before handing it out, make one request with the new credentials (kubeconfig_check.h).
  bool check = false;

  bool any() const { return !file.empty() || merge; }
  /// Registers --merge, --into, --switch, --backup, --on-conflict (not the file option).
  void add_merge_flags(CLI::App* cmd);
  /// Registers --check (kubeconfig get: off by default) or --no-check (create: on).
  void add_check_flag(CLI::App* cmd, bool on_by_default);
  /// ValidationError for contradictory flags (--into without --merge, -o with --merge, ...).
  void validate() const;
};

/// Issues the kubeconfig of `ref` as `kubeconfig get` does: waiting (bounded) for its bootstrap
/// Secret and its address, with the wait and warnings on stderr.
config::Kubeconfig issue_kubeconfig(CommandContext& ctx, const k3k::ClusterRef& ref,
                                    k3k::KubeconfigRequest request);

/// Issues the kubeconfig of `ref` (waiting, bounded, for its bootstrap Secret) and delivers it
/// to a file or by a merge; returns what to print on stdout: the kubeconfig itself when it
/// goes nowhere else, else what was done. Waiting and warnings go to stderr.
std::string deliver_kubeconfig(CommandContext& ctx, const k3k::ClusterRef& ref,
                               k3k::KubeconfigRequest request,
                               const KubeconfigDestination& destination);

}  // namespace kraft::cli
