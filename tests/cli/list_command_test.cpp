// kraft list / ls: the real binary against a host with simulated K3k.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "fixture/k3k_host.h"
#include "test_support/cli_samples.h"

namespace kraft::testing {
namespace {

using nlohmann::json;
using std::chrono::hours;

class ListCommand : public ::testing::Test {
 protected:
  // Three clusters of different ages, namespaces and phases (team-c's policy refuses the
  // virtual mode, so mid stays Pending).
  void make_three() {
    host_.created_ago(hours(72));
    host_.create_ready("team-a", "zeta", {}, {{"env", "prod"}});
    host_.created_ago(hours(10));
    host_.create_ready(
        "team-b", "alpha",
        {{"mode", "virtual"}, {"servers", 2}, {"agents", 1}, {"version", "v1.31.1-k3s1"}},
        {{"env", "dev"}});
    host_.created_ago(hours(48));
    host_.create_pending("team-c", "mid", {{"env", "dev"}});
    host_.created_ago(hours(0));
  }

  K3kHost host_;
};

TEST_F(ListCommand, TableShowsEveryNamespaceInKubectlsLayout) {
  make_three();
  auto r = host_.kraft({"list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      r.out,
      "NAMESPACE   NAME    MODE      SERVERS   AGENTS   VERSION        STATUS    POLICY        "
      "AGE\n"
      "team-a      zeta    shared    1         0        v1.26.4        Ready     <none>        3d\n"
      "team-b      alpha   virtual   2         1        v1.31.1-k3s1   Ready     <none>        "
      "10h\n"
      "team-c      mid     virtual   1         0        <default>      Pending   shared-only   "
      "2d\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(ListCommand, LsIsTheSameCommand) {
  make_three();
  EXPECT_EQ(host_.kraft({"ls"}).out, host_.kraft({"list"}).out);
}

TEST_F(ListCommand, NamespaceFlagNarrowsAndAllNamespacesWins) {
  make_three();
  EXPECT_EQ(host_.kraft({"list", "-n", "team-b", "-o", "name"}).out, "cluster/team-b/alpha\n");
  EXPECT_EQ(host_.kraft({"-n", "team-b", "list", "-o", "name"}).out, "cluster/team-b/alpha\n");
  EXPECT_EQ(count_lines(host_.kraft({"list", "-n", "team-b", "-A", "-o", "name"}).out), 3u);
  EXPECT_EQ(count_lines(host_.kraft({"list", "--all-namespaces", "-o", "name"}).out), 3u);
}

TEST_F(ListCommand, SelectorFiltersByLabel) {
  make_three();
  EXPECT_EQ(host_.kraft({"list", "-l", "env=dev", "-o", "name"}).out,
            "cluster/team-b/alpha\ncluster/team-c/mid\n");
  EXPECT_EQ(host_.kraft({"list", "--selector", "env!=dev", "-o", "name"}).out,
            "cluster/team-a/zeta\n");
}

TEST_F(ListCommand, SortsByNamespaceNameAgeOrStatus) {
  make_three();
  EXPECT_EQ(host_.kraft({"list", "-o", "name"}).out,
            "cluster/team-a/zeta\ncluster/team-b/alpha\ncluster/team-c/mid\n");
  EXPECT_EQ(host_.kraft({"list", "--sort-by", "name", "-o", "name"}).out,
            "cluster/team-b/alpha\ncluster/team-c/mid\ncluster/team-a/zeta\n");
  EXPECT_EQ(host_.kraft({"list", "--sort-by", "age", "-o", "name"}).out,
            "cluster/team-a/zeta\ncluster/team-c/mid\ncluster/team-b/alpha\n");
  EXPECT_EQ(host_.kraft({"list", "--sort-by", "status", "-o", "name"}).out,
            "cluster/team-c/mid\ncluster/team-a/zeta\ncluster/team-b/alpha\n");
  auto table = host_.kraft({"list", "--sort-by", "age", "--no-headers"});
  EXPECT_EQ(table.out.rfind("team-a   zeta", 0), 0u) << table.out;
}

TEST_F(ListCommand, NoHeadersDropsTheHeaderAndItsWidthsLikeKubectl) {
  make_three();
  EXPECT_EQ(host_.kraft({"list", "--no-headers"}).out,
            "team-a   zeta    shared    1     0     v1.26.4        Ready     <none>        3d\n"
            "team-b   alpha   virtual   2     1     v1.31.1-k3s1   Ready     <none>        10h\n"
            "team-c   mid     virtual   1     0     <default>      Pending   shared-only   2d\n");
}

TEST_F(ListCommand, WideAddsExposePersistenceCidrsAndHost) {
  host_.create_ready("team", "edge",
                     {{"expose", {{"nodePort", {{"serverPort", 30443}}}}},
                      {"persistence", {{"type", "dynamic"}}},
                      {"tlsSANs", {"vc.example.com"}}});
  auto r = host_.kraft({"list", "-o", "wide"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string header = r.out.substr(0, r.out.find('\n'));
  EXPECT_EQ(header,
            "NAMESPACE   NAME   MODE     SERVERS   AGENTS   VERSION   STATUS   POLICY   AGE   "
            "EXPOSE     PERSISTENCE   CLUSTER-CIDR   SERVICE-CIDR   HOST");
  EXPECT_NE(r.out.find("nodePort   dynamic       10.42.0.0/16   10.43.0.0/16   vc.example.com\n"),
            std::string::npos)
      << r.out;
}

TEST_F(ListCommand, JsonIsAStableListOfTheClustersAsStored) {
  make_three();
  auto r = host_.kraft({"list", "-A", "-o", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  std::vector<std::string> keys;
  for (const auto& [k, v] : doc.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"apiVersion", "items", "kind"}));
  EXPECT_EQ(doc["apiVersion"], "v1");
  EXPECT_EQ(doc["kind"], "List");
  ASSERT_EQ(doc["items"].size(), 3u);
  // Each item as stored, without managedFields (hidden as kubectl hides them).
  auto shown = [&](const std::string& ns, const std::string& name) {
    json stored = host_.stored(ns, name);
    stored["metadata"].erase("managedFields");
    return stored;
  };
  EXPECT_EQ(doc["items"][0], shown("team-a", "zeta"));
  EXPECT_EQ(doc["items"][1], shown("team-b", "alpha"));
  EXPECT_EQ(doc["items"][2], shown("team-c", "mid"));
  EXPECT_EQ(r.out, doc.dump(2) + "\n") << "two-space indent, sorted keys";
  auto full = host_.kraft({"list", "-A", "-o", "json", "--show-managed-fields"});
  ASSERT_EQ(full.exit_code, 0) << full.err;
  EXPECT_EQ(json::parse(full.out)["items"][0], host_.stored("team-a", "zeta"));
}

TEST_F(ListCommand, YamlIsTheSameList) {
  host_.create_ready("team", "demo");
  auto r = host_.kraft({"list", "-o", "yaml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("apiVersion: v1\nitems:\n  - apiVersion: k3k.io/v1beta1\n", 0), 0u)
      << r.out;
  EXPECT_NE(r.out.find("\n      name: demo\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nkind: List\n"), std::string::npos) << r.out;
}

TEST_F(ListCommand, TerminatingClusterShowsTerminating) {
  // A finalizer nobody removes keeps the cluster in deletion.
  host_.create("team", "going", {});
  host_.await_phase("team", "going", "Ready");
  host_.server().registry().call(
      "PATCH", "/apis/k3k.io/v1beta1/namespaces/team/clusters/going",
      R"({"metadata":{"finalizers":["cluster.k3k.io/finalizer","test.kraft/hold"]}})",
      "application/merge-patch+json");
  host_.server().registry().call("DELETE", "/apis/k3k.io/v1beta1/namespaces/team/clusters/going");
  auto r = host_.kraft({"list", "--no-headers"});
  EXPECT_NE(r.out.find(" Terminating "), std::string::npos) << r.out;
}

TEST_F(ListCommand, EmptyResultSaysSoOnStderrAndSucceeds) {
  auto all = host_.kraft({"list"});
  EXPECT_EQ(all.exit_code, 0);
  EXPECT_EQ(all.out, "");
  EXPECT_EQ(all.err, "No virtual clusters found.\n");
  auto one = host_.kraft({"list", "-n", "team"});
  EXPECT_EQ(one.exit_code, 0);
  EXPECT_EQ(one.err, "No virtual clusters found in namespace team.\n");
  auto names = host_.kraft({"list", "-o", "name"});
  EXPECT_EQ(names.out, "");
  EXPECT_EQ(names.err, "No virtual clusters found.\n");
}

TEST_F(ListCommand, EmptyJsonIsAnEmptyListForScripts) {
  auto r = host_.kraft({"list", "-o", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\n  \"apiVersion\": \"v1\",\n  \"items\": [],\n  \"kind\": \"List\"\n}\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(ListCommand, BadFlagsAreUsageErrors) {
  auto output = host_.kraft({"list", "-o", "xml"});
  EXPECT_EQ(output.exit_code, 2);
  EXPECT_EQ(output.err,
            "error: unknown output format \"xml\": use one of wide, json, yaml, name\n");
  EXPECT_EQ(host_.kraft({"list", "--sort-by", "size"}).exit_code, 2);
  EXPECT_EQ(host_.kraft({"list", "-n", "Bad_NS"}).exit_code, 2);
}

}  // namespace
}  // namespace kraft::testing
