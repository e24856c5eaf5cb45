// kraft scale against the simulated K3k host.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fixture/k3k_host.h"

namespace kraft::testing {
namespace {

using nlohmann::json;
using KraftScale = K3kHostTest;

TEST_F(KraftScale, AddsServersAndWaitsUntilTheyAreReady) {
  ASSERT_EQ(kraft({"create", "grow", "--wait"}).exit_code, 0);
  auto r = kraft({"scale", "grow", "--servers", "3", "--wait"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "cluster/k3k-grow/grow scaled\n");
  EXPECT_NE(r.err.find("is Ready"), std::string::npos) << r.err;
  auto sts = get("/apis/apps/v1/namespaces/k3k-grow/statefulsets/k3k-grow-server");
  ASSERT_TRUE(sts);
  EXPECT_EQ((*sts)["status"]["readyReplicas"], 3);
}

TEST_F(KraftScale, AgentsInSharedModeAreAWarningNotAnError) {
  ASSERT_EQ(kraft({"create", "team/s"}).exit_code, 0);
  auto r = kraft({"scale", "team/s", "--agents", "2", "-o", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("Warning: agents are ignored in shared mode"), std::string::npos);
  EXPECT_EQ(json::parse(r.out)["spec"]["agents"], 2);
}

TEST_F(KraftScale, RefusesWhatK3kRefuses) {
  ASSERT_EQ(kraft({"create", "fixed"}).exit_code, 0);
  auto zero = kraft({"scale", "fixed", "--servers", "0"});
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_NE(zero.err.find("servers must be at least 1, got 0"), std::string::npos) << zero.err;
  auto nothing = kraft({"scale", "fixed"});
  EXPECT_EQ(nothing.exit_code, 2);
  EXPECT_EQ(nothing.err,
            "error: nothing to scale: give a number of servers and/or agents (--servers, "
            "--agents)\n");
  auto negative = kraft({"scale", "fixed", "--agents=-1"});
  EXPECT_EQ(negative.exit_code, 2) << negative.err;
  EXPECT_EQ((*get("/apis/k3k.io/v1beta1/namespaces/k3k-fixed/clusters/fixed"))["spec"]["servers"],
            1);
}

TEST_F(KraftScale, AnUnknownClusterIsNotFoundWithASuggestion) {
  ASSERT_EQ(kraft({"create", "team/demo"}).exit_code, 0);
  auto r = kraft({"scale", "demo", "--servers", "2"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("team/demo"), std::string::npos) << r.err;
}

TEST_F(KraftScale, DryRunChangesNothing) {
  ASSERT_EQ(kraft({"create", "d"}).exit_code, 0);
  auto r = kraft({"scale", "d", "--servers", "2", "--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "cluster/k3k-d/d scaled (server dry run)\n");
  auto explicit_server = kraft({"scale", "d", "--servers", "2", "--dry-run=server"});
  EXPECT_EQ(explicit_server.exit_code, 0) << explicit_server.err;
  EXPECT_EQ(kraft({"scale", "d", "--servers", "2", "--dry-run=client"}).exit_code, 2);
  EXPECT_EQ((*get("/apis/k3k.io/v1beta1/namespaces/k3k-d/clusters/d"))["spec"]["servers"], 1);
}

}  // namespace
}  // namespace kraft::testing
