// What list, get and describe share: examples in -h, and one clear line when the host does
// not run K3k (never an empty list or a plain "not found").
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fixture/k3k_host.h"

namespace kraft::testing {
namespace {

const std::vector<std::vector<std::string>> kReadCommands = {
    {"list"}, {"ls"}, {"get", "demo"}, {"describe", "demo"}};

TEST(ReadCommands, HelpOfEachShowsExamples) {
  K3kHost host;
  for (const auto& cmd : kReadCommands) {
    auto r = host.kraft({cmd[0], "-h"});
    EXPECT_EQ(r.exit_code, 0) << cmd[0];
    EXPECT_NE(r.out.find("Examples:\n  kraft "), std::string::npos) << r.out;
  }
}

TEST(ReadCommands, EachSaysK3kIsNotInstalledInOneLine) {
  K3kHost host(without_k3k());
  for (const auto& cmd : kReadCommands) {
    auto r = host.kraft(cmd);
    EXPECT_EQ(r.exit_code, 1) << cmd[0];
    EXPECT_EQ(r.out, "") << cmd[0];
    EXPECT_EQ(r.err,
              "error: K3k is not installed on this host cluster (API group k3k.io/v1beta1 not "
              "found)\n")
        << cmd[0];
  }
}

}  // namespace
}  // namespace kraft::testing
