#include "api/headers.h"

#include <algorithm>
#include <cctype>

namespace kraft::api {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string header_value(const http::Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (same_name(key, name)) return value;
  }
  return "";
}

std::vector<std::string> header_values(const http::Headers& headers, std::string_view name) {
  std::vector<std::string> values;
  for (const auto& [key, value] : headers) {
    if (same_name(key, name)) values.push_back(value);
  }
  return values;
}

std::string warning_text(std::string_view value) {
  // warn-code SP warn-agent SP quoted-string [SP warn-date]
  auto space1 = value.find(' ');
  auto space2 = space1 == std::string_view::npos ? space1 : value.find(' ', space1 + 1);
  if (space2 == std::string_view::npos || space2 + 1 >= value.size() || value[space2 + 1] != '"') {
    return std::string(value);
  }
  std::string text;
  for (std::size_t i = space2 + 2; i < value.size(); ++i) {
    char c = value[i];
    if (c == '\\' && i + 1 < value.size()) {
      text += value[++i];
    } else if (c == '"') {
      return text;
    } else {
      text += c;
    }
  }
  return std::string(value);  // unterminated quote: better the raw header than half of it
}

}  // namespace kraft::api
