#pragma once
// The wire identity of K3k's kinds, for kraft::api::Client.
#include <kraft/api/resource.h>

namespace kraft::api {
class Client;
}

namespace kraft::k3k {

/// clusters.k3k.io/v1beta1, namespaced.
const api::ResourceInfo& clusters();
/// virtualclusterpolicies.k3k.io/v1beta1, cluster-scoped (short name vcp).
const api::ResourceInfo& virtual_cluster_policies();

/// Throws NotInstalledError (<kraft/k3k/errors.h>) when the host cluster does not serve
/// k3k.io/v1beta1, so that a 404 or an empty list is not mistaken for "no such cluster".
void require_k3k(const api::Client& client);

}  // namespace kraft::k3k
