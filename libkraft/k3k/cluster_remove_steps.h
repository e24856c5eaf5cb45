#pragma once
// The two steps of ClusterService::remove, apart so that remove_many can run the first for
// every cluster, read the namespaces' contents once for all of them, then run the second.
#include <kraft/api/client.h>
#include <kraft/k3k/cluster_service.h>

#include "k3k/namespace_contents.h"

namespace kraft::k3k::remove_steps {

/// Deletes the Cluster; false when there was none (once it is sure K3k is installed: a host
/// without the CRD answers 404 too, and throws NotInstalledError here).
bool delete_cluster(const api::Client& client, const ClusterRef& ref, const RemoveOptions& options);

/// What K3k leaves behind once the Cluster is deleted: the servers' claims and the namespace
/// kraft made for it. `shared`: the contents of every namespace, read once for a batch, or
/// nullptr to read ref.ns on its own.
void clean_up(const api::Client& client, const ClusterRef& ref, const RemoveOptions& options,
              const NamespaceContents* shared, RemoveResult& result);

}  // namespace kraft::k3k::remove_steps
