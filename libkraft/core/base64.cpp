#include "core/base64.h"

#include <openssl/evp.h>

#include <cctype>
#include <vector>

namespace kraft::core {

std::string base64_encode(std::string_view bytes) {
  if (bytes.empty()) return {};
  std::vector<unsigned char> out(4 * ((bytes.size() + 2) / 3) + 1);
  const int n = EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  return std::string(reinterpret_cast<const char*>(out.data()), static_cast<size_t>(n));
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::string compact;
  compact.reserve(text.size());
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) compact.push_back(c);
  }
  if (compact.empty()) return std::string();
  // EVP_DecodeBlock wants whole quanta and does not check the alphabet strictly around
  // padding, so validate the shape first.
  if (compact.size() % 4 != 0) return std::nullopt;
  size_t pad = 0;
  for (size_t i = 0; i < compact.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(compact[i]);
    if (c == '=') {
      if (i + 2 < compact.size()) return std::nullopt;
      ++pad;
    } else if (pad > 0 || !(std::isalnum(c) || c == '+' || c == '/')) {
      return std::nullopt;
    }
  }
  std::vector<unsigned char> out(compact.size() / 4 * 3 + 1);
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(compact.data()),
                                static_cast<int>(compact.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero bytes; drop them.
  return std::string(reinterpret_cast<const char*>(out.data()), static_cast<size_t>(n) - pad);
}

}  // namespace kraft::core
