// The default field manager name, after k8s.io/apiserver handlers' prefixFromUserAgent.
#include <cstdint>
#include <string>
#include <string_view>

#include "fields/managed_fields.h"

namespace kraft::testing {

namespace {

constexpr size_t kFieldManagerMaxLength = 128;  // validation.FieldManagerMaxLength

// Decodes one UTF-8 rune at `text[pos]`; `width` is its length (1 for an invalid byte, which
// Go turns into U+FFFD).
char32_t decode_rune(std::string_view text, size_t pos, size_t& width) {
  auto byte = [&](size_t i) { return static_cast<uint8_t>(text[pos + i]); };
  uint8_t lead = byte(0);
  size_t length = lead < 0x80           ? 1
                  : (lead >> 5) == 0x6  ? 2
                  : (lead >> 4) == 0xE  ? 3
                  : (lead >> 3) == 0x1E ? 4
                                        : 0;
  if (length == 0 || pos + length > text.size()) {
    width = 1;
    return 0xFFFD;
  }
  char32_t rune = length == 1 ? lead : lead & (0xFF >> (length + 1));
  for (size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) {
      width = 1;
      return 0xFFFD;
    }
    rune = (rune << 6) | (byte(i) & 0x3F);
  }
  width = length;
  return rune;
}

// An approximation of Go's unicode.IsPrint: no control characters, and no spaces other than
// U+0020.
bool is_print(char32_t rune) {
  if (rune < 0x20 || (rune >= 0x7F && rune <= 0xA0)) return false;
  if (rune == 0xAD || rune == 0x1680 || (rune >= 0x2000 && rune <= 0x200F)) return false;
  if ((rune >= 0x2028 && rune <= 0x202F) || (rune >= 0x205F && rune <= 0x206F)) return false;
  return rune != 0x3000 && rune != 0xFEFF;
}

std::string encode_rune(char32_t rune) {
  std::string out;
  if (rune < 0x80) {
    out += static_cast<char>(rune);
  } else if (rune < 0x800) {
    out += static_cast<char>(0xC0 | (rune >> 6));
    out += static_cast<char>(0x80 | (rune & 0x3F));
  } else if (rune < 0x10000) {
    out += static_cast<char>(0xE0 | (rune >> 12));
    out += static_cast<char>(0x80 | ((rune >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (rune & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (rune >> 18));
    out += static_cast<char>(0x80 | ((rune >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((rune >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (rune & 0x3F));
  }
  return out;
}

}  // namespace

std::string manager_from_user_agent(std::string_view user_agent) {
  std::string_view program = user_agent.substr(0, user_agent.find('/'));
  std::string out;
  for (size_t pos = 0; pos < program.size();) {
    size_t width = 1;
    char32_t rune = decode_rune(program, pos, width);
    pos += width;
    if (!is_print(rune)) continue;
    std::string encoded = encode_rune(rune);
    if (out.size() + encoded.size() > kFieldManagerMaxLength) break;
    out += encoded;
  }
  return out;
}

}  // namespace kraft::testing
