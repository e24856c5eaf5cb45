#include "tls_material.h"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <stdexcept>

namespace kraft::testing {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;
using Bio = std::unique_ptr<BIO, BioFree>;

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error("test PKI: " + what + " failed");
}

Pkey new_ec_key() {
  Pkey key(EVP_EC_gen("P-256"));
  if (!key) fail("EC key generation");
  return key;
}

std::string bio_string(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(len));
}

std::string key_to_pem(EVP_PKEY* key) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)) {
    fail("writing key PEM");
  }
  return bio_string(bio.get());
}

std::string cert_to_pem(X509* cert) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_X509(bio.get(), cert)) fail("writing certificate PEM");
  return bio_string(bio.get());
}

Pkey key_from_pem(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key) fail("reading CA key PEM");
  return key;
}

Cert cert_from_pem(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) fail("reading CA certificate PEM");
  return cert;
}

void add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext == nullptr) fail("certificate extension " + value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

/// A certificate skeleton: random serial, validity, subject CN/O, public key.
Cert new_cert(EVP_PKEY* key, const std::string& cn, const std::vector<std::string>& orgs,
              long valid_seconds) {
  Cert cert(X509_new());
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), valid_seconds < 0 ? valid_seconds * 2 : -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), valid_seconds);
  X509_NAME* name = X509_get_subject_name(cert.get());
  for (const auto& o : orgs) {
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(o.c_str()), -1, -1, 0);
  }
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_pubkey(cert.get(), key);
  return cert;
}

}  // namespace

TestCa TestCa::generate(const std::string& common_name) {
  Pkey key = new_ec_key();
  Cert cert = new_cert(key.get(), common_name, {}, 10L * 365 * 24 * 3600);
  X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get()));
  add_ext(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_ext(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature");
  add_ext(cert.get(), cert.get(), NID_subject_key_identifier, "hash");
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) fail("signing CA certificate");
  return TestCa(KeyPair{cert_to_pem(cert.get()), key_to_pem(key.get())});
}

TestCa TestCa::from_pem(const std::string& cert_pem, const std::string& key_pem) {
  cert_from_pem(cert_pem);
  key_from_pem(key_pem);
  return TestCa(KeyPair{cert_pem, key_pem});
}

namespace {

KeyPair issue(const KeyPair& ca, const std::string& cn, const std::vector<std::string>& orgs,
              long valid_seconds, const std::string& ext_key_usage, const std::string& san) {
  Cert ca_cert = cert_from_pem(ca.cert_pem);
  Pkey ca_key = key_from_pem(ca.key_pem);
  Pkey key = new_ec_key();
  Cert cert = new_cert(key.get(), cn, orgs, valid_seconds);
  X509_set_issuer_name(cert.get(), X509_get_subject_name(ca_cert.get()));
  add_ext(cert.get(), ca_cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_ext(cert.get(), ca_cert.get(), NID_key_usage, "critical,digitalSignature,keyEncipherment");
  add_ext(cert.get(), ca_cert.get(), NID_ext_key_usage, ext_key_usage);
  if (!san.empty()) add_ext(cert.get(), ca_cert.get(), NID_subject_alt_name, san);
  if (X509_sign(cert.get(), ca_key.get(), EVP_sha256()) == 0) fail("signing certificate");
  return KeyPair{cert_to_pem(cert.get()), key_to_pem(key.get())};
}

}  // namespace

KeyPair TestCa::issue_server(const std::vector<std::string>& dns_names,
                             const std::vector<std::string>& ip_addresses) const {
  std::string san;
  for (const auto& d : dns_names) san += (san.empty() ? "DNS:" : ",DNS:") + d;
  for (const auto& ip : ip_addresses) san += (san.empty() ? "IP:" : ",IP:") + ip;
  return issue(pair_, "kube-apiserver", {}, 365L * 24 * 3600, "serverAuth", san);
}

KeyPair TestCa::issue_client(const std::string& common_name, const std::vector<std::string>& orgs,
                             int days) const {
  return issue(pair_, common_name, orgs, static_cast<long>(days) * 24 * 3600, "clientAuth", "");
}

}  // namespace kraft::testing
