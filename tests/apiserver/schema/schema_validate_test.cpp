#include <gtest/gtest.h>

#include "schema/crd.h"
#include "shared_schemas.h"

namespace kraft::testing {
namespace {

using nlohmann::json;


// A Cluster as the apiserver sees it after decoding: pruned and defaulted.
json cluster(const json& spec, const json& status = json::object()) {
  json obj = {{"apiVersion", "k3k.io/v1beta1"},
              {"kind", "Cluster"},
              {"metadata", {{"name", "c"}, {"namespace", "ns"}}},
              {"spec", spec}};
  if (!status.empty()) obj["status"] = status;
  cluster_schema()->prune(obj);
  cluster_schema()->apply_defaults(obj);
  return obj;
}

std::vector<FieldCause> validate(const json& obj, const json* old = nullptr) {
  return cluster_schema()->validate(obj, old);
}

void expect_causes(const std::vector<FieldCause>& got, const std::vector<FieldCause>& want) {
  ASSERT_EQ(got.size(), want.size()) << ::testing::PrintToString(got.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].reason, want[i].reason) << i;
    EXPECT_EQ(got[i].message, want[i].message) << i;
    EXPECT_EQ(got[i].field, want[i].field) << i;
  }
}

const FieldCause kNotChecked = {"FieldValueInvalid",
                                "Invalid value: \"null\": some validation rules were not checked "
                                "because the object was invalid; correct the existing errors to "
                                "complete validation",
                                "<nil>"};

TEST(SchemaValidate, DefaultedClusterIsValid) {
  EXPECT_TRUE(validate(cluster(json::object())).empty());
}

TEST(SchemaValidate, TypeErrorSuppressesCelRules) {
  // cluster-create-servers-string.
  expect_causes(validate(cluster({{"servers", "abc"}})),
                {{"FieldValueTypeInvalid",
                  "Invalid value: \"string\": spec.servers in body must be of type integer: "
                  "\"string\"",
                  "spec.servers"},
                 kNotChecked});
}

TEST(SchemaValidate, CelRuleMessageNamesTheSchemaType) {
  // cluster-create-servers-zero.
  expect_causes(
      validate(cluster({{"servers", 0}})),
      {{"FieldValueInvalid", "Invalid value: \"integer\": cluster must have at least one server",
        "spec.servers"}});
}

TEST(SchemaValidate, ExposeModesAreMutuallyExclusive) {
  // cluster-expose-exclusive.
  expect_causes(validate(cluster({{"expose",
                                   {{"ingress", {{"ingressClassName", "traefik"}}},
                                    {"nodePort", {{"serverPort", 30443}}}}}})),
                {{"FieldValueInvalid",
                  "Invalid value: \"object\": ingress, loadbalancer and nodePort are mutually "
                  "exclusive; only one can be set",
                  "spec.expose"}});
  EXPECT_TRUE(validate(cluster({{"expose", {{"nodePort", {{"serverPort", 30443}}}}}})).empty());
}

TEST(SchemaValidate, TransitionRulesRunOnlyWhenTheOldValueExists) {
  const json old = cluster({{"mode", "shared"}, {"serviceCIDR", "10.43.0.0/16"}});
  // cluster-immutable-fields: changing is caught ...
  expect_causes(
      validate(cluster({{"mode", "virtual"}, {"serviceCIDR", "10.43.0.0/16"}}), &old),
      {{"FieldValueInvalid", "Invalid value: \"string\": mode is immutable", "spec.mode"}});
  expect_causes(validate(cluster({{"serviceCIDR", "10.99.0.0/16"}}), &old),
                {{"FieldValueInvalid", "Invalid value: \"string\": serviceCIDR is immutable",
                  "spec.serviceCIDR"}});
  // ... removing is not, and neither is setting a field that was absent, nor any create.
  EXPECT_TRUE(validate(cluster(json::object()), &old).empty());
  EXPECT_TRUE(validate(cluster({{"clusterCIDR", "10.42.0.0/16"}}), &old).empty());
  EXPECT_TRUE(validate(cluster({{"mode", "virtual"}})).empty());
}

TEST(SchemaValidate, EnumMismatchIsUnsupportedValueAndBlocksRules) {
  expect_causes(validate(cluster({{"mode", "x"}, {"servers", 0}})),
                {{"FieldValueNotSupported",
                  "Unsupported value: \"x\": supported values: \"shared\", \"virtual\", \"hcp\"",
                  "spec.mode"},
                 kNotChecked});
}

TEST(SchemaValidate, WrongTypeForAnEnumFieldReportsTypeAndEnum) {
  expect_causes(
      validate(cluster({{"mode", 5}})),
      {{"FieldValueTypeInvalid",
        "Invalid value: \"integer\": spec.mode in body must be of type string: "
        "\"integer\"",
        "spec.mode"},
       {"FieldValueNotSupported",
        "Unsupported value: 5: supported values: \"shared\", \"virtual\", \"hcp\"", "spec.mode"},
       kNotChecked});
}

TEST(SchemaValidate, MissingRequiredFieldIsRequiredValue) {
  expect_causes(validate(cluster({{"serverEnvs", json::array({{{"value", "x"}}})}})),
                {{"FieldValueRequired", "Required value", "spec.serverEnvs[0].name"}, kNotChecked});
}

TEST(SchemaValidate, StringLengthAndPatternUseOpenApiWording) {
  expect_causes(
      validate(cluster({{"secretMounts", json::array({{{"name", std::string(64, 'a')}}})}})),
      {{"FieldValueTooLong", "Too long: may not be longer than 63", "spec.secretMounts[0].name"},
       kNotChecked});
  expect_causes(validate(cluster({{"secretMounts", json::array({{{"name", "Bad_Name"}}})}})),
                {{"FieldValueInvalid",
                  "Invalid value: \"Bad_Name\": spec.secretMounts[0].name in body should match "
                  "'^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'",
                  "spec.secretMounts[0].name"}});
  expect_causes(
      validate(cluster({{"servers", 0}, {"secretMounts", json::array({{{"name", ""}}})}})),
      {{"FieldValueInvalid",
        "Invalid value: \"\": spec.secretMounts[0].name in body should be at least 1 "
        "chars long",
        "spec.secretMounts[0].name"},
       {"FieldValueInvalid", "Invalid value: \"integer\": cluster must have at least one server",
        "spec.servers"}});
}

TEST(SchemaValidate, IntOrStringAcceptsBothAndChecksThePatternOfStrings) {
  EXPECT_TRUE(validate(cluster({{"persistence", {{"storageRequestSize", 1024}}}})).empty());
  EXPECT_TRUE(validate(cluster({{"persistence", {{"storageRequestSize", "10Gi"}}}})).empty());
  const auto causes = validate(cluster({{"persistence", {{"storageRequestSize", "lots"}}}}));
  ASSERT_EQ(causes.size(), 1u);
  EXPECT_EQ(causes[0].reason, "FieldValueInvalid");
  EXPECT_EQ(causes[0].field, "spec.persistence.storageRequestSize");
  EXPECT_EQ(causes[0].message.rfind("Invalid value: \"lots\": spec.persistence.storageRequestSize "
                                    "in body should match '^(\\+|-)?",
                                    0),
            0u)
      << causes[0].message;
  expect_causes(validate(cluster({{"persistence", {{"storageRequestSize", true}}}})),
                {{"FieldValueInvalid",
                  "Invalid value: \"\": \"spec.persistence.storageRequestSize\" must validate at "
                  "least one schema (anyOf)",
                  "<nil>"},
                 {"FieldValueTypeInvalid",
                  "Invalid value: \"boolean\": spec.persistence.storageRequestSize in body must be "
                  "of type integer: \"boolean\"",
                  "spec.persistence.storageRequestSize"},
                 kNotChecked});
}

TEST(SchemaValidate, MapValuesAreValidatedWithTheirPath) {
  expect_causes(validate(cluster({{"nodeSelector", {{"disk", 1}}}})),
                {{"FieldValueTypeInvalid",
                  "Invalid value: \"integer\": spec.nodeSelector.disk in body must be of type "
                  "string: \"integer\"",
                  "spec.nodeSelector.disk"},
                 kNotChecked});
}

TEST(SchemaValidate, StatusConditionsFollowMetav1Condition) {
  const json condition = {{"type", "Ready"},
                          {"status", "Maybe"},
                          {"reason", "Provisioned"},
                          {"message", "ok"},
                          {"lastTransitionTime", "yesterday"},
                          {"observedGeneration", -1}};
  expect_causes(
      validate(cluster(json::object(), {{"conditions", json::array({condition})}})),
      {{"FieldValueTypeInvalid",
        "Invalid value: \"yesterday\": status.conditions[0].lastTransitionTime in body "
        "must be of type date-time: \"yesterday\"",
        "status.conditions[0].lastTransitionTime"},
       {"FieldValueInvalid",
        "Invalid value: -1: status.conditions[0].observedGeneration in body should be "
        "greater than or equal to 0",
        "status.conditions[0].observedGeneration"},
       {"FieldValueNotSupported",
        "Unsupported value: \"Maybe\": supported values: \"True\", \"False\", \"Unknown\"",
        "status.conditions[0].status"},
       kNotChecked});
  json good = condition;
  good["status"] = "True";
  good["lastTransitionTime"] = "2026-01-01T00:00:00Z";
  good["observedGeneration"] = 1;
  EXPECT_TRUE(validate(cluster(json::object(), {{"conditions", json::array({good})}})).empty());
}

TEST(SchemaValidate, NullWhereTheSchemaForbidsItIsATypeError) {
  expect_causes(validate(cluster({{"tlsSANs", json::array({nullptr})}})),
                {{"FieldValueTypeInvalid",
                  "Invalid value: \"null\": spec.tlsSANs[0] in body must be of type string: "
                  "\"null\"",
                  "spec.tlsSANs[0]"},
                 kNotChecked});
}

TEST(SchemaValidate, DuplicateKeysOfAMapListAreReported) {
  const auto causes = validate(cluster(
      {{"serverResources", {{"claims", json::array({{{"name", "a"}}, {{"name", "a"}}})}}}}));
  expect_causes(causes,
                {{"FieldValueDuplicate", "Duplicate value: map[string]interface {}{\"name\":\"a\"}",
                  "spec.serverResources.claims[1]"}});
}

TEST(SchemaValidate, PolicyAllowedModeIsImmutableAndEnumerated) {
  json policy = {{"metadata", {{"name", "p"}}}, {"spec", {{"allowedMode", "virtual"}}}};
  policy_schema()->apply_defaults(policy);
  json old = {{"metadata", {{"name", "p"}}}, {"spec", json::object()}};
  policy_schema()->apply_defaults(old);
  const auto causes = policy_schema()->validate(policy, &old);
  expect_causes(causes, {{"FieldValueInvalid", "Invalid value: \"string\": mode is immutable",
                          "spec.allowedMode"}});
  json missing_spec = {{"metadata", {{"name", "p"}}}};
  expect_causes(policy_schema()->validate(missing_spec, nullptr),
                {{"FieldValueRequired", "Required value", "spec"}, kNotChecked});
}

TEST(SchemaValidate, TraefikBoundsUseIntegerWording) {
  json route = json::parse(R"js({"apiVersion": "traefik.io/v1alpha1", "kind": "IngressRouteTCP",
      "metadata": {"name": "r"}, "spec": {"routes": [{"match": "HostSNI(`*`)", "priority": 5,
      "services": [{"name": "s", "port": 443, "weight": -1, "proxyProtocol": {"version": 3}}]}]}})js");
  expect_causes(traefik_schema()->validate(route, nullptr),
                {{"FieldValueInvalid",
                  "Invalid value: 3: spec.routes[0].services[0].proxyProtocol.version in body "
                  "should be less than or equal to 2",
                  "spec.routes[0].services[0].proxyProtocol.version"},
                 {"FieldValueInvalid",
                  "Invalid value: -1: spec.routes[0].services[0].weight in body should be greater "
                  "than or equal to 0",
                  "spec.routes[0].services[0].weight"}});
}

TEST(SchemaValidate, SeparatePassesComposeLikeValidate) {
  const json obj = cluster({{"servers", "abc"}});
  const auto schema_causes = cluster_schema()->validate_schema(obj);
  EXPECT_TRUE(blocks_rules(schema_causes));
  EXPECT_EQ(rules_not_checked_cause().message, kNotChecked.message);
  EXPECT_TRUE(cluster_schema()->validate_rules(cluster({{"servers", 2}}), nullptr).empty());
}

TEST(SchemaValidate, InvalidMessageJoinsCausesLikeTheApiserver) {
  EXPECT_EQ(invalid_message("Cluster.k3k.io", "zero",
                            {{"FieldValueInvalid",
                              "Invalid value: \"integer\": cluster must have at least one server",
                              "spec.servers"}}),
            "Cluster.k3k.io \"zero\" is invalid: spec.servers: Invalid value: \"integer\": "
            "cluster must have at least one server");
  EXPECT_EQ(invalid_message("Cluster.k3k.io", "typo", validate(cluster({{"servers", "abc"}}))),
            "Cluster.k3k.io \"typo\" is invalid: [spec.servers: Invalid value: \"string\": "
            "spec.servers in body must be of type integer: \"string\", <nil>: Invalid value: "
            "\"null\": some validation rules were not checked because the object was invalid; "
            "correct the existing errors to complete validation]");
}

}  // namespace
}  // namespace kraft::testing
