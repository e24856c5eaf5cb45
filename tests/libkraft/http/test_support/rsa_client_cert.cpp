#include "rsa_client_cert.h"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>

namespace kraft::testing {

namespace {

struct Free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
};

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error("RSA test certificate: " + what + " failed");
}

std::unique_ptr<BIO, Free> memory_bio(const std::string& pem) {
  return std::unique_ptr<BIO, Free>(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

std::string drain(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(len));
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) fail(value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

}  // namespace

KeyPair issue_rsa_client_cert(const TestCa& ca, const std::string& user,
                              const std::vector<std::string>& groups) {
  std::unique_ptr<X509, Free> ca_cert(
      PEM_read_bio_X509(memory_bio(ca.cert_pem()).get(), nullptr, nullptr, nullptr));
  std::unique_ptr<EVP_PKEY, Free> ca_key(
      PEM_read_bio_PrivateKey(memory_bio(ca.key_pem()).get(), nullptr, nullptr, nullptr));
  if (!ca_cert || !ca_key) fail("reading the CA");

  std::unique_ptr<EVP_PKEY, Free> key(EVP_RSA_gen(2048));
  if (!key) fail("RSA key generation");

  std::unique_ptr<X509, Free> cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 4242);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24L * 3600);
  X509_NAME* name = X509_get_subject_name(cert.get());
  for (const auto& group : groups) {
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(group.c_str()), -1, -1, 0);
  }
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(user.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), X509_get_subject_name(ca_cert.get()));
  X509_set_pubkey(cert.get(), key.get());
  add_ext(cert.get(), ca_cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_ext(cert.get(), ca_cert.get(), NID_key_usage, "critical,digitalSignature,keyEncipherment");
  add_ext(cert.get(), ca_cert.get(), NID_ext_key_usage, "clientAuth");
  if (X509_sign(cert.get(), ca_key.get(), EVP_sha256()) == 0) fail("signing");

  std::unique_ptr<BIO, Free> cert_out(BIO_new(BIO_s_mem()));
  std::unique_ptr<BIO, Free> key_out(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_X509(cert_out.get(), cert.get()) ||
      !PEM_write_bio_PrivateKey_traditional(key_out.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                            nullptr)) {
    fail("writing PEM");
  }
  return KeyPair{drain(cert_out.get()), drain(key_out.get())};
}

}  // namespace kraft::testing
