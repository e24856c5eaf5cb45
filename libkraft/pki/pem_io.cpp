#include "pki/pem_io.h"

#include <kraft/pki/client_certificate.h>
#include <openssl/err.h>
#include <openssl/pem.h>

namespace kraft::pki::detail {
namespace {

// OpenSSL's default callback would prompt on the terminal for an encrypted key's passphrase.
int no_passphrase(char*, int, int, void*) { return -1; }

BioPtr read_only_bio(const std::string& text, const std::string& what) {
  BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  if (!bio) throw PkiError(what + ": out of memory");
  return bio;
}

BioPtr secure_memory_bio() {
  // BIO_s_secmem() buffers are cleansed when they grow and when they are freed.
  BioPtr bio(BIO_new(BIO_s_secmem()));
  if (!bio) throw PkiError("writing a private key: out of memory");
  return bio;
}

}  // namespace

X509Ptr read_certificate(const std::string& pem, const std::string& what) {
  BioPtr bio = read_only_bio(pem, what);
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  // Leave no stale entries in this thread's error queue for later TLS calls to misreport.
  ERR_clear_error();
  if (cert) return cert;
  if (pem.find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    throw PkiError(what + ": no PEM certificate found");
  }
  throw PkiError(what + ": the PEM certificate cannot be parsed");
}

PkeyPtr read_private_key(const Secret& pem, const std::string& what) {
  const std::string& text = pem.reveal();
  BioPtr bio = read_only_bio(text, what);
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, &no_passphrase, nullptr));
  ERR_clear_error();
  if (!key) {
    if (text.find("ENCRYPTED") != std::string::npos) {
      throw PkiError(what + ": the key is encrypted; an unencrypted PEM key is needed");
    }
    if (text.find("PRIVATE KEY-----") == std::string::npos) {
      throw PkiError(what + ": no PEM private key found");
    }
    throw PkiError(what + ": the PEM private key cannot be parsed");
  }
  int type = EVP_PKEY_get_base_id(key.get());
  if (type != EVP_PKEY_EC && type != EVP_PKEY_RSA) {
    throw PkiError(what + ": only EC and RSA keys can sign certificates here");
  }
  return key;
}

std::string certificate_to_pem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) {
    ERR_clear_error();
    throw PkiError("writing a certificate as PEM failed");
  }
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

Secret private_key_to_pem(EVP_PKEY* key) {
  BioPtr bio = secure_memory_bio();
  // "Traditional" is SEC1 for EC keys; the PKCS#8 default would say "PRIVATE KEY".
  if (PEM_write_bio_PrivateKey_traditional(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) !=
      1) {
    ERR_clear_error();
    throw PkiError("writing a private key as PEM failed");
  }
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return Secret(std::string(data, static_cast<size_t>(size)));
}

}  // namespace kraft::pki::detail
