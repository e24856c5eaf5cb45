#pragma once
// Base64 (RFC 4648, standard alphabet, padded) through OpenSSL's EVP codec, for the kubeconfig
// *-data fields and the exec plugin's KUBERNETES_EXEC_INFO.
#include <optional>
#include <string>
#include <string_view>

namespace kraft::core {

std::string base64_encode(std::string_view bytes);

/// The decoded bytes, or nullopt when `text` is not valid base64. Whitespace (line breaks in
/// wrapped PEM-style data) is ignored, as Go's encoding/json does not allow it but kubectl
/// users paste wrapped data often enough that rejecting it helps nobody.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace kraft::core
