#include "child_command.h"

#include <fmt/core.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "output.h"

namespace kraft::cli {
namespace {

volatile sig_atomic_t g_child = 0;

void forward_to_child(int signal) {
  if (g_child > 0) ::kill(static_cast<pid_t>(g_child), signal);
}

// While the child runs: Ctrl-C and Ctrl-\ go to the whole foreground process group, so the
// child gets them from the terminal and kraft must survive them to clean up after it; TERM and
// HUP are sent to kraft alone (a CI runner, a closed terminal) and are passed on.
class ParentSignals {
 public:
  ParentSignals() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGINT, &ignore, &int_);
    ::sigaction(SIGQUIT, &ignore, &quit_);
    struct sigaction forward {};
    forward.sa_handler = forward_to_child;
    sigemptyset(&forward.sa_mask);
    forward.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &forward, &term_);
    ::sigaction(SIGHUP, &forward, &hup_);
  }
  ~ParentSignals() {
    ::sigaction(SIGINT, &int_, nullptr);
    ::sigaction(SIGQUIT, &quit_, nullptr);
    ::sigaction(SIGTERM, &term_, nullptr);
    ::sigaction(SIGHUP, &hup_, nullptr);
    g_child = 0;
  }
  ParentSignals(const ParentSignals&) = delete;
  ParentSignals& operator=(const ParentSignals&) = delete;

  /// The dispositions kraft had before, which the child must start with.
  const struct sigaction& saved_int() const { return int_; }
  const struct sigaction& saved_quit() const { return quit_; }

 private:
  struct sigaction int_ {}, quit_ {}, term_ {}, hup_ {};
};

// Everything the child needs, made before fork(): between fork and exec a child of a
// threaded process may only call async-signal-safe functions (no malloc, no setenv).
struct ExecPlan {
  std::vector<std::string> env_strings;
  std::vector<char*> argv;
  std::vector<char*> envp;
  std::string not_found;       ///< message for ENOENT
  std::string not_executable;  ///< for any other exec failure

  ExecPlan(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string entry = *e;
      const std::string name = entry.substr(0, entry.find('='));
      if (!env.count(name)) env_strings.push_back(entry);
    }
    for (const auto& [name, value] : env) env_strings.push_back(name + "=" + value);
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    not_found = fmt::format("error: cannot run {}: command not found\n", args[0]);
    not_executable = fmt::format("error: cannot run {}: not an executable program\n", args[0]);
  }
};

[[noreturn]] void exec_child(const ExecPlan& plan, const ParentSignals& parent) {
  // What kraft had on entry (an ignored SIGINT under nohup stays ignored); TERM and HUP default.
  ::sigaction(SIGINT, &parent.saved_int(), nullptr);
  ::sigaction(SIGQUIT, &parent.saved_quit(), nullptr);
  struct sigaction defaults {};
  defaults.sa_handler = SIG_DFL;
  sigemptyset(&defaults.sa_mask);
  ::sigaction(SIGTERM, &defaults, nullptr);
  ::sigaction(SIGHUP, &defaults, nullptr);
  ::sigaction(SIGPIPE, &defaults, nullptr);  // kraft ignores it for its sockets
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::execvpe(plan.argv[0], plan.argv.data(), plan.envp.data());
  const std::string& line = errno == ENOENT ? plan.not_found : plan.not_executable;
  const int code = errno == ENOENT ? 127 : 126;
  [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, line.data(), line.size());
  ::_exit(code);
}

}  // namespace

int run_child_command(const std::vector<std::string>& argv,
                      const std::map<std::string, std::string>& env) {
  flush_stdout();  // what kraft printed comes before the command's output
  const ExecPlan plan(argv, env);
  ParentSignals signals;
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int err = errno;
    throw Error(fmt::format("cannot start {}: {}", argv[0], std::strerror(err)));
  }
  if (pid == 0) exec_child(plan, signals);
  g_child = pid;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      const int err = errno;
      throw Error(fmt::format("waiting for {}: {}", argv[0], std::strerror(err)));
    }
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

}  // namespace kraft::cli
