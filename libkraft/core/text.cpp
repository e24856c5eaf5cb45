#include <kraft/core/text.h>

#include <cstdint>
#include <string>

namespace kraft {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_hex_byte(std::string& out, unsigned char c) {
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

// Length of the well-formed UTF-8 sequence at text[i] and its code point, or 0.
std::size_t utf8_sequence(std::string_view text, std::size_t i, uint32_t& cp) {
  const auto c = static_cast<unsigned char>(text[i]);
  std::size_t n = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto t = static_cast<unsigned char>(text[i + k]);
    if ((t & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (t & 0x3F);
  }
  const uint32_t min = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string sanitize_text(std::string_view text, std::size_t max_bytes) {
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  std::string out;
  out.reserve(max_bytes != 0 && text.size() > max_bytes ? max_bytes + 32 : text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (max_bytes != 0 && out.size() >= max_bytes) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    if (c < 0x80) {  // C0 controls and DEL
      switch (c) {
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case 0x1B: out += "\\e"; break;
        default: append_hex_byte(out, c);
      }
      ++i;
      continue;
    }
    uint32_t cp = 0;
    const std::size_t n = utf8_sequence(text, i, cp);
    if (n == 0) {
      append_hex_byte(out, c);
      ++i;
    } else if (cp < 0xA0 || cp == 0x2028 || cp == 0x2029) {
      // C1 controls (U+0080..U+009F, CSI and OSC among them) and line/paragraph separators.
      out += cp < 0xA0 ? "\\u00" : "\\u";
      std::string digits;
      for (uint32_t v = cp; v != 0; v >>= 4) digits.insert(digits.begin(), kHex[v & 0xF]);
      out += digits;
      i += n;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  if (i < text.size()) out += "... (" + std::to_string(text.size() - i) + " more bytes)";
  return out;
}

}  // namespace kraft
