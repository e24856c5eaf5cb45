#include "test_support/stdout_sink.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <stdexcept>

extern char** environ;

namespace kraft::testing {

ProcessResult run_kraft_into(StdoutSink sink, const std::vector<std::string>& args,
                             const std::map<std::string, std::string>& env) {
  int out_fd = -1;
  if (sink == StdoutSink::kFullDisk) {
    out_fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  } else {
    // The read end is closed before kraft starts: its first write meets a reader-less pipe.
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    ::close(fds[0]);
    out_fd = fds[1];
  }
  int err_pipe[2];
  if (out_fd < 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) throw std::runtime_error("setup failed");

  // An ignored signal stays ignored across exec: the shell ignores SIGPIPE, then becomes kraft.
  std::vector<std::string> argv_store;
  if (sink == StdoutSink::kClosedPipeIgnored) {
    argv_store = {"/bin/sh", "-c", "trap '' PIPE; exec \"$0\" \"$@\"", KRAFT_BINARY};
  } else {
    argv_store = {KRAFT_BINARY};
  }
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);

  std::map<std::string, std::string> merged;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string kv(*e);
    const auto eq = kv.find('=');
    if (eq != std::string::npos) merged[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : env) merged[k] = v;
  std::vector<std::string> env_store;
  for (const auto& [k, v] : merged) env_store.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  // Whatever this test process does with SIGPIPE, the child starts with the default action.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);

  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(out_fd);
  ::close(err_pipe[1]);
  if (rc != 0) {
    ::close(err_pipe[0]);
    throw std::runtime_error("cannot start kraft");
  }
  ProcessResult result;
  std::array<char, 4096> buf{};
  for (;;) {
    const ssize_t n = ::read(err_pipe[0], buf.data(), buf.size());
    if (n > 0) {
      result.err.append(buf.data(), static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(err_pipe[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace kraft::testing
