#pragma once
// K3kSimulator: the K3k controller, simulated on a TestApiServer's controller thread, so that
// kraft's tests see a host cluster where Clusters get provisioned, scaled, validated against
// policies and finalized as with a real K3k (contract: docs/k3k.md; what
// is and is not simulated: README.md in this folder).
//
//   kraft::testing::TestApiServer server;
//   kraft::testing::K3kSimulator k3k(server);          // before the first Cluster is created
//   k3k.fail_times("team", "a", 2);                       // Failed twice, then Ready
//
// Everything happens in reaction to committed writes and after configurable delays; tests wait
// on watches, never sleep.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "k3k_pki.h"
#include "k3k_workloads.h"
#include "test_apiserver.h"

namespace kraft::testing {

struct K3kSimulatorOptions {
  /// From Provisioning (objects created) to Ready; also between Failed flaps.
  std::chrono::milliseconds provision_delay{50};
  /// From deletionTimestamp to the finalizer's removal.
  std::chrono::milliseconds delete_delay{50};
  /// status.hostVersion: the host's version as K3k reports it.
  std::string host_version = "v1.26.4";
  /// status.loadBalancer.ingress[0].ip of a LoadBalancer Service (127.0.0.1 with
  /// live_clusters), published this long after the Service is made; negative: never (a cloud
  /// without a load-balancer controller).
  std::string load_balancer_ip = "192.0.2.10";
  std::chrono::milliseconds load_balancer_delay{0};
  /// Serve each NodePort or LoadBalancer cluster's own API server on 127.0.0.1 (k3k_live.h):
  /// the NodePort (or the LoadBalancer's port) is that server's port, its certificate names
  /// status.tlsSANs, and the kubeconfigs kraft issues work against it. ClusterIP clusters stay
  /// unreachable, as they are from outside a real host.
  bool live_clusters = false;
  /// Once a shared-mode cluster is Ready, give it this many workload pods
  /// (default_workload_pod(0..N-1), Running) as its virtual kubelet would; a virtual-mode
  /// cluster's agent pods instead report the usage of that many workloads between them
  /// (kraft.test/usage-* annotations: N × 50m CPU and N × 64Mi memory, split evenly).
  int workloads_per_cluster = 0;
};

class K3kSimulator {
 public:
  explicit K3kSimulator(TestApiServer& server, K3kSimulatorOptions options = {});
  ~K3kSimulator();  ///< stops reacting; objects already written stay
  K3kSimulator(const K3kSimulator&) = delete;
  K3kSimulator& operator=(const K3kSimulator&) = delete;

  /// Cluster NS/NAME (now or once created) goes Failed `times` times, each followed by
  /// Provisioning again, before it becomes Ready.
  void fail_times(const std::string& ns, const std::string& name, int times);

  /// The CAs in Secret k3k-NAME-bootstrap, once the cluster has been provisioned.
  std::optional<VirtualClusterPki> pki(const std::string& ns, const std::string& name) const;

  /// With live_clusters: the port of the cluster's own API server, once it serves.
  std::optional<int> live_port(const std::string& ns, const std::string& name) const;

  /// Makes every container of cluster NS/NAME's pods (cluster=NAME: server and agents;
  /// k3k.io/clusterName=NAME: its workloads) use `cpu` and `memory` in the metrics API, by
  /// annotating the pods (kraft.test/usage-cpu/-memory, see metrics_api.h). Needs a server
  /// started with TestApiServerOptions::metrics_api (std::logic_error otherwise). Returns the
  /// pod count.
  int publish_pod_metrics(const std::string& ns, const std::string& name,
                          const std::string& cpu = "100m", const std::string& memory = "128Mi");

  /// Creates the host pod of `pod`, a pod inside shared-mode cluster NS/NAME, as K3k's
  /// virtual kubelet does (k3k_workloads.h), in status `pod.phase`; returns its host name.
  /// Throws std::logic_error when the cluster does not exist or is not in shared mode (the
  /// host never sees a virtual-mode cluster's workloads), std::runtime_error when the server
  /// refuses the pod.
  std::string add_workload_pod(const std::string& ns, const std::string& name,
                               const WorkloadPod& pod);
  /// `count` default workload pods (default_workload_pod(first..first+count-1)); returns
  /// their host names.
  std::vector<std::string> add_workload_pods(const std::string& ns, const std::string& name,
                                             int count, int first = 0);

 private:
  struct Core;
  std::shared_ptr<Core> core_;
  TestApiServer& server_;
  int hook_id_ = 0;
};

}  // namespace kraft::testing
