// Discovery: the server's version and whether an API group/version is served. kube-apiserver
// answers /apis/GROUP/VERSION with an APIResourceList when it serves it and with the mux's
// plain-text 404 when it does not.
#include <kraft/api/client.h>
#include <kraft/api/json_view.h>

#include "api/client_state.h"

namespace kraft::api {

ServerVersion Client::server_version() const {
  // call() answers an object; fields of another type read as empty.
  nlohmann::json v = state_->call(state_->request("GET", "/version"), "get server version");
  return ServerVersion{std::string(string_at(v, "gitVersion")),
                       std::string(string_at(v, "platform"))};
}

bool Client::serves(const std::string& group_version) const {
  // The core group is "v1" and lives under /api; everything else is GROUP/VERSION under /apis.
  std::string path = group_version.find('/') == std::string::npos ? "/api/" + group_version
                                                                  : "/apis/" + group_version;
  http::Response response = state_->send(state_->request("GET", path));
  if (response.status == 200) return true;
  if (response.status == 404) return false;
  throw state_->api_error(response, "discover API group " + group_version);
}

}  // namespace kraft::api
