// K3k's resources as served by the k3k.io CRDs (v1beta1 is the only served version).
#include <kraft/k3k/resources.h>

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

}  // namespace kraft::k3k
