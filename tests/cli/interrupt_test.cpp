// Ctrl-C (SIGINT) or SIGTERM while kraft waits: what was asked of K3k goes on without kraft,
// and kraft says so, and how to follow it, before it ends by the signal (the shell's 130 or
// 143). The host here has no K3k controller (or loses it), so the waits never end by
// themselves.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "fixture/k3k_host.h"
#include "k3k_simulator.h"
#include "test_support/cli_samples.h"

namespace kraft::testing {
namespace {

using std::chrono::seconds;

struct Ended {
  int exit_code = -1;
  std::string err;
};

// Runs kraft ARGS until it prints a stdout line starting with `ready`, then sends `signal`
// (after `first`, when given). The shell prints its pid and becomes kraft.
Ended interrupt(K3kHost& env, const std::vector<std::string>& args, const std::string& ready,
                int signal, int first = 0, const std::string& shell_setup = "") {
  std::vector<std::string> sh = {"-c", shell_setup + "echo $$; exec \"$0\" \"$@\"", KRAFT_BINARY};
  sh.insert(sh.end(), args.begin(), args.end());
  ChildProcess child("/bin/sh", sh, env.environment());
  const auto pid_line = child.read_line(seconds(30));
  if (!pid_line) {
    ADD_FAILURE() << "no pid";
    return {};
  }
  const pid_t pid = std::stoi(*pid_line);
  for (;;) {
    const auto line = child.read_line(seconds(30));
    if (!line) {
      ADD_FAILURE() << "kraft never printed \"" << ready << "\"";
      break;
    }
    if (line->starts_with(ready)) break;
  }
  if (first != 0) ::kill(pid, first);
  ::kill(pid, signal);
  const int code = child.wait();
  return {code, child.err()};
}

TEST(Interrupt, CreateWaitSaysTheClusterKeepsProvisioning) {
  K3kHost env(
      without_controller());  // K3k's CRDs but no controller: the cluster never becomes Ready
  auto ended =
      interrupt(env, {"create", "demo", "--wait"}, "cluster/k3k-demo/demo created", SIGINT);
  EXPECT_EQ(ended.exit_code, 128 + SIGINT) << ended.err;
  EXPECT_NE(ended.err.find("interrupted: cluster k3k-demo/demo was created and keeps "
                           "provisioning; follow it with `kraft describe k3k-demo/demo`\n"),
            std::string::npos)
      << ended.err;
  EXPECT_EQ(env.server().registry().call("GET", kDemoClusterPath).status, 200);
}

TEST(Interrupt, TermSaysTheSameAndEndsWithItsOwnStatus) {
  K3kHost env(without_controller());
  auto ended = interrupt(env, {"create", "demo", "--wait", "--timeout", "1h"},
                         "cluster/k3k-demo/demo created", SIGTERM);
  EXPECT_EQ(ended.exit_code, 128 + SIGTERM) << ended.err;
  EXPECT_NE(ended.err.find("interrupted: cluster k3k-demo/demo was created"), std::string::npos)
      << ended.err;
}

TEST(Interrupt, CreateForAKubeconfigSaysHowToGetItLater) {
  K3kHost env(without_controller());
  const auto file = env.home() / "demo.yaml";
  auto ended = interrupt(env, {"create", "demo", "--kubeconfig-out", file.string()},
                         "cluster/k3k-demo/demo created", SIGINT);
  EXPECT_EQ(ended.exit_code, 128 + SIGINT) << ended.err;
  EXPECT_NE(ended.err.find("follow it with `kraft describe k3k-demo/demo`, then get its "
                           "kubeconfig with `kraft kubeconfig get k3k-demo/demo`\n"),
            std::string::npos)
      << ended.err;
  EXPECT_FALSE(std::filesystem::exists(file));
}

TEST(Interrupt, AnInterruptIgnoredByWhoStartedKraftStaysIgnored) {
  // As under nohup or in a background job: SIGINT does nothing, SIGTERM still ends the wait.
  // Both are sent at once; SIGINT, the lower number, is delivered first, and would have ended
  // kraft with 130 had it been caught.
  K3kHost env(without_controller());
  auto ended = interrupt(env, {"create", "demo", "--wait"}, "cluster/k3k-demo/demo created",
                         SIGTERM, SIGINT, "trap '' INT; ");
  EXPECT_EQ(ended.exit_code, 128 + SIGTERM) << ended.err;
}

class InterruptAfterK3kStops : public ::testing::Test {
 protected:
  // A Ready cluster, then the controller goes away: whatever kraft asks next never finishes.
  void SetUp() override {
    auto sim = std::make_unique<K3kSimulator>(env_.server());
    ASSERT_EQ(env_.kraft({"create", "demo", "--wait"}).exit_code, 0);
    sim.reset();
  }

  K3kHost env_{without_controller()};
};

TEST_F(InterruptAfterK3kStops, ScaleWaitSaysK3kCarriesOn) {
  auto ended = interrupt(env_, {"scale", "demo", "--servers", "2", "--wait"},
                         "cluster/k3k-demo/demo scaled", SIGINT);
  EXPECT_EQ(ended.exit_code, 128 + SIGINT) << ended.err;
  EXPECT_NE(ended.err.find("interrupted: cluster k3k-demo/demo is being scaled and K3k carries "
                           "on without kraft; follow it with `kraft describe k3k-demo/demo`\n"),
            std::string::npos)
      << ended.err;
}

TEST_F(InterruptAfterK3kStops, DeleteWaitSaysTheDeletionGoesOn) {
  auto ended =
      interrupt(env_, {"delete", "demo", "--wait"}, "cluster/k3k-demo/demo deleted", SIGINT);
  EXPECT_EQ(ended.exit_code, 128 + SIGINT) << ended.err;
  EXPECT_NE(ended.err.find("interrupted: cluster k3k-demo/demo is being deleted and K3k "
                           "finishes that without kraft; check with `kraft get "
                           "k3k-demo/demo`\n"),
            std::string::npos)
      << ended.err;
}

}  // namespace
}  // namespace kraft::testing
