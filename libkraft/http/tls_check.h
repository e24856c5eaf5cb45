#pragma once
// Checks TLS material before the first request, so a bad kubeconfig fails as a ConfigError
// when the transport is made instead of as a handshake error later.
#include <kraft/http/transport.h>

namespace kraft::http::detail {

/// Throws ConfigError when the client key does not parse (RSA, EC and PKCS#8 PEM are
/// accepted; encrypted keys are not, as in client-go), or when only one of certificate and
/// key is given.
void check_tls_material(const TlsOptions& tls);

}  // namespace kraft::http::detail
