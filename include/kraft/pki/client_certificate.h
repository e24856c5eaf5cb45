#pragma once
// Client certificates for a virtual cluster, made the way K3k's own CLI makes them for its
// kubeconfig (docs/k3k.md, "Kubeconfig for a virtual cluster"): a fresh ECDSA
// P-256 key and a certificate signed by the cluster's client CA from the bootstrap Secret.
// Kubernetes reads the subject as the user: CN is the user name, each O a group.
//
//   kraft::pki::ClientCertificateRequest request;           // system:admin, system:masters
//   auto issued = kraft::pki::issue_client_certificate(client_ca_pem, client_ca_key, request);
//   config.client_cert_pem = issued.certificate_pem;       // leaf + client CA
//   config.client_key_pem = issued.private_key_pem;
#include <kraft/core/error.h>
#include <kraft/core/secret.h>

#include <chrono>
#include <string>
#include <vector>

namespace kraft::pki {

/// A certificate or key that cannot be read or used (bad PEM, key does not match, ...).
/// Bad request values (validity, common name, alt names) carry ExitCode::kUsage.
class PkiError : public Error {
 public:
  using Error::Error;
};

struct ClientCertificateRequest {
  std::string common_name = "system:admin";
  std::vector<std::string> organizations = {"system:masters"};
  int validity_days = 365;
  /// Extra subjectAltNames: IP addresses become IP SANs, anything else a DNS SAN.
  std::vector<std::string> alt_names;
};

struct IssuedCertificate {
  std::string certificate_pem;  ///< the new leaf followed by the CA certificate (the chain)
  Secret private_key_pem;       ///< "-----BEGIN EC PRIVATE KEY-----" (SEC1), P-256
};

/// Issues a client certificate the way K3k's CLI does: a new ECDSA P-256 key; X.509 v3 with a
/// random 128-bit (positive) serial, subject CN/O from `request`, issuer = the CA's subject,
/// KeyUsage DigitalSignature|KeyEncipherment (critical), ExtKeyUsage ClientAuth,
/// BasicConstraints CA:FALSE (K3k's template leaves it out; stating it costs nothing and
/// keeps the leaf from being taken for a CA), AuthorityKeyIdentifier, NotBefore = the CA's
/// NotBefore, NotAfter = now + validity_days; signed with SHA-256 by the CA key (EC or RSA; PEM as
/// "EC PRIVATE KEY", "RSA PRIVATE KEY" or "PRIVATE KEY"). Throws PkiError for: unreadable CA
/// cert/key ("client CA certificate: ..."), a key that does not belong to the certificate,
/// validity_days < 1 or > 36500, empty common_name, a CA that is expired (or not a CA).
/// Messages never include key material.
IssuedCertificate issue_client_certificate(
    const std::string& ca_certificate_pem, const Secret& ca_key_pem,
    const ClientCertificateRequest& request,
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

/// What tests and `kraft kubeconfig` show about a certificate (first PEM block).
struct CertificateInfo {
  std::string subject_common_name;
  std::vector<std::string> organizations;
  std::string issuer_common_name;
  std::chrono::system_clock::time_point not_before, not_after;
  bool is_ca = false;
  std::vector<std::string> ext_key_usages;  ///< e.g. "clientAuth", "serverAuth"
  std::vector<std::string> alt_names;       ///< DNS and IP SANs as text
};

/// Reads the first certificate in `pem`; throws PkiError ("certificate: ...") when there is
/// none or it cannot be parsed.
CertificateInfo inspect_certificate(const std::string& pem);

}  // namespace kraft::pki
