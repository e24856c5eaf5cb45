#include <gtest/gtest.h>

#include "schema/crd.h"
#include "shared_schemas.h"

namespace kraft::testing {
namespace {

using nlohmann::json;


const json kDefaultSync = json::parse(R"({
  "configMaps": {"enabled": true},
  "ingresses": {"disableTLSSecretTranslation": false, "enabled": false},
  "persistentVolumeClaims": {"enabled": true},
  "priorityClasses": {"enabled": false},
  "secrets": {"enabled": true},
  "services": {"enabled": true},
  "storageClasses": {"enabled": false}})");

TEST(SchemaDefaults, EmptyClusterSpecGetsTheTranscriptDefaults) {
  // cluster-create-defaults: spec: {} comes back with agents, mode, servers, sync and status.
  json obj = {{"apiVersion", "k3k.io/v1beta1"},
              {"kind", "Cluster"},
              {"metadata", {{"name", "defaults"}}},
              {"spec", json::object()}};
  cluster_schema()->apply_defaults(obj);
  EXPECT_EQ(obj["spec"],
            (json{{"agents", 0}, {"mode", "shared"}, {"servers", 1}, {"sync", kDefaultSync}}));
  EXPECT_EQ(obj["status"], (json{{"phase", "Unknown"}}));
  EXPECT_EQ(obj["metadata"], (json{{"name", "defaults"}}));
}

TEST(SchemaDefaults, MissingSpecIsDefaultedToo) {
  json obj = {{"metadata", {{"name", "x"}}}};
  cluster_schema()->apply_defaults(obj);
  EXPECT_EQ(obj["spec"]["servers"], 1);
  EXPECT_EQ(obj["spec"]["sync"], kDefaultSync);
}

TEST(SchemaDefaults, GivenValuesAreKeptAndNestedDefaultsStillApply) {
  json obj = {{"spec",
               {{"servers", 3},
                {"persistence", {{"type", "ephemeral"}}},
                {"sync", {{"ingresses", {{"enabled", true}}}}}}}};
  cluster_schema()->apply_defaults(obj);
  EXPECT_EQ(obj["spec"]["servers"], 3);
  EXPECT_EQ(obj["spec"]["persistence"],
            (json{{"storageRequestSize", "2G"}, {"type", "ephemeral"}}));
  EXPECT_EQ(obj["spec"]["sync"]["ingresses"],
            (json{{"disableTLSSecretTranslation", false}, {"enabled", true}}));
  EXPECT_EQ(obj["spec"]["sync"]["secrets"], (json{{"enabled", true}}));
}

TEST(SchemaDefaults, DefaultsApplyInsideArrayItems) {
  json obj = {
      {"spec",
       {{"serverEnvs",
         json::array({{{"name", "A"}, {"valueFrom", {{"configMapKeyRef", {{"key", "k"}}}}}}})}}}};
  cluster_schema()->apply_defaults(obj);
  EXPECT_EQ(obj["spec"]["serverEnvs"][0]["valueFrom"]["configMapKeyRef"],
            (json{{"key", "k"}, {"name", ""}}));
}

TEST(SchemaDefaults, NonNullableNullWithADefaultIsDefaulted) {
  json obj = {{"spec", {{"mode", nullptr}, {"servers", nullptr}}}};
  cluster_schema()->prune(obj);  // keeps nulls that have defaults
  EXPECT_TRUE(obj["spec"]["mode"].is_null());
  cluster_schema()->apply_defaults(obj);
  EXPECT_EQ(obj["spec"]["mode"], "shared");
  EXPECT_EQ(obj["spec"]["servers"], 1);
}

TEST(SchemaDefaults, NonNullableNullWithoutADefaultIsDropped) {
  json obj = {{"spec", {{"serviceCIDR", nullptr}, {"nodeSelector", {{"a", nullptr}}}}}};
  EXPECT_TRUE(cluster_schema()->prune(obj).empty());
  EXPECT_FALSE(obj["spec"].contains("serviceCIDR"));
  EXPECT_EQ(obj["spec"]["nodeSelector"], json::object());
}

TEST(SchemaDefaults, PolicyGetsAllowedModeAndSync) {
  // vcp-lifecycle: the created policy shows allowedMode and the whole sync block, no status.
  json obj = {{"metadata", {{"name", "tr-policy"}}}, {"spec", json::object()}};
  policy_schema()->apply_defaults(obj);
  EXPECT_EQ(obj["spec"], (json{{"allowedMode", "shared"}, {"sync", kDefaultSync}}));
  EXPECT_FALSE(obj.contains("status"));
}

}  // namespace
}  // namespace kraft::testing
