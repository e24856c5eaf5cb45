#pragma once
// Fetching the host objects that expose a cluster, shared by describe() and
// fetch_server_url() so both ask the same questions in the same way.
#include <kraft/api/client.h>
#include <kraft/k3k/cluster.h>

#include <nlohmann/json.hpp>
#include <optional>

namespace kraft::k3k {

struct FetchedExposure {
  std::optional<nlohmann::json> ingress;        ///< only asked for with expose.ingress
  std::optional<nlohmann::json> traefik_route;  ///< only asked for when Traefik is served
  std::optional<nlohmann::json> service;
};

/// Gets Ingress k3k-NAME-ingress, IngressRouteTCP k3k-NAME-traefik and Service
/// k3k-NAME-service in the cluster's namespace; a 404 leaves the field empty.
/// `with_service` false: the caller has the Service already.
FetchedExposure fetch_exposure(const api::Client& client, const Cluster& cluster,
                               bool with_service = true);

}  // namespace kraft::k3k
