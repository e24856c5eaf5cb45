// Client::serves() caches: once per Client in memory, and in ClientOptions::cache_dir for
// other processes, with kubectl's TTL and directory naming, and never trusting a file it did
// not write for this server and this user.
#include "api/discovery_cache.h"

#include <gtest/gtest.h>
#include <kraft/api/client.h>
#include <sys/stat.h>
#include <utime.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "test_support/fake_transport.h"

namespace kraft::api {
namespace {

namespace fs = std::filesystem;
using testing::FakeTransport;

class DiscoveryCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/kraft-discovery-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A new Client (as a new kraft process) over a new fake transport.
  Client client(const std::string& server = "https://api:6443", bool with_dir = true) {
    fake_ = std::make_shared<FakeTransport>();
    config::ClientConfig config;
    config.server = server;
    ClientOptions options;
    if (with_dir) options.cache_dir = dir_.string();
    return Client(fake_, config, options);
  }
  fs::path file(const std::string& host = "api_6443") const {
    return dir_ / "kraft" / "discovery" / host / "groupversions.json";
  }
  static std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  fs::path dir_;
  std::shared_ptr<FakeTransport> fake_;
};

TEST(DiscoveryCacheHostDir, DropsTheSchemeAndReplacesWhatCouldNameAnotherDirectory) {
  EXPECT_EQ(detail::discovery_cache_host_dir("https://10.0.0.1:6443"), "10.0.0.1_6443");
  EXPECT_EQ(detail::discovery_cache_host_dir("http://api.example.com"), "api.example.com");
  EXPECT_EQ(detail::discovery_cache_host_dir("https://[::1]:6443/k8s/clusters/c-1"),
            "___1__6443_k8s_clusters_c_1");
  EXPECT_EQ(detail::discovery_cache_host_dir("https://.."), "_..");
}

TEST_F(DiscoveryCacheTest, OneClientAsksOnceForEachGroupServedOrNot) {
  Client c = client();
  fake_->then_json(200, nlohmann::json::object()).then(404, "404 page not found");
  EXPECT_TRUE(c.serves("k3k.io/v1beta1"));
  EXPECT_TRUE(c.serves("k3k.io/v1beta1"));
  Client copy = c;  // copies share what was learnt
  EXPECT_TRUE(copy.serves("k3k.io/v1beta1"));
  EXPECT_FALSE(c.serves("traefik.io/v1alpha1"));
  EXPECT_FALSE(copy.serves("traefik.io/v1alpha1"));
  EXPECT_EQ(fake_->requests().size(), 2u);
}

TEST_F(DiscoveryCacheTest, AServedGroupIsKeptOnDiskForTheNextClientPrivately) {
  Client first = client();
  fake_->then_json(200, nlohmann::json::object());
  EXPECT_TRUE(first.serves("k3k.io/v1beta1"));
  struct stat st {};
  ASSERT_EQ(::stat(file().c_str(), &st), 0) << file();
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(file().parent_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);

  Client next = client();  // nothing scripted: a request would throw
  EXPECT_TRUE(next.serves("k3k.io/v1beta1"));
  EXPECT_TRUE(fake_->requests().empty());
}

TEST_F(DiscoveryCacheTest, AGroupNotServedIsAskedAgainByTheNextClient) {
  Client first = client();
  fake_->then(404, "404 page not found");
  EXPECT_FALSE(first.serves("traefik.io/v1alpha1"));
  Client next = client();
  fake_->then_json(200, nlohmann::json::object());  // installed meanwhile
  EXPECT_TRUE(next.serves("traefik.io/v1alpha1"));
  EXPECT_EQ(fake_->requests().size(), 1u);
}

TEST_F(DiscoveryCacheTest, WithoutACacheDirectoryNothingIsWritten) {
  Client c = client("https://api:6443", /*with_dir=*/false);
  fake_->then_json(200, nlohmann::json::object());
  EXPECT_TRUE(c.serves("k3k.io/v1beta1"));
  EXPECT_FALSE(fs::exists(dir_ / "kraft"));
}

TEST_F(DiscoveryCacheTest, FilesOlderThanSixHoursAreNotTrusted) {
  Client first = client();
  fake_->then_json(200, nlohmann::json::object());
  first.serves("k3k.io/v1beta1");
  const std::time_t old = std::time(nullptr) - 6 * 3600 - 60;
  struct utimbuf times = {};
  times.actime = old;
  times.modtime = old;
  ASSERT_EQ(::utime(file().c_str(), &times), 0);
  Client next = client();
  fake_->then_json(200, nlohmann::json::object());
  EXPECT_TRUE(next.serves("k3k.io/v1beta1"));
  EXPECT_EQ(fake_->requests().size(), 1u);
}

TEST_F(DiscoveryCacheTest, ACorruptFileIsIgnoredAndReplaced) {
  fs::create_directories(file().parent_path());
  std::ofstream(file()) << "{\"server\": \"https://api:6443\", \"served\": [";
  ::chmod(file().c_str(), 0600);
  Client c = client();
  fake_->then_json(200, nlohmann::json::object());
  EXPECT_TRUE(c.serves("k3k.io/v1beta1"));
  EXPECT_EQ(fake_->requests().size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(read(file()))["served"], nlohmann::json({"k3k.io/v1beta1"}));
}

TEST_F(DiscoveryCacheTest, AFileOthersMayWriteIsNotTrusted) {
  fs::create_directories(file().parent_path());
  std::ofstream(file()) << R"({"server": "https://api:6443", "served": ["k3k.io/v1beta1"]})";
  ::chmod(file().c_str(), 0620);
  Client c = client();
  fake_->then(404, "404 page not found");
  EXPECT_FALSE(c.serves("k3k.io/v1beta1"));
  EXPECT_EQ(fake_->requests().size(), 1u);
}

TEST_F(DiscoveryCacheTest, AnotherServerSharingTheDirectoryNameIsNotBelieved) {
  // "https://api:6443" and "http://api:6443" name the same directory.
  Client first = client("http://api:6443");
  fake_->then_json(200, nlohmann::json::object());
  first.serves("k3k.io/v1beta1");
  Client other = client("https://api:6443");
  fake_->then(404, "404 page not found");
  EXPECT_FALSE(other.serves("k3k.io/v1beta1"));
  EXPECT_EQ(fake_->requests().size(), 1u);
}

TEST_F(DiscoveryCacheTest, InvalidatingForgetsMemoryAndDisk) {
  Client c = client();
  fake_->then_json(200, nlohmann::json::object());
  c.serves("k3k.io/v1beta1");
  c.invalidate_discovery();
  EXPECT_FALSE(fs::exists(file()));
  fake_->then(404, "404 page not found");  // K3k was removed
  EXPECT_FALSE(c.serves("k3k.io/v1beta1"));
  EXPECT_EQ(fake_->requests().size(), 2u);
}

TEST(DefaultCacheDir, IsKubectlsKubecachedirThenHome) {
  const char* saved_cache = std::getenv("KUBECACHEDIR");
  const std::string cache = saved_cache ? saved_cache : "";
  ::setenv("KUBECACHEDIR", "/x/cache", 1);
  EXPECT_EQ(default_cache_dir(), "/x/cache");
  ::setenv("KUBECACHEDIR", "", 1);
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0') {
    EXPECT_EQ(default_cache_dir(), std::string(home) + "/.kube/cache");
  }
  if (saved_cache) {
    ::setenv("KUBECACHEDIR", cache.c_str(), 1);
  } else {
    ::unsetenv("KUBECACHEDIR");
  }
}

}  // namespace
}  // namespace kraft::api
