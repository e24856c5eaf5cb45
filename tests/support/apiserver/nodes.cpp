#include "nodes.h"

#include "quantity.h"

namespace kraft::testing {

using nlohmann::json;

json node_object(int index, const NodeOptions& options, const std::string& now) {
  const std::string name = "node-" + std::to_string(index);
  json labels = {{"kubernetes.io/hostname", name},     {"kubernetes.io/os", "linux"},
                 {"kubernetes.io/arch", "amd64"},      {"beta.kubernetes.io/os", "linux"},
                 {"beta.kubernetes.io/arch", "amd64"}, {"node.kubernetes.io/instance-type", "k3s"}};
  if (index == 0) {
    // k3s's first server runs the control plane.
    labels["node-role.kubernetes.io/control-plane"] = "true";
    labels["node-role.kubernetes.io/master"] = "true";
  }
  json capacity = {{"cpu", canonical_quantity(options.cpu)},
                   {"memory", canonical_quantity(options.memory)},
                   {"pods", canonical_quantity(options.pods)},
                   {"ephemeral-storage", canonical_quantity(options.ephemeral_storage)}};
  json allocatable = capacity;
  if (auto memory = Quantity::parse(options.memory)) {
    *memory += *Quantity::parse("-100Mi");
    allocatable["memory"] = memory->str();
  }
  const std::string pod_cidr = "10.42." + std::to_string(index) + ".0/24";
  const std::string version = "v1.26.4+k3s1";
  return {
      {"apiVersion", "v1"},
      {"kind", "Node"},
      {"metadata", {{"name", name}, {"labels", labels}}},
      {"spec",
       {{"podCIDR", pod_cidr},
        {"podCIDRs", json::array({pod_cidr})},
        {"providerID", "k3s://" + name}}},
      {"status",
       {{"capacity", capacity},
        {"allocatable", allocatable},
        {"conditions", json::array({{{"type", "Ready"},
                                     {"status", "True"},
                                     {"reason", "KubeletReady"},
                                     {"message", "kubelet is posting ready status"},
                                     {"lastHeartbeatTime", now},
                                     {"lastTransitionTime", now}}})},
        {"addresses",
         json::array({{{"type", "InternalIP"}, {"address", "10.0.0." + std::to_string(10 + index)}},
                      {{"type", "Hostname"}, {"address", name}}})},
        {"nodeInfo",
         {{"kubeletVersion", version},
          {"kubeProxyVersion", version},
          {"containerRuntimeVersion", "containerd://1.6.19-k3s1"},
          {"operatingSystem", "linux"},
          {"architecture", "amd64"},
          {"osImage", "K3s test node"},
          {"kernelVersion", "6.1.0"},
          {"machineID", ""},
          {"systemUUID", ""},
          {"bootID", ""}}}}}};
}

}  // namespace kraft::testing
