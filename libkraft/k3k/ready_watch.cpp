// The rules of a Ready wait; see ready_watch.h.
#include "k3k/ready_watch.h"

#include <kraft/core/text.h>

namespace kraft::k3k::detail {

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

bool ReadyWatch::observe(const Cluster& c) {
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

void ReadyWatch::look_again() {
  if (phase_ != ClusterPhase::kFailed || !last_) return;
  ++failures_;
  check_failures(message_);
}

void ReadyWatch::check_failures(const std::string& message) const {
  if (failures_ > options_.failed_tolerance) {
    throw ClusterFailedError("cluster \"" + ref_.str() + "\" failed " + std::to_string(failures_) +
                             " times" + (message.empty() ? "" : ": " + message) +
                                 "; see kraft describe " + ref_.str(),
                             ExitCode::kError, ref_.object());
  }
}

// After a change, Ready counts only once K3k has reconciled the new generation.
bool ReadyWatch::generation_seen(const Cluster& c) const {
  if (options_.min_generation <= 0) return true;
  auto ready = c.ready_condition();
  return !ready || !ready->observed_generation ||
         *ready->observed_generation >= options_.min_generation;
}

}  // namespace kraft::k3k::detail
