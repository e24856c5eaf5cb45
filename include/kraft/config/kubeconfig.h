#pragma once
// The raw kubeconfig model (clientcmd/api v1), as read from one file or merged from several.
// Every entry keeps the JSON it was read from, so unknown fields and `extensions` survive a
// load → save round trip, and remembers the file it came from.
#include <kraft/config/exec_config.h>
#include <kraft/core/secret.h>

#include <nlohmann/json.hpp>  // the whole type, not json_fwd: entries hold their JSON by value
#include <optional>
#include <string>
#include <vector>

namespace kraft::config {

struct ClusterInfo {
  std::string server;
  std::string certificate_authority;       ///< a path, resolved against the source file
  std::string certificate_authority_data;  ///< PEM (already base64-decoded)
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;
  std::string proxy_url;
};

struct AuthInfo {
  std::string client_certificate;       ///< a path
  std::string client_certificate_data;  ///< PEM
  std::string client_key;               ///< a path
  Secret client_key_data;               ///< PEM
  Secret token;
  std::string token_file;
  std::string username;
  Secret password;
  std::optional<ExecConfig> exec;
};

struct ContextInfo {
  std::string cluster;
  std::string user;
  std::string ns;  ///< "namespace"
};

/// A named entry: typed view, the raw JSON of its inner map (cluster/user/context), and the
/// file it came from.
template <class T>
struct Named {
  std::string name;
  T value;
  nlohmann::json raw;
  std::string source;
};

struct Kubeconfig {
  std::vector<Named<ClusterInfo>> clusters;
  std::vector<Named<AuthInfo>> users;
  std::vector<Named<ContextInfo>> contexts;
  std::string current_context;
  /// Top-level fields other than clusters/users/contexts/current-context (apiVersion, kind,
  /// preferences, extensions, anything unknown).
  nlohmann::json extra = nlohmann::json::object();
  /// The file this was read from (empty when built in memory or merged).
  std::string source;

  const Named<ClusterInfo>* find_cluster(const std::string& name) const;
  const Named<AuthInfo>* find_user(const std::string& name) const;
  const Named<ContextInfo>* find_context(const std::string& name) const;
};

/// Parses one kubeconfig document. `source` is the path used in messages and for resolving
/// relative paths. Throws ConfigError naming the file (and the YAML line) on malformed input
/// or bad base64 in a *-data field.
Kubeconfig parse_kubeconfig(const std::string& yaml_text, const std::string& source);

/// Reads and parses a file. Throws ConfigError when it is missing, a directory, unreadable or
/// malformed.
Kubeconfig load_kubeconfig_file(const std::string& path);

/// Serialises back to YAML (unknown fields and extensions preserved, *-data re-encoded).
std::string to_yaml(const Kubeconfig& config);

}  // namespace kraft::config
