#pragma once
// Redaction of secrets in what the transport logs (docs/ARCHITECTURE.md, "Secrets"). The public
// redact_header() lives in <kraft/http/transport.h>; these helpers are for bodies and URLs.
#include <string>
#include <string_view>

namespace kraft::http::detail {

/// Masks secrets in a request or response body (JSON, a watch stream's JSON lines, or text):
/// fields named like tokens, passwords or key data, the data of Secret objects, bearer tokens
/// and PEM private key blocks.
std::string redact_body(std::string_view body);

/// Masks secrets in free text: PEM private key blocks, "Bearer <token>", `token: x`,
/// `"password":"x"`, `client-key-data: x`.
std::string redact_text(std::string_view text);

/// A URL without user information (https://user:password@host → https://host).
std::string redact_url(std::string_view url);

/// Whether a field or header name names a secret (token, password, client-key-data...).
bool is_secret_name(std::string_view name);

}  // namespace kraft::http::detail
