// URL building is pure: paths for every scope and group, escaping, query strings.
#include <gtest/gtest.h>
#include <kraft/api/resource.h>
#include <kraft/core/error.h>

#include "api/test_support/server_client.h"
#include "api/url.h"

namespace kraft::api {
namespace {

using testing::clusters;

TEST(ResourcePath, RefusesNamesThatWouldAddressAnotherPath) {
  // An empty name would address the collection (DELETE would remove every object); curl drops
  // "." and ".." segments, addressing a parent.
  for (const char* bad : {".", "..", "a/b", "a%2Fb"}) {
    EXPECT_THROW(resource_path(resources::secrets(), "default", bad), ValidationError) << bad;
    EXPECT_THROW(resource_path(resources::secrets(), bad, "x"), ValidationError) << bad;
  }
}

TEST(ResourcePath, CoreGroupLivesUnderApiV1) {
  EXPECT_EQ(resource_path(resources::secrets(), "demo", "s1"),
            "/api/v1/namespaces/demo/secrets/s1");
}

TEST(ResourcePath, OtherGroupsLiveUnderApis) {
  EXPECT_EQ(resource_path(clusters(), "ns", "a"), "/apis/k3k.io/v1beta1/namespaces/ns/clusters/a");
}

TEST(ResourcePath, EmptyNamespaceOnANamespacedResourceMeansEveryNamespace) {
  EXPECT_EQ(resource_path(clusters(), ""), "/apis/k3k.io/v1beta1/clusters");
}

TEST(ResourcePath, ClusterScopedResourcesIgnoreTheNamespace) {
  EXPECT_EQ(resource_path(resources::namespaces(), "ignored", "demo"), "/api/v1/namespaces/demo");
}

TEST(ResourcePath, SubresourceFollowsTheName) {
  EXPECT_EQ(resource_path(clusters(), "ns", "a", "status"),
            "/apis/k3k.io/v1beta1/namespaces/ns/clusters/a/status");
}

TEST(ResourcePath, NamesAndNamespacesAreEscaped) {
  // '/' and '%' are refused (see above); other characters a server would reject are escaped,
  // so they reach it as a name, never as URL structure.
  EXPECT_EQ(resource_path(resources::secrets(), "a b", "x y?"),
            "/api/v1/namespaces/a%20b/secrets/x%20y%3F");
}

TEST(ResourceInfo, NamesItselfAsKubectlDoes) {
  EXPECT_EQ(clusters().qualified_name(), "clusters.k3k.io");
  EXPECT_EQ(clusters().api_version(), "k3k.io/v1beta1");
  EXPECT_EQ(resources::namespaces().qualified_name(), "namespaces");
  EXPECT_EQ(resources::persistent_volume_claims().api_version(), "v1");
}

TEST(UrlEscape, KeepsUnreservedCharactersOnly) {
  EXPECT_EQ(url_escape("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(url_escape("app in (a,b)"), "app%20in%20%28a%2Cb%29");
  EXPECT_EQ(url_escape("k=v&x"), "k%3Dv%26x");
  EXPECT_EQ(url_escape("ü"), "%C3%BC");
}

TEST(Query, IsEmptyWithoutParameters) { EXPECT_EQ(Query().str(), ""); }

TEST(Query, JoinsParametersInOrderAndEscapesValues) {
  Query q;
  q.add("labelSelector", "app=web,tier!=db").add("limit", "2");
  EXPECT_EQ(q.str(), "?labelSelector=app%3Dweb%2Ctier%21%3Ddb&limit=2");
}

TEST(Query, LeavesOutEmptyValuesAndFalseConditions) {
  Query q;
  q.add("continue", "").add_if(false, "dryRun", "All").add_if(true, "force", "true");
  EXPECT_EQ(q.str(), "?force=true");
}

}  // namespace
}  // namespace kraft::api
