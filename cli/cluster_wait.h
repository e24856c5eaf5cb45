#pragma once
// --wait and --timeout, shared by create, scale and delete: waiting with progress on stderr
// (a spinner on a terminal, a line per phase change otherwise).
#include <kraft/core/executor.h>
#include <kraft/k3k/cluster.h>
#include <kraft/k3k/cluster_ref.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace kraft::k3k {
class ClusterService;
}

namespace kraft::cli {

class CommandContext;

struct WaitFlags {
  bool wait = false;
  std::string timeout = "5m";

  /// Registers --wait and --timeout on `cmd`; `what` completes "Wait until the cluster ...".
  void add_to(CLI::App* cmd, const std::string& what);
  /// --timeout as a duration (ValidationError naming the flag).
  std::chrono::milliseconds timeout_duration() const;
  /// Before anything is sent: --timeout without --wait is refused (it would be ignored, and
  /// a script that set it expects a wait), and a bad --timeout fails with --wait.
  void check() const;

 private:
  const CLI::Option* timeout_option_ = nullptr;
};

/// Waits until `ref` is Ready (after generation `min_generation`, 0 for any); returns it.
k3k::Cluster wait_ready(const CommandContext& ctx, const k3k::ClusterService& service,
                        const k3k::ClusterRef& ref, const WaitFlags& flags,
                        std::int64_t min_generation = 0);
/// Waits until `ref` is gone.
void wait_deleted(const CommandContext& ctx, const k3k::ClusterService& service,
                  const k3k::ClusterRef& ref, const WaitFlags& flags);

/// Waits until every ref is gone, on one shared watch; one outcome per ref.
std::vector<Outcome<k3k::ClusterRef>> wait_deleted(const CommandContext& ctx,
                                                   const k3k::ClusterService& service,
                                                   const std::vector<k3k::ClusterRef>& refs,
                                                   const WaitFlags& flags);

/// Prints "Warning: TEXT" on stderr, as kubectl prints server warnings.
void print_warning(const std::string& text);

}  // namespace kraft::cli
