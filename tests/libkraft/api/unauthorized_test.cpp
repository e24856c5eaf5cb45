// The message of a 401: the server, the kubeconfig user and the kind of credential it
// refused, whichever call met it, and never the credential.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <kraft/api/client.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "api/test_support/fake_transport.h"

namespace kraft::api {
namespace {

using testing::FakeTransport;
using ::testing::HasSubstr;
using ::testing::Not;

config::ClientConfig config_for(const std::string& user) {
  config::ClientConfig c;
  c.server = "https://10.0.0.1:6443";
  c.user_name = user;
  return c;
}

std::string unauthorized_message(const config::ClientConfig& c,
                                 const std::function<void(Client&)>& call) {
  auto fake = std::make_shared<FakeTransport>();
  fake->then_json(401, testing::status_body(401, "Unauthorized", "Unauthorized"));
  Client client(fake, c);
  try {
    call(client);
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_unauthorized());
    EXPECT_EQ(e.status_message(), "Unauthorized");
    return e.what();
  }
  return "(no error)";
}

std::string get_message(const config::ClientConfig& c) {
  return unauthorized_message(c, [](Client& client) { client.server_version(); });
}

TEST(Unauthorized, NamesAClientCertificate) {
  config::ClientConfig c = config_for("alice");
  c.client_cert_pem = "CERT";
  c.client_key_pem = Secret("-----BEGIN EC PRIVATE KEY-----\nsecret-key\n");
  const std::string message = get_message(c);
  EXPECT_EQ(message,
            "Unauthorized: the server https://10.0.0.1:6443 did not accept the credentials of "
            "user \"alice\" (client certificate); check the kubeconfig's user entry");
  EXPECT_THAT(message, Not(HasSubstr("secret-key")));
}

TEST(Unauthorized, NamesBasicAuthWithoutThePassword) {
  config::ClientConfig c = config_for("bob");
  c.username = "bob";
  c.password = Secret("hunter2");
  const std::string message = get_message(c);
  EXPECT_THAT(message, HasSubstr("of user \"bob\" (username and password)"));
  EXPECT_THAT(message, Not(HasSubstr("hunter2")));
}

TEST(Unauthorized, SaysWhenThereAreNoCredentials) {
  EXPECT_EQ(get_message(config_for("nobody")),
            "Unauthorized: the server https://10.0.0.1:6443 needs credentials and user "
            "\"nobody\" has none; check the kubeconfig's user entry");
}

TEST(Unauthorized, InClusterNamesTheTokenFileAndNoKubeconfigEntry) {
  const auto path =
      std::filesystem::temp_directory_path() / ("kraft-unauthorized-" + std::to_string(::getpid()));
  std::ofstream(path) << "sa-token-value\n";
  config::ClientConfig c = config_for("");
  c.token_file = path.string();
  const std::string message = get_message(c);
  std::filesystem::remove(path);
  EXPECT_EQ(message,
            "Unauthorized: the server https://10.0.0.1:6443 did not accept the "
            "credentials (bearer token from " +
                path.string() + ")");
  EXPECT_THAT(message, Not(HasSubstr("sa-token-value")));
}

TEST(Unauthorized, NamesTheExecPlugin) {
  config::ClientConfig c = config_for("eve");
  config::ExecConfig exec;
  exec.api_version = "client.authentication.k8s.io/v1";
  exec.command = "/bin/sh";
  exec.args = {"-c",
               "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":"
               "\"ExecCredential\",\"status\":{\"token\":\"plugin-token\"}}'"};
  exec.interactive_mode = "Never";
  c.exec = exec;
  auto fake = std::make_shared<FakeTransport>();
  auto unauthorized = testing::status_body(401, "Unauthorized", "Unauthorized");
  fake->then_json(401, unauthorized).then_json(401, unauthorized);  // and after the re-run
  Client client(fake, c);
  try {
    client.server_version();
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_EQ(std::string(e.what()),
              "Unauthorized: the server https://10.0.0.1:6443 did not accept the credentials of "
              "user \"eve\" (exec plugin \"/bin/sh\"); check the kubeconfig's user entry");
  }
}

TEST(Unauthorized, ListsAndWatchesSayItToo) {
  config::ClientConfig c = config_for("carol");
  c.token = Secret("t");
  const std::string listed =
      unauthorized_message(c, [](Client& client) { client.list(resources::namespaces(), ""); });
  EXPECT_THAT(listed, HasSubstr("did not accept the credentials of user \"carol\""));
  const std::string watched = unauthorized_message(c, [](Client& client) {
    WatchOptions o;
    o.resource_version = "1";
    client.watch(resources::namespaces(), "", o, [](const WatchEvent&) { return false; });
  });
  EXPECT_THAT(watched, HasSubstr("did not accept the credentials of user \"carol\""));
}

TEST(Unauthorized, TheServersOwnWordsComeFirstAndAreEscaped) {
  auto fake = std::make_shared<FakeTransport>();
  fake->then_json(401, testing::status_body(401, "Unauthorized",
                                            "token \x1b]0;x\x07"
                                            "expired"));
  Client client(fake, config_for("dave"));
  try {
    client.server_version();
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("token \\e]0;x\\x07expired: the server ", 0), 0u)
        << e.what();
  }
}

}  // namespace
}  // namespace kraft::api
