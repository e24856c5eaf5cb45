#include "fields/patch.h"

#include <gtest/gtest.h>

namespace kraft::testing {
namespace {

using nlohmann::json;

TEST(MergePatch, NullRemovesAKeyAndObjectsMerge) {
  json target = {{"spec", {{"servers", 1}, {"agents", 2}}}};
  json out = apply_merge_patch(target, {{"spec", {{"servers", 3}, {"agents", nullptr}}}});
  EXPECT_EQ(out, json({{"spec", {{"servers", 3}}}}));
}

TEST(MergePatch, NonObjectPatchIsABadRequest) {
  try {
    apply_merge_patch(json::object(), json::array());
    FAIL() << "expected PatchError";
  } catch (const PatchError& e) {
    EXPECT_EQ(e.code(), 400);
  }
}

TEST(JsonPatch, ReplaceAndTestOperations) {
  json target = {{"spec", {{"servers", 1}}}};
  json ops = json::parse(R"([{"op":"test","path":"/spec/servers","value":1},
                             {"op":"replace","path":"/spec/servers","value":2}])");
  EXPECT_EQ(apply_json_patch(target, ops)["spec"]["servers"], 2);
}

TEST(JsonPatch, FailedTestIsUnprocessable) {
  json ops = json::parse(R"([{"op":"test","path":"/spec/servers","value":5}])");
  try {
    apply_json_patch({{"spec", {{"servers", 1}}}}, ops);
    FAIL() << "expected PatchError";
  } catch (const PatchError& e) {
    EXPECT_EQ(e.code(), 422);
  }
}

}  // namespace
}  // namespace kraft::testing
