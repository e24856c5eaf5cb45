#pragma once
// The wire identity of K3k's kinds, for kraft::api::Client.
#include <kraft/api/resource.h>

namespace kraft::k3k {

/// clusters.k3k.io/v1beta1, namespaced.
const api::ResourceInfo& clusters();
/// virtualclusterpolicies.k3k.io/v1beta1, cluster-scoped (short name vcp).
const api::ResourceInfo& virtual_cluster_policies();

}  // namespace kraft::k3k
