// Methods a resource path has no route for, as kube-apiserver 1.26 answers them: built-in
// resources are go-restful routes (a method without a route: 405 through the server's
// serviceErrorHandler; no CORS filter is configured, so OPTIONS gets no special treatment);
// custom resources go through the apiextensions crdHandler, which dispatches on the
// RequestInfo verb: HEAD is "get" (served, net/http drops the body), OPTIONS has no verb
// (MethodNotSupported), update/patch without a name fail on the missing name.
#include <gtest/gtest.h>

#include "test_support/test_client.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

class HttpMethods : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(client_.post("/api/v1/namespaces", namespace_body("team")).status, 201);
    ASSERT_EQ(client_.post(kTeamClusters, cluster_body("a")).status, 201);
  }
  static json generic_405() {
    return {{"kind", "Status"},
            {"apiVersion", "v1"},
            {"metadata", json::object()},
            {"status", "Failure"},
            {"message", "the server does not allow this method on the requested resource"},
            {"reason", "MethodNotAllowed"},
            {"details", json::object()},
            {"code", 405}};
  }
  TestApiServer server_;
  TestClient client_{server_};
};

TEST_F(HttpMethods, HeadOnACustomResourceIsAGetWithoutBody) {
  for (const std::string& path : {kTeamClusters, kTeamClusters + "/a"}) {
    auto r = client_.request("HEAD", path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.content_type, "application/json") << path;
    EXPECT_TRUE(r.body.empty()) << path;
  }
  EXPECT_EQ(client_.request("HEAD", kTeamClusters + "/missing").status, 404);
}

TEST_F(HttpMethods, HeadOnABuiltInResourceIsNotRouted) {
  auto r = client_.request("HEAD", "/api/v1/namespaces/team");
  EXPECT_EQ(r.status, 405);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(client_.request("HEAD", "/api/v1/namespaces").status, 405);
}

TEST_F(HttpMethods, OptionsOnABuiltInResourceIsNotRouted) {
  auto r = client_.request("OPTIONS", "/api/v1/namespaces/team/secrets");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.json(), generic_405());
  EXPECT_EQ(r.headers.count("Allow"), 0u) << "the serviceErrorHandler sets no Allow header";
}

TEST_F(HttpMethods, OptionsOnACustomResourceIsMethodNotSupported) {
  auto r = client_.request("OPTIONS", kTeamClusters + "/a");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.json(),
            json({{"kind", "Status"},
                  {"apiVersion", "v1"},
                  {"metadata", json::object()},
                  {"status", "Failure"},
                  {"message", " is not supported on resources of kind \"clusters.k3k.io\""},
                  {"reason", "MethodNotAllowed"},
                  {"details", {{"group", "k3k.io"}, {"kind", "clusters"}}},
                  {"code", 405}}));
}

TEST_F(HttpMethods, UpdatingACollection) {
  auto builtin = client_.put("/api/v1/namespaces/team/secrets", json::object());
  EXPECT_EQ(builtin.status, 405);
  EXPECT_EQ(builtin.json(), generic_405());
  auto custom = client_.patch(kTeamClusters, json::object());
  EXPECT_EQ(custom.status, 400);
  EXPECT_EQ(custom.json()["message"], "name must be provided");
  EXPECT_EQ(custom.json()["reason"], "BadRequest");
}

TEST_F(HttpMethods, UnroutedMethodsAreStillAuthorizedFirst) {
  TestClient nobody(server_, Credentials::token("t0k3n"));
  server_.access().add_token("t0k3n", {"dev", {}});
  EXPECT_EQ(nobody.request("HEAD", "/api/v1/namespaces/team").status, 403);
  EXPECT_EQ(nobody.request("OPTIONS", kTeamClusters).status, 403);
}

}  // namespace
}  // namespace kraft::testing
