// Header look-ups, shared by requests and responses. HTTP header names are case-insensitive (RFC
// 9110 §5.1), and HTTP/2 delivers them in lower case, so callers must never compare names exactly.
#include <kraft/http/request.h>

#include <algorithm>
#include <cctype>

namespace kraft::http {

namespace {

bool same_name(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string header_value(const Headers& headers, const std::string& name) {
  for (const auto& [key, value] : headers) {
    if (same_name(key, name)) return value;
  }
  return {};
}

std::vector<std::string> header_values(const Headers& headers, const std::string& name) {
  std::vector<std::string> values;
  for (const auto& [key, value] : headers) {
    if (same_name(key, name)) values.push_back(value);
  }
  return values;
}

std::string Response::header(const std::string& name) const { return header_value(headers, name); }

std::vector<std::string> Response::headers_named(const std::string& name) const {
  return header_values(headers, name);
}

}  // namespace kraft::http
