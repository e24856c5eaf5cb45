#include "api/url.h"

namespace kraft::api {

std::string url_escape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                      u == '-' || u == '.' || u == '_' || u == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0x0F];
    }
  }
  return out;
}

Query& Query::add(std::string key, std::string value) {
  if (!value.empty()) params_.emplace_back(std::move(key), std::move(value));
  return *this;
}

Query& Query::add_if(bool condition, std::string key, std::string value) {
  return condition ? add(std::move(key), std::move(value)) : *this;
}

std::string Query::str() const {
  std::string out;
  for (const auto& [key, value] : params_) {
    out += out.empty() ? '?' : '&';
    out += url_escape(key);
    out += '=';
    out += url_escape(value);
  }
  return out;
}

}  // namespace kraft::api
