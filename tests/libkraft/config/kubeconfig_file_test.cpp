// update_kubeconfig_file / write_kubeconfig_file on real files: modes, symlinks, comments,
// no-op edits, backups, broken input and locks. Processes that crash or race are in
// kubeconfig_file_process_test.cpp.
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/config/kubeconfig_file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
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
users:
- {name: a, user: {token: a-token}}
contexts:
- {name: a, context: {cluster: a, user: a}}
current-context: a
)";

unsigned mode_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

std::vector<std::string> entries_of(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

void add_context(Kubeconfig& c, const std::string& name) {
  c.contexts.push_back({name, ContextInfo{"a", "a", ""}, nlohmann::json::object(), c.source});
}

TEST(UpdateKubeconfigFile, NewFileIs0600InNewDirectories0700) {
  TempDir dir;
  const std::string path = dir.path() + "/home/.kube/config";
  const FileUpdate update =
      update_kubeconfig_file(path, [](Kubeconfig& c) { add_context(c, "new"); });
  EXPECT_TRUE(update.changed);
  EXPECT_TRUE(update.created);
  EXPECT_EQ(update.path, path);
  EXPECT_EQ(mode_of(path), 0600u);
  EXPECT_EQ(mode_of(dir.path() + "/home/.kube"), 0700u);
  EXPECT_EQ(mode_of(dir.path() + "/home"), 0700u);
  EXPECT_NE(load_kubeconfig_file(path).find_context("new"), nullptr);
  EXPECT_EQ(entries_of(dir.path() + "/home/.kube"), std::vector<std::string>{"config"});
}

TEST(UpdateKubeconfigFile, ExistingFileKeepsItsMode) {
  TempDir dir;
  const std::string path = dir.write("config", kConfig);
  ::chmod(path.c_str(), 0644);
  const FileUpdate update =
      update_kubeconfig_file(path, [](Kubeconfig& c) { add_context(c, "new"); });
  EXPECT_TRUE(update.changed);
  EXPECT_FALSE(update.created);
  EXPECT_EQ(mode_of(path), 0644u);
}

TEST(UpdateKubeconfigFile, SymlinkStaysALinkAndItsTargetIsUpdated) {
  TempDir dir;
  const std::string target = dir.write("dotfiles/kubeconfig", kConfig);
  fs::create_directories(dir.path() + "/.kube");
  const std::string link = dir.path() + "/.kube/config";
  fs::create_symlink("../dotfiles/kubeconfig", link);  // relative, as dotfile managers do
  update_kubeconfig_file(link, [](Kubeconfig& c) { add_context(c, "new"); });
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(fs::read_symlink(link), "../dotfiles/kubeconfig");
  EXPECT_NE(load_kubeconfig_file(target).find_context("new"), nullptr);
  EXPECT_EQ(entries_of(dir.path() + "/.kube"), std::vector<std::string>{"config"});
  EXPECT_EQ(entries_of(dir.path() + "/dotfiles"), std::vector<std::string>{"kubeconfig"});
}

TEST(UpdateKubeconfigFile, LeadingCommentBlockIsKept) {
  TempDir dir;
  const std::string header = "# Managed by hand.\n#   keep this\n\n# second paragraph\n";
  const std::string path = dir.write("config", header + kConfig + "# trailing, dropped\n");
  update_kubeconfig_file(path, [](Kubeconfig& c) { add_context(c, "new"); });
  const std::string written = bytes_of(path);
  EXPECT_EQ(written.substr(0, header.size()), header);
  EXPECT_EQ(written.find("trailing"), std::string::npos);
  EXPECT_NE(load_kubeconfig_file(path).find_context("new"), nullptr);
}

TEST(UpdateKubeconfigFile, UnchangedContentIsNotWritten) {
  TempDir dir;
  // Flow style, as a person (not kraft) wrote it: a no-op must not reformat it.
  const std::string path = dir.write("config", kConfig);
  struct stat before {};
  ASSERT_EQ(::stat(path.c_str(), &before), 0);
  const FileUpdate update =
      update_kubeconfig_file(path, [](Kubeconfig& c) { use_context(c, "a"); });
  EXPECT_FALSE(update.changed);
  EXPECT_FALSE(update.created);
  struct stat after {};
  ASSERT_EQ(::stat(path.c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino);
  EXPECT_EQ(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
  EXPECT_EQ(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
  EXPECT_EQ(bytes_of(path), kConfig);
  EXPECT_EQ(entries_of(dir.path()), std::vector<std::string>{"config"});
}

TEST(UpdateKubeconfigFile, NoOpOnAMissingFileCreatesNothing) {
  TempDir dir;
  const std::string path = dir.path() + "/config";
  const FileUpdate update = update_kubeconfig_file(path, [](Kubeconfig&) {});
  EXPECT_FALSE(update.changed);
  EXPECT_FALSE(update.created);
  EXPECT_TRUE(entries_of(dir.path()).empty());
}

TEST(UpdateKubeconfigFile, BackupHoldsThePreviousBytes) {
  TempDir dir;
  const std::string path = dir.write("config", kConfig);
  ::chmod(path.c_str(), 0640);
  FileWriteOptions options;
  options.backup = true;
  update_kubeconfig_file(
      path, [](Kubeconfig& c) { add_context(c, "one"); }, options);
  EXPECT_EQ(bytes_of(path + ".bak"), kConfig);
  EXPECT_EQ(mode_of(path + ".bak"), 0640u);
  const std::string second = bytes_of(path);
  update_kubeconfig_file(
      path, [](Kubeconfig& c) { add_context(c, "two"); }, options);
  EXPECT_EQ(bytes_of(path + ".bak"), second);
  EXPECT_EQ(entries_of(dir.path()), (std::vector<std::string>{"config", "config.bak"}));
}

TEST(UpdateKubeconfigFile, BrokenYamlIsReportedAndNothingIsWritten) {
  TempDir dir;
  const std::string broken = "clusters:\n- name: a\n  cluster: {server: [unclosed\n";
  const std::string path = dir.write("config", broken);
  bool edited = false;
  try {
    update_kubeconfig_file(path, [&](Kubeconfig&) { edited = true; });
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind(path + ":", 0), 0u) << message;
    EXPECT_NE(message.find("malformed YAML"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos);
  }
  EXPECT_FALSE(edited);
  EXPECT_EQ(bytes_of(path), broken);
  EXPECT_EQ(entries_of(dir.path()), std::vector<std::string>{"config"});  // no lock, no temp
}

TEST(UpdateKubeconfigFile, ThrowingEditWritesNothingAndReleasesTheLock) {
  TempDir dir;
  const std::string path = dir.write("config", kConfig);
  EXPECT_THROW(update_kubeconfig_file(path,
                                      [](Kubeconfig& c) {
                                        add_context(c, "half");
                                        throw ValidationError("changed my mind");
                                      }),
               ValidationError);
  EXPECT_EQ(bytes_of(path), kConfig);
  EXPECT_EQ(entries_of(dir.path()), std::vector<std::string>{"config"});
}

TEST(UpdateKubeconfigFile, LockHeldByARunningProcessTimesOut) {
  TempDir dir;
  const std::string path = dir.write("config", kConfig);
  // Our own pid: certainly running.
  dir.write("config.lock", std::to_string(::getpid()) + "\n");
  FileWriteOptions options;
  options.lock_timeout = milliseconds(60);
  const auto start = std::chrono::steady_clock::now();
  try {
    update_kubeconfig_file(
        path, [](Kubeconfig& c) { add_context(c, "x"); }, options);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "kubeconfig " + path + " is locked: " + path + ".lock exists (held by process " +
                  std::to_string(::getpid()) + "); remove it if no kubectl or kraft is writing");
  }
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(60));
  // Someone else's lock is never removed by us.
  EXPECT_TRUE(fs::exists(path + ".lock"));
  EXPECT_EQ(bytes_of(path), kConfig);
}

TEST(UpdateKubeconfigFile, StaleLockNamesADeadProcess) {
  TempDir dir;
  const std::string path = dir.write("config", kConfig);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) ::_exit(0);
  ASSERT_EQ(::waitpid(child, nullptr, 0), child);
  dir.write("config.lock", std::to_string(child) + "\n");
  FileWriteOptions options;
  options.lock_timeout = milliseconds(20);
  try {
    update_kubeconfig_file(
        path, [](Kubeconfig& c) { add_context(c, "x"); }, options);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("(held by process " + std::to_string(child) +
                                         ", not running); remove it if no kubectl or kraft"),
              std::string::npos)
        << e.what();
  }
}

TEST(UpdateKubeconfigFile, KubectlsEmptyLockJustSaysLocked) {
  TempDir dir;
  const std::string path = dir.write("config", kConfig);
  dir.write("config.lock", "");
  ::chmod((path + ".lock").c_str(), 0);  // kubectl creates its lock with mode 0
  FileWriteOptions options;
  options.lock_timeout = milliseconds(0);
  try {
    update_kubeconfig_file(
        path, [](Kubeconfig& c) { add_context(c, "x"); }, options);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "kubeconfig " + path + " is locked: " + path +
                                         ".lock exists; remove it if no kubectl or kraft is "
                                         "writing");
  }
}

TEST(WriteKubeconfigFile, WritesAStandaloneFileWithPathsThatStillWork) {
  TempDir dir;
  const Kubeconfig source = parse_kubeconfig(
      "clusters:\n- {name: c, cluster: {server: https://c, certificate-authority: ca.crt}}\n",
      dir.path() + "/from/config");
  const std::string out = dir.path() + "/out/vc.yaml";
  const FileUpdate first = write_kubeconfig_file(out, source);
  EXPECT_TRUE(first.changed);
  EXPECT_TRUE(first.created);
  EXPECT_EQ(mode_of(out), 0600u);
  const Kubeconfig back = load_kubeconfig_file(out);
  EXPECT_EQ(back.find_cluster("c")->raw["certificate-authority"], dir.path() + "/from/ca.crt");

  struct stat before {};
  ASSERT_EQ(::stat(out.c_str(), &before), 0);
  const FileUpdate second = write_kubeconfig_file(out, source);
  EXPECT_FALSE(second.changed);
  struct stat after {};
  ASSERT_EQ(::stat(out.c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino);
}

TEST(WriteKubeconfigFile, ReplacesAnExistingFileKeepingItsMode) {
  TempDir dir;
  const std::string path = dir.write("config", "not: [a kubeconfig\n");
  ::chmod(path.c_str(), 0640);
  const Kubeconfig config = parse_kubeconfig(kConfig, "");
  const FileUpdate update = write_kubeconfig_file(path, config);
  EXPECT_TRUE(update.changed);
  EXPECT_FALSE(update.created);
  EXPECT_EQ(mode_of(path), 0640u);
  EXPECT_EQ(load_kubeconfig_file(path).current_context, "a");
}

}  // namespace
}  // namespace kraft::config
