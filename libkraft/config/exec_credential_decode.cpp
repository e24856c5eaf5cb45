// What a plugin prints (client-go's plugin/pkg/client/auth/exec, "ExecCredential"): JSON of
// kind ExecCredential whose apiVersion is the kubeconfig's, status.token or
// status.clientCertificateData with status.clientKeyData, and an optional
// status.expirationTimestamp.
#include "config/exec_credential_decode.h"

#include <fmt/format.h>
#include <kraft/core/error.h>
#include <kraft/core/text.h>
#include <kraft/core/time.h>

#include <nlohmann/json.hpp>

namespace kraft::config::detail {

using nlohmann::json;

ExecCredential decode_exec_credential(std::string_view out, std::string_view api_version) {
  // No exceptions from the parser: its messages quote the input, which may be a credential.
  const json doc = json::parse(out, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    throw ConfigError(doc.is_discarded()
                          ? "printed something that is not JSON"
                          : fmt::format("printed JSON that is not an ExecCredential object but {}",
                                        doc.type_name()));
  }
  auto text_at = [&](const json& object, const char* key) -> std::string {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (text_at(doc, "kind") != "ExecCredential") {
    throw ConfigError(
        "printed JSON that is not an ExecCredential (kind is not \"ExecCredential\")");
  }
  // The version is the plugin's text, quoted in the message: one safe, short line.
  const std::string version = text_at(doc, "apiVersion");
  if (version != api_version) {
    throw ConfigError(fmt::format("returned apiVersion \"{}\" but the kubeconfig asks for \"{}\"",
                                  sanitize_text(version, 100), api_version));
  }
  const auto status_it = doc.find("status");
  if (status_it == doc.end() || !status_it->is_object()) {
    throw ConfigError("returned an ExecCredential without status");
  }
  const json& status = *status_it;
  auto string_field = [&](const char* key) -> std::string {
    const auto it = status.find(key);
    if (it == status.end() || it->is_null()) return {};
    if (!it->is_string()) throw ConfigError(fmt::format("status.{} is not a string", key));
    return it->get<std::string>();
  };
  ExecCredential cred;
  cred.token = Secret(string_field("token"));
  cred.client_cert_pem = string_field("clientCertificateData");
  cred.client_key_pem = Secret(string_field("clientKeyData"));
  if (cred.client_cert_pem.empty() != cred.client_key_pem.empty()) {
    throw ConfigError("returned only one of status.clientCertificateData and status.clientKeyData");
  }
  if (cred.token.empty() && cred.client_cert_pem.empty()) {
    throw ConfigError("returned neither status.token nor a client certificate");
  }
  if (const std::string expiry = string_field("expirationTimestamp"); !expiry.empty()) {
    cred.expires = parse_rfc3339(expiry);
    if (!cred.expires) {
      throw ConfigError(fmt::format("status.expirationTimestamp \"{}\" is not an RFC 3339 time",
                                    sanitize_text(expiry, 100)));
    }
  }
  return cred;
}

}  // namespace kraft::config::detail
