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

// --- What a YAML 1.1 reader makes of a plain scalar -----------------------------------------
// kubectl reads kubeconfigs with go-yaml v2 (through sigs.k8s.io/yaml), which resolves plain
// scalars by YAML 1.1's type repository (yaml.org/type/*.html) with its own widenings; a
// kubeconfig value it reads as a number, a bool or a time makes kubectl refuse the whole file
// ("json: unsupported value: +Inf", "cannot unmarshal number into ... of type string"). The
// checks below accept every form of either, and some more (quoting a string is always safe):
// a superset, not a parser, so that ordinary strings are turned away by their first character.

// bool.html: y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF;
// null.html: ~|null|Null|NULL; merge.html: `<<` (go-yaml v2 merges a plain `<<` key);
// value.html: `=`. go-yaml v2's resolve table holds the same bools and nulls.
bool is_yaml11_word(std::string_view s) {
  static constexpr std::array<std::string_view, 28> kWords = {
      "y",    "Y",    "yes",  "Yes",   "YES",   "n",     "N",  "no", "No", "NO",
      "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off",
      "Off",  "OFF",  "~",    "null",  "Null",  "NULL",  "<<", "="};
  return s.size() <= 5 && std::find(kWords.begin(), kWords.end(), s) != kWords.end();
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// float.html: [-+]?\.(inf|Inf|INF) and \.(nan|NaN|NAN); go-yaml v2's table adds +.inf. Here in
// any case and with either sign.
bool is_yaml11_special_float(std::string_view s) {
  if (s[0] == '-' || s[0] == '+') s.remove_prefix(1);
  if (s.size() != 4 || s[0] != '.') return false;
  const char word[3] = {lower(s[1]), lower(s[2]), lower(s[3])};
  return std::string_view(word, 3) == "inf" || std::string_view(word, 3) == "nan";
}

// Numbers, from
//   int.html:   [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+
//               | [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+  (base 60)
//   float.html: [-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?  (so 1.2.3 too)
//               | [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*  (base 60)
//   go-yaml v2 (resolve.go): for a scalar starting with a digit or a sign it drops every '_'
//               and tries strconv.ParseInt(s, 0, 64) (a sign, then 0x/0X, 0o/0O, 0b/0B or a
//               leading 0 for octal), ParseUint, the float form
//               [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? and 0b/-0b binary; one
//               starting with '.' goes to strconv.ParseFloat, which takes '_' between digits.
//               Its writer quotes base 60 too ("for compatibility with other parsers").
// as one superset: [-+]? then 0[xX][0-9a-fA-F_]* or 0[oObB][0-9_]*, or a mantissa of digits, '_',
// '.' and
// ':' (none after a '.') that holds a digit or a dot and starts with a digit, '.' or (after a
// sign) '_', then optionally [eE][-+]?[0-9_]+.
bool is_yaml11_number(std::string_view s) {
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i == s.size()) return false;
  if (s[i] == '0' && i + 1 < s.size()) {
    const char base = lower(s[i + 1]);
    const auto rest = s.substr(i + 2);
    const auto in = [&](auto pred) { return std::all_of(rest.begin(), rest.end(), pred); };
    if (base == 'x') {
      return in(
          [](char c) { return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'f') || c == '_'; });
    }
    if (base == 'o' || base == 'b') return in([](char c) { return is_digit(c) || c == '_'; });
  }
  // The mantissa's first character: go-yaml v2 reads "+_1" as 1, but "_1" is a string there.
  const bool may_start = is_digit(s[i]) || s[i] == '.' || (s[i] == '_' && i == 1);
  if (!may_start) return false;
  bool digit_or_dot = false;  // float.html's regexp even matches "." and "-.e+1"
  bool dot = false;           // base 60 puts its ':' before the fraction: 10.0.0.1:443 is text
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (is_digit(c)) {
      digit_or_dot = true;
    } else if (c == '.') {
      digit_or_dot = dot = true;
    } else if (c != '_' && (c != ':' || dot)) {
      break;
    }
  }
  if (!digit_or_dot) return false;
  if (i == s.size()) return true;
  if (s[i] != 'e' && s[i] != 'E') return false;
  if (++i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  if (i == s.size()) return false;
  return std::all_of(s.begin() + static_cast<long>(i), s.end(),
                     [](char c) { return is_digit(c) || c == '_'; });
}

// timestamp.html: [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}, alone or followed by [Tt] or blanks and a
// time; go-yaml v2 resolves a subset (YYYY- then Go's time.Parse in four layouts), and only
// hands kubectl the text back because it decodes into interface{}: other YAML 1.1 readers make
// a date of it. As a superset: that date, then the end or a T, t, space or tab.
bool is_yaml11_timestamp(std::string_view s) {
  size_t i = 0;
  const auto digits = [&](size_t min, size_t max) {
    const size_t start = i;
    while (i < s.size() && i - start < max && is_digit(s[i])) ++i;
    return i - start >= min;
  };
  const auto dash = [&] { return i < s.size() && s[i++] == '-'; };
  if (!digits(4, 4) || !dash() || !digits(1, 2) || !dash() || !digits(1, 2)) return false;
  return i == s.size() || s[i] == 'T' || s[i] == 't' || s[i] == ' ' || s[i] == '\t';
}

}  // namespace

json resolve_plain(std::string_view s) {
  if (auto value = non_string_value(s)) return std::move(*value);
  return std::string(s);
}

bool needs_quotes(std::string_view text) {
  if (text.empty() || is_space(text.front()) || is_space(text.back())) return true;
  // YAML 1.2 core schema: the very rule kraft's reader applies (resolve_plain).
  if (non_string_value(text)) return true;
  // YAML 1.1 and go-yaml v2: numbers, dates and .inf/.nan start with a sign, a dot or a digit;
  // the rest are whole words.
  switch (text[0]) {
    case '+':
    case '-':
    case '.':
      return is_yaml11_number(text) || is_yaml11_special_float(text);
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      return is_yaml11_number(text) || is_yaml11_timestamp(text);
    default:
      return is_yaml11_word(text);
  }
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
