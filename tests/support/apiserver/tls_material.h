#pragma once
// Test PKI for the test API server: a CA that issues the server's certificate and client
// certificates (CN = user, O = groups), as a real cluster's CA does. EC P-256 keys throughout.
#include <memory>
#include <string>
#include <vector>

namespace kraft::testing {

struct KeyPair {
  std::string cert_pem;
  std::string key_pem;
};

class TestCa {
 public:
  /// A new self-signed CA valid for ten years.
  static TestCa generate(const std::string& common_name);
  /// An existing CA (e.g. a virtual cluster's client CA); throws std::runtime_error on bad PEM.
  static TestCa from_pem(const std::string& cert_pem, const std::string& key_pem);

  const std::string& cert_pem() const { return pair_.cert_pem; }
  const std::string& key_pem() const { return pair_.key_pem; }

  /// A server certificate for the given DNS names and IP addresses.
  KeyPair issue_server(const std::vector<std::string>& dns_names,
                       const std::vector<std::string>& ip_addresses) const;
  /// A client certificate: CN is the user name, O entries its groups. `days` may be negative
  /// to make an already expired certificate.
  KeyPair issue_client(const std::string& common_name, const std::vector<std::string>& orgs,
                       int days = 365) const;

 private:
  explicit TestCa(KeyPair pair) : pair_(std::move(pair)) {}
  KeyPair pair_;
};

}  // namespace kraft::testing
