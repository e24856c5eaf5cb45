#pragma once
// Runs an exec credential plugin: a child process with extra environment variables, stdout
// captured, stderr captured (or passed through when the plugin may talk to the user).
#include <string>
#include <utility>
#include <vector>

namespace kraft::config::detail {

struct SubprocessResult {
  int spawn_errno = 0;  ///< non-zero: the program could not be started (ENOENT: not found)
  int exit_code = -1;   ///< exit status when it exited normally
  int signal = 0;       ///< the signal that killed it, if one did
  std::string out;
  std::string err;
};

/// Runs `command args...` (looked up on PATH unless it contains a '/'), waits for it.
/// A command that is not found or not executable sets spawn_errno (ENOENT, EACCES).
/// `interactive`: stdin and stderr are the caller's terminal; otherwise stdin is /dev/null and
/// stderr is captured.
SubprocessResult run_subprocess(const std::string& command, const std::vector<std::string>& args,
                                const std::vector<std::pair<std::string, std::string>>& env,
                                bool interactive);

}  // namespace kraft::config::detail
