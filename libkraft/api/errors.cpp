// ApiError from an HTTP answer. kube-apiserver answers errors with a Status object (API
// conventions, "Response Status Kind"); proxies, aggregated servers and the mux's own 404
// answer in plain text, so both shapes become the same exception.
#include <kraft/api/errors.h>
#include <kraft/core/text.h>
#include <kraft/http/request.h>

#include <nlohmann/json.hpp>

#include "api/headers.h"
#include "http/redact.h"

namespace kraft::api {
namespace {

ExitCode exit_code_for(int code) { return code == 404 ? ExitCode::kNotFound : ExitCode::kError; }

// The StatusReason kube-apiserver would have sent for a status code (k8s.io/apimachinery
// errors.reasonForCode), so is_*() questions work for non-Status answers too.
std::string reason_for(int code) {
  switch (code) {
    case 400:
      return "BadRequest";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "NotFound";
    case 405:
      return "MethodNotAllowed";
    case 406:
      return "NotAcceptable";
    case 409:
      return "Conflict";
    case 410:
      return "Expired";
    case 413:
      return "RequestEntityTooLarge";
    case 415:
      return "UnsupportedMediaType";
    case 422:
      return "Invalid";
    case 429:
      return "TooManyRequests";
    case 500:
      return "InternalError";
    case 503:
      return "ServiceUnavailable";
    case 504:
      return "Timeout";
    default:
      return "Unknown";
  }
}

// An HTML error page is not worth more in a message; the whole body is logged at -v 8.
constexpr std::size_t kBodyExcerpt = 300;
// A description kraft composed around the server's (already bounded) words: the request, the
// server URL, the user's name.
constexpr std::size_t kDescriptionLimit = 2 * kMessageTextLimit;

std::string string_field(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

ApiError::ApiError(int code, std::string reason, std::string message,
                   std::vector<StatusCause> causes, ObjectRef object)
    // The server's words may carry terminal escapes, newlines or megabytes: what() is one
    // safe, bounded line; status_message() keeps them as they came, for programs.
    : Error(sanitize_text(message), exit_code_for(code), std::move(object)),
      code_(code),
      reason_(std::move(reason)),
      status_message_(std::move(message)),
      causes_(std::move(causes)) {}

ApiError::ApiError(Described, const std::string& description, int code, std::string reason,
                   std::string message, std::vector<StatusCause> causes, ObjectRef object)
    : Error(sanitize_text(description, kDescriptionLimit), exit_code_for(code), std::move(object)),
      code_(code),
      reason_(std::move(reason)),
      status_message_(std::move(message)),
      causes_(std::move(causes)) {}

ApiError ApiError::with_description(const std::string& description) const {
  return ApiError(Described{}, description, code_, reason_, status_message_, causes_, object());
}

void ApiError::raise() const {
  switch (code_) {
    case 401:
      throw UnauthorizedError(*this);
    case 403:
      throw ForbiddenError(*this);
    case 404:
      throw NotFoundError(*this);
    case 409:
      if (is_already_exists()) throw AlreadyExistsError(*this);
      throw ConflictError(*this);
    case 410:
      throw GoneError(*this);
    case 422:
      throw InvalidError(*this);
    case 429:
      throw TooManyRequestsError(*this);
    default:
      if (code_ >= 500 && code_ <= 599) throw ServerError(*this);
      throw *this;
  }
}

ApiError ApiError::from_response(const http::Response& response, const std::string& what,
                                 ObjectRef object) {
  int code = response.status;
  nlohmann::json status = nlohmann::json::parse(response.body, nullptr, false);
  if (status.is_object() && string_field(status, "kind") == "Status") {
    std::vector<StatusCause> causes;
    if (auto details = status.find("details"); details != status.end() && details->is_object()) {
      // details.kind is the resource's plural for NotFound/AlreadyExists (apimachinery's
      // NewNotFound(qualifiedResource, name)); it only fills what the request did not say.
      if (object.name.empty()) object.name = string_field(*details, "name");
      if (object.resource.empty()) {
        object.resource = string_field(*details, "kind");
        const std::string group = string_field(*details, "group");
        if (!object.resource.empty() && !group.empty()) object.resource += "." + group;
      }
      if (auto list = details->find("causes"); list != details->end() && list->is_array()) {
        for (const auto& c : *list) {
          if (!c.is_object()) continue;
          causes.push_back(
              {string_field(c, "reason"), string_field(c, "message"), string_field(c, "field")});
        }
      }
    }
    if (auto c = status.find("code"); c != status.end() && c->is_number_integer()) {
      code = c->get<int>();
    }
    std::string reason = string_field(status, "reason");
    if (reason.empty()) reason = reason_for(code);
    std::string message = string_field(status, "message");
    if (message.empty()) message = what + ": " + std::to_string(code) + " " + reason;
    return ApiError(code, std::move(reason), std::move(message), std::move(causes),
                    std::move(object));
  }
  // Non-JSON error bodies come from proxies and load balancers too: redacted like a -v log,
  // since the message is printed to the user.
  std::string body = sanitize_text(http::detail::redact_text(response.body), kBodyExcerpt);
  std::string message = what + ": the server answered " + std::to_string(code);
  if (!body.empty()) {
    message += " (" + body + ")";
  } else if (auto type = header_value(response.headers, "Content-Type"); !type.empty()) {
    message += " with an empty " + sanitize_text(type, 100) + " body";
  }
  return ApiError(code, reason_for(code), response.body, {}, std::move(object))
      .with_description(message);
}

}  // namespace kraft::api
