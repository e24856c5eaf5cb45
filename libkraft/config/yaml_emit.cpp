// JSON -> block-style YAML, written straight into a string. The layout is the one kraft has
// always written (yaml-cpp's): 2-space indent, sequences indented under their key, `~` for
// null, `[]` and `{}` for empty collections, plain scalars where they read back unchanged and
// double quotes otherwise. Long strings (base64 certificates) are never folded.
#include <kraft/config/yaml_text.h>

#include <charconv>
#include <cstdint>

#include "config/yaml_json.h"

namespace kraft::config::detail {
namespace {

using nlohmann::json;

constexpr char kHex[] = "0123456789abcdef";
constexpr size_t kMaxImplicitKey = 1024;

void escape(std::string& out, uint32_t cp) {
  int digits = 8;
  out += '\\';
  if (cp <= 0xFF) {
    out += 'x';
    digits = 2;
  } else if (cp <= 0xFFFF) {
    out += 'u';
    digits = 4;
  } else {
    out += 'U';
  }
  for (; digits > 0; --digits) out += kHex[(cp >> (4 * (digits - 1))) & 0xF];
}

// The code point at s[i] (advancing i), or U+FFFD where s is not UTF-8: a stray or missing
// continuation byte, an overlong form, an encoded surrogate or a value above U+10FFFF.
uint32_t next_code_point(std::string_view s, size_t& i) {
  constexpr uint32_t kReplacement = 0xFFFD;
  const auto lead = static_cast<unsigned char>(s[i++]);
  if (lead < 0x80) return lead;
  int more = 0;
  uint32_t cp = 0;
  if ((lead & 0xE0) == 0xC0) {
    more = 1;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    more = 2;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    more = 3;
    cp = lead & 0x07;
  } else {
    return kReplacement;
  }
  const uint32_t min = more == 1 ? 0x80 : more == 2 ? 0x800 : 0x10000;
  for (; more > 0; --more) {
    if (i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return kReplacement;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kReplacement;
  return cp;
}

// Unicode's non-characters (U+FDD0..U+FDEF and the last two of every plane): well-formed text,
// but YAML allows U+FFFE and U+FFFF only escaped, and a reader may refuse the others raw.
bool is_noncharacter(uint32_t cp) {
  return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void double_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    const uint32_t cp = next_code_point(s, i);
    switch (cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        // Controls, DEL, C1 controls, NEL and no-break space, the BOM, the line and
        // paragraph separators (YAML 1.1 line breaks that a reader would fold), and
        // non-characters.
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xFEFF || cp == 0x2028 ||
            cp == 0x2029 || is_noncharacter(cp)) {
          escape(out, cp);
        } else {
          append_utf8(out, cp);
        }
    }
  }
  out += '"';
}

// "---" or "..." then a blank starts or ends a document when it opens a line: only the root
// and the root's keys do. (Elsewhere, and followed by ':', they are ordinary text.)
bool document_marker(std::string_view s, bool is_key) {
  if (s.size() < 3 || (s.substr(0, 3) != "---" && s.substr(0, 3) != "...")) return false;
  return (s.size() == 3 && !is_key) || (s.size() > 3 && s[3] == ' ');
}

void string_scalar(std::string& out, std::string_view s, bool quote) {
  if (!quote && plain_is_safe(s)) {
    out += s;
  } else {
    double_quoted(out, s);
  }
}

template <class T>
void integer(std::string& out, T v) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

void scalar(std::string& out, const json& v) {
  switch (v.type()) {
    case json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      break;
    case json::value_t::number_integer:
      integer(out, v.get<long long>());
      break;
    case json::value_t::number_unsigned:
      integer(out, v.get<unsigned long long>());
      break;
    case json::value_t::number_float:
      string_scalar(out, v.dump(), false);
      break;
    case json::value_t::string: {
      const auto& s = v.get_ref<const std::string&>();
      string_scalar(out, s, needs_quotes(s));
      break;
    }
    case json::value_t::array:
      out += "[]";  // only empty ones get here
      break;
    case json::value_t::object:
      out += "{}";
      break;
    default:
      out += '~';
  }
}

bool is_block(const json& v) { return v.is_structured() && !v.empty(); }

void newline(std::string& out, int indent) {
  out += '\n';
  out.append(static_cast<size_t>(indent), ' ');
}

// A non-empty collection whose first line starts at the cursor, in column `indent`.
void block(std::string& out, const json& v, int indent) {
  bool first = true;
  if (v.is_object()) {
    for (const auto& [key, value] : v.get_ref<const json::object_t&>()) {
      if (!first) newline(out, indent);
      first = false;
      const size_t key_start = out.size();
      string_scalar(out, key, needs_quotes(key) || (indent == 0 && document_marker(key, true)));
      // YAML limits implicit keys to 1024 characters; longer ones need the explicit `? key`.
      if (key.size() > kMaxImplicitKey || out.size() - key_start > kMaxImplicitKey) {
        out.insert(key_start, "? ");
        newline(out, indent);
        out += ':';
        out += ' ';
        if (is_block(value)) {
          block(out, value, indent + 2);
        } else {
          scalar(out, value);
        }
        continue;
      }
      out += ':';
      if (is_block(value)) {
        newline(out, indent + 2);
        block(out, value, indent + 2);
      } else {
        out += ' ';
        scalar(out, value);
      }
    }
    return;
  }
  for (const auto& item : v) {
    if (!first) newline(out, indent);
    first = false;
    out += '-';
    if (item.is_array() && !item.empty()) {
      newline(out, indent + 2);  // a list in a list starts on a line of its own
      block(out, item, indent + 2);
    } else if (is_block(item)) {
      out += ' ';
      block(out, item, indent + 2);
    } else {
      out += ' ';
      scalar(out, item);
    }
  }
}

}  // namespace

void emit_yaml(std::string& out, const json& value) {
  if (is_block(value)) {
    block(out, value, 0);
  } else if (value.is_string() && document_marker(value.get_ref<const std::string&>(), false)) {
    double_quoted(out, value.get_ref<const std::string&>());
  } else {
    scalar(out, value);
  }
}

}  // namespace kraft::config::detail

namespace kraft::config {

std::string to_yaml_text(const nlohmann::json& value) {
  std::string text;
  detail::emit_yaml(text, value);
  text += '\n';
  return text;
}

}  // namespace kraft::config
