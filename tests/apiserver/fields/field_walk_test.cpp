// List semantics that only a schema (x-kubernetes-list-type) asks for, on the walks server-side
// apply is built from.
#include "fields/field_walk.h"

#include <gtest/gtest.h>

namespace kraft::testing {
namespace {

using nlohmann::json;

const json kSchema = json::parse(R"({"type": "object", "properties": {"spec": {
    "type": "object", "properties": {
      "tlsSANs": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "set"},
      "ports": {"type": "array", "x-kubernetes-list-type": "map",
                "x-kubernetes-list-map-keys": ["protocol", "name"], "items": {"type": "object"}},
      "selector": {"type": "object", "x-kubernetes-map-type": "atomic"},
      "args": {"type": "array", "items": {"type": "string"}}}}}})");

FieldShape shape() { return FieldShape::from_openapi(&kSchema); }

TEST(AppliedFieldSet, OwnsSetAndMapListItemsOneByOne) {
  json config = json::parse(R"({"spec": {"tlsSANs": ["a"], "args": ["x"], "selector": {"k": "v"},
      "ports": [{"name": "http", "protocol": "TCP", "port": 80}]}})");
  EXPECT_EQ(applied_field_set(config, shape()).to_fields_v1(), json::parse(R"({"f:spec": {
      "f:args": {}, "f:selector": {},
      "f:tlsSANs": {"v:\"a\"": {}},
      "f:ports": {"k:{\"name\":\"http\",\"protocol\":\"TCP\"}": {
          ".": {}, "f:name": {}, "f:port": {}, "f:protocol": {}}}}})"));
}

TEST(AppliedFieldSet, WithoutSchemaListsAreAtomicButMetadataKeepsItsRules) {
  json config = json::parse(R"({"metadata": {"finalizers": ["f"], "labels": {"a": "b"},
      "ownerReferences": [{"uid": "1", "name": "o"}]}, "spec": {"list": [1, 2]}})");
  EXPECT_EQ(applied_field_set(config, FieldShape::root(nullptr)).to_fields_v1(),
            json::parse(R"({"f:metadata": {"f:finalizers": {"v:\"f\"": {}},
                "f:labels": {"f:a": {}},
                "f:ownerReferences": {"k:{\"uid\":\"1\"}": {".": {}, "f:name": {}, "f:uid": {}}}},
                "f:spec": {"f:list": {}}})"));
}

TEST(CompareObjects, ReportsAddedModifiedAndRemovedItems) {
  json before = json::parse(R"({"spec": {"tlsSANs": ["a", "b"],
      "ports": [{"name": "http", "protocol": "TCP", "port": 80}]}})");
  json after = json::parse(R"({"spec": {"tlsSANs": ["b", "c"],
      "ports": [{"name": "http", "protocol": "TCP", "port": 81}]}})");
  FieldComparison diff = compare_objects(before, after, shape());
  EXPECT_EQ(diff.added.to_fields_v1(),
            json::parse(R"({"f:spec": {"f:tlsSANs": {"v:\"c\"": {}}}})"));
  EXPECT_EQ(diff.removed.to_fields_v1(),
            json::parse(R"({"f:spec": {"f:tlsSANs": {"v:\"a\"": {}}}})"));
  std::vector<std::string> modified;
  diff.modified.for_each([&](const FieldPath& p) { modified.push_back(path_to_string(p)); });
  EXPECT_EQ(modified, std::vector<std::string>{R"(.spec.ports[name="http",protocol="TCP"].port)"});
}

TEST(MergeObjects, MergesListsByItemAndReplacesAtomicValues) {
  json live = json::parse(R"({"spec": {"tlsSANs": ["a"], "args": ["x"], "selector": {"k": "v"},
      "ports": [{"name": "http", "protocol": "TCP", "port": 80, "extra": true}]}})");
  json config = json::parse(R"({"spec": {"tlsSANs": ["b"], "args": ["y"], "selector": {"j": "w"},
      "ports": [{"name": "https", "protocol": "TCP", "port": 443},
                {"name": "http", "protocol": "TCP", "port": 8080}]}})");
  json merged = merge_objects(live, config, shape());
  EXPECT_EQ(merged, json::parse(R"({"spec": {"tlsSANs": ["a", "b"], "args": ["y"],
      "selector": {"j": "w"},
      "ports": [{"name": "https", "protocol": "TCP", "port": 443},
                {"name": "http", "protocol": "TCP", "port": 8080, "extra": true}]}})"));
}

TEST(MergeObjects, LiveOnlyItemsKeepTheirPlace) {
  json live = json::parse(R"({"spec": {"tlsSANs": ["a", "b", "c"]}})");
  json config = json::parse(R"({"spec": {"tlsSANs": ["c", "d", "a"]}})");
  EXPECT_EQ(merge_objects(live, config, shape())["spec"]["tlsSANs"],
            json::parse(R"(["b", "c", "d", "a"])"));
}

TEST(RemoveField, RemovesFieldsAndListItems) {
  json object = json::parse(R"({"metadata": {"finalizers": ["a", "b"]},
      "spec": {"ports": [{"name": "x", "protocol": "TCP"}, {"name": "y", "protocol": "TCP"}]}})");
  EXPECT_TRUE(remove_field(object, {"f:metadata", "f:finalizers", "v:\"a\""}));
  EXPECT_TRUE(
      remove_field(object, {"f:spec", "f:ports", "k:{\"name\":\"y\",\"protocol\":\"TCP\"}"}));
  EXPECT_FALSE(remove_field(object, {"f:spec", "f:missing"}));
  EXPECT_EQ(object, json::parse(R"({"metadata": {"finalizers": ["b"]},
      "spec": {"ports": [{"name": "x", "protocol": "TCP"}]}})"));
}

}  // namespace
}  // namespace kraft::testing
