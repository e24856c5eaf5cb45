// Redaction of headers and bodies before they reach a log.
#include "http/redact.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <kraft/http/transport.h>

#include <nlohmann/json.hpp>

#include "http/http_log.h"

namespace kraft::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kPemKey =
    "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBx1c2VjcmV0a2V5bWF0ZXJpYWw=\n"
    "-----END EC PRIVATE KEY-----\n";

TEST(RedactHeader, AuthorizationKeepsOnlyItsScheme) {
  EXPECT_EQ(redact_header("Authorization", "Bearer abc.def.ghi"), "Bearer <redacted>");
  EXPECT_EQ(redact_header("authorization", "Basic dXNlcjpwYXNz"), "Basic <redacted>");
  EXPECT_EQ(redact_header("Proxy-Authorization", "Bearer x"), "Bearer <redacted>");
  EXPECT_EQ(redact_header("Authorization", "opaque"), "<redacted>");
}

TEST(RedactHeader, TokenCookieAndPasswordHeadersAreMasked) {
  EXPECT_EQ(redact_header("X-Auth-Token", "s3cr3t"), "<redacted>");
  EXPECT_EQ(redact_header("Cookie", "session=abc"), "<redacted>");
  EXPECT_EQ(redact_header("Set-Cookie", "session=abc"), "<redacted>");
  EXPECT_EQ(redact_header("X-Password", "hunter2"), "<redacted>");
}

TEST(RedactHeader, OrdinaryHeadersAreUnchanged) {
  EXPECT_EQ(redact_header("Content-Type", "application/json"), "application/json");
  EXPECT_EQ(redact_header("User-Agent", "kraft/0.1"), "kraft/0.1");
}

TEST(RedactBody, SecretNamedJsonFieldsAreMaskedAnywhere) {
  std::string body = detail::redact_body(
      R"({"status":{"token":"tok-123","expirationTimestamp":"x"},"spec":{"password":"pw-456",)"
      R"("tokenSecretRef":{"name":"keep-me"}}})");
  EXPECT_THAT(body, Not(HasSubstr("tok-123")));
  EXPECT_THAT(body, Not(HasSubstr("pw-456")));
  EXPECT_THAT(body, HasSubstr("keep-me"));
  EXPECT_THAT(body, HasSubstr("expirationTimestamp"));
}

TEST(RedactBody, SecretDataIsMaskedButItsKeysStay) {
  nlohmann::json secret = {{"kind", "Secret"},
                           {"metadata", {{"name", "s"}}},
                           {"data", {{"kubeconfig.yaml", "YXBpVmVyc2lvbjogdjE="}}},
                           {"stringData", {{"plain", "in-the-clear"}}}};
  std::string body = detail::redact_body(secret.dump());
  EXPECT_THAT(body, Not(HasSubstr("YXBpVmVyc2lvbjogdjE=")));
  EXPECT_THAT(body, Not(HasSubstr("in-the-clear")));
  EXPECT_THAT(body, HasSubstr("kubeconfig.yaml"));
}

TEST(RedactBody, SecretListItemsAreMasked) {
  nlohmann::json list = {
      {"kind", "SecretList"},
      {"items", {{{"metadata", {{"name", "a"}}}, {"data", {{"k", "c2VjcmV0"}}}}}}};
  EXPECT_THAT(detail::redact_body(list.dump()), Not(HasSubstr("c2VjcmV0")));
}

TEST(RedactBody, WatchEventsAreRedactedLineByLine) {
  std::string stream = R"({"type":"ADDED","object":{"kind":"Secret","data":{"t":"AAAA"}}})"
                       "\n"
                       R"({"type":"ADDED","object":{"kind":"ConfigMap","data":{"t":"BBBB"}}})"
                       "\n";
  std::string body = detail::redact_body(stream);
  EXPECT_THAT(body, Not(HasSubstr("AAAA")));
  EXPECT_THAT(body, HasSubstr("BBBB")) << "a ConfigMap's data is not secret";
}

TEST(RedactBody, PemPrivateKeyBlocksAreMaskedInJsonAndText) {
  nlohmann::json cm = {{"kind", "ConfigMap"}, {"data", {{"key.pem", kPemKey}}}};
  EXPECT_THAT(detail::redact_body(cm.dump()), Not(HasSubstr("MHcCAQEE")));
  EXPECT_THAT(detail::redact_text(std::string("x\n") + kPemKey + "y"), Not(HasSubstr("MHcCAQEE")));
  EXPECT_THAT(detail::redact_text("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq"),
              Not(HasSubstr("MIIEvQ")))
      << "a block cut before its END line";
}

TEST(RedactBody, CertificatesAreNotSecret) {
  std::string cert = "-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n";
  EXPECT_THAT(detail::redact_text(cert), HasSubstr("MIIBcert"));
}

TEST(RedactText, KubeconfigYamlCredentialsAreMasked) {
  std::string yaml =
      "users:\n- name: u\n  user:\n    token: yaml-token-1\n    client-key-data: LS0tLS1CRUdJTg==\n"
      "    password: 'pw 2'\n    username: visible\n";
  std::string out = detail::redact_text(yaml);
  EXPECT_THAT(out, Not(HasSubstr("yaml-token-1")));
  EXPECT_THAT(out, Not(HasSubstr("LS0tLS1CRUdJTg==")));
  EXPECT_THAT(out, Not(HasSubstr("pw 2")));
  EXPECT_THAT(out, HasSubstr("username: visible"));
}

TEST(RedactText, BearerTokensAreMaskedWherever) {
  EXPECT_EQ(detail::redact_text("sent Authorization: Bearer abc.DEF-123 ok"),
            "sent Authorization: Bearer <redacted> ok");
}

TEST(RedactUrl, UserInformationIsDropped) {
  EXPECT_EQ(detail::redact_url("http://user:pw@proxy:3128/x"), "http://proxy:3128/x");
  EXPECT_EQ(detail::redact_url("https://127.0.0.1:6443/api?x=@"), "https://127.0.0.1:6443/api?x=@");
}

TEST(BodyForLog, LongBodiesAreCutWithANote) {
  std::string body(5000, 'a');
  std::string out = detail::body_for_log(body, 1024);
  EXPECT_EQ(out, std::string(1024, 'a') + "... (3976 more bytes)");
  EXPECT_EQ(detail::body_for_log("short", 1024), "short");
}

}  // namespace
}  // namespace kraft::http
