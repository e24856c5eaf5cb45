#include "progress.h"

#include <fmt/core.h>

#include <array>
#include <cstdio>

#include "output.h"

namespace kraft::cli {
namespace {

constexpr std::array<const char*, 10> kFrames = {"⠋", "⠙", "⠹", "⠸", "⠼",
                                                 "⠴", "⠦", "⠧", "⠇", "⠏"};
constexpr auto kFrameInterval = std::chrono::milliseconds(100);

std::string spell_seconds(std::chrono::steady_clock::duration d) {
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(d).count();
  if (s < 60) return fmt::format("{}s", s);
  return fmt::format("{}m{}s", s / 60, s % 60);
}

}  // namespace

Progress::Progress(Style style) : style_(style) {
  if (style_ == Style::kSpinner) spinner_ = std::thread([this] { spin(); });
}

Progress::~Progress() {
  try {
    finish();
  } catch (...) {  // NOLINT(bugprone-empty-catch): stderr gone (closed pipe); nothing to tell
  }
}

std::string Progress::elapsed() const {
  return spell_seconds(std::chrono::steady_clock::now() - start_);
}

void Progress::update(const std::string& state) {
  std::lock_guard lock(mu_);
  if (done_ || state == state_) return;
  state_ = state;
  if (style_ == Style::kLines) {
    print_stderr("{}\n", state_);
    std::fflush(stderr);
  }
  wake_.notify_all();
}

void Progress::finish(const std::string& line) {
  {
    std::lock_guard lock(mu_);
    if (done_) return;
    done_ = true;
  }
  wake_.notify_all();
  if (spinner_.joinable()) {
    spinner_.join();
    clear_line();
  }
  if (!line.empty() && style_ != Style::kQuiet) {
    print_stderr("{}\n", line);
    std::fflush(stderr);
  }
}

void Progress::clear_line() {
  print_stderr("\r\x1b[K");
  std::fflush(stderr);
}

void Progress::spin() {
  std::unique_lock lock(mu_);
  for (std::size_t frame = 0; !done_; ++frame) {
    print_stderr("\r\x1b[K{} {} ({})", kFrames[frame % kFrames.size()], state_,
                 spell_seconds(std::chrono::steady_clock::now() - start_));
    std::fflush(stderr);
    wake_.wait_for(lock, kFrameInterval);
  }
}

void BatchTally::count(bool ok) {
  std::lock_guard lock(mu_);
  (ok ? done_ : failed_)++;
  progress_.update(
      fmt::format("clusters: {} {}, {} failed, {} total", done_, verb_, failed_, total_));
}

std::string BatchTally::summary() const {
  std::lock_guard lock(mu_);
  std::string line = fmt::format("{} of {} clusters {}", done_, total_, verb_);
  if (failed_ > 0) line += fmt::format(", {} failed", failed_);
  return line + fmt::format(" ({})", progress_.elapsed());
}

}  // namespace kraft::cli
