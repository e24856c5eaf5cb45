// ClusterService's shared pieces; the operations live in cluster_create.cpp, cluster_read.cpp,
// cluster_scale.cpp, cluster_remove.cpp, cluster_wait.cpp and cluster_describe.cpp.
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/names.h>

#include <utility>

namespace kraft::k3k {

ClusterService::ClusterService(api::Client client) : client_(std::move(client)) {}

const api::ResourceInfo& ingress_route_tcps() {
  static const api::ResourceInfo info{"traefik.io", "v1alpha1", "IngressRouteTCP",
                                      "ingressroutetcps", true};
  return info;
}

std::string traefik_route_name(std::string_view cluster) { return k3k_name(cluster, "traefik"); }

}  // namespace kraft::k3k
