// K3k's object naming (github.com/rancher/k3k, pkg/controller: SafeConcatName and
// SafeConcatNameWithPrefix) and the names it derives for a cluster's host objects.
#include <kraft/core/error.h>
#include <kraft/k3k/names.h>
#include <openssl/evp.h>

#include "core/ascii.h"

namespace kraft::k3k {
namespace {

constexpr std::size_t kMaxNameLength = 63;

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw Error("SHA-256 failed in OpenSSL while shortening the name \"" + std::string(data) +
                "\"");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

using kraft::detail::is_lower_alnum;

}  // namespace

std::string safe_concat_name(std::span<const std::string_view> parts) {
  std::string full;
  for (std::string_view part : parts) {
    if (part.empty()) continue;  // K3k drops empty parts before joining
    if (!full.empty()) full += '-';
    full += part;
  }
  if (full.size() <= kMaxNameLength) return full;
  const std::string hash = sha256_hex(full);
  // K3k cuts at 57 characters; when the cut would end on a character a name cannot end with
  // ('-' or '.'), it cuts one character earlier and keeps one more hex digit.
  if (is_lower_alnum(full[56])) return full.substr(0, 57) + "-" + hash.substr(0, 5);
  return full.substr(0, 56) + "-" + hash.substr(0, 6);
}

std::string default_namespace(std::string_view cluster) { return k3k_name(cluster); }
std::string service_name(std::string_view cluster) { return k3k_name(cluster, "service"); }
std::string headless_service_name(std::string_view cluster) {
  return k3k_name(cluster, "service", "headless");
}
std::string server_statefulset_name(std::string_view cluster) {
  return k3k_name(cluster, "server");
}
std::string server_pod_name(std::string_view cluster, std::size_t index) {
  return server_statefulset_name(cluster) + "-" + std::to_string(index);
}
std::string server_pvc_name(std::string_view cluster, std::size_t index) {
  return "varlibrancherk3s-" + server_pod_name(cluster, index);
}
std::string ingress_name(std::string_view cluster) { return k3k_name(cluster, "ingress"); }
std::string token_secret_name(std::string_view cluster) { return k3k_name(cluster, "token"); }
std::string bootstrap_secret_name(std::string_view cluster) {
  return k3k_name(cluster, "bootstrap");
}
std::string kubeconfig_secret_name(std::string_view cluster) {
  return k3k_name(cluster, "kubeconfig");
}
std::string kubelet_daemonset_name(std::string_view cluster) {
  return k3k_name(cluster, "kubelet");
}
std::string agent_deployment_name(std::string_view cluster) { return k3k_name(cluster, "agent"); }
std::string policy_object_name(std::string_view policy) { return k3k_name(policy); }

std::string server_selector(std::string_view cluster) {
  return "cluster=" + std::string(cluster) + ",role=server";
}
std::string shared_agent_selector(std::string_view cluster) {
  return "cluster=" + std::string(cluster) + ",type=agent,mode=shared";
}
std::string virtual_agent_selector(std::string_view cluster) {
  return "cluster=" + std::string(cluster) + ",type=agent,mode=virtual";
}
std::string workload_selector(std::string_view cluster) {
  return "k3k.io/clusterName=" + std::string(cluster);
}
std::string policy_namespace_selector(std::string_view policy) {
  return "policy.k3k.io/policy-name=" + std::string(policy);
}

}  // namespace kraft::k3k
