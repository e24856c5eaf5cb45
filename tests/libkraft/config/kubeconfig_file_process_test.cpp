// update_kubeconfig_file across processes: a writer killed at the worst moment leaves the old
// file intact (and the next writer removes its temporary file), writers racing on one file
// lose nothing, and files of other users keep their owner or are refused. Children are forked,
// which is only safe while this test process has a single thread: no test API server here.
#include <grp.h>
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig_file.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
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

std::vector<std::string> temp_files(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(".config.kraft-tmp-", 0) == 0) out.push_back(name);
  }
  return out;
}

// Runs `body` in a child switched to uid:gid with supplementary `groups` (needs root) and
// returns the message it threw, "" when it returned, or nullopt when switching failed.
std::optional<std::string> as_user(uid_t uid, gid_t gid, const std::vector<gid_t>& groups,
                                   const std::function<void()>& body) {
  int out[2];
  if (::pipe(out) != 0) return std::nullopt;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(out[0]);
    std::string message = "\x01";  // "could not switch"; no error message starts with it
    if (::setgroups(groups.size(), groups.data()) == 0 && ::setresgid(gid, gid, gid) == 0 &&
        ::setresuid(uid, uid, uid) == 0) {
      message.clear();
      try {
        body();
      } catch (const std::exception& e) {
        message = e.what();
      }
    }
    [[maybe_unused]] const ssize_t n = ::write(out[1], message.data(), message.size());
    ::_exit(0);
  }
  ::close(out[1]);
  std::string message;
  char buffer[512];
  for (ssize_t n; (n = ::read(out[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    message.append(buffer, static_cast<size_t>(n));
  }
  ::close(out[0]);
  if (pid < 0 || ::waitpid(pid, nullptr, 0) != pid || message == "\x01") return std::nullopt;
  return message;
}

struct Owner {
  uid_t uid;
  gid_t gid;
  bool operator==(const Owner&) const = default;
};

Owner owner_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return {st.st_uid, st.st_gid};
}

// A directory every user may write to, for files owned by the users below.
std::string shared_dir(const TempDir& dir) {
  const std::string shared = dir.path() + "/shared";
  fs::create_directories(shared);
  ::chmod(dir.path().c_str(), 0755);
  ::chmod(shared.c_str(), 0777);
  return shared;
}

// Ids that no account on a test machine is expected to use (nobody is 65534).
constexpr uid_t kOther = 65534;
constexpr uid_t kUser = 65533;
constexpr gid_t kUserGroup = 65533;
constexpr gid_t kSharedGroup = 65532;
constexpr gid_t kForeignGroup = 65531;

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
  const std::vector<std::string> temps = temp_files(dir.path());
  ASSERT_EQ(temps.size(), 1u);
  // Named after its writer, so that the next one can tell it is dead.
  EXPECT_EQ(temps[0].rfind(".config.kraft-tmp-" + std::to_string(child) + "-", 0), 0u) << temps[0];

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
  // The dead writer's temporary file, a full copy with credentials, is gone too.
  EXPECT_TRUE(temp_files(dir.path()).empty());
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

TEST(KubeconfigFileOwner, AnotherUsersFileIsNotTakenOver) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to make a file of another user";
  if (!single_threaded()) GTEST_SKIP() << "fork needs a single-threaded test process";
  TempDir dir;
  const std::string shared = shared_dir(dir);
  const std::string path = shared + "/config";
  std::ofstream(path) << kConfig;
  // Writable by everyone: what stops us is whose it is, not the permissions.
  ASSERT_EQ(::chown(path.c_str(), kOther, kOther), 0);
  ASSERT_EQ(::chmod(path.c_str(), 0666), 0);

  const auto update = as_user(kUser, kUserGroup, {}, [&] {
    update_kubeconfig_file(path, [](Kubeconfig& c) { add_context(c, "mine"); });
  });
  if (!update) GTEST_SKIP() << "cannot switch to uid " << kUser;
  const std::string expected = path + " belongs to another user (uid " + std::to_string(kOther) +
                               "); refusing to replace it";
  EXPECT_EQ(*update, expected);
  const auto write = as_user(kUser, kUserGroup, {}, [&] {
    write_kubeconfig_file(path, parse_kubeconfig("clusters: []\n", ""));
  });
  ASSERT_TRUE(write);
  EXPECT_EQ(*write, expected);

  EXPECT_EQ(bytes_of(path), kConfig);
  EXPECT_EQ(owner_of(path), (Owner{kOther, kOther}));
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(shared))
    files.push_back(e.path().filename().string());
  EXPECT_EQ(files, std::vector<std::string>{"config"});  // no lock, no temporary file, no backup
}

TEST(KubeconfigFileOwner, RootKeepsTheOwnerAndGroup) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give files away";
  TempDir dir;
  const std::string path = dir.write("config", kConfig);
  ASSERT_EQ(::chown(path.c_str(), kOther, kOther), 0);
  FileWriteOptions options;
  options.backup = true;
  EXPECT_TRUE(update_kubeconfig_file(
                  path, [](Kubeconfig& c) { add_context(c, "root"); }, options)
                  .changed);
  EXPECT_EQ(owner_of(path), (Owner{kOther, kOther}));
  EXPECT_EQ(owner_of(path + ".bak"), (Owner{kOther, kOther}));
  EXPECT_TRUE(write_kubeconfig_file(path, parse_kubeconfig("clusters: []\n", "")).changed);
  EXPECT_EQ(owner_of(path), (Owner{kOther, kOther}));
}

TEST(KubeconfigFileOwner, AUserKeepsTheFilesGroupWhenTheyAreInIt) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to set up users and groups";
  if (!single_threaded()) GTEST_SKIP() << "fork needs a single-threaded test process";
  TempDir dir;
  const std::string shared = shared_dir(dir);
  const std::string in_group = shared + "/config";
  const std::string foreign = shared + "/foreign";
  std::ofstream(in_group) << kConfig;
  std::ofstream(foreign) << kConfig;
  ASSERT_EQ(::chown(in_group.c_str(), kUser, kSharedGroup), 0);
  ASSERT_EQ(::chown(foreign.c_str(), kUser, kForeignGroup), 0);

  const auto result = as_user(kUser, kUserGroup, {kUserGroup, kSharedGroup}, [&] {
    update_kubeconfig_file(in_group, [](Kubeconfig& c) { add_context(c, "x"); });
    // A group the user is not in cannot be kept (EPERM): the update still happens.
    update_kubeconfig_file(foreign, [](Kubeconfig& c) { add_context(c, "x"); });
  });
  if (!result) GTEST_SKIP() << "cannot switch to uid " << kUser;
  EXPECT_EQ(*result, "");
  EXPECT_NE(load_kubeconfig_file(in_group).find_context("x"), nullptr);
  EXPECT_EQ(owner_of(in_group), (Owner{kUser, kSharedGroup}));
  EXPECT_NE(load_kubeconfig_file(foreign).find_context("x"), nullptr);
  EXPECT_EQ(owner_of(foreign), (Owner{kUser, kUserGroup}));
}

}  // namespace
}  // namespace kraft::config
