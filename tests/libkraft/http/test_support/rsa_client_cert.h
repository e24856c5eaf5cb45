#pragma once
// Client certificates with RSA keys for the transport tests: the test API server's TestCa
// issues EC keys only, and kubeadm-made kubeconfigs carry PKCS#1 RSA keys.
#include <string>
#include <vector>

#include "tls_material.h"

namespace kraft::testing {

/// A client certificate (CN = user, O = groups) signed by `ca`, with a 2048-bit RSA key
/// written as "-----BEGIN RSA PRIVATE KEY-----" (PKCS#1).
KeyPair issue_rsa_client_cert(const TestCa& ca, const std::string& user,
                              const std::vector<std::string>& groups);

}  // namespace kraft::testing
