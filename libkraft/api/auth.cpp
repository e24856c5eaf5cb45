// Which credential wins follows client-go (rest.Config): an exec plugin's token, else a
// token, else a token file, else basic auth. In-cluster service-account tokens are projected
// files that kubelet rotates, so the file is re-read whenever its mtime changes rather than
// once at start-up. Config resolution also reads a token file into `token` (its first value);
// when a file is named, the file stays the source of truth, as client-go's
// CachedFileTokenSource.
#include "api/auth.h"

#include <kraft/config/token_file.h>
#include <kraft/core/error.h>

#include <system_error>
#include <vector>

#include "core/base64.h"

namespace kraft::api {

namespace {

// Which credentials a request carried, in words: the kind, never the value.
std::string credential_kinds(const config::ClientConfig& config) {
  std::vector<std::string> kinds;
  if (!config.client_cert_pem.empty()) kinds.emplace_back("client certificate");
  if (config.exec) {
    kinds.push_back("exec plugin \"" + config.exec->command + "\"");
  } else if (!config.token_file.empty()) {
    kinds.push_back("bearer token from " + config.token_file);
  } else if (!config.token.empty()) {
    kinds.emplace_back("bearer token");
  } else if (!config.username.empty()) {
    kinds.emplace_back("username and password");
  }
  std::string text;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (i > 0) text += i + 1 == kinds.size() ? " and " : ", ";
    text += kinds[i];
  }
  return text;
}

}  // namespace

std::string describe_unauthorized(const std::string& server_words,
                                  const config::ClientConfig& config) {
  const std::string kinds = credential_kinds(config);
  const std::string user = config.user_name.empty() ? "" : " of user \"" + config.user_name + "\"";
  std::string text = server_words + ": the server " + config.server;
  if (kinds.empty()) {
    text += config.user_name.empty()
                ? " needs credentials and none were given"
                : " needs credentials and user \"" + config.user_name + "\" has none";
  } else {
    text += " did not accept the credentials" + user + " (" + kinds + ")";
  }
  // In-cluster configurations have no user entry to check.
  if (!config.user_name.empty()) text += "; check the kubeconfig's user entry";
  return text;
}

Authenticator::Authenticator(const config::ClientConfig& config,
                             std::shared_ptr<config::ExecCredentialProvider> exec)
    : token_(config.token_file.empty() ? config.token : Secret()),
      token_file_(config.token_file),
      username_(config.username),
      password_(config.password),
      exec_(std::move(exec)) {}

void Authenticator::apply(http::Request& request) {
  std::string token = bearer_token();
  if (!token.empty()) {
    request.headers.emplace_back("Authorization", "Bearer " + token);
  } else if (!username_.empty()) {
    request.headers.emplace_back(
        "Authorization", "Basic " + core::base64_encode(username_ + ":" + password_.reveal()));
  }
}

bool Authenticator::refresh_after_unauthorized() {
  if (exec_) {
    exec_->invalidate();
    return true;
  }
  if (token_.empty() && !token_file_.empty()) {
    std::string before;
    {
      std::lock_guard lock(mu_);
      before = file_token_.reveal();
    }
    return token_from_file(true) != before;
  }
  return false;
}

std::string Authenticator::bearer_token() {
  if (exec_) {
    config::ExecCredential credential = exec_->get();
    if (!credential.token.empty()) return credential.token.reveal();
  }
  if (!token_.empty()) return token_.reveal();
  if (!token_file_.empty()) return token_from_file(false);
  return "";
}

std::string Authenticator::token_from_file(bool force) {
  std::lock_guard lock(mu_);
  std::error_code ec;
  auto mtime = std::filesystem::last_write_time(token_file_, ec);
  if (ec) {
    // A rotation replaces the file by a rename; between the two a cached token is still the
    // best answer we have.
    if (file_mtime_ && !force) return file_token_.reveal();
    throw ConfigError("cannot read token file " + token_file_ + ": " + ec.message());
  }
  if (!force && file_mtime_ && *file_mtime_ == mtime) return file_token_.reveal();
  std::string token = config::read_token_file(token_file_);
  file_mtime_ = mtime;
  file_token_ = Secret(std::move(token));
  return file_token_.reveal();
}

}  // namespace kraft::api
