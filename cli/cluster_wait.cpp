#include "cluster_wait.h"

#include <fmt/core.h>
#include <kraft/k3k/cluster_service.h>

#include <CLI/CLI.hpp>

#include "command_context.h"
#include "global_flags.h"
#include "output.h"
#include "progress.h"

namespace kraft::cli {
namespace {

Progress::Style style_for(const CommandContext& ctx) {
  return ctx.stderr_is_tty() ? Progress::Style::kSpinner : Progress::Style::kLines;
}

std::string describe_state(const k3k::ClusterRef& ref, const k3k::Cluster& c) {
  std::string state = fmt::format("cluster {}: {}", ref.str(), k3k::to_string(c.phase()));
  if (auto ready = c.ready_condition();
      ready && !ready->message.empty() && c.phase() != k3k::ClusterPhase::kReady) {
    state += " (" + ready->message + ")";
  }
  return state;
}

}  // namespace

void WaitFlags::add_to(CLI::App* cmd, const std::string& what) {
  cmd->add_flag("--wait", wait, "Wait until the cluster " + what);
  timeout_option_ = cmd->add_option(
      "--timeout", timeout,
      "With --wait: how long to wait (e.g. 90s, 5m, 1h; default 5m); exit code 4 when it runs "
      "out. Refused without --wait");
}

void WaitFlags::check() const {
  if (!wait && timeout_option_ != nullptr && timeout_option_->count() > 0) {
    throw ValidationError("--timeout applies only with --wait: add --wait, or drop --timeout");
  }
  if (wait) timeout_duration();
}

std::chrono::milliseconds WaitFlags::timeout_duration() const {
  auto d = parse_duration(timeout, "--timeout");
  if (d.count() <= 0) throw ValidationError("--timeout must be positive, e.g. --timeout 5m");
  return d;
}

k3k::Cluster wait_ready(const CommandContext& ctx, const k3k::ClusterService& service,
                        const k3k::ClusterRef& ref, const WaitFlags& flags,
                        std::int64_t min_generation) {
  Progress progress(style_for(ctx));
  k3k::WaitOptions options;
  options.timeout = flags.timeout_duration();
  options.min_generation = min_generation;
  options.on_change = [&](const k3k::Cluster& c) { progress.update(describe_state(ref, c)); };
  k3k::Cluster ready = service.wait_ready(ref, options);
  progress.finish(fmt::format("cluster {} is Ready ({})", ref.str(), progress.elapsed()));
  return ready;
}

void wait_deleted(const CommandContext& ctx, const k3k::ClusterService& service,
                  const k3k::ClusterRef& ref, const WaitFlags& flags) {
  Progress progress(style_for(ctx));
  k3k::WaitOptions options;
  options.timeout = flags.timeout_duration();
  options.on_change = [&](const k3k::Cluster&) {
    progress.update(fmt::format("cluster {}: Terminating", ref.str()));
  };
  service.wait_deleted(ref, options);
  progress.finish(fmt::format("cluster {} is gone ({})", ref.str(), progress.elapsed()));
}

std::vector<Outcome<k3k::ClusterRef>> wait_deleted(const CommandContext& ctx,
                                                   const k3k::ClusterService& service,
                                                   const std::vector<k3k::ClusterRef>& refs,
                                                   const WaitFlags& flags) {
  if (refs.size() == 1) {
    // One cluster: its own progress line, as before.
    std::vector<Outcome<k3k::ClusterRef>> one(1);
    try {
      wait_deleted(ctx, service, refs.front(), flags);
      one[0].value = refs.front();
    } catch (...) {
      one[0].failure = describe_exception(std::current_exception());
    }
    return one;
  }
  Progress progress(style_for(ctx));
  k3k::WaitOptions options;
  options.timeout = flags.timeout_duration();
  progress.update(fmt::format("waiting for {} clusters to be gone", refs.size()));
  auto outcomes = service.wait_deleted(refs, options);
  std::size_t gone = 0;
  for (const auto& o : outcomes) gone += o.ok();
  progress.finish(
      fmt::format("{} of {} clusters are gone ({})", gone, refs.size(), progress.elapsed()));
  return outcomes;
}

void print_warning(const std::string& text) { print_stderr("Warning: {}\n", text); }

}  // namespace kraft::cli
