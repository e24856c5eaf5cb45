#pragma once
// Runs an exec credential plugin: a child process with extra environment variables, stdout
// captured, stderr captured (or passed through when the plugin may talk to the user), within
// a time limit and output limits, so a plugin that hangs or floods cannot stall or exhaust
// the caller.
#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace kraft::config::detail {

struct SubprocessLimits {
  /// Kill the plugin when it has not finished (exited and closed its output) by then;
  /// 0: wait as long as it takes.
  std::chrono::milliseconds timeout{0};
  /// More than this on stdout kills the plugin: an ExecCredential is a few KiB.
  std::size_t max_out = std::size_t{1} << 20;
  /// stderr beyond this is read (so the plugin never blocks on it) and dropped.
  std::size_t max_err = std::size_t{64} << 10;
};

struct SubprocessResult {
  int spawn_errno = 0;          ///< non-zero: the program could not be started (ENOENT: not found)
  int exit_code = -1;           ///< exit status when it exited normally
  int signal = 0;               ///< the signal that killed it, if one did
  bool timed_out = false;       ///< killed because limits.timeout passed
  bool out_too_large = false;   ///< killed because stdout passed limits.max_out
  std::size_t err_dropped = 0;  ///< stderr bytes beyond limits.max_err, not kept
  std::string out;
  std::string err;
};

/// Runs `command args...` (looked up on PATH unless it contains a '/'), waits for it.
/// A command that is not found or not executable sets spawn_errno (ENOENT, EACCES).
/// `interactive`: stdin and stderr are the caller's terminal; otherwise stdin is /dev/null,
/// stderr is captured, and the plugin runs in a process group of its own, so that a kill
/// reaches whatever it started too.
SubprocessResult run_subprocess(const std::string& command, const std::vector<std::string>& args,
                                const std::vector<std::pair<std::string, std::string>>& env,
                                bool interactive, const SubprocessLimits& limits = {});

}  // namespace kraft::config::detail
