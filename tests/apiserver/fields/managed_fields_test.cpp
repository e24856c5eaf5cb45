// managedFields bookkeeping replayed against recorded kube-apiserver answers: each test feeds
// the objects a real server stored into record_update / server_side_apply and expects the
// managedFields that server returned, exactly. who.time is "<time>", the transcripts' stand-in.
#include "fields/managed_fields.h"

#include <gtest/gtest.h>

#include <fstream>

#include "fields/patch.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

json transcript(const std::string& name) {
  std::ifstream in(std::string(KRAFT_TEST_DATA_DIR) + "/kube-transcripts/" + name + ".json");
  return json::parse(in);
}

// The steps that are not setup/cleanup, in order.
std::vector<json> steps(const std::string& name) {
  std::vector<json> out;
  const json recorded = transcript(name);
  for (const json& step : recorded["steps"]) {
    std::string note = step.contains("note") && step["note"].is_string() ? step["note"] : "";
    if (note.rfind("setup", 0) == 0 || note.rfind("cleanup", 0) == 0) continue;
    out.push_back(step);
  }
  return out;
}

json setup_namespace(const std::string& name) {
  const json recorded = transcript(name);
  for (const json& step : recorded["steps"]) {
    if (step.value("note", json()).is_string() &&
        step["note"].get<std::string>().rfind("setup", 0) == 0) {
      return step["response"]["body"];
    }
  }
  return nullptr;
}

FieldManager updater(std::vector<std::string> reset = {"status"}, std::string subresource = "",
                     std::string api_version = "k3k.io/v1beta1") {
  return {"kraft-recorder",       "Update", std::move(api_version),
          std::move(subresource), "<time>", std::move(reset)};
}

json without_managed(json object) {
  object["metadata"].erase("managedFields");
  return object;
}

TEST(ManagedFields, CreateOwnsEveryDefaultedSpecFieldButNotStatus) {
  json stored = steps("cluster-create-defaults")[0]["response"]["body"];
  json created = without_managed(stored);
  record_update(nullptr, created, updater(), nullptr);
  EXPECT_EQ(created["metadata"]["managedFields"], stored["metadata"]["managedFields"]);
}

TEST(ManagedFields, CreateOwnsLabelsAsAMapAndFinalizersAsASet) {
  for (const char* scenario :
       {"cluster-patch", "cluster-delete-finalizer", "cluster-generate-name"}) {
    json stored = steps(scenario)[0]["response"]["body"];
    json created = without_managed(stored);
    record_update(nullptr, created, updater(), nullptr);
    EXPECT_EQ(created["metadata"]["managedFields"], stored["metadata"]["managedFields"])
        << scenario;
  }
}

TEST(ManagedFields, NamespaceCreateOwnsTheDefaultedNameLabelOnly) {
  json stored = steps("namespace-lifecycle")[0]["response"]["body"];
  // The strategy fills spec.finalizers and status after the field manager ran.
  json decoded = without_managed(stored);
  decoded.erase("spec");
  decoded.erase("status");
  record_update(nullptr, decoded, updater({"status"}, "", "v1"), nullptr);
  EXPECT_EQ(decoded["metadata"]["managedFields"], stored["metadata"]["managedFields"]);
}

TEST(ManagedFields, SecretCreateOwnsDataKeysAndDefaultedType) {
  json stored = steps("secret-data-stringdata")[0]["response"]["body"];
  json created = without_managed(stored);
  record_update(nullptr, created, updater({}, "", "v1"), nullptr);
  EXPECT_EQ(created["metadata"]["managedFields"], stored["metadata"]["managedFields"]);
}

TEST(ManagedFields, MergeAndJsonPatchesGrowTheWritersEntry) {
  std::vector<json> s = steps("cluster-patch");
  json live = s[0]["response"]["body"];
  json merged = apply_merge_patch(live, s[1]["request"]["body"]);
  record_update(&live, merged, updater(), nullptr);
  EXPECT_EQ(merged["metadata"]["managedFields"],
            s[1]["response"]["body"]["metadata"]["managedFields"]);

  json patched = apply_json_patch(merged, s[2]["request"]["body"]);
  record_update(&merged, patched, updater(), nullptr);
  EXPECT_EQ(patched["metadata"]["managedFields"],
            s[2]["response"]["body"]["metadata"]["managedFields"]);
  EXPECT_EQ(patched["metadata"]["managedFields"][0]["fieldsV1"]["f:metadata"]["f:labels"],
            json::parse(R"({".": {}, "f:app": {}, "f:tier": {}})"));
}

TEST(ManagedFields, RemovingTheLastFinalizerDropsItFromEveryEntry) {
  std::vector<json> s = steps("cluster-delete-finalizer");
  json live = s[1]["response"]["body"];  // after DELETE: deletionTimestamp set
  json patched = apply_merge_patch(live, s[4]["request"]["body"]);
  record_update(&live, patched, updater(), nullptr);
  EXPECT_EQ(patched["metadata"]["managedFields"],
            s[4]["response"]["body"]["metadata"]["managedFields"]);
}

TEST(ManagedFields, NamespaceLabelPatchJoinsTheExistingEntry) {
  json live = setup_namespace("vcp-lifecycle");
  std::vector<json> s = steps("vcp-lifecycle");
  json patched = apply_merge_patch(live, s[3]["request"]["body"]);
  record_update(&live, patched, updater({"status"}, "", "v1"), nullptr);
  EXPECT_EQ(patched["metadata"]["managedFields"],
            s[3]["response"]["body"]["metadata"]["managedFields"]);
}

TEST(ManagedFields, StatusWritesGetTheirOwnSubresourceEntry) {
  std::vector<json> s = steps("cluster-status-subresource");
  json live = s[0]["response"]["body"];

  // PUT /status: everything but status is reset.
  json put_status = s[1]["request"]["body"];
  record_update(&live, put_status, updater({"spec"}, "status"), nullptr);
  json expected = s[1]["response"]["body"]["metadata"]["managedFields"];
  EXPECT_EQ(put_status["metadata"]["managedFields"], expected);

  // PUT of the main resource: the status change is ignored, spec.servers already owned.
  json stored = s[1]["response"]["body"];
  json put_main = s[2]["request"]["body"];
  record_update(&stored, put_main, updater(), nullptr);
  EXPECT_EQ(put_main["metadata"]["managedFields"], expected);

  // Merge patch of /status that also touches spec.
  json before = s[2]["response"]["body"];
  json patched = apply_merge_patch(before, s[4]["request"]["body"]);
  record_update(&before, patched, updater({"spec"}, "status"), nullptr);
  EXPECT_EQ(patched["metadata"]["managedFields"], expected);
}

TEST(ManagedFields, AnUpdateThatChangesNothingKeepsTheEntryAndItsTime) {
  json live = steps("cluster-patch")[1]["response"]["body"];
  live["metadata"]["managedFields"][0]["time"] = "2026-01-01T00:00:00Z";
  json same = live;
  record_update(&live, same, updater(), nullptr);
  EXPECT_EQ(same, live);
}

TEST(ManagedFields, AnotherUpdaterTakesOverTheFieldsItChanges) {
  json live = steps("cluster-patch")[1]["response"]["body"];
  live["metadata"]["managedFields"][0]["time"] = "2026-01-01T00:00:00Z";
  json patched = apply_merge_patch(live, {{"spec", {{"servers", 5}}}});
  FieldManager kubectl = updater();
  kubectl.manager = "kubectl";
  kubectl.time = "2026-01-02T00:00:00Z";
  record_update(&live, patched, kubectl, nullptr);
  const json& entries = patched["metadata"]["managedFields"];
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["manager"], "kraft-recorder");  // older time sorts first
  EXPECT_FALSE(entries[0]["fieldsV1"]["f:spec"].contains("f:servers"));
  EXPECT_EQ(entries[1], json::parse(R"({"manager": "kubectl", "operation": "Update",
      "apiVersion": "k3k.io/v1beta1", "time": "2026-01-02T00:00:00Z", "fieldsType": "FieldsV1",
      "fieldsV1": {"f:spec": {"f:servers": {}}}})"));
}

TEST(ManagedFields, FieldsV1OfAnObjectLeavesOutServerFields) {
  json object = json::parse(R"({"apiVersion": "v1", "kind": "Secret",
      "metadata": {"name": "a", "namespace": "n", "uid": "u", "resourceVersion": "3",
                   "annotations": {"x": "y"},
                   "ownerReferences": [{"uid": "u1", "name": "o", "kind": "K"}]},
      "type": "Opaque"})");
  EXPECT_EQ(fields_v1_of(object, nullptr), json::parse(R"({
      "f:metadata": {"f:annotations": {".": {}, "f:x": {}},
                     "f:ownerReferences": {".": {}, "k:{\"uid\":\"u1\"}": {
                         ".": {}, "f:kind": {}, "f:name": {}, "f:uid": {}}}},
      "f:type": {}})"));
}

TEST(ManagerFromUserAgent, TakesTheProgramNameBeforeTheFirstSlash) {
  EXPECT_EQ(manager_from_user_agent("kraft-recorder/1.0 (linux/amd64)"), "kraft-recorder");
  EXPECT_EQ(manager_from_user_agent("kubectl/v1.32.4 (linux/amd64) kubernetes/abc"), "kubectl");
  EXPECT_EQ(manager_from_user_agent("curl"), "curl");
  EXPECT_EQ(manager_from_user_agent(""), "");
}

TEST(ManagerFromUserAgent, DropsUnprintableCharactersAndStopsAt128Bytes) {
  EXPECT_EQ(manager_from_user_agent("a\tb\x01"
                                    "c/1"),
            "abc");
  EXPECT_EQ(manager_from_user_agent(std::string(200, 'x') + "/1"), std::string(128, 'x'));
  // A two-byte rune that would cross the limit is left out whole.
  EXPECT_EQ(manager_from_user_agent(std::string(127, 'x') + "\xc3\xa9"), std::string(127, 'x'));
}

TEST(ResetFields, FollowTheStatusSubresource) {
  EXPECT_EQ(reset_fields_for(true, ""), std::vector<std::string>{"status"});
  EXPECT_EQ(reset_fields_for(true, "status"), std::vector<std::string>{"spec"});
  EXPECT_TRUE(reset_fields_for(false, "").empty());
}

}  // namespace
}  // namespace kraft::testing
