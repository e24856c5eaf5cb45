#pragma once
// A resolved connection: everything needed to reach one API server as one user, with file
// references already read. Produced by config::resolve / load_client_config.
#include <kraft/config/exec_config.h>
#include <kraft/core/secret.h>

#include <chrono>
#include <optional>
#include <string>

namespace kraft::config {

struct ClientConfig {
  std::string server;           ///< https://host:port (no trailing slash)
  std::string ca_pem;           ///< empty: the system trust store
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;
  std::string proxy_url;

  std::string client_cert_pem;  ///< client certificate chain, PEM
  Secret client_key_pem;        ///< its key (RSA or EC), PEM
  Secret token;                 ///< bearer token
  std::string token_file;       ///< re-read when it changes (in-cluster tokens rotate)
  std::string username;         ///< basic auth
  Secret password;
  std::optional<ExecConfig> exec;

  std::string ns = "default";   ///< the context's namespace (or --namespace)
  std::string context;          ///< the context name ("" for in-cluster)
  std::string cluster_name;
  std::string user_name;
  std::chrono::milliseconds request_timeout{0};  ///< 0: none
  std::string source;           ///< the kubeconfig file of the context, for messages
};

}  // namespace kraft::config
