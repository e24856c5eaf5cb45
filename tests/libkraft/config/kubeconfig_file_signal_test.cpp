// The signals that end a program (SIGINT, SIGTERM, SIGHUP, SIGQUIT) arriving while a
// kubeconfig is replaced act once its lock is removed: they leave no lock, no temporary file,
// and the old or the new file, whichever thread they reach; a program's own handler still runs,
// an ignored signal stays ignored, and waiting for someone else's lock is not held up. Writers
// are forked children, which is only safe while this test process has a single thread.
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig_file.h>
#include <kraft/core/error.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "config/kubeconfig_update.h"
#include "config/test_support/child_process.h"
#include "config/test_support/config_fixtures.h"
#include "config/test_support/kubeconfig_samples.h"

namespace kraft::config {
namespace {

using kraft::testing::add_context;
using kraft::testing::entries_of;
using kraft::testing::kOneContextConfig;

namespace fs = std::filesystem;
using kraft::testing::bytes_of;
using kraft::testing::ChildEnd;
using kraft::testing::fork_child;
using kraft::testing::single_threaded;
using kraft::testing::TempDir;
using kraft::testing::wait_child;
using std::chrono::milliseconds;

bool has_context(const std::string& path, const std::string& name) {
  return load_kubeconfig_file(path).find_context(name) != nullptr;
}

// A forked writer, with no core file should SIGQUIT end it.
pid_t writer(const std::function<void()>& body) {
  return fork_child([&] {
    const struct rlimit no_core {};
    ::setrlimit(RLIMIT_CORE, &no_core);
    body();
  });
}

std::string name_of(int sig) { return ::strsignal(sig); }

TEST(KubeconfigFileSignals, ASignalToTheWriterActsOnceTheLockIsRemoved) {
  if (!single_threaded()) GTEST_SKIP() << "fork needs a single-threaded test process";
  for (const int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) {
    TempDir dir;
    const std::string path = dir.write("config", kOneContextConfig);
    // The worst moment: the temporary file complete, the lock held, before the rename.
    const pid_t child = writer([&] {
      FileWriteOptions options;
      options.backup = true;
      detail::UpdateExtras extras;
      extras.before_rename = [sig] { ::raise(sig); };
      detail::update_kubeconfig_file(
          path, [](Kubeconfig& c) { add_context(c, "new"); }, options, extras);
    });
    ASSERT_GT(child, 0);
    const ChildEnd end = wait_child(child);
    EXPECT_EQ(end.signal, sig) << name_of(sig) << " (exit code " << end.exit_code << ")";
    // It ended by the signal, after finishing the write.
    EXPECT_TRUE(has_context(path, "new")) << name_of(sig);
    EXPECT_EQ(bytes_of(path + ".bak"), kOneContextConfig) << name_of(sig);
    EXPECT_EQ(entries_of(dir.path()), (std::vector<std::string>{"config", "config.bak"}))
        << name_of(sig);
  }
}

TEST(KubeconfigFileSignals, ASignalDuringAFailingEditActsOnceNothingIsLeft) {
  if (!single_threaded()) GTEST_SKIP() << "fork needs a single-threaded test process";
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);
  const pid_t child = writer([&] {
    update_kubeconfig_file(path, [](Kubeconfig&) {
      ::raise(SIGINT);
      throw ValidationError("changed my mind");
    });
  });
  ASSERT_GT(child, 0);
  EXPECT_EQ(wait_child(child).signal, SIGINT);
  EXPECT_EQ(bytes_of(path), kOneContextConfig);
  EXPECT_EQ(entries_of(dir.path()), std::vector<std::string>{"config"});
}

// Whether `sig` is pending for the process as a whole (ShdPnd in /proc/self/status).
bool pending_for_process(int sig) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("ShdPnd:", 0) == 0) {
      const unsigned long long mask = std::stoull(line.substr(7), nullptr, 16);
      return (mask >> (sig - 1) & 1) != 0;
    }
  }
  return false;
}

// pthread_sigmask is per thread: a signal sent to the process goes to a thread that does not
// block it (a spinner, a resolver thread), whose default action ends the whole process.
TEST(KubeconfigFileSignals, ASignalTakenByAnotherThreadIsHeldBackToo) {
  if (!single_threaded()) GTEST_SKIP() << "fork needs a single-threaded test process";
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);
  const pid_t child = writer([&] {
    // A thread that does nothing and blocks no signal.
    int idle[2];
    if (::pipe(idle) != 0) return;
    std::thread helper([&] {
      char byte;
      while (::read(idle[0], &byte, 1) < 0) {
      }
    });
    helper.detach();
    detail::UpdateExtras extras;
    extras.before_rename = [] {
      ::kill(::getpid(), SIGTERM);
      // Until a thread has taken it: the helper, since this thread holds it back. Bounded, so
      // that a kernel that left it pending cannot hang the test.
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
      while (pending_for_process(SIGTERM) && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::yield();
      }
    };
    detail::update_kubeconfig_file(
        path, [](Kubeconfig& c) { add_context(c, "new"); }, {}, extras);
  });
  ASSERT_GT(child, 0);
  EXPECT_EQ(wait_child(child).signal, SIGTERM);
  EXPECT_TRUE(has_context(path, "new"));
  EXPECT_EQ(entries_of(dir.path()), std::vector<std::string>{"config"});
}

std::atomic<int> g_handled{0};
std::atomic<bool> g_lock_was_there{false};
std::string* g_lock_path = nullptr;

void handler(int) {
  g_handled.fetch_add(1);
  if (::access(g_lock_path->c_str(), F_OK) == 0) g_lock_was_there.store(true);
}

// A program using libkraft keeps its own handlers: they run, after the lock is gone.
TEST(KubeconfigFileSignals, AProgramsHandlerRunsAfterTheLockIsRemoved) {
  if (!single_threaded()) GTEST_SKIP() << "fork needs a single-threaded test process";
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);
  std::string lock = path + ".lock";
  const pid_t child = writer([&] {
    g_lock_path = &lock;
    struct sigaction action {};
    action.sa_handler = handler;
    ::sigaction(SIGINT, &action, nullptr);
    ::signal(SIGHUP, SIG_IGN);  // ignored, as under nohup: stays ignored
    update_kubeconfig_file(path, [](Kubeconfig& c) {
      ::raise(SIGINT);
      ::raise(SIGHUP);
      add_context(c, "new");
    });
    if (g_handled.load() != 1 || g_lock_was_there.load()) ::_exit(3);
    ::raise(SIGINT);  // and the handler is back in place
    if (g_handled.load() != 2) ::_exit(4);
  });
  ASSERT_GT(child, 0);
  const ChildEnd end = wait_child(child);
  EXPECT_EQ(end.signal, 0);
  EXPECT_EQ(end.exit_code, 0);  // 3: the handler did not run or ran too early; 4: was lost
  EXPECT_TRUE(has_context(path, "new"));
  EXPECT_EQ(entries_of(dir.path()), std::vector<std::string>{"config"});
}

// Ctrl-C while another process holds the lock ends the wait at once.
TEST(KubeconfigFileSignals, WaitingForALockIsNotHeldUp) {
  if (!single_threaded()) GTEST_SKIP() << "fork needs a single-threaded test process";
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);
  dir.write("config.lock", std::to_string(::getpid()) + "\n");  // ours: running
  int waiting[2];
  ASSERT_EQ(::pipe(waiting), 0);
  const pid_t child = writer([&] {
    FileWriteOptions options;
    options.lock_timeout = milliseconds(20'000);
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(waiting[1], &byte, 1);
    update_kubeconfig_file(
        path, [](Kubeconfig& c) { add_context(c, "new"); }, options);
  });
  ASSERT_GT(child, 0);
  char byte;
  ASSERT_EQ(::read(waiting[0], &byte, 1), 1);
  ::kill(child, SIGINT);
  // Held back, it would end the wait only after 20 s, with exit code 1 (timed out).
  EXPECT_EQ(wait_child(child).signal, SIGINT);
  EXPECT_EQ(bytes_of(path + ".lock"), std::to_string(::getpid()) + "\n");  // not ours to remove
  EXPECT_EQ(bytes_of(path), kOneContextConfig);
  ::close(waiting[0]);
  ::close(waiting[1]);
}

}  // namespace
}  // namespace kraft::config
