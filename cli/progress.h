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

}  // namespace kraft::cli
