#pragma once
// Host names already routed on the host cluster's ingress. Hosts are cluster-wide on an
// ingress controller: two virtual clusters claiming one host would steal each other's traffic.
#include <string>
#include <vector>

#include <kraft/api/client.h>
#include <kraft/k3k/cluster_ref.h>

namespace kraft::k3k::detail {

/// The hosts named by HostSNI(`a`, `b`) || HostSNI(`c`) in a Traefik TCP router rule.
std::vector<std::string> hosts_in_sni_rule(const std::string& rule);

/// Throws kraft::Error naming the route or Ingress that already serves `host` (other than the
/// objects of `owner`). Kinds the user may not list or the server does not serve are skipped.
void require_free_host(const api::Client& client, const std::string& host,
                       const ClusterRef& owner);

}  // namespace kraft::k3k::detail
