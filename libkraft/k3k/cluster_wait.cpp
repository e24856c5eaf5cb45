// Waiting on a cluster's phase with a watch (one GET to start from, then the event stream),
// as K3k's CLI does by polling. Pending is K3k refusing the spec; Failed often passes while
// the server pod starts, so a few are tolerated; the deadline covers the whole wait.
#include <kraft/api/errors.h>
#include <kraft/api/json_view.h>
#include <kraft/core/error.h>
#include <kraft/core/text.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/names.h>
#include <kraft/k3k/resources.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

namespace kraft::k3k {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// "5m", "1m30s", "45s", "500ms": the spelling of --timeout.
std::string spell(std::chrono::milliseconds d) {
  const auto ms = d.count();
  if (ms % 1000 != 0 || ms == 0) return std::to_string(ms) + "ms";
  const auto s = ms / 1000;
  std::string out;
  if (s >= 3600) out += std::to_string(s / 3600) + "h";
  if (s % 3600 >= 60) out += std::to_string(s % 3600 / 60) + "m";
  if (s % 60 != 0) out += std::to_string(s % 60) + "s";
  return out;
}

std::string ready_message(const Cluster& c) {
  auto ready = c.ready_condition();
  // K3k's words (or whoever wrote the status): one safe, bounded line in our messages.
  return ready ? sanitize_text(ready->message) : std::string();
}

// Watch options ending at `deadline` (whole seconds, at least one).
api::WatchOptions until(Clock::time_point deadline, const std::string& name,
                        const std::string& resource_version) {
  api::WatchOptions w;
  w.field_selector = "metadata.name=" + name;
  w.resource_version = resource_version;
  const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
  w.timeout_seconds = std::max(1, static_cast<int>(std::ceil(left)));
  return w;
}

std::string resource_version(const json& object) {
  return std::string(api::metadata_string(object, "resourceVersion"));
}

// Follows one cluster's events and decides when waiting for Ready is over.
class ReadyWatch {
 public:
  ReadyWatch(const ClusterRef& ref, const WaitOptions& options) : ref_(ref), options_(options) {}

  // True when the cluster is Ready; throws when it can no longer become Ready.
  bool observe(const Cluster& c) {
    const ClusterPhase phase = c.phase();
    const std::string message = ready_message(c);
    if (!seen_ || phase != phase_ || message != message_) {
      if (phase == ClusterPhase::kFailed && phase_ != ClusterPhase::kFailed) ++failures_;
      phase_ = phase;
      message_ = message;
      seen_ = true;
      last_ = c;
      if (options_.on_change) options_.on_change(c);
    }
    last_ = c;
    switch (phase) {
      case ClusterPhase::kPending:
        throw ClusterRejectedError("cluster \"" + ref_.str() + "\" is Pending: " +
                                       (message.empty() ? "K3k refused its spec" : message),
                                   ExitCode::kError, ref_.object());
      case ClusterPhase::kTerminating:
        throw ClusterDeletingError("cluster \"" + ref_.str() + "\" is being deleted",
                                   ExitCode::kError, ref_.object());
      case ClusterPhase::kFailed:
        check_failures(message);
        return false;
      case ClusterPhase::kReady:
        return generation_seen(c);
      default:
        return false;
    }
  }

  const std::optional<Cluster>& last() const { return last_; }

  /// Another look at an unchanged cluster: still Failed counts as one more failure.
  void look_again() {
    if (phase_ != ClusterPhase::kFailed || !last_) return;
    ++failures_;
    check_failures(message_);
  }

 private:
  void check_failures(const std::string& message) const {
    if (failures_ > options_.failed_tolerance) {
      throw ClusterFailedError(
          "cluster \"" + ref_.str() + "\" failed " + std::to_string(failures_) + " times" +
              (message.empty() ? "" : ": " + message) + "; see kraft describe " + ref_.str(),
          ExitCode::kError, ref_.object());
    }
  }

  // After a change, Ready counts only once K3k has reconciled the new generation.
  bool generation_seen(const Cluster& c) const {
    if (options_.min_generation <= 0) return true;
    auto ready = c.ready_condition();
    return !ready || !ready->observed_generation ||
           *ready->observed_generation >= options_.min_generation;
  }

  const ClusterRef& ref_;
  const WaitOptions& options_;
  bool seen_ = false;
  ClusterPhase phase_ = ClusterPhase::kUnknown;
  std::string message_;
  int failures_ = 0;
  std::optional<Cluster> last_;
};

}  // namespace

Cluster ClusterService::wait_ready(const ClusterRef& ref, const WaitOptions& options) const {
  const auto deadline = Clock::now() + options.timeout;
  ReadyWatch state(ref, options);
  Cluster current = options.start ? *options.start : get(ref);
  auto deleted_meanwhile = [&] {
    return api::NotFoundError(
        "cluster \"" + ref.str() + "\" was deleted while waiting for it to be Ready", ref.object());
  };
  bool ready = state.observe(current);
  std::string rv = resource_version(current.raw());
  // Watched in slices: K3k's CLI counts a cluster that stays Failed once per look, and a
  // watch only reports changes, so each slice that ends still Failed counts as a look.
  while (!ready && Clock::now() < deadline) {
    const auto slice_end = std::min(deadline, Clock::now() + options.failed_recheck);
    bool deleted = false;
    client_.watch(clusters(), ref.ns, until(slice_end, ref.name, rv),
                  [&](const api::WatchEvent& event) {
                    if (event.type == "BOOKMARK") {
                      rv = resource_version(*event.object);
                      return Clock::now() < slice_end;
                    }
                    if (event.type == "DELETED") {
                      deleted = true;
                      return false;
                    }
                    rv = resource_version(*event.object);
                    ready = state.observe(Cluster::from_json(*event.object));
                    return !ready && Clock::now() < slice_end;
                  });
    if (deleted) {
      throw deleted_meanwhile();
    }
    if (!ready && Clock::now() < deadline) state.look_again();
  }
  // A relist after 410 Gone shows only what exists: a cluster deleted meanwhile sends no event.
  if (!ready && !get_opt(ref)) {
    throw deleted_meanwhile();
  }
  if (!ready) {
    const Cluster& last = state.last() ? *state.last() : current;
    const std::string message = ready_message(last);
    throw WaitTimeoutError("timed out after " + spell(options.timeout) + " waiting for cluster \"" +
                               ref.str() + "\" to be Ready (phase " +
                               std::string(to_string(last.phase())) +
                               (message.empty() ? "" : ": " + message) + ")",
                           ref.object());
  }
  const Cluster& ready_cluster = *state.last();

  // Ready says the cluster serves; after a scale the new servers may still be starting.
  const int servers = ready_cluster.spec.servers.value_or(1);
  const std::string sts = server_statefulset_name(ref.name);
  auto ready_replicas = [](const json& s) {
    return api::int_at(api::child(&s, "status"), "readyReplicas").value_or(0);
  };
  std::optional<json> set = client_.get_opt(api::resources::stateful_sets(), ref.ns, sts);
  if (!set || ready_replicas(*set) >= servers) return ready_cluster;
  int seen = ready_replicas(*set);
  client_.watch(api::resources::stateful_sets(), ref.ns,
                until(deadline, sts, resource_version(*set)), [&](const api::WatchEvent& event) {
                  if (event.type == "ADDED" || event.type == "MODIFIED") {
                    seen = ready_replicas(*event.object);
                  }
                  return seen < servers && Clock::now() < deadline;
                });
  if (seen < servers) {
    throw WaitTimeoutError("timed out after " + spell(options.timeout) + " waiting for the " +
                               std::to_string(servers) + " servers of cluster \"" + ref.str() +
                               "\" to be ready (" + std::to_string(seen) + " ready)",
                           ref.object());
  }
  return ready_cluster;
}

void ClusterService::wait_deleted(const ClusterRef& ref, const WaitOptions& options) const {
  const auto deadline = Clock::now() + options.timeout;
  std::optional<Cluster> current = get_opt(ref);
  if (!current) return;
  if (options.on_change) options.on_change(*current);
  bool gone = false;
  client_.watch(clusters(), ref.ns, until(deadline, ref.name, resource_version(current->raw())),
                [&](const api::WatchEvent& event) {
                  gone = event.type == "DELETED";
                  return !gone && Clock::now() < deadline;
                });
  // A relist after 410 Gone shows only what exists: a cluster deleted meanwhile sends no event.
  if (!gone && !get_opt(ref)) return;
  if (!gone) {
    throw WaitTimeoutError(
        "timed out after " + spell(options.timeout) + " waiting for cluster \"" + ref.str() +
            "\" to be deleted (its "
            "finalizer " +
            std::string(Cluster::kFinalizer) + " is still there: is the K3k controller running?)",
        ref.object());
  }
}

}  // namespace kraft::k3k
