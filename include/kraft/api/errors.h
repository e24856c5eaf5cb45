#pragma once
// ApiError: a Kubernetes Status answer (or a non-JSON error body) as an exception, with the
// questions callers ask of it. libkraft throws the subclass that matches the answer
// (NotFoundError for a 404, ConflictError for a stale resourceVersion, ...), so a caller
// catches the one it handles; error.object() names the object the request was about.
#include <string>
#include <vector>

#include <kraft/core/error.h>

namespace kraft::http {
struct Response;
}

namespace kraft::api {

struct StatusCause {
  std::string reason;   ///< FieldValueInvalid, FieldManagerConflict, ...
  std::string message;
  std::string field;
};

/// An error answer of the API server (or an answer kraft composed with the same meaning, such
/// as a cluster not found). Throw it with raise(), which throws the matching subclass.
class ApiError : public Error {
 public:
  /// `message` is the server's text: status_message() keeps it as it is, what() shows it as
  /// one line with control characters escaped, at most kMessageTextLimit bytes.
  ApiError(int code, std::string reason, std::string message, std::vector<StatusCause> causes = {},
           ObjectRef object = {});

  /// Builds the error from an HTTP answer: the Status body when there is one, otherwise the
  /// status line and an excerpt of the body (redacted). `what` names the request ("get
  /// clusters.k3k.io demo"); `object` what it was about (the Status details fill what it
  /// leaves empty). Any bytes are accepted; it never throws.
  static ApiError from_response(const http::Response& response, const std::string& what,
                                ObjectRef object = {});

  /// The same error (code, reason, status_message(), causes, object) described by
  /// `description`, made one safe line.
  ApiError with_description(const std::string& description) const;

  /// Throws this error as the subclass its code and reason call for (NotFoundError for 404,
  /// ...), or as ApiError when none fits.
  [[noreturn]] void raise() const;

  int code() const noexcept { return code_; }
  const std::string& reason() const noexcept { return reason_; }
  /// The server's message as it sent it (a Status message, or the body of another answer):
  /// for programs; it may hold control characters and be long, so print what() instead.
  const std::string& status_message() const noexcept { return status_message_; }
  const std::vector<StatusCause>& causes() const noexcept { return causes_; }

  bool is_not_found() const noexcept { return code_ == 404; }
  bool is_already_exists() const noexcept { return code_ == 409 && reason_ == "AlreadyExists"; }
  bool is_conflict() const noexcept { return code_ == 409 && reason_ != "AlreadyExists"; }
  bool is_forbidden() const noexcept { return code_ == 403; }
  bool is_unauthorized() const noexcept { return code_ == 401; }
  bool is_invalid() const noexcept { return code_ == 422; }
  bool is_gone() const noexcept { return code_ == 410; }

 private:
  struct Described {};
  ApiError(Described, const std::string& description, int code, std::string reason,
           std::string message, std::vector<StatusCause> causes, ObjectRef object);

  int code_;
  std::string reason_;
  std::string status_message_;
  std::vector<StatusCause> causes_;
};

/// 404: the object (or its namespace, or its kind) does not exist. Exit code 3.
class NotFoundError : public ApiError {
 public:
  explicit NotFoundError(const ApiError& error) : ApiError(error) {}
  /// A 404 kraft composes itself (a cluster or policy that is not there).
  NotFoundError(const std::string& message, ObjectRef object)
      : ApiError(404, "NotFound", message, {}, std::move(object)) {}
};

/// 409 AlreadyExists: a create found an object of that name.
class AlreadyExistsError : public ApiError {
 public:
  explicit AlreadyExistsError(const ApiError& error) : ApiError(error) {}
  AlreadyExistsError(const std::string& message, ObjectRef object)
      : ApiError(409, "AlreadyExists", message, {}, std::move(object)) {}
};

/// 409 Conflict: a write based on a stale resourceVersion, or a field manager conflict
/// (causes() says which fields). Read again and retry.
class ConflictError : public ApiError {
 public:
  explicit ConflictError(const ApiError& error) : ApiError(error) {}
};

/// 403: the credentials are valid but not allowed this request.
class ForbiddenError : public ApiError {
 public:
  explicit ForbiddenError(const ApiError& error) : ApiError(error) {}
};

/// 401: the server did not accept the credentials (the message names the kind of credential).
class UnauthorizedError : public ApiError {
 public:
  explicit UnauthorizedError(const ApiError& error) : ApiError(error) {}
};

/// 422 Invalid: the server refused the object; causes() names the fields.
class InvalidError : public ApiError {
 public:
  explicit InvalidError(const ApiError& error) : ApiError(error) {}
};

/// 410 Gone: a watch or list continued from a resourceVersion the server no longer keeps.
class GoneError : public ApiError {
 public:
  explicit GoneError(const ApiError& error) : ApiError(error) {}
};

/// 429: the server asks to slow down; retryable later.
class TooManyRequestsError : public ApiError {
 public:
  explicit TooManyRequestsError(const ApiError& error) : ApiError(error) {}
};

/// 5xx: the server (or a webhook, or a proxy) failed; usually retryable later.
class ServerError : public ApiError {
 public:
  explicit ServerError(const ApiError& error) : ApiError(error) {}
};

}  // namespace kraft::api
