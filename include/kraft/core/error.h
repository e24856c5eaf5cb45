#pragma once
// kraft::Error: the root of everything libkraft throws. Each error knows the process exit code
// a command should end with, so the CLI maps exceptions to exit codes in one place.
// Third-party exceptions (YAML, JSON, curl) are wrapped at the layer that meets them, with the
// context a user needs: the file, the key, the URL.
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

/// A kubeconfig or connection setting that cannot be used (missing file, unknown context,
/// malformed YAML, bad base64, a failing exec plugin). The message names file and entry.
class ConfigError : public Error {
 public:
  using Error::Error;
};

/// The request never got an HTTP answer: DNS, connect, TLS, timeout, dropped connection.
/// The message names the server.
class TransportError : public Error {
 public:
  explicit TransportError(const std::string& message, bool timed_out = false)
      : Error(message, timed_out ? ExitCode::kTimeout : ExitCode::kError), timed_out_(timed_out) {}
  bool timed_out() const noexcept { return timed_out_; }

 private:
  bool timed_out_;
};

/// Input kraft refuses before sending anything (a bad cluster name, an impossible flag value).
class ValidationError : public Error {
 public:
  explicit ValidationError(const std::string& message) : Error(message, ExitCode::kUsage) {}
};

}  // namespace kraft
