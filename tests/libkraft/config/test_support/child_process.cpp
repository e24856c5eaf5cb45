#include "config/test_support/child_process.h"

#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <exception>
#include <filesystem>

namespace kraft::testing {

bool single_threaded() {
  size_t tasks = 0;
  for ([[maybe_unused]] const auto& t : std::filesystem::directory_iterator("/proc/self/task")) {
    ++tasks;
  }
  return tasks == 1;
}

pid_t fork_child(const std::function<void()>& body) {
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  int code = 0;
  try {
    body();
  } catch (...) {
    code = 1;
  }
  ::_exit(code);  // no gtest teardown, no static destructors in the child
}

ChildEnd wait_child(pid_t pid) {
  int status = 0;
  pid_t got;
  while ((got = ::waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
  }
  ChildEnd end;
  if (got != pid) return end;
  if (WIFEXITED(status)) end.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) end.signal = WTERMSIG(status);
  return end;
}

std::optional<std::string> as_user(uid_t uid, gid_t gid, const std::vector<gid_t>& groups,
                                   const std::function<void()>& body) {
  int out[2];
  if (::pipe(out) != 0) return std::nullopt;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(out[0]);
    std::string message = "\x01";  // "could not switch"; no error message starts with it
    if (::setgroups(groups.size(), groups.data()) == 0 && ::setresgid(gid, gid, gid) == 0 &&
        ::setresuid(uid, uid, uid) == 0) {
      message.clear();
      try {
        body();
      } catch (const std::exception& e) {
        message = e.what();
      }
    }
    [[maybe_unused]] const ssize_t n = ::write(out[1], message.data(), message.size());
    ::_exit(0);
  }
  ::close(out[1]);
  std::string message;
  char buffer[512];
  for (ssize_t n; (n = ::read(out[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    message.append(buffer, static_cast<size_t>(n));
  }
  ::close(out[0]);
  if (pid < 0 || ::waitpid(pid, nullptr, 0) != pid || message == "\x01") return std::nullopt;
  return message;
}

}  // namespace kraft::testing
