#pragma once
// What every copy of a Client shares: the transport, the resolved config, the credentials and
// the warning handler. The request helpers here are the one path every verb goes through, so
// authentication, Warning headers and the 401 retry are handled in one place.
#include <kraft/api/client.h>
#include <kraft/http/transport.h>

#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "api/auth.h"
#include "api/discovery_cache.h"

namespace kraft::api {

struct Client::State {
  State(std::shared_ptr<http::Transport> transport_in, config::ClientConfig config_in,
        ClientOptions options_in, std::shared_ptr<config::ExecCredentialProvider> exec);

  std::shared_ptr<http::Transport> transport;
  config::ClientConfig config;
  ClientOptions options;
  Authenticator auth;
  detail::DiscoveryCache discovery;

  std::mutex warning_mu;
  std::function<void(const std::string&)> warning_handler;

  /// A request for `path_and_query` on the server, with Accept and the body's Content-Type
  /// (not yet authenticated: send() and stream() add credentials on each attempt).
  http::Request request(const std::string& method, const std::string& path_and_query,
                        std::string body = "", const std::string& content_type = "") const;
  /// Sends with credentials; after a 401 refreshes them and sends once more when that may help.
  http::Response send(const http::Request& request);
  /// send(), then an ApiError for any status >= 400, else the body as JSON. `what` names the
  /// operation in messages ("get clusters.k3k.io ns/demo").
  nlohmann::json call(const http::Request& request, const std::string& what,
                      bool drop_managed_fields = false);
  /// The ApiError for an error answer; a 401 also names the server, the kubeconfig user and
  /// the kind of credential that was refused (never the credential). Throw it with raise().
  ApiError api_error(const http::Response& response, const std::string& what,
                     ObjectRef object = {}) const;
  /// The object a request addresses (object_of_path of its URL below the server).
  ObjectRef object_of(const http::Request& request) const;
  /// Passes each Warning header of a response to the handler (or the logger without one), as
  /// one line with control characters escaped.
  void report_warnings(const http::Response& response);

  /// One watch call: connections, resumes and relists (watch.cpp).
  class Watcher;
};

/// "clusters.k3k.io ns/demo", "namespaces demo": how messages name an object or collection.
std::string describe(const ResourceInfo& r, const std::string& ns, const std::string& name);

/// Parses a successful answer; a body that is not JSON is a DecodeError naming the request
/// (`what`) and the server, without nlohmann's prefix or any quoted input.
/// `drop_managed_fields`: leave out every "managedFields" key (metadata.managedFields).
nlohmann::json parse_body(const std::string& body, const std::string& what,
                          const std::string& server, bool drop_managed_fields = false);

/// parse_body for answers that must be a JSON object (every API answer but a watch line's).
nlohmann::json parse_object(const std::string& body, const std::string& what,
                            const std::string& server, bool drop_managed_fields = false);

}  // namespace kraft::api
