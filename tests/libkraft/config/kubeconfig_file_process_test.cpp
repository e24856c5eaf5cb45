// update_kubeconfig_file across processes: a writer killed at the worst moment leaves the old
// file intact (and the next writer takes its lock over and removes its temporary file),
// writers racing on one file lose nothing, files of other users keep their owner or are
// refused, and so are read-only files and directories. Children are forked,
// which is only safe while this test process has a single thread: no test API server here.
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig_file.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>

#include "config/kubeconfig_update.h"
#include "config/test_support/child_process.h"
#include "config/test_support/config_fixtures.h"
#include "config/test_support/kubeconfig_samples.h"

namespace kraft::config {
namespace {

using kraft::testing::add_context;
using kraft::testing::kOneContextConfig;

namespace fs = std::filesystem;
using kraft::testing::as_user;
using kraft::testing::bytes_of;
using kraft::testing::fork_child;
using kraft::testing::single_threaded;
using kraft::testing::TempDir;
using std::chrono::milliseconds;

std::vector<std::string> temp_files(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(".config.kraft-tmp-", 0) == 0) out.push_back(name);
  }
  return out;
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
  const std::string path = dir.write("config", kOneContextConfig);
  const pid_t child = fork_child([&] {
    detail::UpdateExtras extras;
    extras.before_rename = [] { ::raise(SIGKILL); };
    detail::update_kubeconfig_file(
        path, [](Kubeconfig& c) { add_context(c, "never"); }, {}, extras);
  });
  ASSERT_GT(child, 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGKILL);

  EXPECT_EQ(bytes_of(path), kOneContextConfig);
  EXPECT_EQ(load_kubeconfig_file(path).find_context("never"), nullptr);
  // The lock stays behind, naming the dead writer; so does its complete temporary file.
  EXPECT_EQ(bytes_of(path + ".lock"), std::to_string(child) + "\n");
  const std::vector<std::string> temps = temp_files(dir.path());
  ASSERT_EQ(temps.size(), 1u);
  // Named after its writer, so that the next one can tell it is dead.
  EXPECT_EQ(temps[0].rfind(".config.kraft-tmp-" + std::to_string(child) + "-", 0), 0u) << temps[0];

  // The next writer finds the lock's process gone and takes the lock over without waiting (no
  // time to wait at all here), then removes the dead writer's temporary file, a full copy with
  // credentials.
  FileWriteOptions options;
  options.lock_timeout = milliseconds(0);
  EXPECT_TRUE(update_kubeconfig_file(
                  path, [](Kubeconfig& c) { add_context(c, "next"); }, options)
                  .changed);
  EXPECT_NE(load_kubeconfig_file(path).find_context("next"), nullptr);
  EXPECT_FALSE(fs::exists(path + ".lock"));
  EXPECT_TRUE(temp_files(dir.path()).empty());
}

TEST(KubeconfigFileConcurrency, EightWritersLoseNoContext) {
  if (!single_threaded()) GTEST_SKIP() << "fork needs a single-threaded test process";
  constexpr int kWriters = 8;
  constexpr int kContextsEach = 25;
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);

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
  std::ofstream(path) << kOneContextConfig;
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

  EXPECT_EQ(bytes_of(path), kOneContextConfig);
  EXPECT_EQ(owner_of(path), (Owner{kOther, kOther}));
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(shared))
    files.push_back(e.path().filename().string());
  EXPECT_EQ(files, std::vector<std::string>{"config"});  // no lock, no temporary file, no backup
}

TEST(KubeconfigFileOwner, RootKeepsTheOwnerAndGroup) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give files away";
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);
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
  std::ofstream(in_group) << kOneContextConfig;
  std::ofstream(foreign) << kOneContextConfig;
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

// Runs `body` as an ordinary user: this process when it is not root, else a child switched to
// kUser (files it should own must be chowned to it). The message it threw, "" when it
// returned, nullopt when no ordinary user could be had.
std::optional<std::string> as_ordinary_user(const std::function<void()>& body) {
  if (::geteuid() != 0) {
    try {
      body();
      return "";
    } catch (const std::exception& e) {
      return e.what();
    }
  }
  if (!single_threaded()) return std::nullopt;
  return as_user(kUser, kUserGroup, {}, body);
}

// A directory of the ordinary user as_ordinary_user() runs as.
std::string users_dir(const TempDir& dir) {
  const std::string mine = dir.path() + "/mine";
  fs::create_directories(mine);
  if (::geteuid() == 0) {
    ::chmod(dir.path().c_str(), 0755);
    EXPECT_EQ(::chown(mine.c_str(), kUser, kUserGroup), 0);
  }
  return mine;
}

std::string users_file(const std::string& path, const std::string& content, mode_t mode) {
  std::ofstream(path) << content;
  if (::geteuid() == 0) {
    EXPECT_EQ(::chown(path.c_str(), kUser, kUserGroup), 0);
  }
  EXPECT_EQ(::chmod(path.c_str(), mode), 0);
  return path;
}

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// kubectl opens the file for writing and fails on a read-only one; rename() needs only the
// directory's permission and replaced it silently.
TEST(KubeconfigFilePermissions, AReadOnlyFileIsRefusedAndNothingIsWritten) {
  TempDir dir;
  const std::string mine = users_dir(dir);
  const std::string path = users_file(mine + "/config", kOneContextConfig, 0444);
  const auto update = as_ordinary_user([&] {
    FileWriteOptions options;
    options.backup = true;
    update_kubeconfig_file(
        path, [](Kubeconfig& c) { add_context(c, "x"); }, options);
  });
  if (!update) GTEST_SKIP() << "cannot switch to uid " << kUser;
  const std::string expected = "cannot write kubeconfig " + path +
                               ": permission denied (the file is read-only; chmod u+w " + path +
                               " to allow it)";
  EXPECT_EQ(*update, expected);
  const auto write = as_ordinary_user(
      [&] { write_kubeconfig_file(path, parse_kubeconfig("clusters: []\n", "")); });
  ASSERT_TRUE(write);
  EXPECT_EQ(*write, expected);

  EXPECT_EQ(bytes_of(path), kOneContextConfig);
  EXPECT_EQ(names_in(mine), std::vector<std::string>{"config"});  // no lock, temp or backup
  // An edit that changes nothing writes nothing, so it does not need to write.
  EXPECT_EQ(as_ordinary_user([&] { update_kubeconfig_file(path, [](Kubeconfig&) {}); }), "");
}

TEST(KubeconfigFilePermissions, RootReplacesAReadOnlyFileAsKubectlDoes) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);
  ASSERT_EQ(::chmod(path.c_str(), 0444), 0);
  EXPECT_TRUE(update_kubeconfig_file(path, [](Kubeconfig& c) { add_context(c, "x"); }).changed);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0444u);  // still read-only, as kubectl leaves it
}

TEST(KubeconfigFilePermissions, ADirectoryThatIsNotWritableIsNamed) {
  TempDir dir;
  const std::string mine = users_dir(dir);
  const std::string path = users_file(mine + "/config", kOneContextConfig, 0600);
  ASSERT_EQ(::chmod(mine.c_str(), 0555), 0);
  const auto update = as_ordinary_user(
      [&] { update_kubeconfig_file(path, [](Kubeconfig& c) { add_context(c, "x"); }); });
  ::chmod(mine.c_str(), 0755);
  if (!update) GTEST_SKIP() << "cannot switch to uid " << kUser;
  EXPECT_EQ(*update, "cannot write kubeconfig " + path + ": directory " + mine +
                         " is not writable (cannot create " + path + ".lock: Permission denied)");
  EXPECT_EQ(bytes_of(path), kOneContextConfig);
}

}  // namespace
}  // namespace kraft::config
