// Discovery: the server's version and whether an API group/version is served. kube-apiserver
// answers /apis/GROUP/VERSION with an APIResourceList when it serves it and with the mux's
// plain-text 404 when it does not. Answers are cached (discovery_cache.h), so a command asks
// at most once per group, and a warm command not at all.
#include <kraft/api/client.h>
#include <kraft/api/json_view.h>

#include <cstdlib>

#include "api/client_state.h"

namespace kraft::api {

ServerVersion Client::server_version() const {
  // call() answers an object; fields of another type read as empty.
  nlohmann::json v = state_->call(state_->request("GET", "/version"), "get server version");
  return ServerVersion{std::string(string_at(v, "gitVersion")),
                       std::string(string_at(v, "platform"))};
}

std::string default_cache_dir() {
  // cli-runtime's getDefaultCacheDir.
  if (const char* dir = std::getenv("KUBECACHEDIR"); dir != nullptr && *dir != '\0') return dir;
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.kube/cache";
  }
  return "";
}

bool Client::serves(const std::string& group_version) const {
  if (auto known = state_->discovery.lookup(group_version)) return *known;
  // The core group is "v1" and lives under /api; everything else is GROUP/VERSION under /apis.
  std::string path = group_version.find('/') == std::string::npos ? "/api/" + group_version
                                                                  : "/apis/" + group_version;
  http::Response response = state_->send(state_->request("GET", path));
  if (response.status != 200 && response.status != 404) {
    throw state_->api_error(response, "discover API group " + group_version);
  }
  const bool served = response.status == 200;
  state_->discovery.remember(group_version, served);
  return served;
}

void Client::invalidate_discovery() const { state_->discovery.invalidate(); }

}  // namespace kraft::api
