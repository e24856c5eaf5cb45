#pragma once
// The host's Nodes, as a k3s agent registers them: capacity and allocatable, the well-known
// labels, addresses and a Ready condition. With Nodes the server binds new pods to them
// round-robin (a trivial kube-scheduler: scheduler.cpp) and can start them (a kubelet).
#include <nlohmann/json.hpp>
#include <string>

namespace kraft::testing {

struct NodeOptions {
  int count = 0;  ///< node-0 .. node-(count-1); 0: no Nodes, pods stay unscheduled
  /// status.capacity; allocatable is the same less the kubelet's hard eviction threshold for
  /// memory (100Mi).
  std::string cpu = "4";
  std::string memory = "16Gi";
  std::string pods = "110";
  std::string ephemeral_storage = "100Gi";
  /// Start bound pods: phase Running, Ready, podIP and hostIP (a kubelet). Off by default:
  /// the simulated K3k starts its own pods when it provisions.
  bool run_pods = false;
};

/// Node `node-INDEX` as created by its kubelet, status included.
nlohmann::json node_object(int index, const NodeOptions& options, const std::string& now);

}  // namespace kraft::testing
