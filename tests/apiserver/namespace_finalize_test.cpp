// PUT namespaces/NAME/finalize as kube-apiserver 1.26 serves it (FinalizeREST with
// namespaceFinalizeStrategy): only it changes spec.finalizers, it keeps the status, checks
// finalizer names, and the update that empties spec.finalizers of a Terminating namespace
// deletes it (ShouldDeleteNamespaceDuringUpdate).
#include <gtest/gtest.h>

#include "test_support/test_client.h"

namespace kraft::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class NamespaceFinalize : public ::testing::Test {
 protected:
  static TestApiServerOptions options() {
    TestApiServerOptions o;
    o.registry.namespace_finalize_delay = std::chrono::milliseconds(0);
    return o;
  }
  void SetUp() override {
    ASSERT_EQ(client_.post("/api/v1/namespaces", namespace_body("ns")).status, 201);
  }
  json get() { return client_.get("/api/v1/namespaces/ns").json(); }
  HttpResult finalize(json ns, const json& finalizers) {
    ns["spec"]["finalizers"] = finalizers;
    return client_.put("/api/v1/namespaces/ns/finalize", ns);
  }
  TestApiServer server_{options()};
  TestClient client_{server_};
};

TEST_F(NamespaceFinalize, OnlyTheFinalizeSubresourceChangesSpecFinalizers) {
  json ns = get();
  ASSERT_EQ(ns["spec"]["finalizers"], json::array({"kubernetes"}));
  json edited = ns;
  edited["spec"]["finalizers"] = json::array();
  edited["metadata"]["labels"]["a"] = "b";
  auto plain = client_.put("/api/v1/namespaces/ns", edited);
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_EQ(plain.json()["spec"]["finalizers"], json::array({"kubernetes"}))
      << "a main-resource update keeps them";
  EXPECT_EQ(plain.json()["metadata"]["labels"]["a"], "b");

  json current = plain.json();
  json with_status = current;
  with_status["status"]["phase"] = "Terminating";
  auto r = finalize(with_status, json::array({"kubernetes", "example.com/cleanup"}));
  ASSERT_EQ(r.status, 200) << r.body;
  json body = r.json();
  EXPECT_EQ(body["kind"], "Namespace");
  EXPECT_EQ(body["spec"]["finalizers"], json::array({"kubernetes", "example.com/cleanup"}));
  EXPECT_EQ(body["status"]["phase"], "Active") << "the finalize strategy keeps the status";
  EXPECT_NE(body["metadata"]["resourceVersion"], current["metadata"]["resourceVersion"]);
  EXPECT_EQ(get()["spec"]["finalizers"], body["spec"]["finalizers"]);
}

TEST_F(NamespaceFinalize, FinalizerNamesMustBeStandardOrQualified) {
  auto r = finalize(get(), json::array({"kubernetes", "cleanup"}));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json(), json({{"kind", "Status"},
                            {"apiVersion", "v1"},
                            {"metadata", json::object()},
                            {"status", "Failure"},
                            {"message",
                             "Namespace \"ns\" is invalid: spec.finalizers[1]: Invalid value: "
                             "\"cleanup\": name is neither a standard finalizer name nor is it "
                             "fully qualified"},
                            {"reason", "Invalid"},
                            {"details",
                             {{"name", "ns"},
                              {"kind", "Namespace"},
                              {"causes", json::array({{{"reason", "FieldValueInvalid"},
                                                       {"message",
                                                        "Invalid value: \"cleanup\": name is "
                                                        "neither a standard finalizer name nor "
                                                        "is it fully qualified"},
                                                       {"field", "spec.finalizers[1]"}}})}}},
                            {"code", 422}}));
}

TEST_F(NamespaceFinalize, AStaleResourceVersionConflicts) {
  json old = get();
  ASSERT_EQ(
      client_.patch("/api/v1/namespaces/ns", {{"metadata", {{"labels", {{"x", "y"}}}}}}).status,
      200);
  EXPECT_EQ(finalize(old, json::array()).status, 409);
}

TEST_F(NamespaceFinalize, OtherMethodsAreNotRouted) {
  EXPECT_EQ(client_.get("/api/v1/namespaces/ns/finalize").status, 405);
  EXPECT_EQ(
      client_.patch("/api/v1/namespaces/ns/finalize", {{"spec", {{"finalizers", json::array()}}}})
          .status,
      405);
}

TEST_F(NamespaceFinalize, AnotherFinalizerKeepsANamespaceTerminatingUntilFinalizeRemovesIt) {
  ASSERT_EQ(finalize(get(), json::array({"kubernetes", "example.com/cleanup"})).status, 200);
  auto w = client_.watch_from_now("/api/v1/namespaces?fieldSelector=metadata.name%3Dns");
  ASSERT_EQ(client_.del("/api/v1/namespaces/ns").status, 200);
  // Terminating, then the namespace controller removes its own finalizer only.
  std::optional<json> controller_done;
  while (auto e = w->next(10s)) {
    ASSERT_EQ((*e)["type"], "MODIFIED") << e->dump();
    if ((*e)["object"]["spec"]["finalizers"] == json::array({"example.com/cleanup"})) {
      controller_done = (*e)["object"];
      break;
    }
  }
  ASSERT_TRUE(controller_done);
  EXPECT_EQ((*controller_done)["status"]["phase"], "Terminating");

  json ns = get();
  auto r = finalize(ns, json::array());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["spec"]["finalizers"], json::array());
  EXPECT_EQ(r.json()["metadata"]["resourceVersion"], ns["metadata"]["resourceVersion"])
      << "the answer is the updated object, which was deleted rather than stored";
  EXPECT_EQ(client_.get("/api/v1/namespaces/ns").status, 404);
  auto deleted = w->next(10s);
  ASSERT_TRUE(deleted);
  EXPECT_EQ((*deleted)["type"], "DELETED");
  EXPECT_EQ((*deleted)["object"]["spec"]["finalizers"], json::array({"example.com/cleanup"}))
      << "as it was stored before the update";
}

TEST_F(NamespaceFinalize, DiscoveryListsTheSubresource) {
  json resources = client_.get("/api/v1").json()["resources"];
  bool found = false;
  for (const auto& r : resources) {
    if (r["name"] == "namespaces/finalize") {
      found = true;
      EXPECT_EQ(r["verbs"], json::array({"update"}));
      EXPECT_EQ(r["kind"], "Namespace");
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace kraft::testing
