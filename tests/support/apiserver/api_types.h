#pragma once
// Plain values passed between the HTTP layer and the REST logic of the test API server, so the
// semantics can be driven (and tested) without sockets.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kraft::testing {

/// An authenticated caller.
struct UserInfo {
  std::string name;
  std::vector<std::string> groups;
  bool is_anonymous() const { return name == "system:anonymous"; }
};

struct ApiRequest {
  std::string method;  ///< GET, POST, PUT, PATCH, DELETE
  std::string path;    ///< without the query string
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  ///< keys in lower case
  std::string body;
  UserInfo user;

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string param(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
  bool has_param(const std::string& name) const { return query.count(name) != 0; }
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::string> warnings;  ///< raw Warning header values: 299 - "..."
  std::map<std::string, std::string> headers;

  static ApiResponse json(int status, const nlohmann::json& body) {
    ApiResponse r;
    r.status = status;
    r.body = body.dump();
    return r;
  }
};

}  // namespace kraft::testing
