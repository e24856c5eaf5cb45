// issue_client_certificate: K3k's CLI kubeconfig certificate (Go's certutil.NewSignedCert as
// K3k calls it), field by field; docs/k3k.md, "Kubeconfig for a virtual cluster".
#include <kraft/pki/client_certificate.h>
#include <openssl/err.h>

#include "pki/asn1_time.h"
#include "pki/certificate_fields.h"
#include "pki/openssl_ptr.h"
#include "pki/pem_io.h"

namespace kraft::pki {
namespace {

using namespace detail;

constexpr int kMaxValidityDays = 36500;

[[noreturn]] void usage_error(const std::string& message) {
  throw PkiError(message, ExitCode::kUsage);
}

// Request values are checked before any PEM is read, so a typo is reported as such.
void validate(const ClientCertificateRequest& request) {
  if (request.common_name.empty()) usage_error("client certificate: common name is empty");
  if (!is_utf8(request.common_name)) {
    usage_error("client certificate: common name is not valid UTF-8");
  }
  for (const auto& o : request.organizations) {
    if (o.empty()) usage_error("client certificate: an organization (group) is empty");
    if (!is_utf8(o)) usage_error("client certificate: organization is not valid UTF-8");
  }
  if (request.validity_days < 1 || request.validity_days > kMaxValidityDays) {
    usage_error("client certificate: validity must be 1 to " + std::to_string(kMaxValidityDays) +
                " days, not " + std::to_string(request.validity_days));
  }
  for (const auto& name : request.alt_names) {
    std::string ip;
    if (parse_ip_address(name, &ip)) continue;
    // A DNS SAN is an IA5String: printable ASCII, no spaces.
    bool ok = !name.empty();
    for (unsigned char c : name) ok = ok && c > 0x20 && c < 0x7f;
    if (!ok) {
      usage_error("client certificate: alt name \"" + name +
                  "\" is neither an IP address nor a DNS name");
    }
  }
}

void check_ca(X509* ca, EVP_PKEY* ca_key, TimePoint now) {
  if (X509_check_private_key(ca, ca_key) != 1) {
    ERR_clear_error();
    throw PkiError("client CA key does not belong to the client CA certificate");
  }
  // X509_check_ca: basicConstraints CA:TRUE and, when keyUsage is present, keyCertSign.
  if (X509_check_ca(ca) == 0) {
    throw PkiError(
        "client CA certificate: not a CA certificate (no basicConstraints CA:TRUE "
        "or no keyCertSign)");
  }
  TimePoint not_after = to_time_point(X509_get0_notAfter(ca));
  if (now > not_after) {
    throw PkiError("client CA certificate: expired at " + format_utc(not_after));
  }
}

}  // namespace

IssuedCertificate issue_client_certificate(const std::string& ca_certificate_pem,
                                           const Secret& ca_key_pem,
                                           const ClientCertificateRequest& request,
                                           std::chrono::system_clock::time_point now) {
  validate(request);
  X509Ptr ca = read_certificate(ca_certificate_pem, "client CA certificate");
  PkeyPtr ca_key = read_private_key(ca_key_pem, "client CA key");
  check_ca(ca.get(), ca_key.get(), now);

  PkeyPtr key(EVP_EC_gen("P-256"));
  X509Ptr cert(X509_new());
  if (!key || !cert) {
    ERR_clear_error();
    throw PkiError("creating the certificate: P-256 key generation failed");
  }
  X509_set_version(cert.get(), X509_VERSION_3);
  set_random_serial(cert.get());
  set_subject(cert.get(), request.common_name, request.organizations);
  if (X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.get())) != 1 ||
      X509_set_pubkey(cert.get(), key.get()) != 1 ||
      // The CA's NotBefore, as K3k: a client clock behind the host's still accepts it.
      X509_set1_notBefore(cert.get(), X509_get0_notBefore(ca.get())) != 1) {
    ERR_clear_error();
    throw PkiError("creating the certificate: setting issuer, key or validity failed");
  }
  set_time(X509_getm_notAfter(cert.get()), now + std::chrono::days(request.validity_days));

  add_extension(cert.get(), ca.get(), NID_key_usage, "critical,digitalSignature,keyEncipherment");
  add_extension(cert.get(), ca.get(), NID_ext_key_usage, "clientAuth");
  add_extension(cert.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_authority_key_id(cert.get(), ca.get());
  add_alt_names(cert.get(), request.alt_names);

  if (X509_sign(cert.get(), ca_key.get(), EVP_sha256()) <= 0) {
    ERR_clear_error();
    throw PkiError("creating the certificate: signing with the client CA key failed");
  }
  return IssuedCertificate{certificate_to_pem(cert.get()) + certificate_to_pem(ca.get()),
                           private_key_to_pem(key.get())};
}

}  // namespace kraft::pki
