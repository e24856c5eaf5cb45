// kraft describe: the real binary against a host with simulated K3k.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fixture/k3k_host.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

bool has_line(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST(DescribeCommand, ShowsAReadyNodePortClusterWithItsUrlObjectsAndEvents) {
  K3kHost host;
  host.create_ready("team", "demo",
                    {{"expose", {{"nodePort", {{"serverPort", 30443}}}}},
                     {"persistence", {{"type", "dynamic"}, {"storageRequestSize", "5Gi"}}},
                     {"tlsSANs", {"127.0.0.1"}}},
                    {{"env", "dev"}});
  host.post(
      "/api/v1/namespaces/team/events",
      {{"apiVersion", "v1"},
       {"kind", "Event"},
       {"metadata", {{"name", "demo.1"}}},
       {"involvedObject", {{"kind", "Pod"}, {"namespace", "team"}, {"name", "k3k-demo-server-0"}}},
       {"reason", "Pulled"},
       {"message", "Successfully pulled image"},
       {"type", "Normal"},
       {"lastTimestamp", "2024-05-01T10:00:00Z"}});
  auto r = host.kraft({"describe", "team/demo"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* line :
       {"Name:         demo", "Namespace:    team", "Labels:       env=dev",
        "Status:       Ready (Provisioned: Cluster successfully provisioned)",
        "Mode:         shared", "Servers:      1", "Version:      <default> (the host's v1.26.4)",
        "Persistence:  dynamic, 5Gi, storage class <default>",
        "Expose:       nodePort (server port 30443)", "Server URL:   https://127.0.0.1:30443",
        "Policy:       <none>",
        "Conditions:", "Host Objects:", "  StatefulSet/k3k-demo-server   1/1 ready", "Events:"}) {
    EXPECT_TRUE(has_line(r.out, line)) << line << "\nin:\n" << r.out;
  }
  EXPECT_NE(r.out.find("  Service/k3k-demo-service      NodePort 10.43."), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(", 443:30443/TCP"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  LAST SEEN   TYPE     REASON   OBJECT                  MESSAGE\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Normal   Pulled   pod/k3k-demo-server-0   Successfully pulled image\n"),
            std::string::npos)
      << r.out;
}

TEST(DescribeCommand, PendingClusterSaysWhyAndHasNoUrlYet) {
  K3kHost host;
  host.create_pending("team", "demo");
  auto r = host.kraft({"describe", "demo", "-n", "team"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* line :
       {"Status:       Pending (ValidationFailed: cluster validation error: mode \"virtual\" is "
        "not allowed by the policy \"shared-only\")",
        "Server URL:   <pending>", "  StatefulSet/k3k-demo-server   <none>",
        "  Service/k3k-demo-service      <none>", "Events:       <none>"}) {
    EXPECT_TRUE(has_line(r.out, line)) << line << "\nin:\n" << r.out;
  }
}

TEST(DescribeCommand, UnknownClusterIsNotFound) {
  K3kHost host;
  host.create("team", "demo");
  auto r = host.kraft({"describe", "team/demp"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "error: cluster \"demp\" not found in namespace \"team\"; did you mean \"demo\"?\n");
}

}  // namespace
}  // namespace kraft::testing
