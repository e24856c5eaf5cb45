#pragma once
// kraft::Error: the root of everything libkraft throws. Each error knows the process exit code
// a command should end with, so the CLI maps exceptions to exit codes in one place.
// Third-party exceptions (YAML, JSON, curl) are wrapped at the layer that meets them, with the
// context a user needs: the file, the key, the URL.
//
// Each kind of failure a program may want to branch on has its own class, so callers catch
// what they handle and let the rest go:
//
//   try { clusters.create(request); }
//   catch (const kraft::k3k::NamespaceTerminatingError& e) { /* retry later */ }
//   catch (const kraft::api::AlreadyExistsError& e) { /* e.object().name exists */ }
//   catch (const kraft::ValidationError& e) { /* bad input: fix the request */ }
//
// The classes by layer: here (core) Error, ConfigError, TransportError, ValidationError,
// DecodeError, TimeoutError; <kraft/api/errors.h> ApiError and one subclass per answer
// (NotFoundError, AlreadyExistsError, ConflictError, ForbiddenError, UnauthorizedError,
// InvalidError, GoneError, TooManyRequestsError, ServerError); <kraft/k3k/errors.h>
// NotInstalledError, ClusterRejectedError, ClusterFailedError, ClusterDeletingError,
// NamespaceTerminatingError, HostInUseError, WaitTimeoutError; <kraft/config/errors.h>
// NotConfiguredError, NoContextError, EntryNotFoundError (and MergeConflictError in
// <kraft/config/kubeconfig_edit.h>). <kraft/kraft.h> has them all.
//
// Messages speak of the SDK's own terms (a request's fields, plain words), never of a front
// end's: ValidationError::fields() and the classes say what to change, and a front end such
// as kraft's CLI adds its own words for it (its flags).
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kraft {

/// Process exit codes shared by the SDK and the CLI (documented in `kraft --help` and README).
enum class ExitCode : int {
  kSuccess = 0,
  kError = 1,
  kUsage = 2,
  kNotFound = 3,
  kTimeout = 4,
};

/// The object an error concerns, as far as it is known (any field may be empty).
struct ObjectRef {
  std::string resource;  ///< "clusters.k3k.io", "namespaces", "kubeconfig" ...
  std::string ns;        ///< namespace; "" for cluster-scoped objects or when unknown
  std::string name;

  /// "clusters.k3k.io ns/name", "namespaces demo", "" when nothing is known.
  std::string str() const;
  bool empty() const noexcept { return resource.empty() && ns.empty() && name.empty(); }
  bool operator==(const ObjectRef&) const = default;
};

/// Base class of every exception libkraft throws.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, ExitCode code = ExitCode::kError,
                 ObjectRef object = {})
      : std::runtime_error(message), code_(code), object_(std::move(object)) {}
  /// The exit code a command should end with when this error stops it.
  ExitCode exit_code() const noexcept { return code_; }
  /// The object the error concerns; empty when it concerns none in particular.
  const ObjectRef& object() const noexcept { return object_; }

 private:
  ExitCode code_;
  ObjectRef object_;
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
  /// Whether the same request may succeed later unchanged (unreachable, timed out, connection
  /// lost); a TLS name or trust failure needs a change of configuration first.
  bool transient() const noexcept {
    return cause_ == Cause::kUnreachable || cause_ == Cause::kTimeout ||
           cause_ == Cause::kConnectionLost;
  }

 private:
  Cause cause_;
};

/// Input kraft refuses before sending anything (a bad cluster name, an impossible value):
/// the caller's request is wrong, not the cluster's state. Exit code 2.
class ValidationError : public Error {
 public:
  explicit ValidationError(const std::string& message, ObjectRef object = {},
                           std::vector<std::string> fields = {})
      : Error(message, ExitCode::kUsage, std::move(object)), fields_(std::move(fields)) {}
  /// The request fields the refusal concerns, by their member names ("host", "expose",
  /// "servers"), the one at fault first; empty when it concerns none in particular. A front
  /// end maps them to its own words (kraft's CLI to its flags).
  const std::vector<std::string>& fields() const noexcept { return fields_; }

 private:
  std::vector<std::string> fields_;
};

/// An answer or object that is not what kraft expects: a body that is not JSON, a field of the
/// wrong type, a watch event without a type. The message names the request or the object.
class DecodeError : public Error {
 public:
  explicit DecodeError(const std::string& message, ObjectRef object = {})
      : Error(message, ExitCode::kError, std::move(object)) {}
};

/// A wait ran out of time (exit code 4). A request that got no answer in time is a
/// TransportError whose timed_out() is true.
class TimeoutError : public Error {
 public:
  explicit TimeoutError(const std::string& message, ObjectRef object = {})
      : Error(message, ExitCode::kTimeout, std::move(object)) {}
};

}  // namespace kraft
