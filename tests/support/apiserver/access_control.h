#pragma once
// Authentication (client certificates, bearer tokens, optional basic auth, anonymous) and a
// simple RBAC-like allow list, with kube-apiserver's outcomes: 401 for bad credentials,
// 403 for a known user without rights, anonymous requests as system:anonymous.
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api_types.h"

namespace kraft::testing {

/// One allow-list entry; "*" matches anything, an empty `namespaces` means every namespace.
struct AccessRule {
  std::vector<std::string> verbs;
  std::vector<std::string> api_groups;
  std::vector<std::string> resources;
  std::vector<std::string> namespaces;
};

/// What the TLS layer learned about the client's certificate.
struct PeerCertificate {
  bool present = false;
  bool verified = false;  ///< chains to a configured client CA and is within its validity
  std::string common_name;
  std::vector<std::string> organizations;
};

class AccessControl {
 public:
  void add_token(const std::string& token, UserInfo user);
  void add_basic_user(const std::string& username, const std::string& password, UserInfo user);
  /// Grants `rule` to a user name or a group name.
  void allow(const std::string& subject, AccessRule rule);

  /// The caller, or nullopt for 401 (bad token, bad password, unverifiable certificate).
  std::optional<UserInfo> authenticate(const std::string& authorization_header,
                                       const PeerCertificate& cert) const;

  bool may_access_resource(const UserInfo& user, const std::string& verb,
                           const std::string& api_group, const std::string& resource,
                           const std::string& ns) const;
  bool may_access_path(const UserInfo& user, const std::string& path) const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, UserInfo> tokens_;
  std::map<std::string, std::pair<std::string, UserInfo>> basic_;
  std::multimap<std::string, AccessRule> rules_;
};

}  // namespace kraft::testing
