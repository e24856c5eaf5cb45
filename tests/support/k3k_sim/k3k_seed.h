#pragma once
// Preloads a host with many K3k Clusters that are already Ready, as if kraft had created them
// and K3k had provisioned them long ago: for benchmarks and demos that need thousands of
// clusters without waiting for (or paying for) a simulated controller to provision each one.
//
//   kraft::testing::seed_ready_clusters(server.registry(), {.clusters = 5000, .namespaces = 50});
//
// Only the Cluster objects are written (metadata as `kraft create` sends it, a status like the
// simulator's Ready one); none of the host objects K3k would own (see k3k_objects.h).
#include <string>

#include "registry.h"

namespace kraft::testing {

struct SeedOptions {
  int clusters = 0;
  /// Clusters go round-robin into namespaces NAMESPACE_PREFIX-1 .. -N (created when missing).
  int namespaces = 10;
  std::string namespace_prefix = "tenant";
  /// Put K3k's finalizer on each Cluster: right when a simulator is attached to remove it on
  /// delete, wrong without one (a deleted Cluster would stay Terminating forever).
  bool finalizer = false;
  /// status.hostVersion, as K3kSimulatorOptions::host_version.
  std::string host_version = "v1.26.4";
};

/// Writes the namespaces and Clusters through `registry.call` (so defaults, validation,
/// managedFields and resourceVersions are the server's own), then waits until the controller
/// thread has handled every resulting event, so that a simulator attached afterwards does not
/// take the seeded Clusters for new ones. Throws std::runtime_error when a write is refused.
void seed_ready_clusters(Registry& registry, const SeedOptions& options);

/// The name of seeded cluster `index` (0-based): "vc-00042" (zero-padded to the count's width).
std::string seeded_cluster_name(int index, int count);

}  // namespace kraft::testing
