// Hostile or mistyped flag values: each is refused before anything is sent, in one line that
// names the flag, the value and what would be right, with exit code 2.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fixture/k3k_host.h"
#include "test_support/cli_samples.h"

namespace kraft::testing {
namespace {

using nlohmann::json;
using FlagValues = K3kHostTest;

struct IntFlag {
  std::vector<std::string> command;  // the flag goes last
  std::string flag;
  std::string example;
  std::string named = flag;  // how messages name it
};

const std::vector<IntFlag> kIntFlags = {
    {{"create", "demo"}, "--servers", "3"},          {{"create", "demo"}, "--agents", "2"},
    {{"scale", "demo"}, "--servers", "3"},           {{"scale", "demo"}, "--agents", "2"},
    {{"kubeconfig", "get", "demo"}, "--days", "30"}, {{"version", "--client"}, "--v", "6", "-v"},
};

TEST_F(FlagValues, WholeNumbersArePlainDecimal) {
  // CLI11 alone read 0x10 as 16 and 010 as 8, and said "Could not convert" on two lines.
  for (const IntFlag& f : kIntFlags) {
    for (const std::string value :
         {"1e3", "0x10", "+3", " 3", "3 ", "3.0", "-", "1_000", "three"}) {
      auto args = f.command;
      args.push_back(f.flag + "=" + value);
      auto r = kraft(args);
      EXPECT_EQ(r.exit_code, 2) << f.flag << "=" << value << ": " << r.err;
      EXPECT_EQ(r.err, "error: " + f.named + " \"" + value + "\" is not a whole number (e.g. " +
                           f.named + " " + f.example + ")\n");
    }
  }
  EXPECT_FALSE(get("/api/v1/namespaces/k3k-demo"));
}

TEST_F(FlagValues, VerbosityTakesKubectlsSpellings) {
  for (const std::string v : {"-v=6", "-v6", "--v=6"}) {
    auto r = kraft({v, "version"});
    EXPECT_EQ(r.exit_code, 0) << v << ": " << r.err;
    EXPECT_NE(r.err.find("GET https://"), std::string::npos) << v << ": " << r.err;
  }
  auto r = kraft({"-v=x", "version", "--client"});
  EXPECT_EQ(r.err, "error: -v \"x\" is not a whole number (e.g. -v 6)\n");
}

TEST_F(FlagValues, AnEmptyNumberNamesTheFlag) {
  // It used to be read as 0 ("servers must be at least 1, got 0").
  for (const IntFlag& f : kIntFlags) {
    auto args = f.command;
    args.insert(args.end(), {f.flag, ""});
    auto r = kraft(args);
    EXPECT_EQ(r.exit_code, 2) << f.flag << ": " << r.err;
    EXPECT_EQ(r.err, "error: " + f.named + " needs a whole number (e.g. " + f.named + " " +
                         f.example + ")\n");
  }
}

TEST_F(FlagValues, NumbersOutOfRangeAreRefused) {
  auto r = kraft({"create", "demo", "--servers", "99999999999"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err, "error: --servers \"99999999999\" is out of range (e.g. --servers 3)\n");
}

TEST_F(FlagValues, LeadingZerosAreStillDecimal) {
  auto r = kraft({"create", "demo", "--servers", "010", "--dry-run=client", "-o", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["spec"]["servers"], 10);
}

TEST_F(FlagValues, ParseErrorsAreOneLineSayingWhereTheHelpIs) {
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  for (const Case& c : std::vector<Case>{
           {{"--bogus"}, "error: unknown flag --bogus (see 'kraft --help')\n"},
           {{"create", "demo", "--bogus"},
            "error: unknown flag --bogus (see 'kraft create --help')\n"},
           {{"create", "demo", "--servers"},
            "error: --servers needs a value (see 'kraft create --help')\n"},
           {{"version", "extra"},
            "error: unexpected argument \"extra\" (see 'kraft version --help')\n"},
           {{"list", "--sort-by", "size"},
            "error: --sort-by \"size\" is not one of namespace, name, age, status (see 'kraft "
            "list --help')\n"},
           {{"kubeconfig", "get"},
            "error: cluster is required (see 'kraft kubeconfig get --help')\n"},
           {{"kubeconfig"}, "error: a command is required (see 'kraft kubeconfig --help')\n"},
       }) {
    auto r = kraft(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args.back() << ": " << r.err;
    EXPECT_EQ(r.err, c.err);
    EXPECT_EQ(r.out, "");
  }
}

TEST_F(FlagValues, WhatWasTypedCannotDriveTheTerminal) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"version", "\x1b]0;owned\x07"},
           {"create", "demo", "--servers", "\x1b[2J"},
           {"list", "-l", "a=\x1b[31m"},
           {"create", "demo", "--label", "\x1b[2J=x"},
           {"create", "\x1b[2J"},
           {"delete", "\x9b" "2J"},
           {"--\x1b[2Jx"},
       }) {
    auto r = kraft(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
    EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find('\x07'), std::string::npos) << r.err;
  }
}

TEST_F(FlagValues, LabelSelectorsAreCheckedBeforeTheyAreSent) {
  ASSERT_EQ(kraft({"create", "demo", "--label", "env=dev", "--wait"}).exit_code, 0);
  // It used to reach the server and come back as its parse error, exit 1.
  auto r = kraft({"list", "-l", "!!!bad"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err.rfind("error: invalid label selector \"!!!bad\": expected a label key after "
                        "'!', found '!' (-l takes KEY=VALUE, ",
                        0),
            0u)
      << r.err;
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;

  for (const std::string selector : {"env in (dev", "env=dev,", "Env/x=y", "env=dev!"}) {
    r = kraft({"delete", "-l", selector, "--yes"});
    EXPECT_EQ(r.exit_code, 2) << selector << ": " << r.err;
    EXPECT_NE(r.err.find("invalid label selector"), std::string::npos) << r.err;
  }
  EXPECT_TRUE(live(kDemoClusterPath));

  r = kraft({"list", "-l", "env in (dev,ci),!legacy", "-o", "name"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "cluster/k3k-demo/demo\n");
}

TEST_F(FlagValues, ABlankSelectorDeletesNothing) {
  // A blank selector selects every cluster: that is --all's job, with its own confirmation.
  ASSERT_EQ(kraft({"create", "demo", "--wait"}).exit_code, 0);
  auto r = kraft({"delete", "-l", " ", "--yes"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err, "error: a blank -l selects every cluster; use --all to delete them all\n");
  EXPECT_TRUE(live(kDemoClusterPath));
}

TEST_F(FlagValues, TimeoutWithoutWaitIsRefused) {
  ASSERT_EQ(kraft({"create", "demo", "--wait"}).exit_code, 0);
  const std::string message =
      "error: --timeout applies only with --wait: add --wait, or drop --timeout\n";
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"create", "other", "--timeout", "10m"},
           {"create", "other", "--dry-run=server", "--timeout", "10m"},
           {"scale", "demo", "--servers", "2", "--timeout", "10m"},
           {"delete", "demo", "--timeout", "10m"},
       }) {
    auto r = kraft(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
    EXPECT_EQ(r.err, message) << args[0];
  }
  EXPECT_FALSE(get("/api/v1/namespaces/k3k-other"));
  EXPECT_TRUE(live(kDemoClusterPath));
  EXPECT_EQ((*get(kDemoClusterPath))["spec"]["servers"], 1);
}

TEST_F(FlagValues, TimeoutGoesWithWhatImpliesAWait) {
  // --kubeconfig-out waits for Ready, so its --timeout counts.
  const auto file = home() / "demo.yaml";
  // (--no-check: no virtual cluster answers on this host.)
  auto r =
      kraft({"create", "demo", "--kubeconfig-out", file.string(), "--timeout", "2m", "--no-check"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(file));
}

}  // namespace
}  // namespace kraft::testing
