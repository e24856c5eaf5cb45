// -v logging of the curl transport: kubectl's lines at 6, headers at 7, bodies at 8, and no
// secret in any of them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <kraft/core/error.h>
#include <kraft/http/transport.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "test_support/transport_fixture.h"

namespace kraft::testing {
namespace {

using ::testing::Contains;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kToken = "kraft-known-token-7f3a9c";
constexpr const char* kTokenBase64 = "a3JhZnQta25vd24tdG9rZW4tN2YzYTlj";  // base64 of kToken

class HttpLog : public ::testing::Test {
 protected:
  std::shared_ptr<http::Transport> transport(int verbosity) {
    http::TransportOptions options = admin_options(server_);
    options.logger = log_.logger(verbosity);
    return http::make_curl_transport(options);
  }

  TestApiServer server_;
  LogCapture log_;
};

TEST_F(HttpLog, LevelSixLogsMethodUrlStatusAndLatencyLikeKubectl) {
  transport(6)->send(get(server_, "/version"));
  ASSERT_EQ(log_.lines().size(), 1u);
  EXPECT_TRUE(std::regex_match(
      log_.lines()[0],
      std::regex("GET " + server_.url() + "/version 200 OK in [0-9]+ milliseconds")))
      << log_.lines()[0];
}

TEST_F(HttpLog, LevelFiveLogsNothing) {
  transport(5)->send(get(server_, "/version"));
  EXPECT_TRUE(log_.lines().empty());
}

TEST_F(HttpLog, LevelSevenAddsHeadersAndLevelEightBodies) {
  transport(7)->send(get(server_, "/version"));
  EXPECT_THAT(log_.lines(), Contains("Request Headers:"));
  EXPECT_THAT(log_.lines(), Contains("    Accept: application/json"));
  EXPECT_THAT(log_.lines(), Contains("Response Headers:"));
  EXPECT_THAT(log_.all(), Not(HasSubstr("Response Body")));
  LogCapture more;
  http::TransportOptions options = admin_options(server_);
  options.logger = more.logger(8);
  http::make_curl_transport(options)->send(get(server_, "/version"));
  EXPECT_THAT(more.all(), HasSubstr("Response Body: {"));
}

TEST_F(HttpLog, AKnownTokenNeverAppearsAtAnyLevel) {
  server_.access().add_token(kToken, {"token-admin", {"system:masters"}});
  std::string token_b64 = kTokenBase64;
  http::TransportOptions options;
  options.tls.ca_pem = server_.ca_pem();
  options.rate_limit.qps = 0;
  options.logger = log_.logger(10);
  auto t = http::make_curl_transport(options);
  auto with_token = [&](http::Request r) {
    r.headers.emplace_back("Authorization", std::string("Bearer ") + kToken);
    r.headers.emplace_back("Content-Type", "application/json");
    return r;
  };
  http::Request create = with_token(get(server_, "/api/v1/namespaces/default/secrets"));
  create.method = "POST";
  create.body = std::string(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},)") +
                R"("data":{"token":")" + token_b64 + R"("},"stringData":{"again":")" + kToken +
                R"("}})";
  EXPECT_EQ(t->send(create).status, 201);
  EXPECT_EQ(t->send(with_token(get(server_, "/api/v1/namespaces/default/secrets/s"))).status, 200);
  EXPECT_EQ(t->send(with_token(get(server_, "/api/v1/namespaces/default/secrets"))).status, 200);
  http::Request review = with_token(get(server_, "/api/v1/namespaces/default/configmaps"));
  review.method = "POST";
  review.body = std::string(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},)") +
                R"("data":{"notes":"token: )" + kToken + R"(","password":")" + kToken + R"("}})";
  t->send(review);
  http::Response head;
  t->stream(with_token(get(server_, "/api/v1/namespaces/default/secrets?watch=1&timeoutSeconds=1")),
            head, [](std::string_view) { return true; });
  http::Request bad = get(server_, "/version");
  bad.headers.emplace_back("Authorization", std::string("Bearer ") + kToken + "x");
  t->send(bad);

  std::string all = log_.all();
  EXPECT_THAT(all, HasSubstr("Bearer <redacted>"));
  EXPECT_THAT(all, HasSubstr("Response Body"));
  EXPECT_THAT(all, Not(HasSubstr(kToken)));
  EXPECT_THAT(all, Not(HasSubstr(token_b64)));
}

TEST_F(HttpLog, PemKeyBlocksInBodiesAreMasked) {
  std::string key_pem = server_.admin_credentials().key_pem;
  std::string key_line = key_pem.substr(key_pem.find('\n') + 1, 40);
  http::Request create = get(server_, "/api/v1/namespaces/default/configmaps");
  create.method = "POST";
  create.headers.emplace_back("Content-Type", "application/json");
  nlohmann::json cm = {{"apiVersion", "v1"},
                       {"kind", "ConfigMap"},
                       {"metadata", {{"name", "pem"}}},
                       {"data", {{"key.pem", key_pem}}}};
  create.body = cm.dump();
  EXPECT_EQ(transport(10)->send(create).status, 201);
  EXPECT_THAT(log_.all(), HasSubstr("<redacted private key>"));
  EXPECT_THAT(log_.all(), Not(HasSubstr(key_line)));
}

TEST_F(HttpLog, AFailedRequestIsLoggedWithItsError) {
  ClosedPort closed;
  http::TransportOptions options;
  options.retry.max_attempts = 1;
  options.logger = log_.logger(6);
  http::Request request;
  request.url = closed.url() + "/version";
  EXPECT_THROW(http::make_curl_transport(options)->send(request), TransportError);
  ASSERT_EQ(log_.lines().size(), 1u);
  EXPECT_THAT(log_.lines()[0], ContainsRegex("^GET .* failed in [0-9]+ milliseconds: cannot "
                                             "connect to .*: connection refused$"));
}

}  // namespace
}  // namespace kraft::testing
