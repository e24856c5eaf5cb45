#include "schema/field_error.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace kraft::testing::schema_detail {
namespace {

// Decodes one UTF-8 sequence at s[i]; returns the code point or -1 for an invalid byte.
int32_t decode_utf8(std::string_view s, size_t i, size_t& len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  len = 1;
  if (b0 < 0x80) return b0;
  const int extra = (b0 & 0xE0) == 0xC0   ? 1
                    : (b0 & 0xF0) == 0xE0 ? 2
                    : (b0 & 0xF8) == 0xF0 ? 3
                                          : -1;
  if (extra < 0 || i + static_cast<size_t>(extra) >= s.size()) return -1;
  int32_t cp = b0 & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
    if ((b & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (b & 0x3F);
  }
  len = static_cast<size_t>(extra) + 1;
  return cp;
}

std::string hex_escape(const char* prefix, unsigned value, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s%0*x", prefix, width, value);
  return buf;
}

std::string go_sharp_v(const nlohmann::json& v);

}  // namespace

std::string go_quote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    int32_t cp = decode_utf8(s, i, len);
    if (cp < 0) {
      out += hex_escape("\\x", static_cast<unsigned char>(s[i]), 2);
    } else if (cp == '"' || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp >= 0x20 && cp < 0x7F) {
      out += static_cast<char>(cp);
    } else if (cp == '\a') {
      out += "\\a";
    } else if (cp == '\b') {
      out += "\\b";
    } else if (cp == '\f') {
      out += "\\f";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\v') {
      out += "\\v";
    } else if (cp < 0x20 || cp == 0x7F) {
      out += hex_escape("\\x", static_cast<unsigned>(cp), 2);
    } else {
      out.append(s.substr(i, len));  // printable non-ASCII stays as is
    }
    i += len;
  }
  return out + "\"";
}

std::string go_float(double v) {
  if (v == 0) return std::signbit(v) ? "-0" : "0";
  char buf[64];
  // Shortest round-trip digits in scientific form: d.ddde±XX.
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  const size_t e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  const int exp = std::stoi(sci.substr(e + 1));
  std::string sign;
  if (mantissa[0] == '-') {
    sign = "-";
    mantissa.erase(0, 1);
  }
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  if (exp < -4 || exp >= 6) {
    std::string out = sign + digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char ebuf[16];
    std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    return out + ebuf;
  }
  if (exp < 0) return sign + "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
  const auto int_len = static_cast<size_t>(exp) + 1;
  if (digits.size() <= int_len) return sign + digits + std::string(int_len - digits.size(), '0');
  return sign + digits.substr(0, int_len) + "." + digits.substr(int_len);
}

namespace {

std::string go_sharp_v(const nlohmann::json& v) {
  if (v.is_null()) return "interface {}(nil)";
  if (v.is_object()) {
    std::string out = "map[string]interface {}{";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {  // Go prints map keys sorted, as json does
      if (!first) out += ", ";
      first = false;
      out += go_quote(it.key()) + ":" + go_sharp_v(it.value());
    }
    return out + "}";
  }
  if (v.is_array()) {
    std::string out = "[]interface {}{";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + go_sharp_v(v[i]);
    return out + "}";
  }
  return go_value(v);
}

}  // namespace

std::string go_value(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null:
      return "\"null\"";
    case nlohmann::json::value_t::string:
      return go_quote(v.get_ref<const std::string&>());
    case nlohmann::json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::number_integer:
      return std::to_string(v.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned:
      return std::to_string(v.get<uint64_t>());
    case nlohmann::json::value_t::number_float:
      return go_float(v.get<double>());
    default:
      return go_sharp_v(v);
  }
}

FieldCause invalid(const std::string& path, const nlohmann::json& value,
                   const std::string& detail) {
  std::string msg = "Invalid value: " + go_value(value);
  if (!detail.empty()) msg += ": " + detail;
  return {"FieldValueInvalid", msg, field_string(path)};
}

FieldCause type_invalid(const std::string& path, const nlohmann::json& value,
                        const std::string& detail) {
  FieldCause c = invalid(path, value, detail);
  c.reason = "FieldValueTypeInvalid";
  return c;
}

FieldCause required(const std::string& path) {
  return {"FieldValueRequired", "Required value", field_string(path)};
}

FieldCause not_supported(const std::string& path, const nlohmann::json& value,
                         const std::vector<std::string>& supported) {
  std::string msg = "Unsupported value: " + go_value(value);
  if (!supported.empty()) {
    msg += ": supported values: ";
    for (size_t i = 0; i < supported.size(); ++i) msg += (i ? ", " : "") + go_quote(supported[i]);
  }
  return {"FieldValueNotSupported", msg, field_string(path)};
}

FieldCause too_long(const std::string& path, int64_t max_length) {
  return {"FieldValueTooLong", "Too long: may not be longer than " + std::to_string(max_length),
          field_string(path)};
}

FieldCause too_many(const std::string& path, int64_t actual, int64_t max_items) {
  return {"FieldValueTooMany",
          "Too many: " + std::to_string(actual) + ": must have at most " +
              std::to_string(max_items) + " items",
          field_string(path)};
}

}  // namespace kraft::testing::schema_detail
