#pragma once
// Early checks of PEM material named in a kubeconfig, so that a bad key is reported against the
// kubeconfig entry instead of as an opaque TLS failure later.
#include <string>

namespace kraft::config::detail {

/// Whether `pem` holds a private key OpenSSL can use (RSA "RSA PRIVATE KEY", EC "EC PRIVATE KEY"
/// or PKCS#8 "PRIVATE KEY"). Encrypted keys are rejected without prompting for a passphrase.
bool is_private_key_pem(const std::string& pem);

/// Whether `pem` contains at least one PEM certificate block.
bool has_certificate_pem(const std::string& pem);

}  // namespace kraft::config::detail
