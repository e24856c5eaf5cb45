#include "config/pem_check.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

namespace kraft::config::detail {
namespace {

// Never prompt on the terminal for an encrypted key's passphrase: report it as unusable.
int no_passphrase(char*, int, int, void*) { return 0; }

}  // namespace

bool is_private_key_pem(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  if (!bio) return false;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, &no_passphrase, nullptr), &EVP_PKEY_free);
  // Leave no stale entries in OpenSSL's per-thread error queue for the TLS code to trip over.
  ERR_clear_error();
  return key != nullptr;
}

bool has_certificate_pem(const std::string& pem) {
  return pem.find("-----BEGIN CERTIFICATE-----") != std::string::npos;
}

}  // namespace kraft::config::detail
