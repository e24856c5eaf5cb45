#pragma once
// A Client for the test API server over real TLS: the admin's client certificate, or any
// other credential a test sets on the config.
#include <kraft/api/client.h>
#include <kraft/config/client_config.h>

#include <nlohmann/json.hpp>

#include "test_apiserver.h"

namespace kraft::api::testing {

/// The server's URL and CA, with no credentials.
inline config::ClientConfig anonymous_config(const kraft::testing::TestApiServer& server) {
  config::ClientConfig c;
  c.server = server.url();
  c.ca_pem = server.ca_pem();
  return c;
}

/// Cluster-admin by client certificate (CN=kraft-admin, O=system:masters).
inline config::ClientConfig admin_config(const kraft::testing::TestApiServer& server) {
  config::ClientConfig c = anonymous_config(server);
  c.client_cert_pem = server.admin_credentials().cert_pem;
  c.client_key_pem = Secret(server.admin_credentials().key_pem);
  return c;
}

inline const ResourceInfo& clusters() {
  static const ResourceInfo info{"k3k.io", "v1beta1", "Cluster", "clusters", true};
  return info;
}

inline nlohmann::json cluster(const std::string& name,
                              nlohmann::json spec = nlohmann::json::object()) {
  return {{"apiVersion", "k3k.io/v1beta1"},
          {"kind", "Cluster"},
          {"metadata", {{"name", name}}},
          {"spec", std::move(spec)}};
}

inline nlohmann::json secret(const std::string& name,
                             nlohmann::json labels = nlohmann::json::object()) {
  return {{"apiVersion", "v1"},
          {"kind", "Secret"},
          {"metadata", {{"name", name}, {"labels", std::move(labels)}}},
          {"stringData", {{"k", "v"}}}};
}

inline nlohmann::json namespace_object(const std::string& name) {
  return {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}};
}

}  // namespace kraft::api::testing
