// update_kubeconfig_file / write_kubeconfig_file on real files: modes, symlinks, comments,
// no-op edits, backups, broken input, locks, targets that are not regular files and leftover
// temporary files. Processes that crash, race or run as another user are in
// kubeconfig_file_process_test.cpp.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/config/kubeconfig_file.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "config/test_support/config_fixtures.h"
#include "config/test_support/kubeconfig_samples.h"

namespace kraft::config {
namespace {

namespace fs = std::filesystem;
using kraft::testing::add_context;
using kraft::testing::bytes_of;
using kraft::testing::entries_of;
using kraft::testing::message_of;
using kraft::testing::TempDir;
using std::chrono::milliseconds;

const std::string kConfigWithUser = R"(apiVersion: v1
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

std::string not_regular(const std::string& path) {
  return "cannot write kubeconfig " + path + ": not a regular file";
}

// A pid no process has: pids stay below pid_max.
std::string dead_pid() {
  std::ifstream in("/proc/sys/kernel/pid_max");
  long max = 0;
  in >> max;
  return std::to_string(max > 0 ? max : 4194304);
}

TEST(UpdateKubeconfigFile, NewFileIs0600InNewDirectories0700) {
  TempDir dir;
  const std::string path = dir.path() + "/home/.kube/config";
  const FileUpdate update =
      update_kubeconfig_file(path, [](Kubeconfig& c) { add_context(c, "new", "a"); });
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
  const std::string path = dir.write("config", kConfigWithUser);
  ::chmod(path.c_str(), 0644);
  const FileUpdate update =
      update_kubeconfig_file(path, [](Kubeconfig& c) { add_context(c, "new", "a"); });
  EXPECT_TRUE(update.changed);
  EXPECT_FALSE(update.created);
  EXPECT_EQ(mode_of(path), 0644u);
}

TEST(UpdateKubeconfigFile, SymlinkStaysALinkAndItsTargetIsUpdated) {
  TempDir dir;
  const std::string target = dir.write("dotfiles/kubeconfig", kConfigWithUser);
  fs::create_directories(dir.path() + "/.kube");
  const std::string link = dir.path() + "/.kube/config";
  fs::create_symlink("../dotfiles/kubeconfig", link);  // relative, as dotfile managers do
  update_kubeconfig_file(link, [](Kubeconfig& c) { add_context(c, "new", "a"); });
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(fs::read_symlink(link), "../dotfiles/kubeconfig");
  EXPECT_NE(load_kubeconfig_file(target).find_context("new"), nullptr);
  EXPECT_EQ(entries_of(dir.path() + "/.kube"), std::vector<std::string>{"config"});
  EXPECT_EQ(entries_of(dir.path() + "/dotfiles"), std::vector<std::string>{"kubeconfig"});
}

TEST(UpdateKubeconfigFile, LeadingCommentBlockIsKept) {
  TempDir dir;
  const std::string header = "# Managed by hand.\n#   keep this\n\n# second paragraph\n";
  const std::string path = dir.write("config", header + kConfigWithUser + "# trailing, dropped\n");
  update_kubeconfig_file(path, [](Kubeconfig& c) { add_context(c, "new", "a"); });
  const std::string written = bytes_of(path);
  EXPECT_EQ(written.substr(0, header.size()), header);
  EXPECT_EQ(written.find("trailing"), std::string::npos);
  EXPECT_NE(load_kubeconfig_file(path).find_context("new"), nullptr);
}

TEST(UpdateKubeconfigFile, UnchangedContentIsNotWritten) {
  TempDir dir;
  // Flow style, as a person (not kraft) wrote it: a no-op must not reformat it.
  const std::string path = dir.write("config", kConfigWithUser);
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
  EXPECT_EQ(bytes_of(path), kConfigWithUser);
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
  const std::string path = dir.write("config", kConfigWithUser);
  ::chmod(path.c_str(), 0640);
  FileWriteOptions options;
  options.backup = true;
  update_kubeconfig_file(
      path, [](Kubeconfig& c) { add_context(c, "one", "a"); }, options);
  EXPECT_EQ(bytes_of(path + ".bak"), kConfigWithUser);
  EXPECT_EQ(mode_of(path + ".bak"), 0640u);
  const std::string second = bytes_of(path);
  update_kubeconfig_file(
      path, [](Kubeconfig& c) { add_context(c, "two", "a"); }, options);
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
  const std::string path = dir.write("config", kConfigWithUser);
  EXPECT_THROW(update_kubeconfig_file(path,
                                      [](Kubeconfig& c) {
                                        add_context(c, "half", "a");
                                        throw ValidationError("changed my mind");
                                      }),
               ValidationError);
  EXPECT_EQ(bytes_of(path), kConfigWithUser);
  EXPECT_EQ(entries_of(dir.path()), std::vector<std::string>{"config"});
}

TEST(UpdateKubeconfigFile, LockHeldByARunningProcessTimesOut) {
  TempDir dir;
  const std::string path = dir.write("config", kConfigWithUser);
  // Our own pid: certainly running.
  dir.write("config.lock", std::to_string(::getpid()) + "\n");
  FileWriteOptions options;
  options.lock_timeout = milliseconds(60);
  const auto start = std::chrono::steady_clock::now();
  try {
    update_kubeconfig_file(
        path, [](Kubeconfig& c) { add_context(c, "x", "a"); }, options);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "kubeconfig " + path + " is locked: " + path + ".lock exists (held by process " +
                  std::to_string(::getpid()) + "); remove it if no kubectl or kraft is writing");
  }
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(60));
  // Someone else's lock is never removed by us.
  EXPECT_TRUE(fs::exists(path + ".lock"));
  EXPECT_EQ(bytes_of(path), kConfigWithUser);
}

TEST(UpdateKubeconfigFile, KubectlsEmptyLockJustSaysLocked) {
  TempDir dir;
  const std::string path = dir.write("config", kConfigWithUser);
  dir.write("config.lock", "");
  ::chmod((path + ".lock").c_str(), 0);  // kubectl creates its lock with mode 0
  FileWriteOptions options;
  options.lock_timeout = milliseconds(0);
  try {
    update_kubeconfig_file(
        path, [](Kubeconfig& c) { add_context(c, "x", "a"); }, options);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "kubeconfig " + path + " is locked: " + path +
                                         ".lock exists; remove it if no kubectl or kraft is "
                                         "writing");
  }
}

TEST(UpdateKubeconfigFile, NotARegularFileIsRefusedAndLeftAlone) {
  TempDir dir;
  const std::string path = dir.path() + "/config";
  fs::create_directories(path);
  const Kubeconfig config = parse_kubeconfig(kConfigWithUser, "");
  EXPECT_EQ(message_of([&] { update_kubeconfig_file(path, [](Kubeconfig&) {}); }),
            not_regular(path));
  EXPECT_EQ(message_of([&] { write_kubeconfig_file(path, config); }), not_regular(path));
  EXPECT_TRUE(fs::is_directory(path));

  // The same behind a symlink; the message names the path the user gave.
  const std::string link = dir.path() + "/link";
  fs::create_symlink("config", link);
  EXPECT_EQ(message_of([&] { update_kubeconfig_file(link, [](Kubeconfig&) {}); }),
            not_regular(link));
  EXPECT_TRUE(fs::is_symlink(link));

  // A device: a node with /dev/null's numbers inside the test directory, so that a failing run
  // replaces nothing outside it. Creating one needs CAP_MKNOD.
  const std::string device = dir.path() + "/device";
  if (::mknod(device.c_str(), S_IFCHR | 0600, ::makedev(1, 3)) == 0) {
    EXPECT_EQ(message_of([&] {
                update_kubeconfig_file(device, [](Kubeconfig& c) { add_context(c, "x", "a"); });
              }),
              not_regular(device));
    EXPECT_EQ(message_of([&] { write_kubeconfig_file(device, config); }), not_regular(device));
    EXPECT_TRUE(fs::is_character_file(device));
  }
  const std::vector<std::string> expected =
      fs::exists(device) ? std::vector<std::string>{"config", "device", "link"}
                         : std::vector<std::string>{"config", "link"};
  EXPECT_EQ(entries_of(dir.path()), expected);
}

TEST(UpdateKubeconfigFile, AFifoIsNeitherReadNorReplaced) {
  TempDir dir;
  const std::string fifo = dir.path() + "/config";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // Reading a FIFO waits for a writer: this one feeds a kubeconfig to whoever opens it, so
  // that a build without the check fails the test instead of hanging it.
  std::thread feeder([&] {
    const int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return;
    [[maybe_unused]] const ssize_t n = ::write(fd, kConfigWithUser.data(), kConfigWithUser.size());
    ::close(fd);
  });
  const std::string message = message_of(
      [&] { update_kubeconfig_file(fifo, [](Kubeconfig& c) { add_context(c, "x", "a"); }); });
  // Nobody read: open the reading end so that the feeder's open returns.
  const int release = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  feeder.join();
  if (release >= 0) ::close(release);
  EXPECT_EQ(message, not_regular(fifo));
  struct stat st {};
  ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

TEST(UpdateKubeconfigFile, BackupThatIsNotARegularFileStopsTheWrite) {
  TempDir dir;
  const std::string path = dir.write("config", kConfigWithUser);
  ASSERT_EQ(::mkfifo((path + ".bak").c_str(), 0600), 0);
  FileWriteOptions options;
  options.backup = true;
  EXPECT_EQ(message_of([&] {
              update_kubeconfig_file(
                  path, [](Kubeconfig& c) { add_context(c, "x", "a"); }, options);
            }),
            not_regular(path + ".bak"));
  EXPECT_EQ(bytes_of(path), kConfigWithUser);
  struct stat st {};
  ASSERT_EQ(::lstat((path + ".bak").c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

TEST(UpdateKubeconfigFile, TempFilesOfDeadWritersAreRemoved) {
  TempDir dir;
  const std::string path = dir.write("config", kConfigWithUser);
  const std::string dead = dead_pid();
  const std::string live = std::to_string(::getpid());
  dir.write(".config.kraft-tmp-" + dead + "-a1b2c3", "token: leaked\n");
  dir.write(".config.kraft-tmp-Zq9xYw", "token: leaked\n");  // no pid in the name
  dir.write(".config.bak.kraft-tmp-" + dead + "-a1b2c3", "token: leaked\n");
  // A running pid is no proof of life: pids are reused, and a kraft in a container (often pid
  // 1) names a pid of another namespace. A writer holds an flock on its file until it is done.
  dir.write(".config.kraft-tmp-1-d4e5f6", "token: leaked\n");
  dir.write(".config.kraft-tmp-" + live + "-d4e5f6", "token: leaked\n");
  const std::string writing = dir.write(".config.kraft-tmp-" + live + "-a1b2c3", "being written\n");
  const int held = ::open(writing.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(held, 0);
  ASSERT_EQ(::flock(held, LOCK_EX | LOCK_NB), 0);
  dir.write(".other.kraft-tmp-" + dead + "-a1b2c3", "another file's\n");
  // Even an edit that writes nothing cleans up: the leftovers hold credentials.
  EXPECT_FALSE(update_kubeconfig_file(path, [](Kubeconfig&) {}).changed);
  ::close(held);
  EXPECT_EQ(entries_of(dir.path()),
            (std::vector<std::string>{".config.kraft-tmp-" + live + "-a1b2c3",
                                      ".other.kraft-tmp-" + dead + "-a1b2c3", "config"}));

  // Through a symlink, the leftovers sit beside the link's target.
  const std::string target = dir.write("dotfiles/kubeconfig", kConfigWithUser);
  dir.write("dotfiles/.kubeconfig.kraft-tmp-" + dead + "-a1b2c3", "token: leaked\n");
  const std::string link = dir.path() + "/link";
  fs::create_symlink("dotfiles/kubeconfig", link);
  update_kubeconfig_file(link, [](Kubeconfig& c) { add_context(c, "x", "a"); });
  EXPECT_EQ(entries_of(dir.path() + "/dotfiles"), std::vector<std::string>{"kubeconfig"});

  // write_kubeconfig_file too.
  dir.write(".out.kraft-tmp-" + dead + "-a1b2c3", "token: leaked\n");
  write_kubeconfig_file(dir.path() + "/out", parse_kubeconfig(kConfigWithUser, ""));
  EXPECT_FALSE(fs::exists(dir.path() + "/.out.kraft-tmp-" + dead + "-a1b2c3"));
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
  const Kubeconfig config = parse_kubeconfig(kConfigWithUser, "");
  const FileUpdate update = write_kubeconfig_file(path, config);
  EXPECT_TRUE(update.changed);
  EXPECT_FALSE(update.created);
  EXPECT_EQ(mode_of(path), 0640u);
  EXPECT_EQ(load_kubeconfig_file(path).current_context, "a");
}

}  // namespace
}  // namespace kraft::config
