#include "k3k_names.h"

#include <openssl/sha.h>

namespace kraft::testing {

namespace {

std::string hex_sha256(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace

std::string hex_encode(std::string_view bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4];
    out += kHex[b & 0xf];
  }
  return out;
}

std::string safe_concat_name(const std::vector<std::string>& parts) {
  std::string full;
  for (const auto& p : parts) full += (full.empty() ? "" : "-") + p;
  if (full.size() < 64) return full;
  const std::string h = hex_sha256(full);
  // K3k keeps the character at the cut only when a name may end with it ([a-z0-9]).
  const char c = full[56];
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
    return full.substr(0, 57) + "-" + h.substr(0, 5);
  return full.substr(0, 56) + "-" + h.substr(0, 6);
}

std::string k3k_name(const std::string& cluster, const std::vector<std::string>& suffixes) {
  std::vector<std::string> parts{"k3k", cluster};
  parts.insert(parts.end(), suffixes.begin(), suffixes.end());
  return safe_concat_name(parts);
}

}  // namespace kraft::testing
