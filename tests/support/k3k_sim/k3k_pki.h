#pragma once
// A virtual cluster's certificate authorities, as K3k keeps them in Secret k3k-NAME-bootstrap:
// real CAs (TestCa), so tests can mint client certificates from the secret exactly as K3k's
// CLI does, and even serve a stand-in virtual API server with them.
#include <string>

#include "tls_material.h"

namespace kraft::testing {

/// The CAs of one simulated virtual cluster.
struct VirtualClusterPki {
  TestCa server_ca;
  TestCa client_ca;
  TestCa etcd_server_ca;

  /// Fresh EC P-256 CAs named like k3s's ("k3s-server-ca@...").
  static VirtualClusterPki generate();
};

/// The `bootstrap` value of Secret k3k-NAME-bootstrap: JSON with serverCA, serverCAKey,
/// clientCA, clientCAKey, etcdServerCA, etcdServerCAKey, each {"Timestamp", "Content": PEM}.
std::string bootstrap_json(const VirtualClusterPki& pki, const std::string& timestamp);

/// The `kubeconfig.yaml` of Secret k3k-NAME-kubeconfig: cluster, user and context "default",
/// a system:admin client certificate from the client CA, `server` as given (internal URL).
std::string admin_kubeconfig_yaml(const VirtualClusterPki& pki, const std::string& server);

}  // namespace kraft::testing
