// issue_client_certificate, checked field by field with OpenSSL itself against what K3k's CLI
// writes (docs/k3k.md, "Kubeconfig for a virtual cluster").
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <kraft/pki/client_certificate.h>
#include <openssl/core_names.h>
#include <openssl/err.h>

#include <cstdlib>
#include <memory>

#include "pki/test_support/pki_fixtures.h"

namespace kraft::pki {
namespace {

using namespace testing;
using detail::X509Ptr;
using std::chrono::system_clock;

ClientCertificateRequest request_for(std::string cn, std::vector<std::string> orgs) {
  ClientCertificateRequest r;
  r.common_name = std::move(cn);
  r.organizations = std::move(orgs);
  return r;
}

X509Ptr issue_leaf(const ClientCertificateRequest& request = {}) {
  return read_certificate(
      issue_client_certificate(ec_ca().cert_pem, ec_ca().key_pem, request).certificate_pem);
}

TEST(IssueClientCertificate, DefaultsToSystemAdminInSystemMasters) {
  X509Ptr leaf = issue_leaf();
  EXPECT_EQ(name_entries(X509_get_subject_name(leaf.get()), NID_commonName),
            std::vector<std::string>{"system:admin"});
  EXPECT_EQ(name_entries(X509_get_subject_name(leaf.get()), NID_organizationName),
            std::vector<std::string>{"system:masters"});
  EXPECT_EQ(X509_get_version(leaf.get()), X509_VERSION_3);
}

TEST(IssueClientCertificate, PutsEveryOrganizationInTheSubjectInOrder) {
  X509Ptr leaf = issue_leaf(request_for("alice", {"dev", "ops", "system:authenticated"}));
  const X509_NAME* subject = X509_get_subject_name(leaf.get());
  EXPECT_EQ(name_entries(subject, NID_commonName), std::vector<std::string>{"alice"});
  EXPECT_EQ(name_entries(subject, NID_organizationName),
            (std::vector<std::string>{"dev", "ops", "system:authenticated"}));
}

TEST(IssueClientCertificate, AcceptsNoOrganizationAndLongNames) {
  // Kubernetes user names can pass X.520's 64-character bound; Go does not enforce it.
  std::string long_name = "system:serviceaccount:" + std::string(80, 'n') + ":deployer";
  X509Ptr leaf = issue_leaf(request_for(long_name, {}));
  EXPECT_EQ(name_entries(X509_get_subject_name(leaf.get()), NID_commonName),
            std::vector<std::string>{long_name});
  EXPECT_TRUE(name_entries(X509_get_subject_name(leaf.get()), NID_organizationName).empty());
}

TEST(IssueClientCertificate, IsForClientAuthenticationOnly) {
  X509Ptr leaf = issue_leaf();
  detail::ExtKeyUsagePtr eku(static_cast<EXTENDED_KEY_USAGE*>(
      X509_get_ext_d2i(leaf.get(), NID_ext_key_usage, nullptr, nullptr)));
  ASSERT_TRUE(eku);
  ASSERT_EQ(sk_ASN1_OBJECT_num(eku.get()), 1);
  EXPECT_EQ(OBJ_obj2nid(sk_ASN1_OBJECT_value(eku.get(), 0)), NID_client_auth);

  EXPECT_EQ(X509_get_key_usage(leaf.get()),
            static_cast<uint32_t>(KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT));
  int ku = X509_get_ext_by_NID(leaf.get(), NID_key_usage, -1);
  ASSERT_GE(ku, 0);
  EXPECT_EQ(X509_EXTENSION_get_critical(X509_get_ext(leaf.get(), ku)), 1);

  int bc = X509_get_ext_by_NID(leaf.get(), NID_basic_constraints, -1);
  ASSERT_GE(bc, 0) << "basicConstraints CA:FALSE is written, as Go does";
  EXPECT_EQ(X509_EXTENSION_get_critical(X509_get_ext(leaf.get(), bc)), 1);
  EXPECT_EQ(X509_check_ca(leaf.get()), 0);
  EXPECT_EQ(X509_get_ext_by_NID(leaf.get(), NID_subject_alt_name, -1), -1)
      << "no SAN extension without alt names";
}

TEST(IssueClientCertificate, HasARandomPositive128BitSerial) {
  X509Ptr a = issue_leaf();
  X509Ptr b = issue_leaf();
  detail::BignumPtr sa(ASN1_INTEGER_to_BN(X509_get0_serialNumber(a.get()), nullptr));
  detail::BignumPtr sb(ASN1_INTEGER_to_BN(X509_get0_serialNumber(b.get()), nullptr));
  ASSERT_TRUE(sa && sb);
  EXPECT_FALSE(BN_is_negative(sa.get()));
  EXPECT_FALSE(BN_is_zero(sa.get()));
  EXPECT_LE(BN_num_bits(sa.get()), 128);
  EXPECT_GT(BN_num_bits(sa.get()), 64);  // fails once in 2^64 runs
  EXPECT_NE(BN_cmp(sa.get(), sb.get()), 0);
}

TEST(IssueClientCertificate, StartsWithTheCaAndEndsTheGivenDaysFromNow) {
  X509Ptr ca = read_certificate(ec_ca().cert_pem);
  ClientCertificateRequest request;
  request.validity_days = 30;
  system_clock::time_point now = system_clock::now();
  X509Ptr leaf = read_certificate(
      issue_client_certificate(ec_ca().cert_pem, ec_ca().key_pem, request, now).certificate_pem);
  EXPECT_EQ(ASN1_TIME_compare(X509_get0_notBefore(leaf.get()), X509_get0_notBefore(ca.get())), 0);

  time_t expected = system_clock::to_time_t(now + std::chrono::days(30));
  std::unique_ptr<ASN1_TIME, decltype(&ASN1_TIME_free)> want(ASN1_TIME_set(nullptr, expected),
                                                             &ASN1_TIME_free);
  int days = 0, seconds = 0;
  ASSERT_EQ(ASN1_TIME_diff(&days, &seconds, want.get(), X509_get0_notAfter(leaf.get())), 1);
  EXPECT_EQ(days, 0);
  EXPECT_LE(std::abs(seconds), 1);
}

TEST(IssueClientCertificate, UsesTheGivenClockForNotAfter) {
  system_clock::time_point then = system_clock::now() - std::chrono::days(400);
  X509Ptr leaf = read_certificate(
      issue_client_certificate(ec_ca().cert_pem, ec_ca().key_pem, {}, then).certificate_pem);
  // 400 days ago + 365 days is 35 days ago.
  EXPECT_LT(X509_cmp_time(X509_get0_notAfter(leaf.get()), nullptr), 0);
  time_t forty_days_ago = system_clock::to_time_t(system_clock::now() - std::chrono::days(40));
  EXPECT_GT(X509_cmp_time(X509_get0_notAfter(leaf.get()), &forty_days_ago), 0);
}

TEST(IssueClientCertificate, AltNamesBecomeIpAndDnsSans) {
  ClientCertificateRequest request;
  request.alt_names = {"10.0.0.7", "fd00::1", "vc.example.com", "10.0.0.7.nip.io"};
  X509Ptr leaf = issue_leaf(request);
  detail::GeneralNamesPtr sans(static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(leaf.get(), NID_subject_alt_name, nullptr, nullptr)));
  ASSERT_TRUE(sans);
  ASSERT_EQ(sk_GENERAL_NAME_num(sans.get()), 4);
  auto text = [](const ASN1_STRING* s) {
    return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                       static_cast<size_t>(ASN1_STRING_length(s)));
  };
  const GENERAL_NAME* ip4 = sk_GENERAL_NAME_value(sans.get(), 0);
  ASSERT_EQ(ip4->type, GEN_IPADD);
  EXPECT_EQ(text(ip4->d.iPAddress), std::string("\x0a\x00\x00\x07", 4));
  const GENERAL_NAME* ip6 = sk_GENERAL_NAME_value(sans.get(), 1);
  ASSERT_EQ(ip6->type, GEN_IPADD);
  unsigned char fd00_1[16];
  ASSERT_EQ(inet_pton(AF_INET6, "fd00::1", fd00_1), 1);
  EXPECT_EQ(text(ip6->d.iPAddress), std::string(reinterpret_cast<char*>(fd00_1), 16));
  const GENERAL_NAME* dns = sk_GENERAL_NAME_value(sans.get(), 2);
  ASSERT_EQ(dns->type, GEN_DNS);
  EXPECT_EQ(text(dns->d.dNSName), "vc.example.com");
  const GENERAL_NAME* not_ip = sk_GENERAL_NAME_value(sans.get(), 3);
  ASSERT_EQ(not_ip->type, GEN_DNS) << "a name that starts like an IP is still a DNS name";
  EXPECT_EQ(text(not_ip->d.dNSName), "10.0.0.7.nip.io");
}

TEST(IssueClientCertificate, ChainIsTheLeafThenTheCa) {
  IssuedCertificate issued = issue_client_certificate(ec_ca().cert_pem, ec_ca().key_pem, {});
  std::vector<X509Ptr> chain = read_certificates(issued.certificate_pem);
  ASSERT_EQ(chain.size(), 2u);
  X509Ptr ca = read_certificate(ec_ca().cert_pem);
  EXPECT_EQ(X509_cmp(chain[1].get(), ca.get()), 0);
  EXPECT_EQ(name_entries(X509_get_subject_name(chain[0].get()), NID_commonName),
            std::vector<std::string>{"system:admin"});
  EXPECT_EQ(issued.certificate_pem.rfind("-----BEGIN CERTIFICATE-----", 0), 0u);
}

TEST(IssueClientCertificate, NamesTheCaAsIssuerAndByKeyIdentifier) {
  X509Ptr ca = read_certificate(ec_ca().cert_pem);
  X509Ptr leaf = issue_leaf();
  EXPECT_EQ(X509_NAME_cmp(X509_get_issuer_name(leaf.get()), X509_get_subject_name(ca.get())), 0);
  const ASN1_OCTET_STRING* akid = X509_get0_authority_key_id(leaf.get());
  const ASN1_OCTET_STRING* skid = X509_get0_subject_key_id(ca.get());
  ASSERT_NE(akid, nullptr);
  ASSERT_NE(skid, nullptr);
  EXPECT_EQ(ASN1_OCTET_STRING_cmp(akid, skid), 0);
  EXPECT_EQ(X509_check_issued(ca.get(), leaf.get()), X509_V_OK);
}

TEST(IssueClientCertificate, DerivesTheKeyIdentifierOfACaWithoutOne) {
  CaOptions options;
  options.subject_key_id = false;
  CaPem bare = make_ca(options);
  X509Ptr ca = read_certificate(bare.cert_pem);
  X509Ptr leaf =
      read_certificate(issue_client_certificate(bare.cert_pem, bare.key_pem, {}).certificate_pem);
  const ASN1_OCTET_STRING* akid = X509_get0_authority_key_id(leaf.get());
  ASSERT_NE(akid, nullptr);
  unsigned char sha1[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  ASSERT_EQ(X509_pubkey_digest(ca.get(), EVP_sha1(), sha1, &size), 1);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(akid)),
                        static_cast<size_t>(ASN1_STRING_length(akid))),
            std::string(reinterpret_cast<const char*>(sha1), size));
  EXPECT_TRUE(verifies_as_client(leaf.get(), ca.get()));
}

TEST(IssueClientCertificate, KeyIsAFreshP256KeyInSec1PemThatMatchesTheLeaf) {
  IssuedCertificate a = issue_client_certificate(ec_ca().cert_pem, ec_ca().key_pem, {});
  IssuedCertificate b = issue_client_certificate(ec_ca().cert_pem, ec_ca().key_pem, {});
  const std::string& pem = a.private_key_pem.reveal();
  EXPECT_EQ(pem.rfind("-----BEGIN EC PRIVATE KEY-----\n", 0), 0u) << "SEC1, as K3k writes it";
  EXPECT_NE(pem.find("-----END EC PRIVATE KEY-----"), std::string::npos);
  EXPECT_NE(pem, b.private_key_pem.reveal());

  detail::PkeyPtr key = read_key(pem);
  EXPECT_EQ(EVP_PKEY_get_base_id(key.get()), EVP_PKEY_EC);
  char group[64] = {};
  size_t group_size = 0;
  ASSERT_EQ(EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group,
                                           sizeof group, &group_size),
            1);
  EXPECT_STREQ(group, "prime256v1");
  X509Ptr leaf = read_certificate(a.certificate_pem);
  EXPECT_EQ(X509_check_private_key(leaf.get(), key.get()), 1);
  X509Ptr other = read_certificate(b.certificate_pem);
  EXPECT_EQ(X509_check_private_key(other.get(), key.get()), 0);
  ERR_clear_error();
}

// Each kind of CA key K3k (or a user's own CA) may hold.
struct CaKind {
  const char* name;
  KeyKind kind;
  KeyFormat format;
  const char* pem_header;
  int signature_nid;
};

// Names the parameter in test output (gtest would print the struct's bytes).
void PrintTo(const CaKind& kind, std::ostream* os) { *os << kind.name; }

class IssueClientCertificateFromCa : public ::testing::TestWithParam<CaKind> {};

TEST_P(IssueClientCertificateFromCa, SignsALeafThatVerifiesWithTheCaKey) {
  CaOptions options;
  options.kind = GetParam().kind;
  options.format = GetParam().format;
  CaPem ca_pem = make_ca(options);
  ASSERT_EQ(ca_pem.key_pem.reveal().rfind(GetParam().pem_header, 0), 0u);
  X509Ptr ca = read_certificate(ca_pem.cert_pem);
  X509Ptr leaf = read_certificate(
      issue_client_certificate(ca_pem.cert_pem, ca_pem.key_pem, {}).certificate_pem);

  EVP_PKEY* ca_public = X509_get0_pubkey(ca.get());
  ASSERT_NE(ca_public, nullptr);
  EXPECT_EQ(X509_verify(leaf.get(), ca_public), 1);
  EXPECT_EQ(X509_get_signature_nid(leaf.get()), GetParam().signature_nid);
  EXPECT_TRUE(verifies_as_client(leaf.get(), ca.get()));
}

INSTANTIATE_TEST_SUITE_P(
    Keys, IssueClientCertificateFromCa,
    ::testing::Values(CaKind{"EcSec1", KeyKind::kEc, KeyFormat::kTraditional,
                             "-----BEGIN EC PRIVATE KEY-----", NID_ecdsa_with_SHA256},
                      CaKind{"EcPkcs8", KeyKind::kEc, KeyFormat::kPkcs8,
                             "-----BEGIN PRIVATE KEY-----", NID_ecdsa_with_SHA256},
                      CaKind{"RsaPkcs1", KeyKind::kRsa, KeyFormat::kTraditional,
                             "-----BEGIN RSA PRIVATE KEY-----", NID_sha256WithRSAEncryption},
                      CaKind{"RsaPkcs8", KeyKind::kRsa, KeyFormat::kPkcs8,
                             "-----BEGIN PRIVATE KEY-----", NID_sha256WithRSAEncryption}),
    [](const ::testing::TestParamInfo<CaKind>& p) { return std::string(p.param.name); });

TEST(IssueClientCertificate, ReadsACaKeyThatFollowsEcParameters) {
  // `openssl ecparam -genkey` writes the curve parameters before the key.
  std::string with_params =
      "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" +
      ec_ca().key_pem.reveal();
  X509Ptr leaf = read_certificate(
      issue_client_certificate(ec_ca().cert_pem, Secret(with_params), {}).certificate_pem);
  X509Ptr ca = read_certificate(ec_ca().cert_pem);
  EXPECT_TRUE(verifies_as_client(leaf.get(), ca.get()));
}

}  // namespace
}  // namespace kraft::pki
