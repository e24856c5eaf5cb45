// kraft get: the real binary against a host with simulated K3k.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "fixture/k3k_host.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

class GetCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    host_.created_ago(std::chrono::hours(50));
    host_.create_ready("team", "demo", {{"servers", 2}});
    host_.create_ready("k3k-solo", "solo");
    host_.created_ago(std::chrono::hours(0));
  }
  K3kHost host_;
};

TEST_F(GetCommand, DefaultIsListsRowForTheOneCluster) {
  auto r = host_.kraft({"get", "team/demo"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "NAMESPACE   NAME   MODE     SERVERS   AGENTS   VERSION   STATUS   POLICY   AGE\n"
            "team        demo   shared   2         0        v1.26.4   Ready    <none>   2d2h\n");
  EXPECT_EQ(host_.kraft({"get", "team/demo", "--no-headers"}).out,
            "team   demo   shared   2     0     v1.26.4   Ready   <none>   2d2h\n");
  EXPECT_EQ(host_.kraft({"list", "-n", "team"}).out, r.out);
}

TEST_F(GetCommand, NameAloneMeansK3ksDefaultNamespace) {
  auto r = host_.kraft({"get", "solo", "-o", "name"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "cluster/k3k-solo/solo\n");
}

TEST_F(GetCommand, NamespaceFlagAndSlashFormAreTheSame) {
  EXPECT_EQ(host_.kraft({"get", "demo", "-n", "team", "-o", "name"}).out, "cluster/team/demo\n");
  EXPECT_EQ(host_.kraft({"-n", "team", "get", "team/demo", "-o", "name"}).out,
            "cluster/team/demo\n");
  auto clash = host_.kraft({"get", "team/demo", "-n", "prod"});
  EXPECT_EQ(clash.exit_code, 2);
  EXPECT_EQ(clash.err,
            "error: cluster \"team/demo\" is in namespace \"team\" but the namespace given "
            "separately is \"prod\": give the namespace once (-n)\n");
}

TEST_F(GetCommand, JsonIsTheObjectAsStoredWithoutManagedFieldsUnlessAsked) {
  json shown = host_.stored("team", "demo");
  ASSERT_TRUE(shown["metadata"].contains("managedFields"));
  shown["metadata"].erase("managedFields");  // hidden as kubectl hides them
  auto r = host_.kraft({"get", "team/demo", "-o", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out), shown);
  EXPECT_EQ(r.out, shown.dump(2) + "\n");
  auto full = host_.kraft({"get", "team/demo", "-o", "json", "--show-managed-fields"});
  ASSERT_EQ(full.exit_code, 0) << full.err;
  EXPECT_EQ(json::parse(full.out), host_.stored("team", "demo"));
}

TEST_F(GetCommand, YamlIsTheObject) {
  auto r = host_.kraft({"get", "team/demo", "-o", "yaml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("apiVersion: k3k.io/v1beta1\nkind: Cluster\nmetadata:\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\n  servers: 2\n"), std::string::npos) << r.out;
}

TEST_F(GetCommand, WideIsListsWideRow) {
  auto r = host_.kraft({"get", "team/demo", "-o", "wide", "--no-headers"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ClusterIP"), std::string::npos) << r.out;
}

TEST_F(GetCommand, MisspelledNameIsNotFoundWithASuggestion) {
  auto r = host_.kraft({"get", "team/dmeo"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "error: cluster \"dmeo\" not found in namespace \"team\"; did you mean \"demo\"?\n");
}

TEST_F(GetCommand, NameInAnotherNamespaceIsSuggestedWithIt) {
  auto r = host_.kraft({"get", "demo"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err,
            "error: cluster \"demo\" not found in namespace \"k3k-demo\"; did you mean "
            "\"team/demo\"?\n");
}

TEST_F(GetCommand, InvalidNamesAndFormatsAreUsageErrors) {
  EXPECT_EQ(host_.kraft({"get", "Demo"}).exit_code, 2);
  EXPECT_EQ(host_.kraft({"get", "a/b/c"}).exit_code, 2);
  EXPECT_EQ(host_.kraft({"get", "team/demo", "-o", "table"}).exit_code, 2);
  EXPECT_EQ(host_.kraft({"get"}).exit_code, 2) << "NAME is required";
}

}  // namespace
}  // namespace kraft::testing
