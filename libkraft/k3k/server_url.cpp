// The server URL of a virtual cluster; the algorithm and its sources are in server_url.h.
#include <kraft/api/json_view.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/names.h>
#include <kraft/k3k/server_url.h>

#include <algorithm>

#include "k3k/exposure.h"
#include "k3k/host_routes.h"

namespace kraft::k3k {
namespace {

using api::child;
using api::element;
using api::int_at;
using api::string_at;

constexpr std::int64_t kHttpsPort = 443;

std::string url_of(std::string_view host, std::int64_t port) {
  std::string url = "https://";
  const bool ipv6 = host.find(':') != std::string_view::npos;
  if (ipv6) url += '[';
  url += host;
  if (ipv6) url += ']';
  if (port != kHttpsPort) url += ":" + std::to_string(port);
  return url;
}

bool is_wildcard(std::string_view name) { return name.starts_with("*"); }

// The certificate rule (server_url.h): "" when the server certificate names `host` (or K3k
// has not said what it names yet), else a name it does carry, for tls-server-name.
std::string tls_name_for(const Cluster& cluster, const std::string& host) {
  static const std::vector<std::string> kNone;
  const auto& status_sans =
      cluster.status && cluster.status->tls_sans ? *cluster.status->tls_sans : kNone;
  const auto& spec_sans = cluster.spec.tls_sans ? *cluster.spec.tls_sans : kNone;
  const auto names = [&host](const std::vector<std::string>& sans) {
    return std::find(sans.begin(), sans.end(), host) != sans.end();
  };
  // The spec's names are in the certificate too, even before K3k reports them in the status.
  if (names(status_sans) || names(spec_sans)) return "";
  for (const auto& san : spec_sans) {
    if (!san.empty() && !is_wildcard(san)) return san;
  }
  const std::string service_dns = service_name(cluster.name()) + "." + cluster.namespace_name();
  if (std::find(status_sans.begin(), status_sans.end(), service_dns) != status_sans.end()) {
    return service_dns;
  }
  for (const auto& san : status_sans) {
    if (!san.empty() && !is_wildcard(san)) return san;
  }
  return "";
}

const nlohmann::json* borrow(const std::optional<nlohmann::json>& object) {
  return object ? &*object : nullptr;
}

std::optional<ServerEndpoint> from_service(const Cluster& cluster,
                                           const nlohmann::json& service,
                                           const ServerUrlOptions& options) {
  const nlohmann::json* spec = child(&service, "spec");
  const nlohmann::json* port0 = element(child(spec, "ports"), 0);
  std::string_view type = string_at(spec, "type");
  if (type.empty()) type = "ClusterIP";
  const std::string_view cluster_ip = string_at(spec, "clusterIP");
  std::string host;
  std::int64_t port = int_at(port0, "port").value_or(kHttpsPort);
  if (type == "ClusterIP") {
    host = cluster_ip == "None" ? "" : cluster_ip;
  } else if (type == "NodePort") {
    host = options.override_host.empty() ? url_host(options.host_server) : options.override_host;
    if (host == cluster_ip) {
      // K3k: a caller inside the host (its hostServerIP is the ClusterIP) keeps the service port.
    } else if (auto node_port = int_at(port0, "nodePort")) {
      port = *node_port;
    } else {
      return std::nullopt;
    }
  } else if (type == "LoadBalancer") {
    const nlohmann::json* lb =
        element(child(child(child(&service, "status"), "loadBalancer"), "ingress"), 0);
    host = string_at(lb, "ip");
    if (host.empty()) host = string_at(lb, "hostname");
  }
  if (host.empty()) return std::nullopt;
  std::string tls_name = tls_name_for(cluster, host);
  return ServerEndpoint{url_of(host, port), std::move(tls_name)};
}

std::optional<ServerEndpoint> from_traefik_route(const nlohmann::json& route) {
  const nlohmann::json* routes = child(child(&route, "spec"), "routes");
  if (routes == nullptr || !routes->is_array()) return std::nullopt;
  for (const auto& r : *routes) {
    for (const auto& host : detail::hosts_in_sni_rule(std::string(string_at(r, "match")))) {
      if (!host.empty() && host != "*") {  // "*": catch-all
        return ServerEndpoint{url_of(host, kHttpsPort), ""};
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::string url_host(std::string_view url) {
  if (auto scheme = url.find("://"); scheme != std::string_view::npos)
    url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  if (url.starts_with('[')) {
    const auto close = url.find(']');
    return close == std::string_view::npos ? "" : std::string(url.substr(1, close - 1));
  }
  return std::string(url.substr(0, url.find(':')));
}

std::optional<ServerEndpoint> server_url(const Cluster& cluster, const ExposedObjects& objects,
                                         const ServerUrlOptions& options) {
  if (objects.ingress != nullptr && cluster.spec.expose && cluster.spec.expose->ingress) {
    const nlohmann::json* rule0 = element(child(child(objects.ingress, "spec"), "rules"), 0);
    if (std::string_view host = string_at(rule0, "host"); !host.empty()) {
      return ServerEndpoint{url_of(host, kHttpsPort), ""};
    }
  }
  if (objects.traefik_route != nullptr) {
    if (auto url = from_traefik_route(*objects.traefik_route)) return url;
  }
  if (objects.service == nullptr) return std::nullopt;
  return from_service(cluster, *objects.service, options);
}

std::optional<ServerEndpoint> server_url(const ClusterDetails& details,
                                         const ServerUrlOptions& options) {
  return server_url(
      details.cluster,
      {borrow(details.ingress), borrow(details.traefik_route), borrow(details.service)}, options);
}

FetchedExposure fetch_exposure(const api::Client& client, const Cluster& cluster,
                               bool with_service) {
  const std::string ns = cluster.namespace_name();
  const std::string name = cluster.name();
  FetchedExposure fetched;
  // K3k makes the Ingress only for expose.ingress, and kraft the IngressRouteTCP only for a
  // cluster without an expose mode of its own (--expose traefik): asking otherwise would cost
  // a request for an answer known in advance.
  const auto& expose = cluster.spec.expose;
  if (expose && expose->ingress) {
    fetched.ingress = client.get_opt(api::resources::ingresses(), ns, ingress_name(name));
  }
  const bool own_mode = expose && (expose->ingress || expose->node_port || expose->load_balancer);
  if (!own_mode && client.serves(ingress_route_tcps().api_version())) {
    fetched.traefik_route = client.get_opt(ingress_route_tcps(), ns, traefik_route_name(name));
  }
  if (with_service) {
    fetched.service = client.get_opt(api::resources::services(), ns, service_name(name));
  }
  return fetched;
}

std::optional<ServerEndpoint> fetch_server_url(const api::Client& client, const Cluster& cluster,
                                               const ServerUrlOptions& options) {
  const FetchedExposure fetched = fetch_exposure(client, cluster);
  return server_url(
      cluster, {borrow(fetched.ingress), borrow(fetched.traefik_route), borrow(fetched.service)},
      options);
}

bool is_cluster_internal(const ServerEndpoint& endpoint, const nlohmann::json& service) {
  const std::string_view cluster_ip = string_at(child(&service, "spec"), "clusterIP");
  return !cluster_ip.empty() && url_host(endpoint.url) == cluster_ip;
}

}  // namespace kraft::k3k
