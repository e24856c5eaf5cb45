#pragma once
// Credentials the client adds to each request: a bearer token (fixed, from a file that may
// rotate, or from an exec plugin) or basic auth. Client certificates are not here: they are
// TLS material and go to the transport when it is built.
#include <kraft/config/client_config.h>
#include <kraft/config/exec_credential.h>
#include <kraft/http/request.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace kraft::api {

/// The message of a 401: `server_words` (what the server said, already one safe line), the
/// server that said it, the kubeconfig user and what kind of credential it refused.
std::string describe_unauthorized(const std::string& server_words,
                                  const config::ClientConfig& config);

class Authenticator {
 public:
  /// `exec` is the config's exec plugin provider (nullptr when the user has none); it is
  /// shared because Client::connect asks it for a client certificate first.
  Authenticator(const config::ClientConfig& config,
                std::shared_ptr<config::ExecCredentialProvider> exec);

  /// Adds the Authorization header, if the user has a credential that goes in one.
  void apply(http::Request& request);
  /// After a 401: forgets what may have gone stale. Returns whether a retry may succeed
  /// (a plugin will run again, or the token file now holds a different token).
  bool refresh_after_unauthorized();

 private:
  std::string bearer_token();
  std::string token_from_file(bool force);

  Secret token_;
  std::string token_file_;
  std::string username_;
  Secret password_;
  std::shared_ptr<config::ExecCredentialProvider> exec_;

  std::mutex mu_;  // guards the token file cache
  std::optional<std::filesystem::file_time_type> file_mtime_;
  Secret file_token_;
};

}  // namespace kraft::api
