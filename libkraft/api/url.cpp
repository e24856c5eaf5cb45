#include "api/url.h"

namespace kraft::api {

ObjectRef object_of_path(std::string_view path) {
  path = path.substr(0, path.find_first_of("?#"));
  std::vector<std::string_view> parts;
  for (std::size_t start = 0; start < path.size();) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  // /api/VERSION/... (core group) or /apis/GROUP/VERSION/...
  std::size_t at = 0;
  std::string group;
  if (parts.size() >= 2 && parts[0] == "api") {
    at = 2;
  } else if (parts.size() >= 3 && parts[0] == "apis") {
    group = parts[1];
    at = 3;
  } else {
    return {};
  }
  ObjectRef object;
  // namespaces/NS/RESOURCE... names a namespace; namespaces[/NAME] is the resource itself.
  if (parts.size() >= at + 3 && parts[at] == "namespaces") {
    object.ns = parts[at + 1];
    at += 2;
  }
  if (parts.size() <= at) return {};
  object.resource = std::string(parts[at]) + (group.empty() ? "" : "." + group);
  if (parts.size() > at + 1) object.name = parts[at + 1];
  return object;
}

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
