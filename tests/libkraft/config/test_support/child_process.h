#pragma once
// Forked children for the config tests that need a process of their own: one killed by a
// signal, one of several writers racing on a file, one running as another user. Forking is
// only safe while the test process has a single thread (no test API server, no helper thread):
// check single_threaded() first.
#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kraft::testing {

/// Whether this process has one thread.
bool single_threaded();

/// Runs `body` in a child process; its exit code is 0 when body returned, 1 when it threw.
pid_t fork_child(const std::function<void()>& body);

/// How a child ended: waitpid's status, decoded.
struct ChildEnd {
  int exit_code = -1;  ///< when it exited
  int signal = 0;      ///< when a signal ended it
};

/// Waits for `pid` (EINTR retried).
ChildEnd wait_child(pid_t pid);

/// Runs `body` in a child switched to uid:gid with supplementary `groups` (needs root) and
/// returns the message it threw, "" when it returned, or nullopt when switching failed.
std::optional<std::string> as_user(uid_t uid, gid_t gid, const std::vector<gid_t>& groups,
                                   const std::function<void()>& body);

}  // namespace kraft::testing
