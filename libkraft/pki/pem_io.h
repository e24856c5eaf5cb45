#pragma once
// PEM in and out of OpenSSL objects for pki/. Readers throw PkiError naming `what` (for
// example "client CA key") and never quote the input: it may be a private key.
#include <kraft/core/secret.h>

#include <string>

#include "pki/openssl_ptr.h"

namespace kraft::pki::detail {

/// The first certificate in `pem`.
X509Ptr read_certificate(const std::string& pem, const std::string& what);
/// An unencrypted EC or RSA private key (SEC1, PKCS#1 or PKCS#8); never prompts for a
/// passphrase.
PkeyPtr read_private_key(const Secret& pem, const std::string& what);

std::string certificate_to_pem(X509* cert);
/// The key in its traditional PEM form: "EC PRIVATE KEY" (SEC1) for EC keys, as K3k writes
/// them. The text passes only through memory that OpenSSL wipes when it frees it.
Secret private_key_to_pem(EVP_PKEY* key);

}  // namespace kraft::pki::detail
