// Exec credential plugins through the client: the plugin's token as bearer, and after a 401
// the cached credential is dropped and the request retried once with a fresh one.
#include <gtest/gtest.h>
#include <kraft/api/client.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "api/test_support/fake_transport.h"

namespace kraft::api {
namespace {

using nlohmann::json;
using testing::FakeTransport;
using testing::header_of;
namespace fs = std::filesystem;

// A plugin that counts its runs in a file and answers "tok-N" for the N-th run.
class CountingPlugin {
 public:
  CountingPlugin()
      : counter_(fs::temp_directory_path() /
                 ("kraft-exec-count-" +
                  std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()))) {
    fs::remove(counter_);
  }
  ~CountingPlugin() { fs::remove(counter_); }

  config::ClientConfig config() const {
    config::ClientConfig c;
    c.server = "https://api";
    config::ExecConfig exec;
    exec.api_version = "client.authentication.k8s.io/v1";
    exec.command = "/bin/sh";
    exec.args = {"-c", "n=$(($(cat '" + counter_.string() +
                           "' 2>/dev/null || echo 0) + 1)); "
                           "echo $n > '" +
                           counter_.string() +
                           "'; "
                           "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\","
                           "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"tok-%s\"}}' $n"};
    exec.interactive_mode = "Never";
    c.exec = exec;
    return c;
  }

 private:
  fs::path counter_;
};

TEST(ExecAuth, ThePluginsTokenIsSentAndCached) {
  CountingPlugin plugin;
  auto fake = std::make_shared<FakeTransport>();
  Client client(fake, plugin.config());
  fake->then_json(200, json::object()).then_json(200, json::object());
  client.server_version();
  client.server_version();
  EXPECT_EQ(header_of(fake->requests()[0], "Authorization"), "Bearer tok-1");
  EXPECT_EQ(header_of(fake->requests()[1], "Authorization"), "Bearer tok-1");
}

TEST(ExecAuth, UnauthorizedRunsThePluginAgainAndRetriesOnce) {
  CountingPlugin plugin;
  auto fake = std::make_shared<FakeTransport>();
  Client client(fake, plugin.config());
  fake->then_json(401, testing::status_body(401, "Unauthorized", "Unauthorized"))
      .then_json(200, json::object());
  client.server_version();
  auto sent = fake->requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(header_of(sent[0], "Authorization"), "Bearer tok-1");
  EXPECT_EQ(header_of(sent[1], "Authorization"), "Bearer tok-2");
}

TEST(ExecAuth, ASecond401IsTheCallersError) {
  CountingPlugin plugin;
  auto fake = std::make_shared<FakeTransport>();
  Client client(fake, plugin.config());
  auto unauthorized = testing::status_body(401, "Unauthorized", "Unauthorized");
  fake->then_json(401, unauthorized).then_json(401, unauthorized);
  try {
    client.server_version();
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_unauthorized());
  }
  EXPECT_EQ(fake->requests().size(), 2u);
}

}  // namespace
}  // namespace kraft::api
