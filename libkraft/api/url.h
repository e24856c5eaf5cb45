#pragma once
// Pure URL pieces for API requests: percent-escaping and query strings. Kept apart from the
// client so that every escaping rule is unit-tested without I/O.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kraft/core/error.h>

namespace kraft::api {

/// The object a request path addresses, for errors: "/apis/k3k.io/v1beta1/namespaces/ns/
/// clusters/demo?x" -> {"clusters.k3k.io", "ns", "demo"}; a collection has no name; a path
/// that is not a resource path (discovery, /version) gives an empty ObjectRef.
ObjectRef object_of_path(std::string_view path);

/// Percent-escapes everything but RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~), so
/// the result is safe both as a path segment and as a query key or value.
std::string url_escape(std::string_view text);

/// An ordered query string; empty values are left out because the API server treats a
/// missing parameter and an empty one alike, and shorter URLs read better in -v logs.
class Query {
 public:
  Query& add(std::string key, std::string value);
  Query& add_if(bool condition, std::string key, std::string value);
  bool empty() const { return params_.empty(); }
  /// "?a=1&b=2", or "" when there is nothing to send.
  std::string str() const;

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

}  // namespace kraft::api
