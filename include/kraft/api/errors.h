#pragma once
// ApiError: a Kubernetes Status answer (or a non-JSON error body) as an exception, with the
// questions callers ask of it.
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

class ApiError : public Error {
 public:
  /// `message` is the server's text: status_message() keeps it as it is, what() shows it as
  /// one line with control characters escaped, at most kMessageTextLimit bytes.
  ApiError(int code, std::string reason, std::string message, std::vector<StatusCause> causes = {});

  /// Builds the error from an HTTP answer: the Status body when there is one, otherwise the
  /// status line and an excerpt of the body (redacted). `what` names the request ("get
  /// clusters.k3k.io demo"). Any bytes are accepted; it never throws.
  static ApiError from_response(const http::Response& response, const std::string& what);

  /// The same error (code, reason, status_message(), causes) described by `description`,
  /// made one safe line.
  ApiError with_description(const std::string& description) const;

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
           std::string message, std::vector<StatusCause> causes);

  int code_;
  std::string reason_;
  std::string status_message_;
  std::vector<StatusCause> causes_;
};

}  // namespace kraft::api
