#include <gtest/gtest.h>
#include <kraft/version.h>

#include "process/process.h"

namespace kraft::testing {
namespace {

TEST(KraftVersion, PrintsTheClientVersion) {
  auto r = run_kraft({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, std::string("kraft version ") + KRAFT_VERSION_STRING + "\n");
}

TEST(KraftVersion, NeverReadsAKubeconfig) {
  // A kubeconfig that is a directory would be an error if anything tried to load it.
  auto r = run_kraft({"--version"}, {{"KUBECONFIG", "/"}, {"HOME", "/nonexistent"}});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(KraftHelp, ShowsExamplesAndExitCodes) {
  auto r = run_kraft({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Examples:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Exit codes:"), std::string::npos) << r.out;
}

TEST(KraftUsage, UnknownFlagIsAUsageErrorOnOneLine) {
  auto r = run_kraft({"--no-such-flag"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--no-such-flag"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

}  // namespace
}  // namespace kraft::testing
