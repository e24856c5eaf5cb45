// Ctrl-C and `kill` at any point of `kraft kubeconfig merge`: 100 SIGINTs and 100 SIGTERMs,
// each at a random moment of a 500-context merge, leave no PATH.lock, no temporary file, and
// PATH holding exactly the old bytes or exactly the new ones. The random delay is not
// synchronisation: these must hold whenever the signal comes, so any moment is a fair test.
// The delays are spread over one unsignalled merge's duration (measured, never asserted).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "test_support/cli_samples.h"

namespace kraft::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kContexts = 500;
constexpr int kSignalsEach = 100;

void write(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// `length` characters of base64 (a multiple of 4: valid base64 of random bytes).
std::string base64_noise(std::mt19937& rng, std::size_t length) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::uniform_int_distribution<int> pick(0, 63);
  std::string out(length, 'A');
  for (char& c : out) c = kAlphabet[pick(rng)];
  return out;
}

// A kubeconfig of kContexts contexts named PREFIX-N, each with its cluster and user carrying
// embedded data the size of kraft's certificates (as bench/kubeconfig_merge.sh builds it: about
// 1.4 MB), so that the merge takes long enough to be interrupted in every phase.
std::string random_kubeconfig(const std::string& prefix, std::mt19937& rng) {
  const std::string ca = base64_noise(rng, 800), chain = base64_noise(rng, 1600),
                    key = base64_noise(rng, 320);
  std::string clusters = "clusters:\n", users = "users:\n", contexts = "contexts:\n";
  for (int i = 0; i < kContexts; ++i) {
    const std::string name = prefix + "-" + std::to_string(i);
    clusters += "- name: " + name + "\n  cluster:\n    certificate-authority-data: " + ca +
                "\n    server: https://" + name + ".example.com:6443\n";
    users += "- name: " + name + "\n  user:\n    client-certificate-data: " + chain +
             "\n    client-key-data: " + key + "\n";
    contexts +=
        "- name: " + name + "\n  context:\n    cluster: " + name + "\n    user: " + name + "\n";
  }
  return "apiVersion: v1\nkind: Config\npreferences: {}\n" + clusters + users + contexts +
         "current-context: " + prefix + "-0\n";
}

class MergeUnderSignals : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/kraft-signal-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    std::mt19937 rng(11);
    old_ = random_kubeconfig("a", rng);
    write(dir_ / "b.yaml", random_kubeconfig("b", rng));
    target_ = dir_ / "config";
    write(target_, old_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Starts `kraft kubeconfig merge b.yaml --into config` with the default dispositions and no
  // signal blocked, whatever this process has, and output discarded.
  pid_t start_merge() {
    const std::string into = target_.string(), input = (dir_ / "b.yaml").string();
    std::vector<std::string> args = {KRAFT_BINARY, "kubeconfig", "merge", input, "--into", into};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // No KUBECONFIG: kraft reads only the files named here (and ~/.kube/config, absent).
    std::string path_env = std::string("PATH=") + (std::getenv("PATH") ? std::getenv("PATH") : "");
    std::string home_env = "HOME=" + dir_.string();
    std::vector<char*> envp = {path_env.data(), home_env.data(), nullptr};

    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (const int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&defaults, sig);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, KRAFT_BINARY, &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    EXPECT_EQ(rc, 0) << "cannot start " << KRAFT_BINARY;
    return rc == 0 ? pid : -1;
  }

  static int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
  }

  // What the merge leaves besides the two input files and PATH itself.
  std::vector<std::string> leftovers() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) {
      const std::string name = e.path().filename().string();
      if (name != "b.yaml" && name != "config") out.push_back(name);
    }
    return out;
  }

  void run(int sig, unsigned seed) {
    // The new bytes, and how long a merge takes here, from one merge left alone.
    const auto start = Clock::now();
    const pid_t first = start_merge();
    ASSERT_GT(first, 0);
    const int status = wait_for(first);
    const auto duration = Clock::now() - start;
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the merge failed: " << status;
    const std::string merged = read_file(target_);
    ASSERT_NE(merged, old_);
    ASSERT_NE(merged.find("name: b-499"), std::string::npos);

    std::mt19937 rng(seed);
    // A little past the end too: a signal after the merge is over must change nothing either.
    std::uniform_int_distribution<long long> delay(
        0, std::chrono::duration_cast<std::chrono::microseconds>(duration).count() * 11 / 10);
    int killed = 0, kept_old = 0;
    for (int i = 0; i < kSignalsEach; ++i) {
      write(target_, old_);
      const pid_t pid = start_merge();
      ASSERT_GT(pid, 0);
      std::this_thread::sleep_for(std::chrono::microseconds(delay(rng)));
      ::kill(pid, sig);
      const int end = wait_for(pid);
      killed += WIFSIGNALED(end) && WTERMSIG(end) == sig;
      const std::string now = read_file(target_);
      EXPECT_TRUE(now == old_ || now == merged)
          << "run " << i << ": PATH holds neither the old nor the new bytes (" << now.size()
          << " bytes)";
      kept_old += now == old_;
      const std::vector<std::string> left = leftovers();
      EXPECT_TRUE(left.empty()) << "run " << i << ": left " << ::testing::PrintToString(left);
      for (const auto& name : left) fs::remove(dir_ / name);
    }
    // How the signals fell (for the log; the invariants above are the test).
    std::printf("%d %s: %d ended the process, %d left the old file, %d the new one\n", kSignalsEach,
                ::strsignal(sig), killed, kept_old, kSignalsEach - kept_old);
  }

  fs::path dir_;
  fs::path target_;
  std::string old_;
};

TEST_F(MergeUnderSignals, HundredSigintsLeaveNoLockNoTempFileAndTheOldOrTheNewFile) {
  run(SIGINT, 2);
}

TEST_F(MergeUnderSignals, HundredSigtermsLeaveNoLockNoTempFileAndTheOldOrTheNewFile) {
  run(SIGTERM, 15);
}

}  // namespace
}  // namespace kraft::testing
