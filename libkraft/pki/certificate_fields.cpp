#include "pki/certificate_fields.h"

#include <arpa/inet.h>
#include <kraft/pki/client_certificate.h>
#include <openssl/err.h>
#include <openssl/rand.h>

#include <array>

namespace kraft::pki::detail {
namespace {

[[noreturn]] void fail(const std::string& step) {
  ERR_clear_error();
  throw PkiError("creating the certificate: " + step + " failed");
}

void add_name_entry(X509_NAME* name, int nid, const std::string& value) {
  // V_ASN1_UTF8STRING rather than MBSTRING_UTF8: the latter enforces X.520's 64-character
  // bound on CN and O, which Go (and so Kubernetes) does not; long user names must work.
  if (X509_NAME_add_entry_by_NID(name, nid, V_ASN1_UTF8STRING,
                                 reinterpret_cast<const unsigned char*>(value.data()),
                                 static_cast<int>(value.size()), -1, 0) != 1) {
    fail("setting the subject");
  }
}

}  // namespace

void set_random_serial(X509* cert) {
  std::array<unsigned char, 16> bytes{};
  BignumPtr serial;
  do {
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) fail("random serial");
    serial.reset(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
    if (!serial) fail("random serial");
  } while (BN_is_zero(serial.get()));  // unsigned input, so nonzero means positive
  if (BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) == nullptr) {
    fail("setting the serial");
  }
}

void set_subject(X509* cert, const std::string& common_name,
                 const std::vector<std::string>& organizations) {
  X509_NAME* name = X509_get_subject_name(cert);
  for (const auto& o : organizations) add_name_entry(name, NID_organizationName, o);
  add_name_entry(name, NID_commonName, common_name);
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) fail(std::string("extension ") + value);
}

bool parse_ip_address(const std::string& text, std::string* bytes) {
  // inet_pton is strict; OpenSSL's a2i_IPADDRESS would read "10.0.0.1.nip.io" as 10.0.0.1.
  std::array<unsigned char, 16> buffer{};
  if (inet_pton(AF_INET, text.c_str(), buffer.data()) == 1) {
    bytes->assign(reinterpret_cast<const char*>(buffer.data()), 4);
    return true;
  }
  if (inet_pton(AF_INET6, text.c_str(), buffer.data()) == 1) {
    bytes->assign(reinterpret_cast<const char*>(buffer.data()), 16);
    return true;
  }
  return false;
}

bool is_utf8(const std::string& text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  long left = static_cast<long>(text.size());
  while (left > 0) {
    unsigned long code_point = 0;
    int used = UTF8_getc(p, static_cast<int>(left), &code_point);
    if (used <= 0) return false;
    p += used;
    left -= used;
  }
  return true;
}

void add_alt_names(X509* cert, const std::vector<std::string>& names) {
  if (names.empty()) return;
  GeneralNamesPtr all(sk_GENERAL_NAME_new_null());
  if (!all) fail("subjectAltName");
  for (const auto& text : names) {
    // The value goes in as a string rather than as OpenSSL config text ("DNS:a,IP:b"), so a
    // comma or colon in a name cannot turn into another entry.
    std::string ip;
    bool is_ip = parse_ip_address(text, &ip);
    Asn1StringPtr value(ASN1_STRING_type_new(is_ip ? V_ASN1_OCTET_STRING : V_ASN1_IA5STRING));
    const std::string& bytes = is_ip ? ip : text;
    if (!value || ASN1_STRING_set(value.get(), bytes.data(), static_cast<int>(bytes.size())) != 1) {
      fail("subjectAltName");
    }
    GeneralNamePtr name(GENERAL_NAME_new());
    if (!name) fail("subjectAltName");
    GENERAL_NAME_set0_value(name.get(), is_ip ? GEN_IPADD : GEN_DNS, value.release());
    if (sk_GENERAL_NAME_push(all.get(), name.get()) == 0) fail("subjectAltName");
    name.release();  // owned by `all` now
  }
  if (X509_add1_ext_i2d(cert, NID_subject_alt_name, all.get(), 0, X509V3_ADD_DEFAULT) != 1) {
    fail("subjectAltName");
  }
}

void add_authority_key_id(X509* cert, X509* issuer) {
  AuthorityKeyIdPtr akid(AUTHORITY_KEYID_new());
  if (!akid) fail("authorityKeyIdentifier");
  if (const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(issuer)) {
    akid->keyid = ASN1_OCTET_STRING_dup(ski);
  } else {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (X509_pubkey_digest(issuer, EVP_sha1(), digest.data(), &size) != 1) {
      fail("authorityKeyIdentifier");
    }
    akid->keyid = ASN1_OCTET_STRING_new();
    if (akid->keyid != nullptr &&
        ASN1_OCTET_STRING_set(akid->keyid, digest.data(), static_cast<int>(size)) != 1) {
      fail("authorityKeyIdentifier");
    }
  }
  if (akid->keyid == nullptr || X509_add1_ext_i2d(cert, NID_authority_key_identifier, akid.get(), 0,
                                                  X509V3_ADD_DEFAULT) != 1) {
    fail("authorityKeyIdentifier");
  }
}

}  // namespace kraft::pki::detail
