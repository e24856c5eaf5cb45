#pragma once
// What K3k operations throw besides the api:: errors, one class per situation a program may
// handle differently. Each names the object it concerns in object() (kraft::ObjectRef).
//
//   try {
//     clusters.create(request);
//   } catch (const kraft::k3k::NamespaceTerminatingError&) {
//     // the namespace is still going away: retry in a while
//   } catch (const kraft::k3k::NotInstalledError& e) {
//     // e.component() is "K3k" (or "Traefik"): nothing to retry
//   }
#include <kraft/core/error.h>

#include <string>
#include <utility>

namespace kraft::k3k {

/// The host cluster does not serve what the operation needs: K3k's CRDs (k3k.io/v1beta1),
/// or Traefik's IngressRouteTCP for a cluster exposed through Traefik. Not retryable until
/// someone installs it.
class NotInstalledError : public Error {
 public:
  NotInstalledError(std::string component, const std::string& message)
      : Error(message), component_(std::move(component)) {}
  /// "K3k" or "Traefik".
  const std::string& component() const noexcept { return component_; }

 private:
  std::string component_;
};

/// K3k itself refused the cluster: it stays Pending (e.g. its mode is not allowed by the
/// namespace's policy). The message carries the Ready condition's message. Not to be confused
/// with kraft::ValidationError, which is bad input refused before any request.
class ClusterRejectedError : public Error {
 public:
  using Error::Error;
};

/// The cluster went Failed more often than tolerated.
class ClusterFailedError : public Error {
 public:
  using Error::Error;
};

/// The cluster is being deleted, so it cannot be changed or become Ready.
class ClusterDeletingError : public Error {
 public:
  using Error::Error;
};

/// The namespace the cluster would live in is still being deleted. Retryable: once it is gone
/// the same request succeeds (it is created again).
class NamespaceTerminatingError : public Error {
 public:
  using Error::Error;
  /// Always true: the condition passes by itself.
  static constexpr bool retryable() noexcept { return true; }
};

/// A host name is already routed by another object on the shared ingress (object() names it).
class HostInUseError : public Error {
 public:
  HostInUseError(const std::string& message, std::string host, ObjectRef routed_by)
      : Error(message, ExitCode::kError, std::move(routed_by)), host_(std::move(host)) {}
  const std::string& host() const noexcept { return host_; }

 private:
  std::string host_;
};

/// A wait ran out of time (exit code 4).
class WaitTimeoutError : public TimeoutError {
 public:
  using TimeoutError::TimeoutError;
};

}  // namespace kraft::k3k
