// update_kubeconfig_file across processes: a writer killed at the worst moment leaves the old
// file intact, and writers racing on one file lose nothing. Children are forked, which is
// only safe while this test process has a single thread: no test API server here.
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig_file.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "config/test_support/config_fixtures.h"

namespace kraft::config {
namespace {

namespace fs = std::filesystem;
using kraft::testing::bytes_of;
using kraft::testing::TempDir;
using std::chrono::milliseconds;

const std::string kConfig = R"(apiVersion: v1
kind: Config
clusters:
- {name: a, cluster: {server: https://a}}
contexts:
- {name: a, context: {cluster: a}}
current-context: a
)";

bool single_threaded() {
  size_t tasks = 0;
  for ([[maybe_unused]] const auto& t : fs::directory_iterator("/proc/self/task")) ++tasks;
  return tasks == 1;
}

// Runs `body` in a child process; its exit code is 0 when body returned, 1 when it threw.
pid_t fork_child(const std::function<void()>& body) {
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  int code = 0;
  try {
    body();
  } catch (...) {
    code = 1;
  }
  ::_exit(code);  // no gtest teardown, no static destructors in the child
}

void add_context(Kubeconfig& c, const std::string& name) {
  c.contexts.push_back({name, ContextInfo{"a", "", ""}, nlohmann::json::object(), c.source});
}

TEST(KubeconfigFileCrash, KilledBeforeRenameLeavesTheOldFile) {
  if (!single_threaded()) GTEST_SKIP() << "fork needs a single-threaded test process";
  TempDir dir;
  const std::string path = dir.write("config", kConfig);
  const pid_t child = fork_child([&] {
    FileWriteOptions options;
    options.before_rename = [] { ::raise(SIGKILL); };
    update_kubeconfig_file(
        path, [](Kubeconfig& c) { add_context(c, "never"); }, options);
  });
  ASSERT_GT(child, 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGKILL);

  EXPECT_EQ(bytes_of(path), kConfig);
  EXPECT_EQ(load_kubeconfig_file(path).find_context("never"), nullptr);
  // The lock stays behind, naming the dead writer; so does its complete temporary file.
  EXPECT_EQ(bytes_of(path + ".lock"), std::to_string(child) + "\n");
  size_t temps = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    temps += e.path().filename().string().rfind(".config.kraft-tmp-", 0) == 0 ? 1 : 0;
  }
  EXPECT_EQ(temps, 1u);

  // The next writer is told who held the lock; the user removes it, and writing works again.
  FileWriteOptions options;
  options.lock_timeout = milliseconds(30);
  try {
    update_kubeconfig_file(
        path, [](Kubeconfig& c) { add_context(c, "next"); }, options);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(
        std::string(e.what()).find("(held by process " + std::to_string(child) + ", not running)"),
        std::string::npos)
        << e.what();
  }
  fs::remove(path + ".lock");
  EXPECT_TRUE(update_kubeconfig_file(path, [](Kubeconfig& c) { add_context(c, "next"); }).changed);
  EXPECT_NE(load_kubeconfig_file(path).find_context("next"), nullptr);
}

TEST(KubeconfigFileConcurrency, EightWritersLoseNoContext) {
  if (!single_threaded()) GTEST_SKIP() << "fork needs a single-threaded test process";
  constexpr int kWriters = 8;
  constexpr int kContextsEach = 25;
  TempDir dir;
  const std::string path = dir.write("config", kConfig);

  // Every child blocks reading the pipe until the parent closes it: they start together.
  int gate[2];
  ASSERT_EQ(::pipe(gate), 0);
  std::vector<pid_t> children;
  for (int w = 0; w < kWriters; ++w) {
    children.push_back(fork_child([&, w] {
      ::close(gate[1]);
      char byte;
      while (::read(gate[0], &byte, 1) < 0 && errno == EINTR) {
      }
      FileWriteOptions options;
      options.lock_timeout = milliseconds(60'000);
      for (int i = 0; i < kContextsEach; ++i) {
        const std::string name = "w" + std::to_string(w) + "-c" + std::to_string(i);
        update_kubeconfig_file(
            path, [&](Kubeconfig& c) { add_context(c, name); }, options);
      }
    }));
    ASSERT_GT(children.back(), 0);
  }
  ::close(gate[0]);
  ::close(gate[1]);

  for (const pid_t child : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "writer " << child;
  }
  const Kubeconfig result = load_kubeconfig_file(path);
  EXPECT_EQ(result.contexts.size(), 1u + kWriters * kContextsEach);
  for (int w = 0; w < kWriters; ++w) {
    for (int i = 0; i < kContextsEach; ++i) {
      const std::string name = "w" + std::to_string(w) + "-c" + std::to_string(i);
      EXPECT_NE(result.find_context(name), nullptr) << name;
    }
  }
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    files.push_back(e.path().filename().string());
  }
  EXPECT_EQ(files, std::vector<std::string>{"config"});  // no lock, no temporary file
}

}  // namespace
}  // namespace kraft::config
