#include "api/client_state.h"

#include <kraft/core/text.h>

#include "api/headers.h"
#include "api/url.h"
#include "core/json_error.h"

namespace kraft::api {

Client::State::State(std::shared_ptr<http::Transport> transport_in, config::ClientConfig config_in,
                     ClientOptions options_in, std::shared_ptr<config::ExecCredentialProvider> exec)
    : transport(std::move(transport_in)),
      config(std::move(config_in)),
      options(std::move(options_in)),
      auth(config, std::move(exec)),
      discovery(options.cache_dir, config.server) {}

http::Request Client::State::request(const std::string& method, const std::string& path_and_query,
                                     std::string body, const std::string& content_type) const {
  http::Request r;
  r.method = method;
  r.url = config.server + path_and_query;
  r.headers.emplace_back("Accept", "application/json");
  if (!content_type.empty()) r.headers.emplace_back("Content-Type", content_type);
  r.body = std::move(body);
  r.timeout = config.request_timeout;
  return r;
}

http::Response Client::State::send(const http::Request& request) {
  http::Request attempt = request;
  auth.apply(attempt);
  http::Response response = transport->send(attempt);
  // A credential can go stale between two requests (a plugin's token expires early, a token
  // file rotates): client-go refreshes and retries once, and so do we. Only once, so wrong
  // credentials still end as a 401.
  if (response.status == 401 && auth.refresh_after_unauthorized()) {
    attempt = request;
    auth.apply(attempt);
    response = transport->send(attempt);
  }
  report_warnings(response);
  return response;
}

nlohmann::json Client::State::call(const http::Request& request, const std::string& what,
                                   bool drop_managed_fields) {
  http::Response response = send(request);
  if (response.status >= 400 || response.status < 200) {
    api_error(response, what, object_of(request)).raise();
  }
  return parse_object(response.body, what, config.server, drop_managed_fields);
}

ObjectRef Client::State::object_of(const http::Request& request) const {
  std::string_view url = request.url;
  if (url.starts_with(config.server)) url.remove_prefix(config.server.size());
  return object_of_path(url);
}

ApiError Client::State::api_error(const http::Response& response, const std::string& what,
                                  ObjectRef object) const {
  ApiError error = ApiError::from_response(response, what, std::move(object));
  if (!error.is_unauthorized()) return error;
  return error.with_description(describe_unauthorized(error.what(), config));
}

void Client::State::report_warnings(const http::Response& response) {
  std::function<void(const std::string&)> handler;
  {
    std::lock_guard lock(warning_mu);
    handler = warning_handler;
  }
  for (const std::string& value : header_values(response.headers, "Warning")) {
    // The server's words go to a terminal: one safe, bounded line each.
    std::string text = sanitize_text(warning_text(value));
    if (handler) {
      handler(text);
    } else {
      options.logger.log(1, "Warning: " + text);
    }
  }
}

std::string describe(const ResourceInfo& r, const std::string& ns, const std::string& name) {
  std::string text = r.qualified_name();
  if (!name.empty())
    text += " " + (r.namespaced && !ns.empty() ? ns + "/" + name : name);
  else if (r.namespaced && !ns.empty())
    text += " in namespace " + ns;
  return text;
}

nlohmann::json parse_body(const std::string& body, const std::string& what,
                          const std::string& server, bool drop_managed_fields) {
  try {
    if (drop_managed_fields) {
      // Skipped while parsing, never built: metadata.managedFields is about half the bytes
      // of a typical object, and nothing but server-side apply bookkeeping.
      return nlohmann::json::parse(
          body, [](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
            return event != nlohmann::json::parse_event_t::key || parsed != "managedFields";
          });
    }
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::exception& e) {
    throw DecodeError("the answer to " + what + " from " + server +
                      " is not valid JSON: " + core::json_error_text(e));
  }
}

nlohmann::json parse_object(const std::string& body, const std::string& what,
                            const std::string& server, bool drop_managed_fields) {
  nlohmann::json j = parse_body(body, what, server, drop_managed_fields);
  if (!j.is_object()) {
    throw DecodeError("the answer to " + what + " from " + server + " is not a JSON object but " +
                      std::string(j.is_array() ? "an " : "a ") + j.type_name());
  }
  return j;
}

}  // namespace kraft::api
