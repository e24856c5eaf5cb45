// TLS, authentication and authorization of the test API server, over real sockets.
#include <gtest/gtest.h>

#include "test_support/test_client.h"

namespace kraft::testing {
namespace {

class HttpAuth : public ::testing::Test {
 protected:
  TestApiServer server_;
};

TEST_F(HttpAuth, AdminCertificateListsNamespaces) {
  TestClient admin(server_);
  auto r = admin.get("/api/v1/namespaces");
  ASSERT_EQ(r.status, 200) << r.body << r.transport_error;
  EXPECT_EQ(r.content_type, "application/json");
  auto names = r.json()["items"];
  ASSERT_GE(names.size(), 2u);
  EXPECT_EQ(names[0]["metadata"]["name"], "default");
}

TEST_F(HttpAuth, UnknownTokenIsUnauthorizedEvenForVersion) {
  TestClient bogus(server_, Credentials::token("bogus"));
  auto r = bogus.get("/version");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json()["message"], "Unauthorized");
  EXPECT_EQ(r.json()["reason"], "Unauthorized");
}

TEST_F(HttpAuth, KnownUserWithoutRightsIsForbiddenWithTheRealMessage) {
  server_.access().add_token("t0k3n", UserInfo{"kraft-user", {}});
  TestClient user(server_, Credentials::token("t0k3n"));
  auto r = user.get("/apis/k3k.io/v1beta1/namespaces/default/clusters");
  ASSERT_EQ(r.status, 403);
  EXPECT_EQ(r.json()["message"],
            "clusters.k3k.io is forbidden: User \"kraft-user\" cannot list resource \"clusters\" "
            "in API group \"k3k.io\" in the namespace \"default\"");
  EXPECT_EQ(r.json()["details"], nlohmann::json({{"group", "k3k.io"}, {"kind", "clusters"}}));
  EXPECT_EQ(user.get("/apis/k3k.io/v1beta1").status, 200) << "discovery is open to users";
}

TEST_F(HttpAuth, AllowListGrantsOneNamespace) {
  server_.access().add_token("t0k3n", UserInfo{"dev", {}});
  server_.access().allow("dev", AccessRule{{"get", "list"}, {"k3k.io"}, {"clusters"}, {"team-a"}});
  TestClient user(server_, Credentials::token("t0k3n"));
  EXPECT_EQ(user.get("/apis/k3k.io/v1beta1/namespaces/team-a/clusters").status, 200);
  EXPECT_EQ(user.get("/apis/k3k.io/v1beta1/namespaces/team-b/clusters").status, 403);
}

TEST_F(HttpAuth, AnonymousMayReadVersionButNotResources) {
  TestClient anonymous(server_, Credentials::anonymous());
  EXPECT_EQ(anonymous.get("/version").status, 200);
  auto r = anonymous.get("/api/v1/namespaces");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.json()["message"],
            "namespaces is forbidden: User \"system:anonymous\" cannot list resource "
            "\"namespaces\" in API group \"\" at the cluster scope");
  EXPECT_EQ(anonymous.get("/api").status, 403);
}

TEST_F(HttpAuth, CertificateFromAnotherCaIsUnauthorized) {
  TestCa other = TestCa::generate("someone-else");
  TestClient stranger(server_, Credentials::cert(other.issue_client("kraft-admin", {"system:masters"})));
  EXPECT_EQ(stranger.get("/api/v1/namespaces").status, 401);
}

TEST_F(HttpAuth, ExpiredCertificateIsUnauthorized) {
  TestClient expired(server_,
                     Credentials::cert(server_.issue_client_cert("old", {"system:masters"}, -1)));
  EXPECT_EQ(expired.get("/api/v1/namespaces").status, 401);
}

TEST_F(HttpAuth, CertificateGroupsAuthorize) {
  server_.access().allow("viewers", AccessRule{{"list"}, {""}, {"namespaces"}, {}});
  TestClient viewer(server_, Credentials::cert(server_.issue_client_cert("ann", {"viewers"})));
  EXPECT_EQ(viewer.get("/api/v1/namespaces").status, 200);
  EXPECT_EQ(viewer.get("/api/v1/namespaces/default/secrets").status, 403);
}

TEST_F(HttpAuth, BasicAuthUsersWhenConfigured) {
  server_.access().add_basic_user("alice", "s3cret", UserInfo{"alice", {"system:masters"}});
  Credentials good;
  good.basic_user = "alice";
  good.basic_password = "s3cret";
  EXPECT_EQ(TestClient(server_, good).get("/api/v1/namespaces").status, 200);
  Credentials bad = good;
  bad.basic_password = "wrong";
  EXPECT_EQ(TestClient(server_, bad).get("/api/v1/namespaces").status, 401);
}

}  // namespace
}  // namespace kraft::testing
