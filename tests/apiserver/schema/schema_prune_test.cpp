#include <gtest/gtest.h>

#include "schema/crd.h"
#include "shared_schemas.h"

namespace kraft::testing {
namespace {

using nlohmann::json;


TEST(SchemaPrune, UnknownSpecFieldIsRemovedAndReported) {
  // cluster-create-unknown-field: Warning: 299 - "unknown field \"spec.serverz\"".
  json obj = json::parse(R"({"apiVersion": "k3k.io/v1beta1", "kind": "Cluster",
      "metadata": {"name": "warn"}, "spec": {"servers": 1, "serverz": 3}})");
  EXPECT_EQ(cluster_schema()->prune(obj), std::vector<std::string>{"spec.serverz"});
  EXPECT_EQ(obj["spec"], (json{{"servers", 1}}));
}

TEST(SchemaPrune, RootTypeMetaAndMetadataAreKept) {
  json obj = json::parse(R"({"apiVersion": "k3k.io/v1beta1", "kind": "Cluster",
      "metadata": {"name": "x", "labels": {"a": "b"}, "whatever": 1}, "spec": {}, "extra": 1})");
  EXPECT_EQ(cluster_schema()->prune(obj), std::vector<std::string>{"extra"});
  EXPECT_EQ(obj["metadata"]["whatever"], 1);  // ObjectMeta is not this module's business
  EXPECT_EQ(obj["apiVersion"], "k3k.io/v1beta1");
}

TEST(SchemaPrune, PathsInsideArraysUseIndexesAndAreSorted) {
  json obj = json::parse(R"({"spec": {
      "addons": [{"secretRef": "a", "zzz": 1}, {"secretNamespace": "n", "bogus": true}],
      "expose": {"nodePort": {"serverPort": 30443, "hostPort": 1}}, "aaa": {}}})");
  EXPECT_EQ(cluster_schema()->prune(obj),
            (std::vector<std::string>{"spec.aaa", "spec.addons[0].zzz", "spec.addons[1].bogus",
                                      "spec.expose.nodePort.hostPort"}));
  EXPECT_EQ(obj["spec"]["addons"][0], (json{{"secretRef", "a"}}));
  EXPECT_EQ(obj["spec"]["expose"]["nodePort"], (json{{"serverPort", 30443}}));
}

TEST(SchemaPrune, MapValuesFollowAdditionalProperties) {
  json obj = json::parse(R"({"spec": {"nodeSelector": {"disk": "ssd"},
      "serverLimit": {"cpu": "1", "memory": 2}}})");
  EXPECT_TRUE(cluster_schema()->prune(obj).empty());
  EXPECT_EQ(obj["spec"]["nodeSelector"]["disk"], "ssd");
  EXPECT_EQ(obj["spec"]["serverLimit"]["memory"], 2);
}

TEST(SchemaPrune, PreserveUnknownFieldsKeepsUnknownButPrunesKnownChildren) {
  auto schema = Schema::compile(json::parse(R"({"type": "object", "properties": {
      "spec": {"type": "object", "x-kubernetes-preserve-unknown-fields": true,
               "properties": {"known": {"type": "object", "properties": {"a": {"type": "string"}}}}}}})"));
  json obj = json::parse(R"({"spec": {"free": {"x": 1}, "known": {"a": "b", "c": 1}}})");
  EXPECT_EQ(schema->prune(obj), std::vector<std::string>{"spec.known.c"});
  EXPECT_EQ(obj["spec"]["free"], (json{{"x", 1}}));
}

TEST(SchemaPrune, ObjectGivenForAScalarLosesItsKeys) {
  json obj = json::parse(R"({"spec": {"servers": {"a": 1}}})");
  EXPECT_EQ(cluster_schema()->prune(obj), std::vector<std::string>{"spec.servers.a"});
  EXPECT_EQ(obj["spec"]["servers"], json::object());
}

}  // namespace
}  // namespace kraft::testing
