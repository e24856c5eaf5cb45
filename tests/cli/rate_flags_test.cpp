// --qps and --burst: decimal values only, one line naming the flag and a fix, exit 2; good
// values reach the transport (a run with them works).
#include <gtest/gtest.h>

#include <string>

#include "fixture/k3k_host.h"

namespace kraft::testing {
namespace {

TEST(RateFlags, BadValuesAreUsageErrorsNamingTheFlag) {
  K3kHost env(without_controller());
  const struct {
    std::vector<std::string> args;
    std::string message;
  } cases[] = {
      {{"--qps", "1e3"}, "error: --qps \"1e3\" is not a decimal number (e.g. --qps 50)\n"},
      {{"--qps", "-5"}, "error: --qps \"-5\" is not a decimal number (e.g. --qps 50)\n"},
      {{"--qps", "0x10"}, "error: --qps \"0x10\" is not a decimal number (e.g. --qps 50)\n"},
      {{"--qps", "nan"}, "error: --qps \"nan\" is not a decimal number (e.g. --qps 50)\n"},
      {{"--qps", "5."}, "error: --qps \"5.\" is not a decimal number (e.g. --qps 50)\n"},
      {{"--qps", "200000"}, "error: --qps \"200000\" is more than 100000 (e.g. --qps 50)\n"},
      {{"--burst", "0"}, "error: --burst 0 is less than 1 (e.g. --burst 300)\n"},
      {{"--burst", "1.5"}, "error: --burst \"1.5\" is not a whole number (e.g. --burst 300)\n"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"list", "-A"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    ProcessResult r = env.kraft(args);
    EXPECT_EQ(r.exit_code, 2) << c.args[1];
    EXPECT_EQ(r.err, c.message);
  }
}

TEST(RateFlags, GoodValuesWork) {
  K3kHost env(without_controller());
  for (const char* qps : {"0", "2.5", "100"}) {
    ProcessResult r = env.kraft({"list", "-A", "--qps", qps, "--burst", "1"});
    EXPECT_EQ(r.exit_code, 0) << qps << ": " << r.err;
  }
}

}  // namespace
}  // namespace kraft::testing
