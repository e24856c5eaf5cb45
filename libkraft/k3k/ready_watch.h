#pragma once
// The rules of waiting for one cluster to be Ready, apart from how its changes arrive (one
// cluster's watch, or a reflector shared by many waits): Pending is K3k refusing the spec;
// Failed often passes while the server pod starts, so a few are tolerated (as K3k's CLI does).
#include <kraft/k3k/cluster_service.h>

#include <chrono>
#include <optional>
#include <string>

namespace kraft::k3k::detail {

/// "5m", "1m30s", "45s", "500ms": the spelling of --timeout, for messages.
std::string spell(std::chrono::milliseconds d);
/// The Ready condition's message, made one safe line ("" when there is none).
std::string ready_message(const Cluster& c);

/// Follows one cluster's states and decides when waiting for Ready is over.
class ReadyWatch {
 public:
  ReadyWatch(const ClusterRef& ref, const WaitOptions& options) : ref_(ref), options_(options) {}

  /// True when the cluster is Ready; throws when it can no longer become Ready. Calls
  /// options.on_change when the phase or the Ready message changed.
  bool observe(const Cluster& c);
  const std::optional<Cluster>& last() const { return last_; }
  /// Whether the last state seen is Failed (a look_again() is due every failed_recheck).
  bool failed() const { return seen_ && phase_ == ClusterPhase::kFailed; }
  /// Another look at an unchanged cluster: still Failed counts as one more failure.
  void look_again();

 private:
  void check_failures(const std::string& message) const;
  bool generation_seen(const Cluster& c) const;

  ClusterRef ref_;
  const WaitOptions& options_;
  bool seen_ = false;
  ClusterPhase phase_ = ClusterPhase::kUnknown;
  std::string message_;
  int failures_ = 0;
  std::optional<Cluster> last_;
};

/// After Ready: when the spec asks for more than one server, waits until the server
/// StatefulSet has that many ready replicas (WaitTimeoutError at `deadline`).
void wait_servers(const api::Client& client, const ClusterRef& ref, const Cluster& ready,
                  std::chrono::steady_clock::time_point deadline,
                  std::chrono::milliseconds timeout);

}  // namespace kraft::k3k::detail
