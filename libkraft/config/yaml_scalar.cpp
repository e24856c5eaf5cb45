// What a plain YAML scalar means, and when a string can be written as one. Hand-written
// checks instead of std::regex: these run once per scalar of every kubeconfig read or written,
// and a regex match cost more than the rest of the scalar's handling.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>

#include "config/yaml_json.h"

namespace kraft::config::detail {
namespace {

using nlohmann::json;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_null_word(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// [-+]?[0-9]+
bool is_int_text(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size()) return false;
  return std::all_of(s.begin() + static_cast<long>(i), s.end(), is_digit);
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?  (the core schema's .inf and .nan are
// left as text, as they always were here: JSON has no such numbers).
bool is_float_text(std::string_view s) {
  size_t i = 0;
  const auto digits = [&] {
    const size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    return i - start;
  };
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  } else {
    if (digits() == 0) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

// 0x[0-9a-fA-F_]+ | 0o?[0-7_]+ | [-+]?[0-9][0-9_]*: integers to YAML 1.1 readers (go-yaml v2).
bool is_yaml11_int(std::string_view s) {
  const auto all = [](std::string_view rest, auto pred) {
    return !rest.empty() && std::all_of(rest.begin(), rest.end(), pred);
  };
  const auto hex = [](char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '_';
  };
  const auto oct = [](char c) { return (c >= '0' && c <= '7') || c == '_'; };
  if (s.size() >= 2 && s[0] == '0' && s[1] == 'x' && all(s.substr(2), hex)) return true;
  if (s.size() >= 2 && s[0] == '0') {
    const size_t from = s[1] == 'o' ? 2 : 1;
    if (all(s.substr(from), oct)) return true;
  }
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size() || !is_digit(s[i])) return false;
  return std::all_of(s.begin() + static_cast<long>(i), s.end(),
                     [](char c) { return is_digit(c) || c == '_'; });
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Length of the UTF-8 sequence at s[i] when it is a well-formed character YAML may hold
// unescaped (libyaml's reader rejects the others, and some of these are line breaks), else 0.
size_t printable_char(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return (c >= 0x20 && c < 0x7F) ? 1 : 0;
  size_t n = 0;
  uint32_t cp = 0;
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
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const auto t = static_cast<unsigned char>(s[i + k]);
    if ((t & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (t & 0x3F);
  }
  const uint32_t min = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10FFFF) return 0;
  // C1 controls and NEL (a line break), surrogates, BOM, non-characters, LS and PS.
  if (cp < 0xA0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFEFF || cp == 0x2028 || cp == 0x2029 ||
      (cp & 0xFFFE) == 0xFFFE) {
    return 0;
  }
  return n;
}

// Printable ASCII other than ':' and '#', which are plain text unless a blank is next to them.
constexpr std::array<bool, 256> ordinary_chars() {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 0x7F; ++c) table[c] = c != ':' && c != '#';
  return table;
}
constexpr std::array<bool, 256> kOrdinary = ordinary_chars();

// The value of a plain scalar that is not a string (null, bool, int, float), else nullopt.
std::optional<json> non_string_value(std::string_view s) {
  if (is_null_word(s)) return json(nullptr);
  // Most scalars are names, URLs and base64: nothing else starts like them.
  const char c = s[0];
  if (!is_digit(c) && c != '-' && c != '+' && c != '.' && c != 't' && c != 'T' && c != 'f' &&
      c != 'F') {
    return std::nullopt;
  }
  if (s == "true" || s == "True" || s == "TRUE") return json(true);
  if (s == "false" || s == "False" || s == "FALSE") return json(false);
  const char* begin = s.data() + (s[0] == '+' ? 1 : 0);
  const char* end = s.data() + s.size();
  if (is_int_text(s)) {
    long long v = 0;
    auto [ptr, ec] = std::from_chars(begin, end, v);
    if (ec == std::errc() && ptr == end) return json(v);
    return std::nullopt;  // too large for an int64: keep the text
  }
  if (is_float_text(s)) {
    double v = 0;
    auto [ptr, ec] = std::from_chars(begin, end, v);
    if (ec == std::errc() && ptr == end) return json(v);
  }
  return std::nullopt;
}

}  // namespace

json resolve_plain(std::string_view s) {
  if (auto value = non_string_value(s)) return std::move(*value);
  return std::string(s);
}

bool needs_quotes(std::string_view text) {
  if (text.empty()) return true;
  if (non_string_value(text)) return true;
  // go-yaml v2 (behind sigs.k8s.io/yaml) still reads YAML 1.1 booleans.
  static constexpr std::array<std::string_view, 18> kYaml11Words = {
      "y",  "Y",  "yes", "Yes", "YES", "n",   "N",   "no", "No",
      "NO", "on", "On",  "ON",  "off", "Off", "OFF", "=",  "<<"};
  return std::find(kYaml11Words.begin(), kYaml11Words.end(), text) != kYaml11Words.end() ||
         is_yaml11_int(text) || is_space(text.front()) || is_space(text.back());
}

bool plain_is_safe(std::string_view s) {
  if (is_null_word(s)) return false;
  const auto blank_or_end = [&](size_t i) { return i >= s.size() || s[i] == ' '; };
  // Indicators that cannot start a plain scalar; "- ", "? " and ": " neither.
  constexpr std::string_view kNeverFirst = " ,[]{}#&*!|>'\"%@`";
  if (kNeverFirst.find(s[0]) != std::string_view::npos) return false;
  if ((s[0] == '-' || s[0] == '?' || s[0] == ':') && blank_or_end(1)) return false;
  if (s.back() == ' ') return false;
  for (size_t i = 0; i < s.size();) {
    // Letters, digits and most punctuation need no second look (base64 is all of them).
    while (i < s.size() && kOrdinary[static_cast<unsigned char>(s[i])]) ++i;
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t n = printable_char(s, i);
      if (n == 0) return false;
      i += n;
      continue;
    }
    if (c < 0x20 || c == 0x7F) return false;  // controls, tab and line breaks included
    if (c == ':' && blank_or_end(i + 1)) return false;
    if (c == '#' && s[i - 1] == ' ') return false;  // i > 0: '#' cannot come first
    ++i;
  }
  return true;
}

}  // namespace kraft::config::detail
