#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <utility>

extern char** environ;

namespace kraft::testing {
namespace {

std::string drain(int fd) {
  std::string out;
  std::array<char, 4096> buf{};
  for (;;) {
    ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n > 0) {
      out.append(buf.data(), static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(fd);
  return out;
}

struct Spawned {
  pid_t pid;
  int in_fd;
  int out_fd;
  int err_fd;
};

// A pseudo-terminal in raw mode (no \n → \r\n translation): {master, slave path}.
std::pair<int, std::string> open_terminal() {
  int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0) {
    throw std::runtime_error("no pseudo-terminal");
  }
  std::string slave = ::ptsname(master);
  termios t{};
  ::tcgetattr(master, &t);
  ::cfmakeraw(&t);
  ::tcsetattr(master, TCSANOW, &t);
  return {master, slave};
}

Spawned spawn(const std::string& program, const std::vector<std::string>& args,
              const std::map<std::string, std::string>& env, bool with_stdin,
              bool err_terminal = false) {
  int out_pipe[2];
  int err_pipe[2];
  int in_pipe[2] = {-1, -1};
  std::string terminal;
  if (err_terminal) {
    auto [master, slave] = open_terminal();
    err_pipe[0] = master;
    err_pipe[1] = -1;
    terminal = slave;
  }
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || (!err_terminal && ::pipe2(err_pipe, O_CLOEXEC) != 0) ||
      (with_stdin && ::pipe2(in_pipe, O_CLOEXEC) != 0)) {
    throw std::runtime_error("pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (with_stdin) {
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  } else {
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  }
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  if (err_terminal) {
    // stderr alone on a terminal, as when a person runs kraft with stdout piped to a file.
    posix_spawn_file_actions_addopen(&actions, 2, terminal.c_str(), O_RDWR | O_NOCTTY, 0);
  } else {
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  }

  std::vector<std::string> argv_store{program};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);

  std::map<std::string, std::string> merged;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) merged[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : env) merged[k] = v;
  std::vector<std::string> env_store;
  for (const auto& [k, v] : merged) env_store.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid = 0;
  int rc = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  if (!err_terminal) ::close(err_pipe[1]);
  if (with_stdin) ::close(in_pipe[0]);
  if (rc != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    if (with_stdin) ::close(in_pipe[1]);
    throw std::runtime_error("cannot start " + program + ": " + std::strerror(rc));
  }
  return Spawned{pid, in_pipe[1], out_pipe[0], err_pipe[0]};
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env,
                          const std::string& input) {
  Spawned s = spawn(program, args, env, !input.empty());
  std::thread writer;
  if (!input.empty()) {
    writer = std::thread([fd = s.in_fd, input] {
      size_t off = 0;
      while (off < input.size()) {
        ssize_t n = ::write(fd, input.data() + off, input.size() - off);
        if (n <= 0) break;
        off += static_cast<size_t>(n);
      }
      ::close(fd);
    });
  }
  ProcessResult result;
  std::thread err_reader([&] { result.err = drain(s.err_fd); });
  result.out = drain(s.out_fd);
  err_reader.join();
  if (writer.joinable()) writer.join();
  result.exit_code = wait_for(s.pid);
  return result;
}

ProcessResult run_kraft(const std::vector<std::string>& args,
                        const std::map<std::string, std::string>& env) {
  return run_process(KRAFT_BINARY, args, env);
}

ProcessResult run_kraft_on_terminal(const std::vector<std::string>& args,
                                    const std::map<std::string, std::string>& env) {
  Spawned s = spawn(KRAFT_BINARY, args, env, false, true);
  ProcessResult result;
  // The terminal reads EIO once the child (its only user) has closed it: drain() stops there.
  std::thread err_reader([&] { result.err = drain(s.err_fd); });
  result.out = drain(s.out_fd);
  result.exit_code = wait_for(s.pid);
  err_reader.join();
  return result;
}

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env) {
  Spawned s = spawn(program, args, env, false);
  pid_ = s.pid;
  out_fd_ = s.out_fd;
  err_fd_ = s.err_fd;
}

ChildProcess::~ChildProcess() { stop(); }

std::optional<std::string> ChildProcess::read_line(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      return line;
    }
    if (out_fd_ < 0) return std::nullopt;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{out_fd_, POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r <= 0) continue;
    char buf[4096];
    ssize_t n = ::read(out_fd_, buf, sizeof buf);
    if (n <= 0) {
      ::close(out_fd_);
      out_fd_ = -1;
      continue;
    }
    buffer_.append(buf, static_cast<size_t>(n));
  }
}

int ChildProcess::stop() {
  if (pid_ < 0) return exit_code_;
  ::kill(pid_, SIGTERM);
  if (out_fd_ >= 0) ::close(out_fd_);
  out_fd_ = -1;
  err_ = drain(err_fd_);
  exit_code_ = wait_for(pid_);
  pid_ = -1;
  return exit_code_;
}

void ChildProcess::send_signal(int signal) {
  if (pid_ >= 0) ::kill(pid_, signal);
}

int ChildProcess::wait() {
  if (pid_ < 0) return exit_code_;
  // Small outputs only: stdout is read to its end before stderr.
  buffer_ += drain(out_fd_);
  out_fd_ = -1;
  err_ = drain(err_fd_);
  exit_code_ = wait_for(pid_);
  pid_ = -1;
  return exit_code_;
}

std::optional<std::string> find_on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::string p(path);
  size_t i = 0;
  while (i <= p.size()) {
    size_t j = p.find(':', i);
    if (j == std::string::npos) j = p.size();
    std::string candidate = p.substr(i, j - i) + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    i = j + 1;
  }
  return std::nullopt;
}

}  // namespace kraft::testing
