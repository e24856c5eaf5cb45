#include "access_control.h"

#include "text_codec.h"

#include <algorithm>

namespace kraft::testing {

namespace {

bool matches(const std::vector<std::string>& allowed, const std::string& value) {
  return std::any_of(allowed.begin(), allowed.end(),
                     [&](const std::string& a) { return a == "*" || a == value; });
}

UserInfo authenticated(UserInfo user) {
  user.groups.push_back("system:authenticated");
  return user;
}

}  // namespace

void AccessControl::add_token(const std::string& token, UserInfo user) {
  std::lock_guard lock(mu_);
  tokens_[token] = std::move(user);
}

void AccessControl::add_basic_user(const std::string& username, const std::string& password,
                                   UserInfo user) {
  std::lock_guard lock(mu_);
  basic_[username] = {password, std::move(user)};
}

void AccessControl::allow(const std::string& subject, AccessRule rule) {
  std::lock_guard lock(mu_);
  rules_.emplace(subject, std::move(rule));
}

std::optional<UserInfo> AccessControl::authenticate(const std::string& authorization_header,
                                                    const PeerCertificate& cert) const {
  std::lock_guard lock(mu_);
  // Like the union authenticator: a valid certificate wins; otherwise the header decides.
  if (cert.present && cert.verified) {
    return authenticated(UserInfo{cert.common_name, cert.organizations});
  }
  if (authorization_header.rfind("Bearer ", 0) == 0) {
    auto it = tokens_.find(authorization_header.substr(7));
    if (it == tokens_.end()) return std::nullopt;
    return authenticated(it->second);
  }
  if (authorization_header.rfind("Basic ", 0) == 0) {
    std::string decoded = base64_decode(authorization_header.substr(6)).value_or("");
    auto colon = decoded.find(':');
    if (colon == std::string::npos) return std::nullopt;
    auto it = basic_.find(decoded.substr(0, colon));
    if (it == basic_.end() || it->second.first != decoded.substr(colon + 1)) return std::nullopt;
    return authenticated(it->second.second);
  }
  if (!authorization_header.empty() || cert.present) return std::nullopt;
  return UserInfo{"system:anonymous", {"system:unauthenticated"}};
}

bool AccessControl::may_access_resource(const UserInfo& user, const std::string& verb,
                                        const std::string& api_group,
                                        const std::string& resource, const std::string& ns) const {
  if (std::find(user.groups.begin(), user.groups.end(), "system:masters") != user.groups.end()) {
    return true;
  }
  std::lock_guard lock(mu_);
  std::vector<std::string> subjects = user.groups;
  subjects.push_back(user.name);
  for (const auto& subject : subjects) {
    auto range = rules_.equal_range(subject);
    for (auto it = range.first; it != range.second; ++it) {
      const AccessRule& r = it->second;
      if (matches(r.verbs, verb) && matches(r.api_groups, api_group) &&
          matches(r.resources, resource) && (r.namespaces.empty() || matches(r.namespaces, ns))) {
        return true;
      }
    }
  }
  return false;
}

bool AccessControl::may_access_path(const UserInfo& user, const std::string& path) const {
  // system:public-info-viewer: everyone, even anonymous; system:discovery: authenticated.
  if (path == "/version" || path == "/healthz" || path == "/livez" || path == "/readyz") {
    return true;
  }
  if (std::find(user.groups.begin(), user.groups.end(), "system:masters") != user.groups.end()) {
    return true;
  }
  bool authenticated_user = std::find(user.groups.begin(), user.groups.end(),
                                      "system:authenticated") != user.groups.end();
  return authenticated_user && (path == "/api" || path.rfind("/api/", 0) == 0 ||
                                path == "/apis" || path.rfind("/apis/", 0) == 0 ||
                                path.rfind("/openapi/", 0) == 0);
}

}  // namespace kraft::testing
