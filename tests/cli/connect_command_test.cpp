// kraft connect NAME -- COMMAND: the command runs with KUBECONFIG set for the virtual cluster
// (a live one, served by the simulated K3k), its exit status is kraft's, and the kubeconfig
// is gone afterwards, also when kraft is told to stop while the command runs.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>

#include "fixture/k3k_host.h"

namespace kraft::testing {
namespace {

using std::chrono::milliseconds;
namespace fs = std::filesystem;

class KraftConnect : public ::testing::Test {
 protected:
  KraftConnect()
      : host_(K3kSimulatorOptions{.provision_delay = milliseconds(20),
                                  .delete_delay = milliseconds(20),
                                  .live_clusters = true}) {}
  void SetUp() override {
    ASSERT_EQ(host_.kraft({"create", "demo", "--wait"}).exit_code, 0);
    fs::create_directories(tmp_);
  }
  /// kraft with TMPDIR private to the test, so leftovers can be seen.
  ProcessResult kraft(const std::vector<std::string>& args) {
    return host_.kraft(args, {{"TMPDIR", tmp_.string()}});
  }
  bool tmp_is_empty() const { return fs::is_empty(tmp_); }

  K3kHost host_;
  fs::path tmp_ = host_.home() / "tmp";
};

TEST_F(KraftConnect, RunsTheCommandAgainstTheVirtualClusterAndLeavesNoFile) {
  // kraft itself as the command: `version` talks to whatever KUBECONFIG names.
  auto r = kraft({"connect", "demo", "--", KRAFT_BINARY, "version"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("K3k: not installed"), std::string::npos) << r.out;  // the virtual one
  EXPECT_TRUE(tmp_is_empty());
}

TEST_F(KraftConnect, KubectlGetNsWorks) {
  auto kubectl = find_on_path("kubectl");
  if (!kubectl) GTEST_SKIP() << "kubectl is not installed";
  auto r = kraft({"connect", "demo", "--", *kubectl, "get", "ns"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("kube-system"), std::string::npos) << r.out;
  EXPECT_TRUE(tmp_is_empty());
}

TEST_F(KraftConnect, TheKubeconfigIsPrivateAndTheExitStatusIsTheCommands) {
  auto r = kraft({"connect", "demo", "--", "sh", "-c",
                  "stat -c '%a' \"$KUBECONFIG\" \"$(dirname \"$KUBECONFIG\")\"; "
                  "grep -c 'current-context: kraft-k3k-demo-demo' \"$KUBECONFIG\"; exit 7"});
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_EQ(r.out, "600\n700\n1\n");
  EXPECT_TRUE(tmp_is_empty());
}

TEST_F(KraftConnect, ACommandThatCannotRunIs127AsInAShell) {
  auto r = kraft({"connect", "demo", "--", "no-such-command-kraft"});
  EXPECT_EQ(r.exit_code, 127);
  EXPECT_EQ(r.err, "error: cannot run no-such-command-kraft: command not found\n");
  EXPECT_TRUE(tmp_is_empty());
}

TEST_F(KraftConnect, PrintShowsTheKubeconfig) {
  auto r = kraft({"connect", "demo", "--print"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("current-context: kraft-k3k-demo-demo\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("server: https://127.0.0.1:"), std::string::npos) << r.out;
}

TEST_F(KraftConnect, NeedsACommandOrPrintAndAnExistingCluster) {
  auto r = kraft({"connect", "demo"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("kraft connect demo -- kubectl get ns"), std::string::npos) << r.err;
  r = kraft({"connect", "demo", "--print", "--", "true"});
  EXPECT_EQ(r.exit_code, 2);
  r = kraft({"connect", "nope", "--", "true"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(tmp_is_empty());
}

TEST_F(KraftConnect, ATermToKraftReachesTheCommandAndTheKubeconfigIsRemoved) {
  ChildProcess kraft_proc(KRAFT_BINARY,
                          {"connect", "demo", "--", "sh", "-c",
                           "trap 'echo got-term; exit 3' TERM; echo \"$KUBECONFIG\"; echo ready; "
                           "while :; do sleep 0.05; done"},
                          host_.environment({{"TMPDIR", tmp_.string()}}));
  const auto path = kraft_proc.read_line(std::chrono::seconds(20));
  ASSERT_TRUE(path);
  ASSERT_EQ(kraft_proc.read_line(std::chrono::seconds(20)), "ready");
  EXPECT_TRUE(fs::exists(*path));
  kraft_proc.send_signal(SIGTERM);
  EXPECT_EQ(kraft_proc.wait(), 3);  // the command's status after its TERM trap
  EXPECT_NE(kraft_proc.unread_out().find("got-term"), std::string::npos);
  EXPECT_FALSE(fs::exists(*path));
  EXPECT_TRUE(tmp_is_empty());
}

}  // namespace
}  // namespace kraft::testing
