// kraft delete against the simulated K3k host: volumes, namespaces, --all, selectors, waits.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fixture/k3k_host.h"

namespace kraft::testing {
namespace {

using nlohmann::json;
using KraftDelete = K3kHostTest;

const std::string kPvc = "/api/v1/namespaces/k3k-demo/persistentvolumeclaims/"
                         "varlibrancherk3s-k3k-demo-server-0";

TEST_F(KraftDelete, RemovesClusterVolumesAndTheNamespaceKraftCreated) {
  ASSERT_EQ(kraft({"create", "demo", "--wait"}).exit_code, 0);
  ASSERT_TRUE(live(kPvc));
  auto r = kraft({"delete", "demo", "--wait"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "cluster/k3k-demo/demo deleted\n"
            "persistentvolumeclaim/k3k-demo/varlibrancherk3s-k3k-demo-server-0 deleted\n"
            "namespace/k3k-demo deleted\n");
  EXPECT_NE(r.err.find("cluster k3k-demo/demo is gone"), std::string::npos) << r.err;
  EXPECT_FALSE(get("/apis/k3k.io/v1beta1/namespaces/k3k-demo/clusters/demo"));
  EXPECT_FALSE(live("/api/v1/namespaces/k3k-demo"));
}

TEST_F(KraftDelete, KeepDataKeepsTheVolumesAndTheirNamespace) {
  ASSERT_EQ(kraft({"create", "demo", "--wait"}).exit_code, 0);
  auto r = kraft({"delete", "demo", "--keep-data", "--wait"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "cluster/k3k-demo/demo deleted\n");
  EXPECT_NE(r.err.find("namespace k3k-demo kept: its PersistentVolumeClaims stay, as asked\n"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(live(kPvc));
  EXPECT_TRUE(live("/api/v1/namespaces/k3k-demo"));
}

TEST_F(KraftDelete, KeepNamespaceKeepsIt) {
  ASSERT_EQ(kraft({"create", "demo"}).exit_code, 0);
  auto r = kraft({"delete", "demo", "--keep-namespace"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(live("/api/v1/namespaces/k3k-demo"));
}

TEST_F(KraftDelete, ANamespaceKraftDidNotCreateStays) {
  make_namespace("team");
  ASSERT_EQ(kraft({"create", "team/a"}).exit_code, 0);
  auto r = kraft({"delete", "-n", "team", "a", "--wait"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(live("/api/v1/namespaces/team"));
}

TEST_F(KraftDelete, UnknownNamesAreNotFoundUnlessIgnored) {
  ASSERT_EQ(kraft({"create", "team/demo"}).exit_code, 0);
  auto r = kraft({"delete", "demo"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("team/demo"), std::string::npos) << r.err;  // did you mean
  auto ignored = kraft({"delete", "demo", "--ignore-not-found"});
  EXPECT_EQ(ignored.exit_code, 0) << ignored.err;
  EXPECT_EQ(ignored.out, "");
}

TEST_F(KraftDelete, OneMissingNameDoesNotStopTheOthers) {
  ASSERT_EQ(kraft({"create", "a"}).exit_code, 0);
  auto r = kraft({"delete", "nope", "a"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.out.find("cluster/k3k-a/a deleted"), std::string::npos) << r.out;
}

TEST_F(KraftDelete, AllRefusesWithoutYesWhenNotOnATerminal) {
  ASSERT_EQ(kraft({"create", "a"}).exit_code, 0);
  auto r = kraft({"delete", "--all"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--yes"), std::string::npos) << r.err;
  EXPECT_TRUE(live("/apis/k3k.io/v1beta1/namespaces/k3k-a/clusters/a"));
}

TEST_F(KraftDelete, AllWithYesDeletesEveryClusterInScope) {
  ASSERT_EQ(kraft({"create", "team/a"}).exit_code, 0);
  ASSERT_EQ(kraft({"create", "team/b"}).exit_code, 0);
  ASSERT_EQ(kraft({"create", "other"}).exit_code, 0);
  auto r = kraft({"delete", "--all", "-n", "team", "--yes", "--wait"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("cluster/team/a deleted"), std::string::npos);
  EXPECT_NE(r.out.find("cluster/team/b deleted"), std::string::npos);
  EXPECT_NE(r.out.find("namespace/team deleted"), std::string::npos) << r.out << r.err;
  EXPECT_TRUE(live("/apis/k3k.io/v1beta1/namespaces/k3k-other/clusters/other"));
}

TEST_F(KraftDelete, SelectorPicksByLabel) {
  ASSERT_EQ(kraft({"create", "a", "--label", "workshop=kubecon"}).exit_code, 0);
  ASSERT_EQ(kraft({"create", "b"}).exit_code, 0);
  // Across every namespace -l is as wide as --all: a script must say --yes.
  auto refused = kraft({"delete", "-l", "workshop=kubecon"});
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_TRUE(live("/apis/k3k.io/v1beta1/namespaces/k3k-a/clusters/a"));
  auto r = kraft({"delete", "-l", "workshop=kubecon", "--yes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("cluster/k3k-a/a deleted"), std::string::npos);
  EXPECT_TRUE(live("/apis/k3k.io/v1beta1/namespaces/k3k-b/clusters/b"));
}

TEST_F(KraftDelete, SelectorInOneNamespaceNeedsNoConfirmation) {
  ASSERT_EQ(kraft({"create", "team/a", "--label", "tier=dev"}).exit_code, 0);
  auto r = kraft({"delete", "-n", "team", "-l", "tier=dev"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("cluster/team/a deleted"), std::string::npos);
}

TEST_F(KraftDelete, NamesAndAllTogetherAreAUsageError) {
  EXPECT_EQ(kraft({"delete"}).exit_code, 2);
  EXPECT_EQ(kraft({"delete", "a", "--all"}).exit_code, 2);
}

}  // namespace
}  // namespace kraft::testing
