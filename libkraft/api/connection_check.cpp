#include <kraft/api/client.h>
#include <kraft/api/connection_check.h>
#include <kraft/api/errors.h>
#include <kraft/core/error.h>

namespace kraft::api {
namespace {

using Outcome = ConnectionCheck::Outcome;

Outcome outcome_of(TransportError::Cause cause) {
  switch (cause) {
    case TransportError::Cause::kUnreachable:
      return Outcome::kUnreachable;
    case TransportError::Cause::kTimeout:
      return Outcome::kTimeout;
    case TransportError::Cause::kTlsName:
      return Outcome::kCertificateName;
    case TransportError::Cause::kTlsTrust:
      return Outcome::kCertificateTrust;
    case TransportError::Cause::kConnectionLost:
    case TransportError::Cause::kOther:
      break;
  }
  return Outcome::kFailed;
}

}  // namespace

ConnectionCheck check_connection(const config::ClientConfig& config,
                                 std::chrono::milliseconds timeout) {
  ConnectionCheck check;
  check.server = config.server;
  config::ClientConfig bounded = config;
  if (bounded.request_timeout.count() == 0 || bounded.request_timeout > timeout) {
    bounded.request_timeout = timeout;
  }
  try {
    const Client client = Client::connect(bounded);
    check.server_version = client.server_version().git_version;
  } catch (const TransportError& e) {
    check.outcome = outcome_of(e.cause());
    check.detail = e.what();
  } catch (const ApiError& e) {
    // 403 on /version: authenticated, only not allowed to read it (RBAC); the check's question
    // (reachable, verified, accepted) is answered yes.
    if (e.code() != 403) {
      check.outcome = e.code() == 401 ? Outcome::kUnauthenticated : Outcome::kFailed;
      check.detail = e.what();
    }
  } catch (const Error& e) {
    check.outcome = Outcome::kFailed;
    check.detail = e.what();
  }
  return check;
}

}  // namespace kraft::api
