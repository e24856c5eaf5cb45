#pragma once
// kraft::Error: the root of everything libkraft throws. Each error knows the process exit code
// a command should end with, so the CLI maps exceptions to exit codes in one place.
#include <stdexcept>
#include <string>

namespace kraft {

/// Process exit codes shared by the SDK and the CLI (documented in `kraft --help` and README).
enum class ExitCode : int {
  kSuccess = 0,
  kError = 1,
  kUsage = 2,
  kNotFound = 3,
  kTimeout = 4,
};

/// Base class of every exception libkraft throws.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, ExitCode code = ExitCode::kError)
      : std::runtime_error(message), code_(code) {}
  /// The exit code a command should end with when this error stops it.
  ExitCode exit_code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

}  // namespace kraft
