#include "k3k_live.h"

#include <arpa/inet.h>

namespace kraft::testing {
namespace {

bool is_ip(const std::string& text) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

}  // namespace

LiveCluster start_live_cluster(const VirtualClusterPki& pki, const std::vector<std::string>& sans,
                               int port) {
  TestApiServerOptions options;
  options.port = port;
  options.crd_files.clear();  // a virtual cluster runs no K3k
  options.serving_ca = KeyPair{pki.server_ca.cert_pem(), pki.server_ca.key_pem()};
  options.extra_client_ca_pems = {pki.client_ca.cert_pem()};
  options.serving_dns_names.clear();
  options.serving_ips.clear();
  for (const auto& san : sans) {
    (is_ip(san) ? options.serving_ips : options.serving_dns_names).push_back(san);
  }
  LiveCluster live;
  live.server = std::make_unique<TestApiServer>(std::move(options));
  live.sans = sans;
  live.port = live.server->port();
  return live;
}

}  // namespace kraft::testing
