// inspect_certificate over certificates made by pki/ itself and by other issuers.
#include <gtest/gtest.h>
#include <kraft/pki/client_certificate.h>

#include "pki/test_support/pki_fixtures.h"
#include "tls_material.h"

namespace kraft::pki {
namespace {

using namespace testing;
using std::chrono::system_clock;

TEST(InspectCertificate, ReadsWhatIssueClientCertificateWrote) {
  CaPem ca = make_ca();
  ClientCertificateRequest request;
  request.common_name = "alice";
  request.organizations = {"dev", "ops"};
  request.validity_days = 10;
  request.alt_names = {"10.0.0.7", "fd00::1", "vc.example.com"};
  system_clock::time_point now = system_clock::now();
  IssuedCertificate issued = issue_client_certificate(ca.cert_pem, ca.key_pem, request, now);

  CertificateInfo info = inspect_certificate(issued.certificate_pem);
  EXPECT_EQ(info.subject_common_name, "alice");
  EXPECT_EQ(info.organizations, (std::vector<std::string>{"dev", "ops"}));
  EXPECT_EQ(info.issuer_common_name, "k3k-client-ca@1700000000");
  EXPECT_FALSE(info.is_ca);
  EXPECT_EQ(info.ext_key_usages, std::vector<std::string>{"clientAuth"});
  EXPECT_EQ(info.alt_names, (std::vector<std::string>{"10.0.0.7", "fd00::1", "vc.example.com"}));
  EXPECT_EQ(info.not_before, inspect_certificate(ca.cert_pem).not_before);
  auto expected_end = std::chrono::floor<std::chrono::seconds>(now + std::chrono::days(10));
  EXPECT_EQ(info.not_after, expected_end);
}

TEST(InspectCertificate, ReadsValidityTimesInUtc) {
  // Cross-checked against OpenSSL's own comparison, independent of the local time zone.
  CaPem ca = make_ca();
  detail::X509Ptr cert = read_certificate(ca.cert_pem);
  CertificateInfo info = inspect_certificate(ca.cert_pem);
  time_t before = system_clock::to_time_t(info.not_before);
  // X509_cmp_time says -1 for "earlier or equal", so the two calls pin it to the second.
  EXPECT_EQ(X509_cmp_time(X509_get0_notBefore(cert.get()), &before), -1);
  time_t a_second_earlier = before - 1;
  EXPECT_EQ(X509_cmp_time(X509_get0_notBefore(cert.get()), &a_second_earlier), 1);
}

TEST(InspectCertificate, ReportsACaAsOne) {
  CertificateInfo info = inspect_certificate(make_ca().cert_pem);
  EXPECT_TRUE(info.is_ca);
  EXPECT_EQ(info.subject_common_name, info.issuer_common_name);
  EXPECT_TRUE(info.organizations.empty());
  EXPECT_TRUE(info.ext_key_usages.empty());
  EXPECT_LT(info.not_before, info.not_after);
}

TEST(InspectCertificate, ReadsAServerCertificateFromAnotherIssuer) {
  kraft::testing::TestCa ca = kraft::testing::TestCa::generate("test-server-ca");
  kraft::testing::KeyPair server = ca.issue_server({"localhost"}, {"127.0.0.1", "::1"});
  CertificateInfo info = inspect_certificate(server.cert_pem);
  EXPECT_EQ(info.subject_common_name, "kube-apiserver");
  EXPECT_EQ(info.issuer_common_name, "test-server-ca");
  EXPECT_EQ(info.ext_key_usages, std::vector<std::string>{"serverAuth"});
  EXPECT_EQ(info.alt_names, (std::vector<std::string>{"localhost", "127.0.0.1", "::1"}));
}

TEST(InspectCertificate, ReadsOnlyTheFirstCertificateOfAChain) {
  CaPem ca = make_ca();
  IssuedCertificate issued = issue_client_certificate(ca.cert_pem, ca.key_pem, {});
  EXPECT_EQ(inspect_certificate(issued.certificate_pem).subject_common_name, "system:admin");
}

TEST(InspectCertificate, NamesWhatIsNotACertificate) {
  try {
    inspect_certificate("hello");
    FAIL() << "no error";
  } catch (const PkiError& e) {
    EXPECT_STREQ(e.what(), "certificate: no PEM certificate found");
  }
}

}  // namespace
}  // namespace kraft::pki
