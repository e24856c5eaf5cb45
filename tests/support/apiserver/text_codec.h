#pragma once
// Small encodings the test server needs in several places (OpenSSL does the base64).
#include <optional>
#include <string>

namespace kraft::testing {

std::string base64_encode(const std::string& in);
/// nullopt for input that is not base64.
std::optional<std::string> base64_decode(const std::string& in);
/// RFC 4648 base64url without padding, as the real server's continue tokens.
std::string base64url_encode(const std::string& in);
std::optional<std::string> base64url_decode(std::string in);
/// RFC 3339 UTC with seconds, as metav1.Time serialises.
std::string rfc3339_now();

}  // namespace kraft::testing
