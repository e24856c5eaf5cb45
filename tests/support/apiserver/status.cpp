#include "status.h"

namespace kraft::testing {

using nlohmann::json;

json status_body(int code, const std::string& reason, const std::string& message,
                 const json& details) {
  // Key order follows the server's struct order so dumps read like the real thing.
  json body = json::object();
  body["kind"] = "Status";
  body["apiVersion"] = "v1";
  body["metadata"] = json::object();
  body["status"] = "Failure";
  if (!message.empty()) body["message"] = message;
  if (!reason.empty()) body["reason"] = reason;
  if (!details.is_null()) body["details"] = details;
  body["code"] = code;
  return body;
}

ApiResponse status_response(int code, const std::string& reason, const std::string& message,
                            const json& details) {
  return ApiResponse::json(code, status_body(code, reason, message, details));
}

namespace {

json resource_details(const ResourceName& r, const std::string& name) {
  json d = json::object();
  if (!name.empty()) d["name"] = name;
  if (!r.group.empty()) d["group"] = r.group;
  d["kind"] = r.plural;
  return d;
}

}  // namespace

ApiResponse not_found(const ResourceName& r, const std::string& name) {
  return status_response(404, "NotFound", r.qualified() + " \"" + name + "\" not found",
                         resource_details(r, name));
}

ApiResponse already_exists(const ResourceName& r, const std::string& name) {
  return status_response(409, "AlreadyExists", r.qualified() + " \"" + name + "\" already exists",
                         resource_details(r, name));
}

ApiResponse update_conflict(const ResourceName& r, const std::string& name) {
  return status_response(409, "Conflict",
                         "Operation cannot be fulfilled on " + r.qualified() + " \"" + name +
                             "\": the object has been modified; please apply your changes to "
                             "the latest version and try again",
                         resource_details(r, name));
}

ApiResponse forbidden_resource(const UserInfo& user, const std::string& verb,
                               const ResourceName& r, const std::string& name,
                               const std::string& namespace_name) {
  std::string subject = r.qualified();
  if (!name.empty()) subject += " \"" + name + "\"";
  std::string scope = namespace_name.empty() ? "at the cluster scope"
                                             : "in the namespace \"" + namespace_name + "\"";
  return status_response(403, "Forbidden",
                         subject + " is forbidden: User \"" + user.name + "\" cannot " + verb +
                             " resource \"" + r.plural + "\" in API group \"" + r.group + "\" " +
                             scope,
                         resource_details(r, name));
}

ApiResponse forbidden_path(const UserInfo& user, const std::string& verb,
                           const std::string& path) {
  return status_response(403, "Forbidden",
                         "forbidden: User \"" + user.name + "\" cannot " + verb + " path \"" +
                             path + "\"",
                         json::object());
}

ApiResponse unauthorized() { return status_response(401, "Unauthorized", "Unauthorized"); }

ApiResponse bad_request(const std::string& message) {
  return status_response(400, "BadRequest", message);
}

ApiResponse invalid(const std::string& qualified_kind, const std::string& kind,
                    const std::string& group, const std::string& name,
                    const std::vector<FieldCause>& causes) {
  std::string list;
  json jcauses = json::array();
  for (const auto& c : causes) {
    if (!list.empty()) list += ", ";
    list += c.field + ": " + c.message;
    jcauses.push_back({{"reason", c.reason}, {"message", c.message}, {"field", c.field}});
  }
  if (causes.size() > 1) list = "[" + list + "]";
  json details = json::object();
  if (!name.empty()) details["name"] = name;
  if (!group.empty()) details["group"] = group;
  details["kind"] = kind;
  details["causes"] = jcauses;
  return status_response(422, "Invalid",
                         qualified_kind + " \"" + name + "\" is invalid: " + list, details);
}

ApiResponse unsupported_media_type(const std::string& accepted) {
  return status_response(415, "UnsupportedMediaType",
                         "the body of the request was in an unknown format - accepted media "
                         "types include: " +
                             accepted);
}

ApiResponse method_not_supported(const std::string& verb, const ResourceName& r) {
  return status_response(405, "MethodNotAllowed",
                         verb + " is not supported on resources of kind \"" + r.qualified() +
                             "\"",
                         json{{"group", r.group}, {"kind", r.plural}});
}

ApiResponse method_not_allowed() {
  return status_response(405, "MethodNotAllowed",
                         "the server does not allow this method on the requested resource",
                         json::object());
}

ApiResponse page_not_found() {
  ApiResponse r;
  r.status = 404;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "404 page not found\n";
  return r;
}

ApiResponse resource_not_found() {
  return status_response(404, "NotFound", "the server could not find the requested resource",
                         json::object());
}

ApiResponse too_many_requests(int retry_after_seconds) {
  auto r = status_response(429, "TooManyRequests",
                           "Too many requests, please try again later.",
                           json{{"retryAfterSeconds", retry_after_seconds}});
  r.headers["Retry-After"] = std::to_string(retry_after_seconds);
  return r;
}

ApiResponse internal_error(const std::string& message) {
  return status_response(500, "InternalError",
                         "Internal error occurred: " + message,
                         json{{"causes", json::array({{{"message", message}}})}});
}

ApiResponse service_unavailable(const std::string& message) {
  return status_response(503, "ServiceUnavailable", message);
}

}  // namespace kraft::testing
