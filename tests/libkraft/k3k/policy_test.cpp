// VirtualClusterPolicy: typed fields and unknown-field preservation.
#include <gtest/gtest.h>
#include <kraft/core/error.h>
#include <kraft/k3k/policy.h>

using nlohmann::json;

namespace kraft::k3k {
namespace {

json sample_policy() {
  return json::parse(R"({
    "apiVersion": "k3k.io/v1beta1", "kind": "VirtualClusterPolicy",
    "metadata": {"name": "gold"},
    "spec": {
      "allowedMode": "virtual", "disableNetworkPolicy": true, "hostUsers": false,
      "podSecurityAdmissionLevel": "baseline", "defaultPriorityClass": "low",
      "defaultNodeSelector": {"pool": "vc"}, "runtimeClassName": "gvisor",
      "quota": {"hard": {"cpu": "8", "pods": 20}, "scopes": ["NotTerminating"]},
      "limit": {"limits": [{"type": "Container", "default": {"cpu": "500m"},
                            "defaultRequest": {"cpu": "100m"}, "max": {"memory": "2Gi"},
                            "maxLimitRequestRatio": {"cpu": 4}, "min": {"cpu": "10m"}}]},
      "securityContext": {"runAsNonRoot": true},
      "sync": {"secrets": {"enabled": false}},
      "newPolicyKnob": 3
    },
    "status": {"observedGeneration": 4, "summary": "ok", "lastUpdateTime": "t",
               "conditions": [{"type": "Ready", "status": "False", "reason": "Invalid",
                               "message": "m", "lastTransitionTime": "t"}]}
  })");
}

TEST(VirtualClusterPolicy, ReadsEveryKindOfField) {
  const auto p = VirtualClusterPolicy::from_json(sample_policy());
  EXPECT_EQ(p.name(), "gold");
  EXPECT_EQ(p.spec.allowed_mode, "virtual");
  EXPECT_EQ(p.spec.disable_network_policy, true);
  EXPECT_EQ(p.spec.pod_security_admission_level, "baseline");
  EXPECT_EQ(p.spec.quota->hard->at("pods"), IntOrString(20));
  EXPECT_EQ(p.spec.limit->limits->at(0).default_->at("cpu").str(), "500m");
  EXPECT_EQ(p.spec.limit->limits->at(0).max_limit_request_ratio->at("cpu").str(), "4");
  EXPECT_EQ(p.spec.sync->secrets->enabled, false);
  EXPECT_EQ(p.status->observed_generation, 4);
  EXPECT_EQ(p.ready_condition()->reason, "Invalid");
  EXPECT_FALSE(p.is_terminating());
}

TEST(VirtualClusterPolicy, RoundTripsToIdenticalJsonAndKeepsUnknownFields) {
  auto p = VirtualClusterPolicy::from_json(sample_policy());
  EXPECT_EQ(p.to_json(), sample_policy());
  p.spec.allowed_mode = "shared";
  EXPECT_EQ(p.to_json()["spec"]["newPolicyKnob"], 3);
  EXPECT_EQ(p.to_json()["spec"]["allowedMode"], "shared");
}

TEST(VirtualClusterPolicy, BuiltInCodeAlwaysSendsASpec) {
  VirtualClusterPolicy p("gold");
  EXPECT_EQ(p.to_json(), json::parse(R"({"apiVersion": "k3k.io/v1beta1",
      "kind": "VirtualClusterPolicy", "metadata": {"name": "gold"}, "spec": {}})"));
}

TEST(VirtualClusterPolicy, NamesTheFieldWithTheWrongType) {
  json bad = sample_policy();
  bad["spec"]["limit"]["limits"][0]["min"] = "10m";
  try {
    VirtualClusterPolicy::from_json(bad);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("VirtualClusterPolicy gold: spec.limit.limits[0].min: "
                                         "expected an object, got string"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace kraft::k3k
