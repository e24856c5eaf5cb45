// The codec itself is OpenSSL's (EVP_EncodeBlock / EVP_DecodeBlock); what is here is the
// strictness OpenSSL leaves out (alphabet, padding only at the end) and skipping whitespace,
// done in one table-driven pass that copies only when there is whitespace to drop. Kubeconfigs
// carry megabytes of base64 certificates, so the passes matter for `kubeconfig merge`.
#include "core/base64.h"

#include <openssl/evp.h>

#include <array>

namespace kraft::core {
namespace {

enum : unsigned char { kBad, kAlpha, kSpace, kPad };

constexpr std::array<unsigned char, 256> classes() {
  std::array<unsigned char, 256> t{};
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kAlpha;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kAlpha;
  for (int c = '0'; c <= '9'; ++c) t[c] = kAlpha;
  t['+'] = t['/'] = kAlpha;
  for (unsigned char c : {' ', '\t', '\n', '\v', '\f', '\r'}) t[c] = kSpace;
  t['='] = kPad;
  return t;
}
constexpr std::array<unsigned char, 256> kClass = classes();

}  // namespace

std::string base64_encode(std::string_view bytes) {
  if (bytes.empty()) return {};
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  // One pass: check the alphabet, count whitespace, and find where padding starts.
  std::size_t spaces = 0, pad = 0;
  for (const char ch : text) {
    switch (kClass[static_cast<unsigned char>(ch)]) {
      case kAlpha:
        if (pad > 0) return std::nullopt;  // data after '='
        break;
      case kSpace:
        ++spaces;
        break;
      case kPad:
        if (++pad > 2) return std::nullopt;
        break;
      default:
        return std::nullopt;
    }
  }
  std::string compact;
  std::string_view input = text;
  if (spaces > 0) {
    compact.reserve(text.size() - spaces);
    for (const char ch : text) {
      if (kClass[static_cast<unsigned char>(ch)] != kSpace) compact.push_back(ch);
    }
    input = compact;
  }
  if (input.empty()) return std::string();
  if (input.size() % 4 != 0) return std::nullopt;  // EVP_DecodeBlock wants whole quanta
  std::string out(input.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(input.data()),
                                static_cast<int>(input.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero bytes; drop them.
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

}  // namespace kraft::core
