#pragma once
// Kubeconfigs for virtual clusters, made the way K3k's CLI makes them (docs/k3k.md,
// "Kubeconfig for a virtual cluster"): a new client certificate signed by the client CA kept in
// Secret k3k-NAME-bootstrap, the server CA as certificate-authority-data, and the server URL
// by K3k's algorithm (server_url.h). K3k names cluster, user and context "default", which
// collides as soon as two are merged; kraft names all three kraft-NS-NAME and marks each
// entry with an extension naming the virtual cluster, so `kraft kubeconfig prune` can
// tell which entries it made and for which host.
//
//   kraft::k3k::KubeconfigRequest request;
//   request.url.host_server = client.config().server;
//   auto config = kraft::k3k::fetch_kubeconfig(client, {"k3k-demo", "demo"}, request);
//   std::cout << kraft::config::to_yaml(config);
#include <kraft/api/client.h>
#include <kraft/config/kubeconfig.h>
#include <kraft/core/secret.h>
#include <kraft/k3k/cluster_ref.h>
#include <kraft/k3k/server_url.h>
#include <kraft/pki/client_certificate.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kraft::k3k {

/// The CAs kraft needs from Secret k3k-NAME-bootstrap.
struct BootstrapCas {
  std::string server_ca;  ///< PEM: the kubeconfig's certificate-authority-data
  std::string client_ca;  ///< PEM: signs client certificates
  Secret client_ca_key;   ///< PEM (EC or RSA)
};

/// Parses the `bootstrap` value (JSON with capitalised keys, {"Content": PEM}). Throws
/// ConfigError naming `secret` ("NS/k3k-NAME-bootstrap") when it is not JSON or lacks one of
/// serverCA, clientCA, clientCAKey; the message never contains key material.
BootstrapCas parse_bootstrap(std::string_view bootstrap_json, const std::string& secret);

/// "kraft-NS-NAME": the cluster, user and context name of a virtual cluster's entries.
std::string kubeconfig_entry_name(const ClusterRef& ref);

/// The `extensions` entry name on the cluster, user and context entries kraft makes; its
/// `extension` is {"host": host API server URL, "namespace": NS, "name": NAME}, and on the
/// user and context entries also "user" (the certificate's CN) and "groups" (its O values).
inline constexpr std::string_view kVirtualClusterExtension = "kraft/virtual-cluster";

/// Which virtual cluster, on which host, a kubeconfig cluster entry was made for.
struct VirtualClusterOrigin {
  std::string host;  ///< the host API server's URL, as canonical_server_url() spells it
  ClusterRef ref;
  std::string user;                 ///< user and context entries: the certificate's CN
  std::vector<std::string> groups;  ///< user and context entries: its O values
  bool operator==(const VirtualClusterOrigin&) const = default;
};

/// A server URL spelled one way for comparisons: scheme and host lower-cased, no trailing
/// '/', no ":443" after an https host.
std::string canonical_server_url(std::string_view url);

/// The origin recorded in an entry's raw JSON (`extensions`), or nullopt when kraft did not
/// make it.
std::optional<VirtualClusterOrigin> virtual_cluster_origin(const nlohmann::json& entry_raw);

/// What goes into a virtual cluster's kubeconfig besides the CAs.
struct KubeconfigRequest {
  pki::ClientCertificateRequest certificate;
  /// The server URL to write; "" computes it from `url` (server_url.h), with the
  /// tls-server-name it needs.
  std::string server;
  /// With `server`: the name to verify in the server's certificate instead of its host.
  std::string tls_server_name;
  /// host_server is also recorded as the origin's host.
  ServerUrlOptions url;
  /// Entry name for cluster, user and context; "" means kubeconfig_entry_name(ref).
  std::string entry_name;
  /// The context's namespace ("" leaves it out: "default").
  std::string context_namespace;
  /// How long to wait for the bootstrap Secret (and a known server URL) to appear.
  std::chrono::milliseconds wait_timeout = std::chrono::minutes(2);
  /// Called once when kraft starts waiting, with what it waits for.
  std::function<void(const std::string&)> on_wait;
  /// Called with advice about the result, e.g. a server URL only reachable inside the host.
  std::function<void(const std::string&)> on_warning;
};

/// A standalone kubeconfig (current-context set) for `ref`, from CAs already fetched.
config::Kubeconfig make_kubeconfig(
    const ClusterRef& ref, const BootstrapCas& cas, const ServerEndpoint& server,
    const KubeconfigRequest& request,
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

/// Fetches the Cluster (ApiError 404 when absent), waits (bounded by wait_timeout) for
/// Secret k3k-NAME-bootstrap and for a known server URL (a LoadBalancer's address may take a
/// while), issues a client certificate and returns the kubeconfig. WaitTimeoutError (exit 4)
/// names what never appeared.
config::Kubeconfig fetch_kubeconfig(const api::Client& client, const ClusterRef& ref,
                                    const KubeconfigRequest& request);

}  // namespace kraft::k3k
