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
  /// What went wrong, for callers that advise on it (a reachability check, a retry).
  enum class Cause {
    kOther,
    kUnreachable,     ///< name not resolved, connection refused, no route
    kTimeout,         ///< no answer in time
    kTlsName,         ///< the certificate does not name the host (or tls-server-name)
    kTlsTrust,        ///< the certificate is not signed by a trusted CA
    kConnectionLost,  ///< the connection broke before a whole answer came
  };

  explicit TransportError(const std::string& message, bool timed_out = false)
      : TransportError(message, timed_out ? Cause::kTimeout : Cause::kOther) {}
  TransportError(const std::string& message, Cause cause)
      : Error(message, cause == Cause::kTimeout ? ExitCode::kTimeout : ExitCode::kError),
        cause_(cause) {}
  bool timed_out() const noexcept { return cause_ == Cause::kTimeout; }
  Cause cause() const noexcept { return cause_; }

 private:
  Cause cause_;
};

/// Input kraft refuses before sending anything (a bad cluster name, an impossible flag value).
class ValidationError : public Error {
 public:
  explicit ValidationError(const std::string& message) : Error(message, ExitCode::kUsage) {}
};

}  // namespace kraft
