#pragma once
// Progress of a long wait on stderr: on a terminal a spinner redrawn in place with the
// current state and the elapsed time; otherwise one plain line per change (CI logs), and
// nothing at all when quiet. stdout is never touched: it carries data.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace kraft::cli {

class Progress {
 public:
  enum class Style { kSpinner, kLines, kQuiet };

  explicit Progress(Style style);
  ~Progress();  ///< stops the spinner and clears its line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// The state shown from now on ("cluster k3k-demo/demo: Provisioning").
  void update(const std::string& state);
  /// Stops the spinner and prints `line` (if not empty) on a line of its own.
  void finish(const std::string& line = "");

  /// Elapsed since construction, as "12s" / "1m5s".
  std::string elapsed() const;

 private:
  void spin();
  void clear_line();

  Style style_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::mutex mu_;
  std::condition_variable wake_;
  std::string state_;
  bool done_ = false;
  std::thread spinner_;
};

/// Counts of a batch (create, delete, wait of many clusters) on a Progress: on a terminal the
/// spinner shows "clusters: 12 created, 1 failed, 30 total"; summary() is the line that ends
/// it on a terminal and in a pipe alike ("29 of 30 clusters created, 1 failed (4s)").
class BatchTally {
 public:
  BatchTally(Progress& progress, std::string verb, std::size_t total)
      : progress_(progress), verb_(std::move(verb)), total_(total) {}
  /// One more item done (ok) or failed; thread-safe.
  void count(bool ok);
  std::string summary() const;

 private:
  Progress& progress_;
  std::string verb_;
  std::size_t total_;
  mutable std::mutex mu_;
  std::size_t done_ = 0;
  std::size_t failed_ = 0;
};

}  // namespace kraft::cli
