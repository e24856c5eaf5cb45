// The client against the test API server over real TLS: create, get, list, replace, patch
// and remove with kube-apiserver's semantics.
#include <gtest/gtest.h>
#include <kraft/core/error.h>

#include "api/test_support/server_client.h"

namespace kraft::api {
namespace {

using nlohmann::json;
using namespace testing;

class ServerCrud : public ::testing::Test {
 protected:
  void SetUp() override { client_.create(resources::namespaces(), "", namespace_object("team")); }

  kraft::testing::TestApiServer server_;
  Client client_ = Client::connect(admin_config(server_));
};

TEST_F(ServerCrud, NamespacesAreCreatedReadAndRemoved) {
  json created = client_.create(resources::namespaces(), "", namespace_object("other"));
  EXPECT_FALSE(created["metadata"]["uid"].get<std::string>().empty());
  EXPECT_EQ(client_.get(resources::namespaces(), "", "other")["metadata"]["name"], "other");
  // Namespaces terminate before they go: the answer is the namespace, still there.
  auto still = client_.remove(resources::namespaces(), "", "other");
  ASSERT_TRUE(still);
  EXPECT_EQ((*still)["status"]["phase"], "Terminating");
}

TEST_F(ServerCrud, AnEmptyOrDottedNameNeverReachesTheServer) {
  json secret = {{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", {{"name", "keep"}}}};
  client_.create(resources::secrets(), "team", secret);
  EXPECT_THROW(client_.remove(resources::secrets(), "team", ""), ValidationError);
  EXPECT_THROW(client_.remove(resources::secrets(), "team", ".."), ValidationError);
  EXPECT_THROW(client_.get(resources::secrets(), "team", ""), ValidationError);
  EXPECT_THROW(client_.patch(resources::secrets(), "team", ".", json::object()), ValidationError);
  EXPECT_TRUE(client_.get_opt(resources::secrets(), "team", "keep")) << "nothing was deleted";
}

TEST_F(ServerCrud, SecretsRoundTripInANamespace) {
  client_.create(resources::secrets(), "team", secret("s1"));
  json s = client_.get(resources::secrets(), "team", "s1");
  EXPECT_EQ(s["data"]["k"], "dg==");
  EXPECT_FALSE(client_.remove(resources::secrets(), "team", "s1"));
  EXPECT_FALSE(client_.get_opt(resources::secrets(), "team", "s1"));
}

TEST_F(ServerCrud, GettingAMissingObjectIsNotFoundWithExitCodeThree) {
  try {
    client_.get(clusters(), "team", "nope");
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_not_found());
    EXPECT_EQ(e.reason(), "NotFound");
    EXPECT_EQ(e.exit_code(), ExitCode::kNotFound);
    EXPECT_STREQ(e.what(), R"(clusters.k3k.io "nope" not found)");
  }
}

TEST_F(ServerCrud, AnUnknownGroupIsAPlainTextNotFound) {
  ResourceInfo widgets{"example.com", "v1", "Widget", "widgets", true};
  try {
    client_.list(widgets, "team");
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_not_found());
    EXPECT_NE(std::string(e.what()).find("404 page not found"), std::string::npos) << e.what();
  }
}

TEST_F(ServerCrud, ClustersAreDefaultedOnCreate) {
  json a = client_.create(clusters(), "team", cluster("a"));
  EXPECT_EQ(a["spec"]["servers"], 1);
  EXPECT_EQ(a["metadata"]["managedFields"][0]["manager"], "kraft");
}

TEST_F(ServerCrud, StrictValidationRefusesAMisspelledField) {
  try {
    client_.create(clusters(), "team", cluster("a", {{"serverz", 3}}));
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), 400);
    EXPECT_NE(std::string(e.what()).find(R"(unknown field "spec.serverz")"), std::string::npos);
  }
  EXPECT_FALSE(client_.get_opt(clusters(), "team", "a"));
}

TEST_F(ServerCrud, ALaxCreateWarnsAboutAMisspelledField) {
  std::vector<std::string> warnings;
  client_.on_warning([&](const std::string& w) { warnings.push_back(w); });
  WriteOptions lax;
  lax.strict = false;
  json a = client_.create(clusters(), "team", cluster("a", {{"serverz", 3}}), lax);
  EXPECT_FALSE(a["spec"].contains("serverz"));
  EXPECT_EQ(warnings, std::vector<std::string>{R"(unknown field "spec.serverz")"});
}

TEST_F(ServerCrud, InvalidObjectsCarryTheirCauses) {
  try {
    client_.create(clusters(), "team", cluster("a", {{"servers", 0}}));
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_invalid());
    ASSERT_FALSE(e.causes().empty());
    EXPECT_EQ(e.causes()[0].field, "spec.servers");
  }
}

TEST_F(ServerCrud, DryRunCreateIsNotPersisted) {
  WriteOptions dry;
  dry.dry_run = true;
  json a = client_.create(clusters(), "team", cluster("a"), dry);
  EXPECT_EQ(a["metadata"]["name"], "a");
  EXPECT_FALSE(client_.get_opt(clusters(), "team", "a"));
}

TEST_F(ServerCrud, CreatingTwiceIsAlreadyExists) {
  client_.create(clusters(), "team", cluster("a"));
  try {
    client_.create(clusters(), "team", cluster("a"));
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_already_exists());
    EXPECT_FALSE(e.is_conflict());
  }
}

TEST_F(ServerCrud, ReplaceWithAStaleResourceVersionIsAConflict) {
  json a = client_.create(clusters(), "team", cluster("a"));
  json newer = a;
  newer["spec"]["servers"] = 2;
  newer = client_.replace(clusters(), "team", newer);
  EXPECT_EQ(newer["spec"]["servers"], 2);
  a["spec"]["servers"] = 3;
  try {
    client_.replace(clusters(), "team", a);
    FAIL() << "no conflict";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_conflict());
  }
}

TEST_F(ServerCrud, MergeAndJsonPatchesChangeFields) {
  client_.create(clusters(), "team", cluster("a"));
  json a = client_.patch(clusters(), "team", "a", {{"spec", {{"servers", 3}}}});
  EXPECT_EQ(a["spec"]["servers"], 3);
  PatchOptions jp;
  jp.type = PatchType::kJson;
  a = client_.patch(clusters(), "team", "a",
                    json::array({{{"op", "replace"}, {"path", "/spec/servers"}, {"value", 2}}}),
                    jp);
  EXPECT_EQ(a["spec"]["servers"], 2);
}

TEST_F(ServerCrud, ApplyTakesAnotherManagersFieldOnlyWithForce) {
  WriteOptions other;
  other.field_manager = "someone-else";
  client_.create(clusters(), "team", cluster("a", {{"servers", 1}}), other);
  PatchOptions apply;
  apply.type = PatchType::kApply;
  json intent = cluster("a", {{"servers", 2}});
  try {
    client_.patch(clusters(), "team", "a", intent, apply);
    FAIL() << "no conflict";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_conflict());
    ASSERT_FALSE(e.causes().empty());
    EXPECT_EQ(e.causes()[0].reason, "FieldManagerConflict");
  }
  apply.force = true;
  EXPECT_EQ(client_.patch(clusters(), "team", "a", intent, apply)["spec"]["servers"], 2);
}

TEST_F(ServerCrud, RemoveChecksPreconditions) {
  json a = client_.create(clusters(), "team", cluster("a"));
  DeleteOptions wrong;
  wrong.precondition_uid = "not-the-uid";
  try {
    client_.remove(clusters(), "team", "a", wrong);
    FAIL() << "no conflict";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_conflict());
  }
  DeleteOptions right;
  right.precondition_uid = a["metadata"]["uid"];
  right.precondition_resource_version = a["metadata"]["resourceVersion"];
  EXPECT_FALSE(client_.remove(clusters(), "team", "a", right));
  EXPECT_FALSE(client_.get_opt(clusters(), "team", "a"));
}

TEST_F(ServerCrud, RemoveHeldByAFinalizerReturnsTheObject) {
  json body = cluster("a");
  body["metadata"]["finalizers"] = {"cluster.k3k.io/finalizer"};
  client_.create(clusters(), "team", body);
  auto held = client_.remove(clusters(), "team", "a");
  ASSERT_TRUE(held);
  EXPECT_TRUE((*held)["metadata"].contains("deletionTimestamp"));
}

TEST_F(ServerCrud, DryRunRemoveKeepsTheObject) {
  client_.create(clusters(), "team", cluster("a"));
  DeleteOptions dry;
  dry.dry_run = true;
  client_.remove(clusters(), "team", "a", dry);
  EXPECT_TRUE(client_.get_opt(clusters(), "team", "a"));
}

TEST_F(ServerCrud, OrphanPropagationKeepsDependents) {
  json owner = client_.create(clusters(), "team", cluster("owner"));
  json cm = {{"apiVersion", "v1"},
             {"kind", "ConfigMap"},
             {"metadata",
              {{"name", "dep"},
               {"ownerReferences",
                {{{"apiVersion", "k3k.io/v1beta1"},
                  {"kind", "Cluster"},
                  {"name", "owner"},
                  {"uid", owner["metadata"]["uid"]}}}}}}};
  ResourceInfo configmaps{"", "v1", "ConfigMap", "configmaps", true};
  client_.create(configmaps, "team", cm);
  std::string before = client_.list(configmaps, "team")["metadata"]["resourceVersion"];
  DeleteOptions orphan;
  orphan.propagation_policy = "Orphan";
  client_.remove(clusters(), "team", "owner", orphan);
  // The garbage collector frees the dependent asynchronously: wait for it on a watch.
  WatchOptions o;
  o.resource_version = before;
  o.field_selector = "metadata.name=dep";
  o.timeout_seconds = 10;
  bool freed = false;
  client_.watch(configmaps, "team", o, [&](const WatchEvent& e) {
    freed = e.type == "MODIFIED" && !e.object->at("metadata").contains("ownerReferences");
    return !freed;
  });
  EXPECT_TRUE(freed);
  EXPECT_TRUE(client_.get_opt(configmaps, "team", "dep"));
}

TEST_F(ServerCrud, ListFollowsPagesAcrossASmallLimit) {
  for (int i = 0; i < 5; ++i) client_.create(clusters(), "team", cluster("c" + std::to_string(i)));
  ListOptions o;
  o.page_size = 2;
  json list = client_.list(clusters(), "team", o);
  ASSERT_EQ(list["items"].size(), 5u);
  EXPECT_EQ(list["kind"], "ClusterList");
  EXPECT_EQ(list["items"][4]["metadata"]["name"], "c4");
  EXPECT_FALSE(list["metadata"]["resourceVersion"].get<std::string>().empty());
}

TEST_F(ServerCrud, ListFiltersByLabelAndFieldSelectors) {
  client_.create(resources::secrets(), "team", secret("web", {{"app", "web"}}));
  client_.create(resources::secrets(), "team", secret("db", {{"app", "db"}}));
  ListOptions by_label;
  by_label.label_selector = "app in (web,api)";
  json list = client_.list(resources::secrets(), "team", by_label);
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["metadata"]["name"], "web");
  ListOptions by_field;
  by_field.field_selector = "metadata.name=db";
  list = client_.list(resources::secrets(), "", by_field);
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["metadata"]["namespace"], "team");
}

TEST_F(ServerCrud, AUserWithoutRightsIsForbidden) {
  server_.access().add_token("dev-token", {"dev", {}});
  config::ClientConfig c = anonymous_config(server_);
  c.token = Secret("dev-token");
  Client dev = Client::connect(c);
  try {
    dev.list(clusters(), "team");
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.is_forbidden());
    EXPECT_EQ(e.exit_code(), ExitCode::kError);
  }
}

}  // namespace
}  // namespace kraft::api
