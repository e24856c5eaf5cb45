#pragma once
// The parts of a new certificate that pki/ fills in one by one: serial, subject, and the
// X.509 v3 extensions Go's crypto/x509 writes for K3k's client certificates.
#include <string>
#include <vector>

#include "pki/openssl_ptr.h"

namespace kraft::pki::detail {

/// A random 128-bit serial, positive as RFC 5280 requires.
void set_random_serial(X509* cert);
/// O=... for each organization (each its own RDN; Go puts them in one multi-valued RDN, and
/// Kubernetes reads the groups from either alike), then CN.
void set_subject(X509* cert, const std::string& common_name,
                 const std::vector<std::string>& organizations);
/// An extension from OpenSSL's config syntax, e.g. (NID_key_usage, "critical,digitalSignature").
void add_extension(X509* cert, X509* issuer, int nid, const char* value);
/// subjectAltName: IP SANs for IP addresses, DNS SANs for the rest; nothing for an empty list.
void add_alt_names(X509* cert, const std::vector<std::string>& names);
/// authorityKeyIdentifier = the issuer's subjectKeyIdentifier, or when it has none, the SHA-1
/// of its public key (RFC 5280 4.2.1.2, method 1), which is what that identifier would be.
void add_authority_key_id(X509* cert, X509* issuer);

/// Whether `text` is a literal IPv4 or IPv6 address; its bytes go to `bytes` when it is.
bool parse_ip_address(const std::string& text, std::string* bytes);
/// Whether `text` is valid UTF-8 (X.509 names are UTF8String here).
bool is_utf8(const std::string& text);

}  // namespace kraft::pki::detail
