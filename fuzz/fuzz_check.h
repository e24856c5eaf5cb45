#pragma once
// What the fuzz targets share: failing so that libFuzzer reports the input (abort() after a line
// on stderr saying which property broke), and the properties of text that several of them check.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace kraft::fuzz {

/// Reports a broken property and aborts; libFuzzer saves the input as a crash artifact.
[[noreturn]] inline void fail(std::string_view property, std::string_view detail = {}) {
  std::fprintf(stderr, "\nPROPERTY BROKEN: %.*s\n", static_cast<int>(property.size()),
               property.data());
  if (!detail.empty()) {
    std::fprintf(stderr, "  %.*s\n", static_cast<int>(detail.size()), detail.data());
  }
  std::abort();
}

/// Length of the well-formed UTF-8 sequence at s[i] and its code point, or 0 (overlong forms,
/// surrogates and values above U+10FFFF are not well-formed).
inline std::size_t utf8_at(std::string_view s, std::size_t i, uint32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  std::size_t n = c >= 0xC2 && c <= 0xDF   ? 2
                  : c >= 0xE0 && c <= 0xEF ? 3
                  : c >= 0xF0 && c <= 0xF4 ? 4
                                           : 0;
  if (n == 0 || i + n > s.size()) return 0;
  cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    const auto t = static_cast<unsigned char>(s[i + k]);
    if ((t & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (t & 0x3F);
  }
  const uint32_t min = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

/// Whether `s` is well-formed UTF-8.
inline bool is_utf8(std::string_view s) {
  uint32_t cp = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_at(s, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

/// Checks that an error message a user will see is one printable line: UTF-8 without C0 or C1
/// controls, DEL, or the Unicode line and paragraph separators (a server or a plugin must not
/// be able to move the cursor, retitle the terminal or add lines), and of bounded length.
inline void check_message(std::string_view message, std::string_view what) {
  constexpr std::size_t kMaxMessage = 4096;
  if (message.size() > kMaxMessage) fail(what, "message longer than 4096 bytes");
  uint32_t cp = 0;
  for (std::size_t i = 0; i < message.size();) {
    const std::size_t n = utf8_at(message, i, cp);
    if (n == 0) fail(what, "message is not UTF-8: " + std::string(message));
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029) {
      fail(what, "message holds a control character or line break: " + std::string(message));
    }
    i += n;
  }
}

}  // namespace kraft::fuzz
