#include "config/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include "core/unique_fd.h"

extern char** environ;

namespace kraft::config::detail {
namespace {

using kraft::detail::UniqueFd;

std::vector<std::string> child_environment(
    const std::vector<std::pair<std::string, std::string>>& extra) {
  std::vector<std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string entry(*e);
    const std::string key = entry.substr(0, entry.find('='));
    bool overridden = false;
    for (const auto& [name, value] : extra) overridden = overridden || name == key;
    if (!overridden) out.push_back(entry);
  }
  for (const auto& [name, value] : extra) out.push_back(name + "=" + value);
  return out;
}

// exec.LookPath, as client-go does before running a plugin: decide "not found" ourselves
// rather than from posix_spawnp, which some environments report only as exit status 127.
std::string look_path(const std::string& command, int& error) {
  auto executable = [](const std::string& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0;
  };
  error = 0;
  if (command.find('/') != std::string::npos) {
    if (executable(command)) return command;
    error = ::access(command.c_str(), F_OK) == 0 ? EACCES : ENOENT;
    return {};
  }
  const char* path_env = std::getenv("PATH");
  const std::string path = path_env != nullptr ? path_env : "/usr/local/bin:/usr/bin:/bin";
  size_t start = 0;
  while (true) {
    const size_t colon = path.find(':', start);
    // An empty PATH entry means the current directory, as in execvp.
    const size_t length = (colon == std::string::npos ? path.size() : colon) - start;
    std::string candidate = length == 0 ? std::string(".") : path.substr(start, length);
    candidate.append("/").append(command);
    if (executable(candidate)) return candidate;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  error = ENOENT;
  return {};
}

}  // namespace

SubprocessResult run_subprocess(const std::string& command, const std::vector<std::string>& args,
                                const std::vector<std::pair<std::string, std::string>>& env,
                                bool interactive, const SubprocessLimits& limits) {
  SubprocessResult result;
  const std::string program = look_path(command, result.spawn_errno);
  if (program.empty()) return result;
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    result.spawn_errno = errno;
    return result;
  }
  UniqueFd out_read(out_pipe[0]), out_write(out_pipe[1]);
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    result.spawn_errno = errno;
    return result;
  }
  UniqueFd err_read(err_pipe[0]), err_write(err_pipe[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  if (!interactive) {
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, err_write.get(), 2);
    // A group of its own, so a kill reaches the plugin's children too (a shell script's
    // `sleep`, a helper it started). Interactive plugins stay in ours: a process outside
    // the terminal's foreground group is stopped (SIGTTIN) when it reads from it.
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
  }
  posix_spawn_file_actions_adddup2(&actions, out_write.get(), 1);

  std::vector<std::string> argv_strings{command};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings = child_environment(env);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid = -1;
  // posix_spawn, not posix_spawnp: run the file look_path chose. A second PATH search could
  // pick another file or fail where look_path succeeded (an unset PATH has a different default;
  // glibc stops at an entry that errors with ELOOP where look_path skips it).
  const int rc = ::posix_spawn(&pid, program.c_str(), &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  out_write.reset();
  err_write.reset();
  if (rc != 0) {
    result.spawn_errno = rc;
    return result;
  }

  using Clock = std::chrono::steady_clock;
  const bool bounded = limits.timeout.count() > 0;
  const Clock::time_point deadline = bounded ? Clock::now() + limits.timeout : Clock::time_point{};
  bool kill_it = false;

  // Read both pipes until they close, so a chatty stderr cannot block the plugin.
  pollfd fds[2] = {{out_read.get(), POLLIN, 0}, {err_read.get(), POLLIN, 0}};
  int open = interactive ? 1 : 2;
  if (interactive) fds[1].fd = -1;
  char buf[4096];
  while (open > 0 && !kill_it) {
    int wait_ms = -1;
    if (bounded) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) {
        result.timed_out = kill_it = true;
        break;
      }
      wait_ms = static_cast<int>(std::min<long long>(left.count(), 60'000));
    }
    const int ready = ::poll(fds, 2, wait_ms);
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2 && !kill_it; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        const auto got = static_cast<std::size_t>(n);
        if (i == 0) {
          if (result.out.size() + got > limits.max_out) {
            result.out_too_large = kill_it = true;
          } else {
            result.out.append(buf, got);
          }
        } else {
          const std::size_t room =
              result.err.size() < limits.max_err ? limits.max_err - result.err.size() : 0;
          result.err.append(buf, std::min(room, got));
          result.err_dropped += got - std::min(room, got);
        }
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open;
      }
    }
  }
  if (kill_it) {
    // Its own group: the plugin and everything it started; otherwise just the plugin.
    ::kill(interactive ? pid : -pid, SIGKILL);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

}  // namespace kraft::config::detail
