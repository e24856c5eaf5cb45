#pragma once
// What a user asks for when creating a virtual cluster (kraft create's flags, or a C++
// program filling the struct), checked before any request and turned into a Cluster that
// passes K3k's CRD schema.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <kraft/k3k/cluster.h>

namespace kraft::k3k {

/// How the virtual cluster's API server is reached from outside the host.
enum class ExposeMode {
  kNone,          ///< ClusterIP only: reachable inside the host cluster
  kNodePort,      ///< spec.expose.nodePort: on every node's address (K3k's CLI default)
  kLoadBalancer,  ///< spec.expose.loadBalancer
  kIngress,       ///< spec.expose.ingress (needs an ingress that passes TLS through)
  kTraefik,       ///< a Traefik IngressRouteTCP, HostSNI(host) with TLS passthrough
};

/// "nodeport", "loadbalancer", "ingress", "traefik", "none"; ValidationError otherwise.
ExposeMode parse_expose_mode(std::string_view text);
std::string_view to_string(ExposeMode mode);

struct ClusterRequest {
  std::string ns;  ///< "" means default_namespace(name), K3k's k3k-NAME
  std::string name;
  int servers = 1;
  int agents = 0;                     ///< virtual mode only
  std::string mode = "shared";        ///< shared, virtual (hcp is K3k-internal)
  std::string version;                ///< k3s version ("v1.31.1-k3s1"); "" = K3k's default
  std::string persistence = "dynamic";  ///< dynamic or ephemeral
  std::string storage_class;          ///< dynamic only; "" = the host's default class
  std::string storage_size;           ///< a quantity ("5Gi"); "" = K3k's default (2G)
  ExposeMode expose = ExposeMode::kNodePort;  ///< reachable from outside, as K3k's CLI does
  std::string ingress_class;          ///< ingress only
  std::string host;                   ///< the name users dial: first of spec.tlsSANs
  /// NodePort: the address users reach the host's nodes on, put into spec.tlsSANs so the
  /// server certificate names it. ClusterService::create fills in the host API server's
  /// hostname when it is empty, as K3k's CLI does (its --kubeconfig-server).
  std::string server_host;
  std::vector<std::string> tls_sans;  ///< more names in the server certificate
  std::vector<std::string> server_args;
  std::vector<std::string> agent_args;
  std::map<std::string, std::string> labels;  ///< on the Cluster
  std::string policy;                 ///< bind the namespace to this VirtualClusterPolicy
};

/// The namespace the request lands in (its ns, or k3k-NAME).
std::string request_namespace(const ClusterRequest& request);

/// Throws ValidationError naming the first field that K3k or the API server would refuse:
/// names, servers >= 1, agents >= 0, mode, persistence, version and quantity syntax, label
/// syntax, expose/host/ingress-class combinations.
void validate(const ClusterRequest& request);

/// What is allowed but probably not meant ("agents are ignored in shared mode").
std::vector<std::string> request_warnings(const ClusterRequest& request);

/// The Cluster to send: persistence always set (K3k would otherwise keep the server's data in
/// an emptyDir), host then server_host first in tlsSANs, the managed-by label added.
/// Validates first.
Cluster build_cluster(const ClusterRequest& request);

/// Whether `s` is a Kubernetes quantity ("5Gi", "500M", "2", "1.5"): Quantity::try_parse(s).
bool is_quantity(std::string_view s);
/// Throws ValidationError unless key=value is a valid label (qualified name, label value).
void validate_label(std::string_view key, std::string_view value);

}  // namespace kraft::k3k
