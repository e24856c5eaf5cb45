// K3k's resources as served by the k3k.io CRDs (v1beta1 is the only served version).
#include <kraft/k3k/resources.h>

#include <kraft/api/client.h>
#include <kraft/k3k/errors.h>

namespace kraft::k3k {

const api::ResourceInfo& clusters() {
  static const api::ResourceInfo info{"k3k.io", "v1beta1", "Cluster", "clusters", true};
  return info;
}

const api::ResourceInfo& virtual_cluster_policies() {
  static const api::ResourceInfo info{"k3k.io", "v1beta1", "VirtualClusterPolicy",
                                      "virtualclusterpolicies", false};
  return info;
}

void require_k3k(const api::Client& client) {
  if (!client.serves(clusters().api_version())) {
    throw NotInstalledError("K3k", "K3k is not installed on this host cluster (API group " +
                                       clusters().api_version() + " not found)");
  }
}

}  // namespace kraft::k3k
