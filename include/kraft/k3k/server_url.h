#pragma once
// Where a virtual cluster's API server is reached. K3k's own algorithm (its CLI's kubeconfig
// getURLFromService; docs/k3k.md, "Server URL"), extended by the Traefik IngressRouteTCP that
// kraft creates for Traefik exposure, and changed in one point so the result works from where
// the user sits:
//
//   1. expose.ingress and Ingress k3k-NAME-ingress has rules[0].host  -> https://HOST
//   2. IngressRouteTCP k3k-NAME-traefik matching HostSNI(`HOST`)     -> https://HOST
//   3. Service k3k-NAME-service:
//        ClusterIP    -> spec.clusterIP, port ports[0].port (host-internal)
//        NodePort     -> the host API server's hostname (or override_host), ports[0].nodePort
//        LoadBalancer -> status.loadBalancer.ingress[0].ip, else .hostname; ports[0].port
//   4. ":PORT" unless the port is 443; IPv6 hosts in brackets.
//
// Where K3k replaces a host that the server certificate does not name (not in status.tlsSANs)
// by spec.tlsSANs[0] — often an address nobody outside the host can reach, such as the
// Service's ClusterIP — kraft keeps the reachable host and names the certificate's name in
// `tls_server_name` instead (the kubeconfig's tls-server-name), so the connection works and
// TLS verification stays on. The name is the first spec.tlsSANs entry that is not a wildcard,
// else the Service's DNS name k3k-NAME-service.NS when the certificate carries it, else the
// first non-wildcard status.tlsSANs entry. Ingress and Traefik hosts never get one: they
// route by SNI, which must stay the host.
//
//   kraft::k3k::ServerUrlOptions options;
//   options.host_server = client.config().server;
//   if (auto e = kraft::k3k::fetch_server_url(client, cluster, options)) std::cout << e->url;
#include <kraft/api/client.h>
#include <kraft/k3k/cluster.h>

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kraft::k3k {

struct ClusterDetails;  // <kraft/k3k/cluster_service.h>

/// The host objects that say how a cluster is exposed, borrowed from the caller; nullptr for
/// those that are absent (not created yet, or not part of the cluster's expose mode).
struct ExposedObjects {
  const nlohmann::json* ingress = nullptr;        ///< Ingress k3k-NAME-ingress
  const nlohmann::json* traefik_route = nullptr;  ///< IngressRouteTCP k3k-NAME-traefik
  const nlohmann::json* service = nullptr;        ///< Service k3k-NAME-service
};

struct ServerUrlOptions {
  /// The host API server's URL (the kubeconfig's server, ClientConfig::server). NodePorts are
  /// reached on its host, as K3k's CLI assumes. fetch_kubeconfig fills in its client's server
  /// when this is empty.
  std::string host_server;
  /// Reach NodePorts on this host instead (a node's address or DNS name; K3k's
  /// hostServerIP). "" uses host_server's host.
  std::string override_host;
};

/// How to reach a virtual cluster's API server.
struct ServerEndpoint {
  std::string url;              ///< "https://HOST[:PORT]"
  std::string tls_server_name;  ///< the name to verify instead of HOST; "" when HOST is named
  bool operator==(const ServerEndpoint&) const = default;
};

/// The endpoint, or nullopt while it is not known: no Service yet, a LoadBalancer without an
/// address yet (K3k would fall back to the host API server's address, which does not serve
/// the virtual cluster), or a Service without an IP or port.
std::optional<ServerEndpoint> server_url(const Cluster& cluster, const ExposedObjects& objects,
                                         const ServerUrlOptions& options);
/// server_url() over what ClusterService::describe fetched.
std::optional<ServerEndpoint> server_url(const ClusterDetails& details,
                                         const ServerUrlOptions& options);
/// Fetches what server_url() needs (the Ingress only for expose.ingress, the IngressRouteTCP
/// only when the host serves traefik.io/v1alpha1; absent objects are normal) and applies it.
std::optional<ServerEndpoint> fetch_server_url(const api::Client& client, const Cluster& cluster,
                                               const ServerUrlOptions& options);

/// Whether a server URL's host is only reachable from inside the host cluster: the Service's
/// ClusterIP.
bool is_cluster_internal(const ServerEndpoint& endpoint, const nlohmann::json& service);

/// The host of an http(s) URL ("https://[::1]:6443/x" -> "::1"); "" when there is none.
std::string url_host(std::string_view url);

}  // namespace kraft::k3k
