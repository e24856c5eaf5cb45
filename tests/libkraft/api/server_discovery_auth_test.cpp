// Discovery and the client's own credentials against the test API server over real TLS.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <kraft/config/loading.h>

#include "api/test_support/server_client.h"

namespace kraft::api {
namespace {

using namespace testing;

TEST(ServerDiscovery, ReportsTheServerVersion) {
  kraft::testing::TestApiServer server;
  ServerVersion v = Client::connect(admin_config(server)).server_version();
  EXPECT_EQ(v.git_version.rfind("v1.26", 0), 0u) << v.git_version;
  EXPECT_FALSE(v.platform.empty());
}

TEST(ServerDiscovery, KnowsWhichGroupsAreServed) {
  kraft::testing::TestApiServer server;
  Client client = Client::connect(admin_config(server));
  EXPECT_TRUE(client.serves("k3k.io/v1beta1"));
  EXPECT_TRUE(client.serves("v1"));
  EXPECT_FALSE(client.serves("example.com/v1"));
}

TEST(ServerAuth, ABearerTokenAuthenticates) {
  kraft::testing::TestApiServer server;
  server.access().add_token("t0k3n", {"ops", {"system:masters"}});
  config::ClientConfig c = anonymous_config(server);
  c.token = Secret("t0k3n");
  EXPECT_NO_THROW(Client::connect(c).list(resources::namespaces(), ""));
}

TEST(ServerAuth, BasicAuthAuthenticates) {
  kraft::testing::TestApiServer server;
  server.access().add_basic_user("admin", "pw", {"admin", {"system:masters"}});
  config::ClientConfig c = anonymous_config(server);
  c.username = "admin";
  c.password = Secret("pw");
  EXPECT_NO_THROW(Client::connect(c).list(resources::namespaces(), ""));
}

TEST(ServerAuth, ARotatedTokenFileIsPickedUp) {
  kraft::testing::TestApiServer server;
  server.access().add_token("fresh", {"ops", {"system:masters"}});
  auto path =
      std::filesystem::temp_directory_path() / ("kraft-api-token-" + std::to_string(server.port()));
  std::ofstream(path) << "stale\n";
  config::ClientConfig c = anonymous_config(server);
  c.token_file = path.string();
  Client client = Client::connect(c);
  EXPECT_THROW(client.list(resources::namespaces(), ""), ApiError);
  std::ofstream(path, std::ios::trunc) << "fresh\n";
  std::filesystem::last_write_time(
      path, std::filesystem::last_write_time(path) + std::chrono::seconds(5));
  EXPECT_NO_THROW(client.list(resources::namespaces(), ""));
  std::filesystem::remove(path);
}

TEST(ServerAuth, ATokenFileNamedByAKubeconfigIsReReadWhenItRotates) {
  // The real path: resolve() reads tokenFile into the config once; the file must still win.
  kraft::testing::TestApiServer server;
  server.access().add_token("fresh", {"ops", {"system:masters"}});
  server.access().add_token("stale", {"nobody", {}});
  auto dir = std::filesystem::temp_directory_path() /
             ("kraft-api-rotate-" + std::to_string(server.port()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "token") << "stale\n";
  std::ofstream(dir / "ca.crt") << server.ca_pem();
  std::ofstream(dir / "config") << "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n"
                                   "  cluster:\n    server: " << server.url() << "\n"
                                   "    certificate-authority: ca.crt\nusers:\n- name: u\n"
                                   "  user:\n    tokenFile: token\ncontexts:\n- name: x\n"
                                   "  context: {cluster: c, user: u}\ncurrent-context: x\n";
  config::LoadingRules rules;
  rules.explicit_path = (dir / "config").string();
  Client client = Client::connect(config::load_client_config(rules, {}));
  try {
    client.list(resources::namespaces(), "");
    FAIL() << "the stale token has no rights";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_forbidden());
  }
  std::ofstream(dir / "token", std::ios::trunc) << "fresh\n";
  std::filesystem::last_write_time(
      dir / "token", std::filesystem::last_write_time(dir / "token") + std::chrono::seconds(5));
  EXPECT_NO_THROW(client.list(resources::namespaces(), ""));
  std::filesystem::remove_all(dir);
}

TEST(ServerAuth, AWrongTokenIsUnauthorized) {
  kraft::testing::TestApiServer server;
  config::ClientConfig c = anonymous_config(server);
  c.token = Secret("wrong");
  try {
    Client::connect(c).list(resources::namespaces(), "");
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_unauthorized());
  }
}

// A 401 names the server and the kubeconfig user, and what kind of credential was refused,
// never the credential itself.
TEST(ServerAuth, UnauthorizedNamesTheServerTheUserAndTheKindOfCredential) {
  kraft::testing::TestApiServer server;
  config::ClientConfig c = anonymous_config(server);
  c.token = Secret("wr0ng-t0ken-value");
  c.user_name = "alice";
  try {
    Client::connect(c).list(resources::namespaces(), "");
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_unauthorized());
    EXPECT_EQ(e.exit_code(), ExitCode::kError);
    EXPECT_EQ(std::string(e.what()),
              "Unauthorized: the server " + server.url() +
                  " did not accept the credentials of user \"alice\" (bearer token); check the "
                  "kubeconfig's user entry");
    EXPECT_EQ(std::string(e.what()).find("wr0ng-t0ken-value"), std::string::npos);
  }
}

TEST(ServerAuth, ARequestTimeoutFromTheConfigReachesTheTransport) {
  kraft::testing::TestApiServer server;
  server.faults().add(
      kraft::testing::Fault::latency_of(std::chrono::milliseconds(1500), "/version", 1));
  config::ClientConfig c = admin_config(server);
  c.request_timeout = std::chrono::milliseconds(200);
  ClientOptions o;
  o.retry.max_attempts = 1;
  try {
    Client::connect(c, o).server_version();
    FAIL() << "no timeout";
  } catch (const TransportError& e) {
    EXPECT_TRUE(e.timed_out()) << e.what();
  }
}

}  // namespace
}  // namespace kraft::api
