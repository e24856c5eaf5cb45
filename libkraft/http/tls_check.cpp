// Only the private key is parsed here (OpenSSL's PEM/EVP API); certificates are left to
// libcurl, and X.509 handling proper belongs to pki/ (docs/ARCHITECTURE.md).
#include "tls_check.h"

#include <kraft/core/error.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

namespace kraft::http::detail {

namespace {

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct KeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};

// Refuses to prompt for a passphrase: OpenSSL's default callback would read the terminal.
int no_passphrase(char*, int, int, void*) { return -1; }

}  // namespace

void check_tls_material(const TlsOptions& tls) {
  bool has_cert = !tls.client_cert_pem.empty();
  bool has_key = !tls.client_key_pem.empty();
  if (has_cert != has_key) {
    throw ConfigError(has_cert ? "client certificate given without its key"
                               : "client key given without its certificate");
  }
  if (!has_key) return;
  const std::string& pem = tls.client_key_pem.reveal();
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  std::unique_ptr<EVP_PKEY, KeyDeleter> key(
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, &no_passphrase, nullptr) : nullptr);
  ERR_clear_error();  // leave no queued errors behind for curl's OpenSSL calls to misreport
  if (!key) {
    bool encrypted = pem.find("ENCRYPTED") != std::string::npos;
    throw ConfigError(encrypted ? "client key is encrypted; kraft needs an unencrypted PEM key"
                                : "client key is not a PEM RSA or EC private key");
  }
  int type = EVP_PKEY_base_id(key.get());
  if (type != EVP_PKEY_RSA && type != EVP_PKEY_EC && type != EVP_PKEY_ED25519) {
    throw ConfigError("client key is neither an RSA nor an EC key");
  }
}

}  // namespace kraft::http::detail
