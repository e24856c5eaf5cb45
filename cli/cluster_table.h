#pragma once
// The table `kraft list` and `kraft get` print:
//   NAMESPACE NAME MODE SERVERS AGENTS VERSION STATUS POLICY AGE
// and with -o wide also EXPOSE PERSISTENCE CLUSTER-CIDR SERVICE-CIDR HOST.
#include <kraft/k3k/cluster.h>

#include <chrono>
#include <string>
#include <vector>

#include "table.h"

namespace kraft::cli {

/// One row per cluster, in the given order; AGE is counted from `now`.
Table cluster_table(const std::vector<k3k::Cluster>& clusters, bool wide,
                    std::chrono::system_clock::time_point now);

/// The VERSION cell: spec.version; else the host's version that K3k runs when none is asked
/// for (status.hostVersion); else "<default>" until the controller has seen the cluster.
std::string version_cell(const k3k::Cluster& cluster);
/// The EXPOSE cell: nodePort, loadBalancer, ingress, or ClusterIP when nothing is exposed.
std::string expose_cell(const k3k::Cluster& cluster);

}  // namespace kraft::cli
