#pragma once
// CAs made with OpenSSL directly for the pki tests (EC P-256 or RSA 2048, keys as SEC1,
// PKCS#1 or PKCS#8 PEM), and OpenSSL-side views of what pki/ issued, so that the tests do
// not check pki/ only through pki/'s own inspect_certificate.
#include <kraft/core/secret.h>

#include <chrono>
#include <string>
#include <vector>

#include "pki/openssl_ptr.h"

namespace kraft::pki::testing {

enum class KeyKind { kEc, kRsa };
/// kTraditional: "EC PRIVATE KEY" (SEC1) or "RSA PRIVATE KEY" (PKCS#1); kPkcs8: "PRIVATE KEY".
enum class KeyFormat { kTraditional, kPkcs8 };

struct CaOptions {
  KeyKind kind = KeyKind::kEc;
  KeyFormat format = KeyFormat::kTraditional;
  std::string common_name = "k3k-client-ca@1700000000";
  /// Validity relative to the real clock; an odd NotBefore shows it is copied, not made up.
  std::chrono::seconds not_before = -std::chrono::seconds(3 * 86400 + 17);
  std::chrono::seconds not_after = std::chrono::seconds(10L * 365 * 86400);
  bool is_ca = true;           ///< basicConstraints CA:TRUE (false: CA:FALSE)
  bool subject_key_id = true;  ///< whether the CA carries a subjectKeyIdentifier
};

struct CaPem {
  std::string cert_pem;
  Secret key_pem;
};

CaPem make_ca(const CaOptions& options = {});
/// One EC CA made on first use and shared by the tests of this run.
const CaPem& ec_ca();

/// Every certificate in `pem`, in order.
std::vector<detail::X509Ptr> read_certificates(const std::string& pem);
detail::X509Ptr read_certificate(const std::string& pem);
detail::PkeyPtr read_key(const std::string& pem);
/// The subject (or issuer) entries of one kind (NID_commonName, NID_organizationName).
std::vector<std::string> name_entries(const X509_NAME* name, int nid);
/// Whether `leaf` verifies against `ca` as a TLS client certificate at the current time.
bool verifies_as_client(X509* leaf, X509* ca);

}  // namespace kraft::pki::testing
