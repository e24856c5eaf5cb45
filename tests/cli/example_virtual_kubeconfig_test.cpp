// examples/virtual_kubeconfig.cpp against the test API server with the simulated K3k: it
// succeeds, and succeeds again when run a second time on the same file (its entries are
// refreshed by the SDK's hand-out rules, not reported as a merge conflict).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "fixture/k3k_host.h"

namespace kraft::testing {
namespace {

#ifdef KRAFT_EXAMPLE_VIRTUAL_KUBECONFIG
TEST(ExampleVirtualKubeconfig, SucceedsWhenRunTwiceOnTheSameFile) {
  K3kHost host;
  host.create_ready(
      "team", "demo",
      {{"expose", {{"nodePort", {{"serverPort", 30443}}}}}, {"tlsSANs", {"127.0.0.1"}}});
  const auto file = host.home() / "alice.yaml";
  const auto env = host.environment();
  const std::vector<std::string> args{"team", "demo", "alice", "dev", file.string()};

  ProcessResult first = run_process(KRAFT_EXAMPLE_VIRTUAL_KUBECONFIG, args, env);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("added context demo-alice"), std::string::npos) << first.out;

  ProcessResult second = run_process(KRAFT_EXAMPLE_VIRTUAL_KUBECONFIG, args, env);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("refreshed context demo-alice"), std::string::npos) << second.out;
}
#else
TEST(ExampleVirtualKubeconfig, SkippedWithoutExamples) {
  GTEST_SKIP() << "examples are not built (KRAFT_BUILD_EXAMPLES=OFF)";
}
#endif

}  // namespace
}  // namespace kraft::testing
