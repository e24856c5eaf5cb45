#include "fields/field_set.h"

#include <gtest/gtest.h>

namespace kraft::testing {
namespace {

using nlohmann::json;

TEST(FieldSet, MembersWithChildrenAreWrittenWithADot) {
  FieldSet set;
  set.insert({"f:spec"});
  set.insert({"f:spec", "f:servers"});
  set.insert({"f:metadata", "f:labels", "f:app"});
  EXPECT_EQ(set.to_fields_v1(), json::parse(R"({"f:spec": {".": {}, "f:servers": {}},
      "f:metadata": {"f:labels": {"f:app": {}}}})"));
}

TEST(FieldSet, RoundTripsThroughFieldsV1) {
  json v1 = json::parse(R"({"f:metadata": {"f:finalizers": {".": {}, "v:\"x\"": {}}},
      "f:spec": {".": {}, "f:sync": {".": {}, "f:a": {}}}})");
  FieldSet set = FieldSet::from_fields_v1(v1);
  EXPECT_TRUE(set.has({"f:spec"}));
  EXPECT_FALSE(set.has({"f:metadata"}));
  EXPECT_TRUE(set.has({"f:metadata", "f:finalizers", "v:\"x\""}));
  EXPECT_EQ(set.to_fields_v1(), v1);
}

TEST(FieldSet, DifferenceRemovesExactMembersOnly) {
  FieldSet set = FieldSet::from_fields_v1(json::parse(R"({"f:spec": {".": {}, "f:a": {}}})"));
  FieldSet spec;
  spec.insert({"f:spec"});
  EXPECT_EQ(set.difference(spec).to_fields_v1(), json::parse(R"({"f:spec": {"f:a": {}}})"));
  EXPECT_TRUE(set.recursive_difference(spec).empty());
}

TEST(FieldSet, IntersectionAndUnion) {
  FieldSet a = FieldSet::from_fields_v1(json::parse(R"({"f:spec": {"f:a": {}, "f:b": {}}})"));
  FieldSet b = FieldSet::from_fields_v1(json::parse(R"({"f:spec": {"f:b": {}, "f:c": {}}})"));
  EXPECT_EQ(a.intersection(b).to_fields_v1(), json::parse(R"({"f:spec": {"f:b": {}}})"));
  EXPECT_EQ(a.union_with(b).to_fields_v1(),
            json::parse(R"({"f:spec": {"f:a": {}, "f:b": {}, "f:c": {}}})"));
  EXPECT_TRUE(a.has_prefix({"f:spec"}));
  EXPECT_FALSE(a.has_prefix({"f:status"}));
}

TEST(FieldSet, VisitsMembersBeforeDeeperPaths) {
  FieldSet set = FieldSet::from_fields_v1(
      json::parse(R"({"f:spec": {"f:b": {"f:c": {}}, "f:d": {}}, "f:a": {}})"));
  std::vector<std::string> seen;
  set.for_each([&](const FieldPath& path) { seen.push_back(path_to_string(path)); });
  EXPECT_EQ(seen, (std::vector<std::string>{".a", ".spec.d", ".spec.b.c"}));
}

TEST(FieldPathString, SpellsSetAndMapItems) {
  EXPECT_EQ(path_to_string({"f:metadata", "f:finalizers", "v:\"x\""}),
            ".metadata.finalizers[=\"x\"]");
  EXPECT_EQ(path_to_string({"f:spec", "k:{\"name\":\"a\",\"port\":80}", "f:x"}),
            ".spec[name=\"a\",port=80].x");
}

}  // namespace
}  // namespace kraft::testing
