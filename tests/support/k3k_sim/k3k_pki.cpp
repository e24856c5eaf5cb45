#include "k3k_pki.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "text_codec.h"

namespace kraft::testing {

VirtualClusterPki VirtualClusterPki::generate() {
  // k3s names its CAs "<purpose>@<unix time>"; tests only rely on them being distinct.
  const std::string at =
      "@" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count());
  return {TestCa::generate("k3s-server-ca" + at), TestCa::generate("k3s-client-ca" + at),
          TestCa::generate("etcd-server-ca" + at)};
}

std::string bootstrap_json(const VirtualClusterPki& pki, const std::string& timestamp) {
  auto entry = [&](const std::string& pem) {
    return nlohmann::json{{"Timestamp", timestamp}, {"Content", pem}};
  };
  nlohmann::json out = {{"serverCA", entry(pki.server_ca.cert_pem())},
                        {"serverCAKey", entry(pki.server_ca.key_pem())},
                        {"clientCA", entry(pki.client_ca.cert_pem())},
                        {"clientCAKey", entry(pki.client_ca.key_pem())},
                        {"etcdServerCA", entry(pki.etcd_server_ca.cert_pem())},
                        {"etcdServerCAKey", entry(pki.etcd_server_ca.key_pem())}};
  return out.dump();
}

std::string admin_kubeconfig_yaml(const VirtualClusterPki& pki, const std::string& server) {
  const KeyPair admin = pki.client_ca.issue_client("system:admin", {"system:masters"});
  // As K3k's CLI does: the leaf followed by the client CA.
  const std::string chain = admin.cert_pem + pki.client_ca.cert_pem();
  return "apiVersion: v1\nkind: Config\nclusters:\n- name: default\n  cluster:\n"
         "    server: " +
         server + "\n" +
         "    certificate-authority-data: " + base64_encode(pki.server_ca.cert_pem()) + "\n" +
         "users:\n- name: default\n  user:\n" +
         "    client-certificate-data: " + base64_encode(chain) + "\n" +
         "    client-key-data: " + base64_encode(admin.key_pem) + "\n" +
         "contexts:\n- name: default\n  context:\n    cluster: default\n    user: default\n"
         "current-context: default\npreferences: {}\n";
}

}  // namespace kraft::testing
