// Server-side apply replayed against cluster-server-side-apply.json.
#include <gtest/gtest.h>

#include <fstream>

#include "fields/managed_fields.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

std::vector<json> ssa_steps() {
  std::ifstream in(KRAFT_TEST_DATA_DIR "/kube-transcripts/cluster-server-side-apply.json");
  std::vector<json> out;
  const json recorded = json::parse(in);
  for (const json& step : recorded["steps"]) {
    if (step["request"]["method"] == "PATCH") out.push_back(step);
  }
  return out;
}

FieldManager applier(std::string name, std::string time = "<time>") {
  return {std::move(name), "Apply", "k3k.io/v1beta1", "", std::move(time), {"status"}};
}

const json& managed(const json& object) { return object["metadata"]["managedFields"]; }

TEST(ServerSideApply, CreateOwnsOnlyTheAppliedLeaves) {
  std::vector<json> s = ssa_steps();
  ApplyResult result =
      server_side_apply(nullptr, s[0]["request"]["body"], applier("kraft"), false, nullptr);
  EXPECT_TRUE(result.conflicts.empty());
  EXPECT_TRUE(result.changed);
  EXPECT_EQ(managed(result.object), managed(s[0]["response"]["body"]));
  EXPECT_EQ(result.object["spec"],
            json::parse(R"({"servers": 1, "persistence": {"type": "dynamic"}})"));
}

TEST(ServerSideApply, ReapplyBySameManagerChangesTheValue) {
  std::vector<json> s = ssa_steps();
  json live = s[0]["response"]["body"];
  ApplyResult result =
      server_side_apply(&live, s[1]["request"]["body"], applier("kraft"), false, nullptr);
  EXPECT_TRUE(result.conflicts.empty());
  EXPECT_EQ(result.object["spec"]["servers"], 2);
  EXPECT_EQ(managed(result.object), managed(s[1]["response"]["body"]));
}

TEST(ServerSideApply, IdenticalReapplyChangesNothing) {
  std::vector<json> s = ssa_steps();
  json live = s[1]["response"]["body"];
  live["metadata"]["managedFields"][0]["time"] = "2026-01-01T00:00:00Z";
  ApplyResult result = server_side_apply(&live, s[1]["request"]["body"],
                                         applier("kraft", "2026-06-01T00:00:00Z"), false, nullptr);
  EXPECT_FALSE(result.changed);
  EXPECT_EQ(result.object, live);
}

TEST(ServerSideApply, SecondManagerConflictsOnAFieldItWouldChange) {
  std::vector<json> s = ssa_steps();
  json live = s[1]["response"]["body"];
  ApplyResult result =
      server_side_apply(&live, s[2]["request"]["body"], applier("other"), false, nullptr);
  ASSERT_EQ(result.conflicts.size(), 1u);
  EXPECT_EQ(result.conflicts[0].manager, "kraft");
  EXPECT_EQ(result.conflicts[0].field, ".spec.servers");
  const json& status = s[2]["response"]["body"];
  EXPECT_EQ(result.conflicts[0].message, status["details"]["causes"][0]["message"]);
  EXPECT_EQ(apply_conflict_message(result.conflicts), status["message"]);
}

TEST(ServerSideApply, ForceMovesTheFieldToTheNewManager) {
  std::vector<json> s = ssa_steps();
  json live = s[1]["response"]["body"];
  ApplyResult result =
      server_side_apply(&live, s[3]["request"]["body"], applier("other"), true, nullptr);
  EXPECT_TRUE(result.conflicts.empty());
  EXPECT_EQ(result.object["spec"]["servers"], 3);
  EXPECT_EQ(managed(result.object), managed(s[3]["response"]["body"]));
}

TEST(ServerSideApply, SameValueIsSharedWithoutConflict) {
  std::vector<json> s = ssa_steps();
  json live = s[1]["response"]["body"];  // servers: 2, owned by kraft
  json config = {{"apiVersion", "k3k.io/v1beta1"},
                 {"kind", "Cluster"},
                 {"metadata", {{"name", "ssa"}}},
                 {"spec", {{"servers", 2}}}};
  ApplyResult result = server_side_apply(&live, config, applier("other"), false, nullptr);
  EXPECT_TRUE(result.conflicts.empty());
  ASSERT_EQ(managed(result.object).size(), 2u);
  // Nothing but managedFields changed, so the newcomer's entry carries no time, and an entry
  // without time sorts first.
  EXPECT_EQ(managed(result.object)[0], json::parse(R"({"manager": "other", "operation": "Apply",
      "apiVersion": "k3k.io/v1beta1", "fieldsType": "FieldsV1",
      "fieldsV1": {"f:spec": {"f:servers": {}}}})"));
  EXPECT_EQ(managed(result.object)[1], managed(live)[0]);
  EXPECT_TRUE(result.changed);
}

TEST(ServerSideApply, ConflictsWithAnUpdaterNameItsApiVersion) {
  json live = json::parse(R"({"apiVersion": "k3k.io/v1beta1", "kind": "Cluster",
      "metadata": {"name": "c", "managedFields": [{"manager": "kraft-recorder",
        "operation": "Update", "apiVersion": "k3k.io/v1beta1", "time": "<time>",
        "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {".": {}, "f:mode": {}, "f:servers": {}}}}]},
      "spec": {"mode": "shared", "servers": 1}})");
  json config = {{"spec", {{"mode", "virtual"}, {"servers", 2}}}};
  ApplyResult result = server_side_apply(&live, config, applier("kraft"), false, nullptr);
  ASSERT_EQ(result.conflicts.size(), 2u);
  EXPECT_EQ(result.conflicts[0].message, R"(conflict with "kraft-recorder" using k3k.io/v1beta1)");
  EXPECT_EQ(apply_conflict_message(result.conflicts),
            "Apply failed with 2 conflicts: conflicts with \"kraft-recorder\" using "
            "k3k.io/v1beta1:\n- .spec.mode\n- .spec.servers");
}

TEST(ServerSideApply, DroppingAFieldFromTheConfigRemovesIt) {
  std::vector<json> s = ssa_steps();
  json live = s[1]["response"]["body"];
  json config = {{"apiVersion", "k3k.io/v1beta1"},
                 {"kind", "Cluster"},
                 {"metadata", {{"name", "ssa"}}},
                 {"spec", {{"servers", 2}}}};
  ApplyResult result = server_side_apply(&live, config, applier("kraft"), false, nullptr);
  // persistence.type goes; the defaulted storageRequestSize nobody owns stays.
  EXPECT_EQ(result.object["spec"]["persistence"], json::parse(R"({"storageRequestSize": "2G"})"));
  EXPECT_EQ(managed(result.object)[0]["fieldsV1"], json::parse(R"({"f:spec": {"f:servers": {}}})"));
}

TEST(ServerSideApply, StatusInTheConfigOfTheMainResourceIsIgnored) {
  json config = {{"spec", {{"servers", 1}}}, {"status", {{"phase", "Ready"}}}};
  ApplyResult result = server_side_apply(nullptr, config, applier("kraft"), false, nullptr);
  EXPECT_FALSE(result.object.contains("status"));
  EXPECT_EQ(managed(result.object)[0]["fieldsV1"], json::parse(R"({"f:spec": {"f:servers": {}}})"));
}

}  // namespace
}  // namespace kraft::testing
