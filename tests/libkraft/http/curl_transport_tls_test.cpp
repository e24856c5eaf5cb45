// The curl transport over real TLS against the test API server: client certificates (EC and
// RSA), bearer tokens, trust, insecure mode, tls-server-name and connection errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <kraft/core/error.h>
#include <kraft/http/transport.h>

#include <nlohmann/json.hpp>

#include "test_support/rsa_client_cert.h"
#include "test_support/transport_fixture.h"

namespace kraft::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class CurlTransportTls : public ::testing::Test {
 protected:
  TestApiServer server_;
};

TEST_F(CurlTransportTls, GetsWithAnEcClientCertificate) {
  auto transport = http::make_curl_transport(admin_options(server_));
  http::Response r = transport->send(get(server_, "/api/v1/namespaces/default"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(nlohmann::json::parse(r.body)["metadata"]["name"], "default");
  EXPECT_THAT(r.header("content-type"), HasSubstr("application/json"));
}

TEST_F(CurlTransportTls, GetsWithAnRsaClientCertificate) {
  KeyPair rsa = issue_rsa_client_cert(server_.client_ca(), "rsa-admin", {"system:masters"});
  ASSERT_THAT(rsa.key_pem, StartsWith("-----BEGIN RSA PRIVATE KEY-----"));
  http::TransportOptions options = admin_options(server_);
  options.tls.client_cert_pem = rsa.cert_pem;
  options.tls.client_key_pem = Secret(rsa.key_pem);
  auto transport = http::make_curl_transport(options);
  EXPECT_EQ(transport->send(get(server_, "/api/v1/namespaces")).status, 200);
}

TEST_F(CurlTransportTls, SendsABearerTokenHeader) {
  server_.access().add_token("t0k3n-abc", {"dev", {}});
  server_.access().allow("dev", AccessRule{{"get", "list"}, {""}, {"namespaces"}, {}});
  http::TransportOptions options;
  options.tls.ca_pem = server_.ca_pem();
  auto transport = http::make_curl_transport(options);
  http::Request request = get(server_, "/api/v1/namespaces");
  request.headers.emplace_back("Authorization", "Bearer t0k3n-abc");
  EXPECT_EQ(transport->send(request).status, 200);
  request.headers.back().second = "Bearer wrong";
  EXPECT_EQ(transport->send(request).status, 401);
}

TEST_F(CurlTransportTls, WrongCaIsATransportErrorNamingTheServer) {
  http::TransportOptions options = admin_options(server_);
  options.tls.ca_pem = TestCa::generate("some-other-ca").cert_pem();
  auto transport = http::make_curl_transport(options);
  try {
    transport->send(get(server_, "/version"));
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_THAT(e.what(), StartsWith("TLS certificate of " + server_.url() +
                                     " is not trusted (wrong CA?): "));
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "one line";
    EXPECT_FALSE(e.timed_out());
  }
}

TEST_F(CurlTransportTls, InsecureSkipVerifyAcceptsAnUntrustedServer) {
  http::TransportOptions options = admin_options(server_);
  options.tls.ca_pem = TestCa::generate("some-other-ca").cert_pem();
  options.tls.insecure_skip_verify = true;
  auto transport = http::make_curl_transport(options);
  EXPECT_EQ(transport->send(get(server_, "/version")).status, 200);
}

TEST_F(CurlTransportTls, ServerNameIsVerifiedInsteadOfTheUrlsHost) {
  // The serving certificate names localhost, kubernetes, kubernetes.default and 127.0.0.1.
  http::TransportOptions options = admin_options(server_);
  options.tls.server_name = "kubernetes.default";
  EXPECT_EQ(http::make_curl_transport(options)->send(get(server_, "/version")).status, 200);

  options.tls.server_name = "not-in-the-certificate.example";
  auto transport = http::make_curl_transport(options);
  try {
    transport->send(get(server_, "/version"));
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_THAT(e.what(), StartsWith("TLS certificate of " + server_.url()));
    EXPECT_THAT(e.what(), HasSubstr("not-in-the-certificate.example"));
  }
}

TEST_F(CurlTransportTls, ServerNameKeepsTheUrlsHostInTheHostHeader) {
  // A write names its server by Host; the object must land on the same server either way.
  http::TransportOptions options = admin_options(server_);
  options.tls.server_name = "kubernetes";
  auto transport = http::make_curl_transport(options);
  http::Request request = get(server_, "/api/v1/namespaces");
  request.method = "POST";
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"sni"}})";
  EXPECT_EQ(transport->send(request).status, 201);
  EXPECT_EQ(transport->send(get(server_, "/api/v1/namespaces/sni")).status, 200);
}

TEST(CurlTransportErrors, ConnectionRefusedNamesTheServer) {
  ClosedPort closed;
  http::TransportOptions options;
  options.retry.max_attempts = 1;
  auto transport = http::make_curl_transport(options);
  http::Request request;
  request.url = closed.url() + "/version";
  try {
    transport->send(request);
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_EQ(std::string(e.what()), "cannot connect to " + closed.url() + ": connection refused");
    EXPECT_EQ(e.exit_code(), ExitCode::kError);
  }
}

TEST(CurlTransportErrors, AnUnreachableProxyIsNamedAsTheProxy) {
  ClosedPort proxy;
  http::TransportOptions options;
  options.retry.max_attempts = 1;
  options.proxy_url = "http://user:pw@127.0.0.1:" + std::to_string(proxy.port());
  auto transport = http::make_curl_transport(options);
  http::Request request;
  request.url = "https://10.255.255.1:6443/version";
  try {
    transport->send(request);
    FAIL() << "expected a TransportError";
  } catch (const TransportError& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot connect to proxy http://127.0.0.1:" + std::to_string(proxy.port()) +
                  " for https://10.255.255.1:6443: connection refused");
  }
}

TEST(CurlTransportErrors, AClientKeyThatDoesNotParseIsAConfigError) {
  http::TransportOptions options;
  options.tls.client_cert_pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  options.tls.client_key_pem = Secret(
      "-----BEGIN EC PRIVATE KEY-----\nbm9wZQ==\n-----END EC "
      "PRIVATE KEY-----\n");
  EXPECT_THROW(http::make_curl_transport(options), ConfigError);
}

TEST(CurlTransportErrors, ACertificateWithoutAKeyIsAConfigError) {
  http::TransportOptions options;
  options.tls.client_cert_pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  EXPECT_THROW(http::make_curl_transport(options), ConfigError);
}

TEST(CurlTransportErrors, ANonHttpUrlIsAConfigError) {
  auto transport = http::make_curl_transport({});
  http::Request request;
  request.url = "file:///etc/passwd";
  EXPECT_THROW(transport->send(request), ConfigError);
}

}  // namespace
}  // namespace kraft::testing
