// PATH.lock left behind: a lock of a kraft that is gone is taken over at once; a lock that may
// still be held (kubectl's empty one, a running process, a held flock) is waited for and
// reported; whatever sits at PATH.lock is never read beyond a few bytes. Live owners are forked
// children, which is only safe while this test process has a single thread.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig_file.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "config/test_support/child_process.h"
#include "config/test_support/config_fixtures.h"
#include "config/test_support/kubeconfig_samples.h"

namespace kraft::config {
namespace {

using kraft::testing::add_context;
using kraft::testing::kOneContextConfig;

namespace fs = std::filesystem;
using kraft::testing::bytes_of;
using kraft::testing::fork_child;
using kraft::testing::message_of;
using kraft::testing::single_threaded;
using kraft::testing::TempDir;
using kraft::testing::wait_child;
using std::chrono::milliseconds;

// The pid of a process that has ended and been reaped.
pid_t dead_process() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  wait_child(child);
  return child;
}

FileWriteOptions no_waiting() {
  FileWriteOptions options;
  options.lock_timeout = milliseconds(0);
  return options;
}

std::string locked(const std::string& path, const std::string& holder) {
  return "kubeconfig " + path + " is locked: " + path + ".lock exists" + holder +
         "; remove it if no kubectl or kraft is writing";
}

TEST(KubeconfigLock, ALockOfAKraftThatIsGoneIsTakenOverAtOnce) {
  if (!single_threaded()) GTEST_SKIP() << "fork needs a single-threaded test process";
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);
  dir.write("config.lock", std::to_string(dead_process()) + "\n");
  // No time to wait at all: the lock is not waited for, it is removed.
  EXPECT_TRUE(update_kubeconfig_file(
                  path, [](Kubeconfig& c) { add_context(c, "x"); }, no_waiting())
                  .changed);
  EXPECT_NE(load_kubeconfig_file(path).find_context("x"), nullptr);
  EXPECT_FALSE(fs::exists(path + ".lock"));
}

// A process of another pid namespace (a container sharing the home directory) has a pid that
// does not run here; its flock says that it is alive.
TEST(KubeconfigLock, ADeadPidWhoseFlockIsHeldIsWaitedForAndReported) {
  if (!single_threaded()) GTEST_SKIP() << "fork needs a single-threaded test process";
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);
  const pid_t dead = dead_process();
  const std::string lock = dir.write("config.lock", std::to_string(dead) + "\n");
  const int held = ::open(lock.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(held, 0);
  ASSERT_EQ(::flock(held, LOCK_EX | LOCK_NB), 0);
  FileWriteOptions options;
  options.lock_timeout = milliseconds(20);
  EXPECT_EQ(message_of([&] {
              update_kubeconfig_file(
                  path, [](Kubeconfig& c) { add_context(c, "x"); }, options);
            }),
            locked(path, " (held by process " + std::to_string(dead) + ", not running)"));
  ::close(held);
  EXPECT_EQ(bytes_of(lock), std::to_string(dead) + "\n");
  EXPECT_EQ(bytes_of(path), kOneContextConfig);
}

// What FileLock writes, and what it holds: a live kraft's lock is neither removed nor taken.
TEST(KubeconfigLock, ALiveWritersLockHoldsItsPidAndIsNotTakenOver) {
  if (!single_threaded()) GTEST_SKIP() << "fork needs a single-threaded test process";
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);
  int locked_pipe[2], release_pipe[2];
  ASSERT_EQ(::pipe(locked_pipe), 0);
  ASSERT_EQ(::pipe(release_pipe), 0);
  const pid_t owner = fork_child([&] {
    ::close(release_pipe[1]);  // so that the read below ends if the parent does
    update_kubeconfig_file(path, [&](Kubeconfig& c) {
      add_context(c, "owner");
      // Holding the lock: say so, and wait for the parent to let go.
      char byte = 1;
      [[maybe_unused]] ssize_t n = ::write(locked_pipe[1], &byte, 1);
      while ((n = ::read(release_pipe[0], &byte, 1)) < 0 && errno == EINTR) {
      }
    });
  });
  ASSERT_GT(owner, 0);
  ::close(locked_pipe[1]);  // so that the read below ends if the child does
  char byte;
  ASSERT_EQ(::read(locked_pipe[0], &byte, 1), 1);

  EXPECT_EQ(bytes_of(path + ".lock"), std::to_string(owner) + "\n");
  EXPECT_EQ(message_of([&] {
              update_kubeconfig_file(
                  path, [](Kubeconfig& c) { add_context(c, "x"); }, no_waiting());
            }),
            locked(path, " (held by process " + std::to_string(owner) + ")"));

  ::close(release_pipe[1]);
  EXPECT_EQ(wait_child(owner).exit_code, 0);
  EXPECT_NE(load_kubeconfig_file(path).find_context("owner"), nullptr);
  EXPECT_FALSE(fs::exists(path + ".lock"));
  for (const int fd : {locked_pipe[0], release_pipe[0]}) ::close(fd);
}

// What sits at PATH.lock is read only to name its process, and only a few bytes of it: a FIFO
// there once blocked the error message forever, and a link to /dev/zero filled the memory.
TEST(KubeconfigLock, ALockThatIsNoFileIsReportedWithoutReadingIt) {
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);
  ASSERT_EQ(::mkfifo((path + ".lock").c_str(), 0600), 0);
  EXPECT_EQ(message_of([&] {
              update_kubeconfig_file(
                  path, [](Kubeconfig& c) { add_context(c, "x"); }, no_waiting());
            }),
            locked(path, ""));

  const std::string other = dir.write("other", kOneContextConfig);
  fs::create_symlink("/dev/zero", other + ".lock");
  EXPECT_EQ(message_of([&] {
              update_kubeconfig_file(
                  other, [](Kubeconfig& c) { add_context(c, "x"); }, no_waiting());
            }),
            locked(other, ""));
  EXPECT_EQ(bytes_of(path), kOneContextConfig);
  EXPECT_EQ(bytes_of(other), kOneContextConfig);
}

// Only "PID\n", as kraft writes it: a pid still being written, or a lock someone filled with
// something else, is waited for as kubectl's is.
TEST(KubeconfigLock, OnlyACompletePidIsTakenForADeadOwner) {
  if (!single_threaded()) GTEST_SKIP() << "fork needs a single-threaded test process";
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);
  const std::string dead = std::to_string(dead_process());
  for (const std::string& text : {dead.substr(0, 1), dead + " \n", "x" + dead + "\n"}) {
    dir.write("config.lock", text);
    EXPECT_NE(message_of([&] {
                update_kubeconfig_file(
                    path, [](Kubeconfig& c) { add_context(c, "x"); }, no_waiting());
              }).find(" is locked: "),
              std::string::npos)
        << text;
    EXPECT_EQ(bytes_of(path + ".lock"), text);
  }
}

// Writers that all find the same stale lock take it over one at a time: none loses another's
// context, which two writers holding the lock at once would.
TEST(KubeconfigLock, WritersRacingForAStaleLockLoseNothing) {
  if (!single_threaded()) GTEST_SKIP() << "fork needs a single-threaded test process";
  constexpr int kWriters = 6;
  constexpr int kRounds = 10;
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);
  int gate[2];
  ASSERT_EQ(::pipe(gate), 0);
  std::vector<pid_t> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.push_back(fork_child([&, w] {
      ::close(gate[1]);
      char byte;
      while (::read(gate[0], &byte, 1) < 0 && errno == EINTR) {
      }
      FileWriteOptions options;
      options.lock_timeout = milliseconds(60'000);
      for (int i = 0; i < kRounds; ++i) {
        // A fresh stale lock each round, for the writers to find together.
        if (w == 0) dir.write("config.lock.new", std::to_string(dead_process()) + "\n");
        if (w == 0) ::link((path + ".lock.new").c_str(), (path + ".lock").c_str());
        if (w == 0) ::unlink((path + ".lock.new").c_str());
        const std::string name = "w" + std::to_string(w) + "-" + std::to_string(i);
        update_kubeconfig_file(
            path, [&](Kubeconfig& c) { add_context(c, name); }, options);
      }
    }));
    ASSERT_GT(writers.back(), 0);
  }
  ::close(gate[0]);
  ::close(gate[1]);
  for (const pid_t w : writers) EXPECT_EQ(wait_child(w).exit_code, 0) << "writer " << w;
  const Kubeconfig result = load_kubeconfig_file(path);
  EXPECT_EQ(result.contexts.size(), 1u + kWriters * kRounds);
  EXPECT_FALSE(fs::exists(path + ".lock"));
}

}  // namespace
}  // namespace kraft::config
