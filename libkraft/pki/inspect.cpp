// inspect_certificate: the fields people ask about when a client certificate is refused
// (who, which groups, signed by whom, valid when, for what).
#include <arpa/inet.h>
#include <kraft/pki/client_certificate.h>
#include <openssl/err.h>

#include "pki/asn1_time.h"
#include "pki/openssl_ptr.h"
#include "pki/pem_io.h"

namespace kraft::pki {
namespace {

using namespace detail;

std::string to_utf8(const ASN1_STRING* value) {
  unsigned char* utf8 = nullptr;
  int size = ASN1_STRING_to_UTF8(&utf8, value);
  if (size < 0) {
    ERR_clear_error();
    return {};
  }
  std::string text(reinterpret_cast<const char*>(utf8), static_cast<size_t>(size));
  OPENSSL_free(utf8);
  return text;
}

std::vector<std::string> name_entries(const X509_NAME* name, int nid) {
  std::vector<std::string> values;
  for (int i = X509_NAME_get_index_by_NID(name, nid, -1); i >= 0;
       i = X509_NAME_get_index_by_NID(name, nid, i)) {
    values.push_back(to_utf8(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i))));
  }
  return values;
}

std::string common_name(const X509_NAME* name) {
  std::vector<std::string> names = name_entries(name, NID_commonName);
  return names.empty() ? std::string() : names.back();  // the most specific, as Go reads it
}

std::vector<std::string> ext_key_usages(const X509* cert) {
  std::vector<std::string> usages;
  ExtKeyUsagePtr oids(static_cast<EXTENDED_KEY_USAGE*>(
      X509_get_ext_d2i(cert, NID_ext_key_usage, nullptr, nullptr)));
  for (int i = 0; oids && i < sk_ASN1_OBJECT_num(oids.get()); ++i) {
    const ASN1_OBJECT* oid = sk_ASN1_OBJECT_value(oids.get(), i);
    int nid = OBJ_obj2nid(oid);
    if (nid != NID_undef) {
      usages.emplace_back(OBJ_nid2sn(nid));
      continue;
    }
    char dotted[128];
    OBJ_obj2txt(dotted, sizeof dotted, oid, 1);
    usages.emplace_back(dotted);
  }
  return usages;
}

std::string ip_text(const ASN1_OCTET_STRING* bytes) {
  char text[INET6_ADDRSTRLEN] = {};
  int size = ASN1_STRING_length(bytes);
  const unsigned char* data = ASN1_STRING_get0_data(bytes);
  if (size == 4) inet_ntop(AF_INET, data, text, sizeof text);
  if (size == 16) inet_ntop(AF_INET6, data, text, sizeof text);
  return text;
}

std::vector<std::string> alt_names(const X509* cert) {
  std::vector<std::string> names;
  GeneralNamesPtr sans(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
  for (int i = 0; sans && i < sk_GENERAL_NAME_num(sans.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(sans.get(), i);
    if (name->type == GEN_DNS) names.push_back(to_utf8(name->d.dNSName));
    if (name->type == GEN_IPADD) names.push_back(ip_text(name->d.iPAddress));
  }
  return names;
}

}  // namespace

CertificateInfo inspect_certificate(const std::string& pem) {
  X509Ptr cert = read_certificate(pem, "certificate");
  CertificateInfo info;
  info.subject_common_name = common_name(X509_get_subject_name(cert.get()));
  info.organizations = name_entries(X509_get_subject_name(cert.get()), NID_organizationName);
  info.issuer_common_name = common_name(X509_get_issuer_name(cert.get()));
  info.not_before = to_time_point(X509_get0_notBefore(cert.get()));
  info.not_after = to_time_point(X509_get0_notAfter(cert.get()));
  // basicConstraints CA:TRUE only; a v1 self-signed certificate is not reported as a CA.
  info.is_ca = (X509_get_extension_flags(cert.get()) & EXFLAG_CA) != 0;
  info.ext_key_usages = ext_key_usages(cert.get());
  info.alt_names = alt_names(cert.get());
  ERR_clear_error();
  return info;
}

}  // namespace kraft::pki
