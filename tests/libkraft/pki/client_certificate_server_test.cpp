// End to end: a certificate from issue_client_certificate authenticates to an API server that
// trusts its CA (as a virtual cluster's API server trusts its client CA), over real TLS.
#include <gtest/gtest.h>
#include <kraft/api/client.h>
#include <kraft/pki/client_certificate.h>

#include "api/test_support/server_client.h"
#include "test_apiserver.h"

namespace kraft::pki {
namespace {

using kraft::testing::TestApiServer;
using kraft::testing::TestApiServerOptions;
using kraft::testing::TestCa;
using std::chrono::system_clock;

struct VirtualClusterFixture {
  TestCa client_ca = TestCa::generate("k3k-client-ca");
  TestApiServer server{options(client_ca)};

  static TestApiServerOptions options(const TestCa& ca) {
    TestApiServerOptions o;
    o.crd_files.clear();  // a virtual cluster serves no K3k CRDs; starts faster too
    o.extra_client_ca_pems = {ca.cert_pem()};
    return o;
  }

  api::Client client_with(const IssuedCertificate& issued) const {
    config::ClientConfig c = api::testing::anonymous_config(server);
    c.client_cert_pem = issued.certificate_pem;
    c.client_key_pem = issued.private_key_pem;
    return api::Client::connect(c);
  }
};

int status_of(const api::Client& client) {
  try {
    client.list(api::resources::namespaces(), "");
    return 200;
  } catch (const api::ApiError& e) {
    return e.code();
  }
}

TEST(ClientCertificateOnServer, AnIssuedCertificateAuthenticatesAsSystemAdmin) {
  VirtualClusterFixture vc;
  IssuedCertificate issued = issue_client_certificate(
      vc.client_ca.cert_pem(), Secret(vc.client_ca.key_pem()), ClientCertificateRequest{});
  EXPECT_EQ(status_of(vc.client_with(issued)), 200);
}

TEST(ClientCertificateOnServer, TheServerReadsGroupsFromTheOrganizations) {
  VirtualClusterFixture vc;
  ClientCertificateRequest request;
  request.common_name = "alice";
  request.organizations = {"viewers"};
  api::Client alice = vc.client_with(
      issue_client_certificate(vc.client_ca.cert_pem(), Secret(vc.client_ca.key_pem()), request));
  EXPECT_EQ(status_of(alice), 403) << "authenticated, but not in system:masters";
  vc.server.access().allow("viewers", {{"list"}, {""}, {"namespaces"}, {}});
  EXPECT_EQ(status_of(alice), 200);
}

TEST(ClientCertificateOnServer, ACertificateFromAnotherCaIsUnauthorized) {
  VirtualClusterFixture vc;
  TestCa stranger = TestCa::generate("k3k-client-ca");  // same name, different key
  IssuedCertificate issued =
      issue_client_certificate(stranger.cert_pem(), Secret(stranger.key_pem()), {});
  EXPECT_EQ(status_of(vc.client_with(issued)), 401);
}

TEST(ClientCertificateOnServer, AnExpiredCertificateIsUnauthorized) {
  VirtualClusterFixture vc;
  ClientCertificateRequest request;
  request.validity_days = 1;
  IssuedCertificate issued =
      issue_client_certificate(vc.client_ca.cert_pem(), Secret(vc.client_ca.key_pem()), request,
                               system_clock::now() - std::chrono::days(2 * 365));
  EXPECT_EQ(status_of(vc.client_with(issued)), 401);
}

}  // namespace
}  // namespace kraft::pki
