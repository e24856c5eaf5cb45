#pragma once
// A virtual cluster's own API server, standing in for the k3s server K3k runs in the server
// pod: a TestApiServer on 127.0.0.1 that serves with the cluster's server CA and a certificate
// naming exactly the cluster's TLS SANs (status.tlsSANs, as K3k configures k3s), and accepts
// client certificates of the cluster's client CA. It lets tests (and the demo) use the
// kubeconfigs kraft hands out, with kubectl too, as on a real host.
#include <memory>
#include <string>
#include <vector>

#include "k3k_pki.h"
#include "test_apiserver.h"

namespace kraft::testing {

struct LiveCluster {
  std::unique_ptr<TestApiServer> server;
  std::vector<std::string> sans;  ///< what its certificate names
  int port = 0;
};

/// Starts one on `port` (0: a free one). Throws std::runtime_error when the port is taken.
LiveCluster start_live_cluster(const VirtualClusterPki& pki, const std::vector<std::string>& sans,
                               int port);

}  // namespace kraft::testing
