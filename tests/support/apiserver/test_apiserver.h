#pragma once
// TestApiServer: a strict stand-in for kube-apiserver v1.26 with the K3k (and Traefik) CRDs,
// on 127.0.0.1 over real TLS. Each test starts its own in milliseconds on an ephemeral port.
//
//   kraft::testing::TestApiServer server;            // K3k + Traefik CRDs installed
//   std::string kubeconfig = server.kubeconfig();    // cluster-admin via client certificate
//   server.registry().call("POST", "/api/v1/namespaces", R"({...})");
//   server.faults().add(Fault::status_of(429, "/api/v1/namespaces", 1, 2));
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access_control.h"
#include "fault_injector.h"
#include "nodes.h"
#include "registry.h"
#include "tls_material.h"

namespace kraft::testing {

/// The CRDs every server gets: K3k's clusters and virtualclusterpolicies and Traefik's
/// IngressRouteTCP, by the names of the files of third_party/ compiled into the server
/// (embedded_files.h). Any other entry of TestApiServerOptions::crd_files is a path.
std::vector<std::string> default_crd_files();
std::vector<std::string> k3k_crd_files();

struct TestApiServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                                              ///< 0: an ephemeral port
  std::vector<std::string> crd_files = default_crd_files();  ///< embedded names or paths
  /// Extra CAs whose client certificates authenticate (e.g. a virtual cluster's client CA).
  std::vector<std::string> extra_client_ca_pems;
  /// Use this CA for the serving certificate (e.g. a virtual cluster's server CA).
  std::optional<KeyPair> serving_ca;
  /// The names the serving certificate carries (a virtual cluster's serves its TLS SANs).
  std::vector<std::string> serving_dns_names = {"localhost", "kubernetes", "kubernetes.default"};
  std::vector<std::string> serving_ips = {"127.0.0.1", "::1"};
  /// Serve metrics.k8s.io/v1beta1 like a cluster with metrics-server (absent by default, as
  /// on many clusters): PodMetrics and NodeMetrics computed from the pods and nodes
  /// (metrics_api.h says how; tests steer usage with pod annotations).
  bool metrics_api = false;
  /// The host's Nodes (none by default); with some, new pods get bound to them (nodes.h).
  NodeOptions nodes;
  RegistryOptions registry;
};

class TestApiServer {
 public:
  explicit TestApiServer(TestApiServerOptions options = {});
  ~TestApiServer();
  TestApiServer(const TestApiServer&) = delete;
  TestApiServer& operator=(const TestApiServer&) = delete;

  int port() const { return port_; }
  std::string url() const;  ///< https://127.0.0.1:PORT
  const std::string& ca_pem() const { return ca_.cert_pem(); }
  const TestCa& client_ca() const { return client_ca_; }

  /// Client certificate for CN=kraft-admin, O=system:masters.
  const KeyPair& admin_credentials() const { return admin_; }
  KeyPair issue_client_cert(const std::string& user, const std::vector<std::string>& groups,
                            int days = 365) const;

  /// A kubeconfig (YAML) for the admin, with CA and client certificate embedded.
  std::string kubeconfig() const;
  /// A kubeconfig that authenticates with a bearer token instead.
  std::string kubeconfig_with_token(const std::string& token) const;

  Registry& registry() { return *registry_; }
  AccessControl& access() { return access_; }
  FaultInjector& faults() { return faults_; }

  void stop();

 private:
  std::string kubeconfig_for(const std::string& user_yaml) const;

  TestCa ca_;
  TestCa client_ca_;
  KeyPair admin_;
  AccessControl access_;
  FaultInjector faults_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<class HttpFrontend> http_;
  int port_ = 0;
};

}  // namespace kraft::testing
