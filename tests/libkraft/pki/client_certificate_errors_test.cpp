// What issue_client_certificate refuses, and how it says so: one line naming what was wrong,
// never quoting a key.
#include <gtest/gtest.h>
#include <kraft/pki/client_certificate.h>

#include <functional>

#include "pki/test_support/pki_fixtures.h"

namespace kraft::pki {
namespace {

using namespace testing;
using std::chrono::system_clock;

struct Failure {
  std::string message;
  ExitCode code = ExitCode::kSuccess;
};

// The PkiError `issue` throws; the checks every message must pass are made here.
Failure failure_of(const std::function<void()>& issue) {
  try {
    issue();
  } catch (const PkiError& e) {
    std::string message = e.what();
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_EQ(message.find("PRIVATE KEY"), std::string::npos) << message;
    EXPECT_EQ(message.find("-----"), std::string::npos) << message;
    return Failure{message, e.exit_code()};
  }
  ADD_FAILURE() << "no PkiError";
  return {};
}

Failure issuing(const std::string& ca_pem, const Secret& key_pem,
                const ClientCertificateRequest& request = {},
                system_clock::time_point now = system_clock::now()) {
  return failure_of([&] { issue_client_certificate(ca_pem, key_pem, request, now); });
}

TEST(IssueClientCertificateErrors, NamesAGarbageCaCertificate) {
  Failure f = issuing("not a certificate", ec_ca().key_pem);
  EXPECT_EQ(f.message, "client CA certificate: no PEM certificate found");
  EXPECT_EQ(f.code, ExitCode::kError);
}

TEST(IssueClientCertificateErrors, NamesACorruptCaCertificate) {
  Failure f =
      issuing("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", ec_ca().key_pem);
  EXPECT_EQ(f.message, "client CA certificate: the PEM certificate cannot be parsed");
}

TEST(IssueClientCertificateErrors, NamesAGarbageCaKeyWithoutQuotingIt) {
  Failure f = issuing(ec_ca().cert_pem, Secret("s3cr3t-key-material"));
  EXPECT_EQ(f.message, "client CA key: no PEM private key found");
  EXPECT_EQ(f.message.find("s3cr3t"), std::string::npos);
}

TEST(IssueClientCertificateErrors, NamesACorruptCaKeyWithoutQuotingIt) {
  std::string key = ec_ca().key_pem.reveal();
  std::string body_line = key.substr(key.find('\n') + 1, 20);
  key[key.find('\n') + 5] = '*';  // not base64
  Failure f = issuing(ec_ca().cert_pem, Secret(key));
  EXPECT_EQ(f.message, "client CA key: the PEM private key cannot be parsed");
  EXPECT_EQ(f.message.find(body_line.substr(6)), std::string::npos);
}

TEST(IssueClientCertificateErrors, RefusesAnEncryptedCaKey) {
  std::string encrypted =
      "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIHsMFcGCSqGSIb3DQEFDTBK\n"
      "-----END ENCRYPTED PRIVATE KEY-----\n";
  Failure f = issuing(ec_ca().cert_pem, Secret(encrypted));
  EXPECT_EQ(f.message, "client CA key: the key is encrypted; an unencrypted PEM key is needed");
}

TEST(IssueClientCertificateErrors, RefusesTheKeyOfAnotherCa) {
  CaPem other = make_ca();
  Failure f = issuing(ec_ca().cert_pem, other.key_pem);
  EXPECT_EQ(f.message, "client CA key does not belong to the client CA certificate");
  EXPECT_EQ(f.code, ExitCode::kError);
}

TEST(IssueClientCertificateErrors, RefusesAnRsaKeyForAnEcCa) {
  CaOptions rsa;
  rsa.kind = KeyKind::kRsa;
  Failure f = issuing(ec_ca().cert_pem, make_ca(rsa).key_pem);
  EXPECT_EQ(f.message, "client CA key does not belong to the client CA certificate");
}

TEST(IssueClientCertificateErrors, RefusesAnExpiredCa) {
  CaOptions expired;
  expired.not_before = -std::chrono::seconds(20 * 86400);
  expired.not_after = -std::chrono::seconds(10 * 86400);
  CaPem ca = make_ca(expired);
  Failure f = issuing(ca.cert_pem, ca.key_pem);
  EXPECT_EQ(f.message.rfind("client CA certificate: expired at 20", 0), 0u) << f.message;
  EXPECT_EQ(f.message.back(), 'Z') << f.message;
}

TEST(IssueClientCertificateErrors, RefusesACertificateThatIsNotACa) {
  CaOptions leaf;
  leaf.is_ca = false;
  CaPem not_ca = make_ca(leaf);
  Failure f = issuing(not_ca.cert_pem, not_ca.key_pem);
  EXPECT_EQ(f.message.rfind("client CA certificate: not a CA certificate", 0), 0u) << f.message;
}

TEST(IssueClientCertificateErrors, RefusesValidityOutsideOneDayToAHundredYears) {
  for (int days : {0, -1, 36501}) {
    ClientCertificateRequest request;
    request.validity_days = days;
    Failure f = issuing(ec_ca().cert_pem, ec_ca().key_pem, request);
    EXPECT_EQ(f.message,
              "client certificate: validity must be 1 to 36500 days, not " + std::to_string(days));
    EXPECT_EQ(f.code, ExitCode::kUsage) << "a bad flag value, not a broken CA";
  }
  ClientCertificateRequest hundred_years;
  hundred_years.validity_days = 36500;
  EXPECT_NO_THROW(issue_client_certificate(ec_ca().cert_pem, ec_ca().key_pem, hundred_years));
}

TEST(IssueClientCertificateErrors, ChecksTheRequestBeforeTheCa) {
  ClientCertificateRequest request;
  request.validity_days = 0;
  EXPECT_EQ(issuing("garbage", Secret("garbage"), request).code, ExitCode::kUsage);
}

TEST(IssueClientCertificateErrors, RefusesAnEmptyCommonNameOrGroup) {
  ClientCertificateRequest no_cn;
  no_cn.common_name = "";
  Failure f = issuing(ec_ca().cert_pem, ec_ca().key_pem, no_cn);
  EXPECT_EQ(f.message, "client certificate: common name is empty");
  EXPECT_EQ(f.code, ExitCode::kUsage);

  ClientCertificateRequest empty_group;
  empty_group.organizations = {"system:masters", ""};
  EXPECT_EQ(issuing(ec_ca().cert_pem, ec_ca().key_pem, empty_group).message,
            "client certificate: an organization (group) is empty");
}

TEST(IssueClientCertificateErrors, RefusesAnAltNameThatIsNeitherIpNorDns) {
  ClientCertificateRequest request;
  request.alt_names = {"ok.example.com", "bad name"};
  Failure f = issuing(ec_ca().cert_pem, ec_ca().key_pem, request);
  EXPECT_EQ(f.message,
            "client certificate: alt name \"bad name\" is neither an IP address nor a DNS name");
  EXPECT_EQ(f.code, ExitCode::kUsage);
}

TEST(IssueClientCertificateErrors, IsAKraftError) {
  try {
    issue_client_certificate("x", Secret("y"), {});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(dynamic_cast<const PkiError*>(&e), nullptr);
  }
}

}  // namespace
}  // namespace kraft::pki
