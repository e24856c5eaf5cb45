// Credentials the client adds itself: token, rotating token file, basic auth, and the retry
// after a 401.
#include "api/auth.h"

#include <gtest/gtest.h>
#include <kraft/api/client.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "api/test_support/fake_transport.h"

namespace kraft::api {
namespace {

using nlohmann::json;
using testing::FakeTransport;
using testing::header_of;
namespace fs = std::filesystem;

class TempFile {
 public:
  TempFile() {
    path_ = fs::temp_directory_path() /
            ("kraft-token-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  ~TempFile() { fs::remove(path_); }
  // Writes and moves the mtime forward, as a rotation would, without waiting for the clock.
  void write(const std::string& content) {
    std::ofstream(path_, std::ios::trunc) << content;
    fs::last_write_time(path_, fs::file_time_type::clock::now() + std::chrono::seconds(++tick_));
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
  int tick_ = 0;
};

config::ClientConfig base() {
  config::ClientConfig c;
  c.server = "https://api";
  return c;
}

TEST(Auth, TokenFileIsReadAndReReadWhenItChanges) {
  TempFile file;
  file.write("first\n");
  auto fake = std::make_shared<FakeTransport>();
  auto c = base();
  c.token_file = file.path();
  Client client(fake, c);
  fake->then_json(200, json::object())
      .then_json(200, json::object())
      .then_json(200, json::object());
  client.server_version();
  client.server_version();
  file.write("second");
  client.server_version();
  auto sent = fake->requests();
  EXPECT_EQ(header_of(sent[0], "Authorization"), "Bearer first");
  EXPECT_EQ(header_of(sent[1], "Authorization"), "Bearer first");
  EXPECT_EQ(header_of(sent[2], "Authorization"), "Bearer second");
}

TEST(Auth, AMissingTokenFileIsAConfigErrorNamingIt) {
  auto c = base();
  c.token_file = "/nonexistent/kraft/token";
  Client client(std::make_shared<FakeTransport>(), c);
  try {
    client.server_version();
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/kraft/token"), std::string::npos);
  }
}

TEST(Auth, UnauthorizedWithARotatedTokenFileRetriesOnceWithTheNewToken) {
  TempFile file;
  file.write("old");
  auto fake = std::make_shared<FakeTransport>();
  auto c = base();
  c.token_file = file.path();
  Client client(fake, c);
  fake->then_json(200, json::object());
  client.server_version();
  // Rotated, but with the same mtime the cache would hide it: only the 401 makes us look.
  auto mtime = fs::last_write_time(file.path());
  std::ofstream(file.path(), std::ios::trunc) << "new";
  fs::last_write_time(file.path(), mtime);
  fake->then_json(401, testing::status_body(401, "Unauthorized", "Unauthorized"))
      .then_json(200, json::object());
  client.server_version();
  auto sent = fake->requests();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(header_of(sent[1], "Authorization"), "Bearer old");
  EXPECT_EQ(header_of(sent[2], "Authorization"), "Bearer new");
}

TEST(Auth, UnauthorizedWithAFixedTokenIsNotRetried) {
  auto fake = std::make_shared<FakeTransport>();
  auto c = base();
  c.token = Secret("bad");
  Client client(fake, c);
  fake->then_json(401, testing::status_body(401, "Unauthorized", "Unauthorized"));
  try {
    client.server_version();
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_unauthorized());
  }
  EXPECT_EQ(fake->requests().size(), 1u);
}

TEST(Auth, BasicAuthEncodesUserAndPassword) {
  auto fake = std::make_shared<FakeTransport>();
  auto c = base();
  c.username = "admin";
  c.password = Secret("s3cr3t:x");
  Client client(fake, c);
  fake->then_json(200, json::object());
  client.server_version();
  EXPECT_EQ(header_of(fake->requests()[0], "Authorization"), "Basic YWRtaW46czNjcjN0Ong=");
}

TEST(Auth, ATokenWinsOverBasicAuth) {
  auto fake = std::make_shared<FakeTransport>();
  auto c = base();
  c.username = "admin";
  c.token = Secret("tok");
  Client client(fake, c);
  fake->then_json(200, json::object());
  client.server_version();
  EXPECT_EQ(header_of(fake->requests()[0], "Authorization"), "Bearer tok");
}

TEST(Auth, NoCredentialsSendNoAuthorization) {
  auto fake = std::make_shared<FakeTransport>();
  Client client(fake, base());
  fake->then_json(200, json::object());
  client.server_version();
  EXPECT_EQ(header_of(fake->requests()[0], "Authorization"), "");
}

}  // namespace
}  // namespace kraft::api
