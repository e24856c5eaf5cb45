#pragma once
// Runs programs (the real kraft binary, kubectl) as child processes for integration tests:
// either to completion with captured output, or as a running process read line by line.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kraft::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `program ARGS...` with extra environment variables and stdin from `input`
/// (empty: /dev/null); waits for it and captures stdout and stderr.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {},
                          const std::string& input = "");

/// Runs the kraft binary built alongside the tests.
ProcessResult run_kraft(const std::vector<std::string>& args,
                        const std::map<std::string, std::string>& env = {});

/// Runs the kraft binary with stderr on a pseudo-terminal (stdin /dev/null, stdout a pipe), as a
/// person at a terminal sees it: progress spinners, redrawn lines. `err` holds the raw bytes.
ProcessResult run_kraft_on_terminal(const std::vector<std::string>& args,
                                    const std::map<std::string, std::string>& env = {});

/// A program left running, whose stdout is read line by line (stderr is collected).
class ChildProcess {
 public:
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::map<std::string, std::string>& env = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  /// The next line of stdout, or nullopt if none arrives within `timeout` or it closed.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  /// Sends SIGTERM and waits; returns the exit code (128+signal when killed).
  int stop();
  /// Sends `signal` and returns at once; stdout stays open (read it, or wait()).
  void send_signal(int signal);
  /// Waits for the process to end by itself; returns its exit code. What it wrote to stdout
  /// and was not read is in unread_out() afterwards.
  int wait();
  const std::string& unread_out() const { return buffer_; }
  /// Everything the process wrote to stderr so far (after stop(): all of it).
  const std::string& err() const { return err_; }

 private:
  int pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string buffer_;
  std::string err_;
  int exit_code_ = -1;
};

/// Whether an executable is on PATH (for tests that use kubectl when present).
std::optional<std::string> find_on_path(const std::string& program);

}  // namespace kraft::testing
