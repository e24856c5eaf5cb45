// ClusterService::get, get_opt and list against the test API server with simulated K3k.
#include <gtest/gtest.h>
#include <kraft/api/errors.h>
#include <kraft/k3k/cluster_service.h>

#include <algorithm>
#include <string>
#include <vector>

#include "test_support/host_fixture.h"

namespace kraft::k3k::testing {
namespace {

std::vector<std::string> refs(const std::vector<Cluster>& clusters) {
  std::vector<std::string> out;
  for (const auto& c : clusters) out.push_back(c.namespace_name() + "/" + c.name());
  return out;
}

std::size_t count_requests(const std::vector<std::string>& lines) {
  return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), [](const auto& l) {
    return l.rfind("GET ", 0) == 0 || l.rfind("POST ", 0) == 0;
  }));
}

using ClusterRead = HostFixture;

TEST_F(ClusterRead, ListShowsEveryNamespaceSortedByNamespaceThenName) {
  create("team-b", "a");
  create("team-a", "zeta");
  create("team-a", "alpha");
  EXPECT_EQ(refs(service_.list()),
            (std::vector<std::string>{"team-a/alpha", "team-a/zeta", "team-b/a"}));
}

TEST_F(ClusterRead, ListNarrowsToANamespaceAndALabelSelector) {
  create("team-a", "one", {}, {{"env", "dev"}});
  create("team-a", "two", {}, {{"env", "prod"}});
  create("team-b", "three", {}, {{"env", "dev"}});
  EXPECT_EQ(refs(service_.list({.ns = "team-a", .label_selector = ""})),
            (std::vector<std::string>{"team-a/one", "team-a/two"}));
  EXPECT_EQ(refs(service_.list({.ns = "", .label_selector = "env=dev"})),
            (std::vector<std::string>{"team-a/one", "team-b/three"}));
  EXPECT_EQ(refs(service_.list({.ns = "team-b", .label_selector = "env!=dev"})),
            std::vector<std::string>{});
}

TEST_F(ClusterRead, ListDecodesTheTypedFieldsAndKeepsTheObjectAsSent) {
  create_ready("team", "demo", {{"servers", 2}, {"mode", "virtual"}, {"agents", 1}});
  const auto clusters = service_.list();
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].spec.servers, 2);
  EXPECT_EQ(clusters[0].phase(), ClusterPhase::kReady);
  EXPECT_EQ(clusters[0].raw()["metadata"]["uid"], clusters[0].metadata["uid"]);
  // As kubectl shows objects: managedFields only on request.
  EXPECT_FALSE(clusters[0].raw()["metadata"].contains("managedFields"));
  EXPECT_TRUE(service_.list({.ns = "", .label_selector = "", .show_managed_fields = true})[0].raw()["metadata"].contains(
      "managedFields"));
}

TEST_F(ClusterRead, ListCostsOneDiscoveryAndOneListRequest) {
  create("team", "demo");
  std::vector<std::string> requests;
  ClusterService(client(&requests)).list();
  EXPECT_EQ(count_requests(requests), 2u) << ::testing::PrintToString(requests);
}

TEST_F(ClusterRead, ListOfNothingIsEmptyNotAnError) {
  EXPECT_TRUE(service_.list().empty());
  EXPECT_TRUE(service_.list({.ns = "nowhere", .label_selector = ""}).empty());
}

TEST_F(ClusterRead, ListRefusesAnInvalidNamespaceBeforeAnyRequest) {
  std::vector<std::string> requests;
  EXPECT_THROW(ClusterService(client(&requests)).list({.ns = "Team_A", .label_selector = ""}),
               ValidationError);
  EXPECT_EQ(count_requests(requests), 0u);
}

TEST_F(ClusterRead, GetReturnsTheClusterInOneRequest) {
  create("team", "demo", {{"servers", 3}});
  std::vector<std::string> requests;
  const Cluster c = ClusterService(client(&requests)).get({"team", "demo"});
  EXPECT_EQ(c.name(), "demo");
  EXPECT_EQ(c.spec.servers, 3);
  EXPECT_EQ(count_requests(requests), 1u) << ::testing::PrintToString(requests);
}

TEST_F(ClusterRead, GetOfTheSameNameElsewhereSuggestsItsNamespace) {
  create("team", "demo");
  try {
    service_.get({"k3k-demo", "demo"});
    FAIL() << "no error";
  } catch (const api::ApiError& e) {
    EXPECT_TRUE(e.is_not_found());
    EXPECT_EQ(e.exit_code(), ExitCode::kNotFound);
    EXPECT_EQ(std::string(e.what()),
              "cluster \"demo\" not found in namespace \"k3k-demo\"; did you mean \"team/demo\"?");
  }
}

TEST_F(ClusterRead, GetOfAMisspelledNameSuggestsTheCloseOneInTheNamespace) {
  create("team", "demo");
  create("team", "prod");
  const std::string message = thrown<api::ApiError>([&] { service_.get({"team", "dmeo"}); });
  EXPECT_EQ(message, "cluster \"dmeo\" not found in namespace \"team\"; did you mean \"demo\"?");
}

TEST_F(ClusterRead, GetOfAMisspelledNameInItsDefaultNamespaceSuggestsTheRealOne) {
  create("k3k-demo", "demo");
  const std::string message = thrown<api::ApiError>([&] { service_.get({"k3k-dmeo", "dmeo"}); });
  EXPECT_EQ(
      message,
      "cluster \"dmeo\" not found in namespace \"k3k-dmeo\"; did you mean \"k3k-demo/demo\"?");
}

TEST_F(ClusterRead, GetOfSomethingUnlikeAnyClusterSuggestsNothing) {
  create("team", "demo");
  EXPECT_EQ(thrown<api::ApiError>([&] {
              service_.get({"team", "zzzzzz"});
            }),
            "cluster \"zzzzzz\" not found in namespace \"team\"");
}

TEST_F(ClusterRead, GetOptIsEmptyForAnAbsentCluster) {
  create("team", "demo");
  EXPECT_FALSE(service_.get_opt({"team", "other"}));
  ASSERT_TRUE(service_.get_opt({"team", "demo"}));
  EXPECT_EQ(service_.get_opt({"team", "demo"})->name(), "demo");
}

class ClusterReadWithoutK3k : public HostFixture {
 protected:
  ClusterReadWithoutK3k() : HostFixture(kraft::testing::without_k3k()) {}
};

TEST_F(ClusterReadWithoutK3k, ListSaysK3kIsNotInstalledInsteadOfListingNothing) {
  EXPECT_EQ(thrown<Error>([&] { service_.list(); }),
            "K3k is not installed on this host cluster (API group k3k.io/v1beta1 not found)");
}

TEST_F(ClusterReadWithoutK3k, GetAndGetOptSayK3kIsNotInstalled) {
  const std::string expected =
      "K3k is not installed on this host cluster (API group k3k.io/v1beta1 not found)";
  EXPECT_EQ(thrown<Error>([&] { service_.get({"team", "demo"}); }), expected);
  EXPECT_EQ(thrown<Error>([&] { service_.get_opt({"team", "demo"}); }), expected);
}

}  // namespace
}  // namespace kraft::k3k::testing
