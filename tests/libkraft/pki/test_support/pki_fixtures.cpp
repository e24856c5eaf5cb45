#include "pki/test_support/pki_fixtures.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509_vfy.h>

#include <memory>
#include <stdexcept>

namespace kraft::pki::testing {
namespace {

using detail::BioPtr;
using detail::PkeyPtr;
using detail::X509Ptr;

[[noreturn]] void fail(const std::string& what) {
  ERR_print_errors_fp(stderr);
  throw std::runtime_error("pki fixtures: " + what + " failed");
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(size));
}

std::string key_pem(EVP_PKEY* key, KeyFormat format) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  int ok = format == KeyFormat::kPkcs8
               ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
               : PEM_write_bio_PrivateKey_traditional(bio.get(), key, nullptr, nullptr, 0, nullptr,
                                                      nullptr);
  if (ok != 1) fail("writing the CA key");
  return bio_text(bio.get());
}

void add_ext(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  detail::ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) fail(value);
}

}  // namespace

CaPem make_ca(const CaOptions& options) {
  PkeyPtr key(options.kind == KeyKind::kEc ? EVP_EC_gen("P-256") : EVP_RSA_gen(2048));
  if (!key) fail("CA key generation");
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), options.not_before.count());
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), options.not_after.count());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_NID(name, NID_commonName, MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(options.common_name.c_str()),
                             -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.get());
  // What Go's certutil.NewSelfSignedCACert writes, which K3k uses for its CAs.
  add_ext(cert.get(), NID_basic_constraints, options.is_ca ? "critical,CA:TRUE" : "CA:FALSE");
  add_ext(cert.get(), NID_key_usage,
          options.is_ca ? "critical,digitalSignature,keyEncipherment,keyCertSign"
                        : "critical,digitalSignature,keyEncipherment");
  if (options.subject_key_id) add_ext(cert.get(), NID_subject_key_identifier, "hash");
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) fail("signing the CA");
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_X509(bio.get(), cert.get()) != 1) fail("writing the CA certificate");
  return CaPem{bio_text(bio.get()), Secret(key_pem(key.get(), options.format))};
}

const CaPem& ec_ca() {
  static const CaPem ca = make_ca();
  return ca;
}

std::vector<X509Ptr> read_certificates(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  std::vector<X509Ptr> certs;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    certs.emplace_back(cert);
  }
  ERR_clear_error();  // the end of input reads as "no start line"
  return certs;
}

X509Ptr read_certificate(const std::string& pem) {
  std::vector<X509Ptr> certs = read_certificates(pem);
  if (certs.empty()) fail("reading a certificate");
  return std::move(certs.front());
}

PkeyPtr read_key(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key) fail("reading a key");
  return key;
}

std::vector<std::string> name_entries(const X509_NAME* name, int nid) {
  std::vector<std::string> values;
  for (int i = X509_NAME_get_index_by_NID(name, nid, -1); i >= 0;
       i = X509_NAME_get_index_by_NID(name, nid, i)) {
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
    values.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                        static_cast<size_t>(ASN1_STRING_length(data)));
  }
  return values;
}

bool verifies_as_client(X509* leaf, X509* ca) {
  std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), &X509_STORE_free);
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(),
                                                                      &X509_STORE_CTX_free);
  if (!store || !ctx || X509_STORE_add_cert(store.get(), ca) != 1 ||
      X509_STORE_CTX_init(ctx.get(), store.get(), leaf, nullptr) != 1) {
    fail("setting up verification");
  }
  X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_CLIENT);
  bool ok = X509_verify_cert(ctx.get()) == 1;
  if (!ok) {
    fprintf(stderr, "verify: %s\n",
            X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get())));
  }
  ERR_clear_error();
  return ok;
}

}  // namespace kraft::pki::testing
