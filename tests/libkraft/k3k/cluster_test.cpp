// Cluster: typed fields, unknown-field preservation, phase and readiness.
#include <gtest/gtest.h>
#include <kraft/core/error.h>
#include <kraft/k3k/cluster.h>

using nlohmann::json;

namespace kraft::k3k {
namespace {

json sample_cluster() {
  return json::parse(R"({
    "apiVersion": "k3k.io/v1beta1", "kind": "Cluster",
    "metadata": {"name": "demo", "namespace": "k3k-demo", "resourceVersion": "7",
                 "finalizers": ["cluster.k3k.io/finalizer"]},
    "spec": {
      "mode": "shared", "servers": 3, "agents": 0, "version": "v1.31.1-k3s1",
      "tlsSANs": ["demo.example.com"], "serverArgs": ["--debug"],
      "expose": {"nodePort": {"serverPort": 30443, "futurePort": 1}},
      "persistence": {"type": "dynamic", "storageRequestSize": "5Gi", "storageClassName": "fast"},
      "serverLimit": {"cpu": "2", "memory": "4Gi", "pods": 10},
      "workerResources": {"limits": {"cpu": 1}, "requests": {"memory": "1Gi"}},
      "serverAffinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
                         {"nodeSelectorTerms": []}}},
      "customCAs": {"enabled": true, "sources": {"clientCA": {"secretName": "ca"},
                    "etcdPeerCA": {"secretName": "p"}, "etcdServerCA": {"secretName": "e"},
                    "requestHeaderCA": {"secretName": "r"}, "serverCA": {"secretName": "s"},
                    "serviceAccountToken": {"secretName": "t"}}},
      "tokenSecretRef": {"name": "tok", "namespace": "k3k-demo"},
      "secretMounts": [{"secretName": "extra", "mountPath": "/x", "role": "all",
                        "items": [{"key": "a", "path": "b"}], "defaultMode": 420}],
      "addons": [{"secretRef": "addon", "secretNamespace": "k3k-system"}],
      "sync": {"ingresses": {"enabled": true, "disableTLSSecretTranslation": true,
                             "selector": {"app": "web"}}},
      "futureField": {"keep": "me"}
    },
    "status": {
      "phase": "Ready", "hostVersion": "v1.26.4", "kubeletPort": 10250,
      "policyName": "gold", "policy": {"name": "gold", "priorityClass": "low"},
      "tlsSANs": ["10.0.0.1"], "clusterCIDR": "10.42.0.0/16",
      "conditions": [{"type": "Ready", "status": "True", "reason": "Provisioned",
                      "message": "Cluster is ready", "lastTransitionTime": "2026-01-01T00:00:00Z",
                      "observedGeneration": 2, "futureConditionField": 1}]
    }
  })");
}

TEST(Cluster, ReadsEveryKindOfField) {
  const Cluster c = Cluster::from_json(sample_cluster());
  EXPECT_EQ(c.name(), "demo");
  EXPECT_EQ(c.namespace_name(), "k3k-demo");
  EXPECT_EQ(c.spec.mode, "shared");
  EXPECT_EQ(c.spec.servers, 3);
  EXPECT_EQ(c.spec.agents, 0);
  ASSERT_TRUE(c.spec.expose && c.spec.expose->node_port);
  EXPECT_EQ(c.spec.expose->node_port->server_port, 30443);
  EXPECT_FALSE(c.spec.expose->node_port->etcd_port);
  EXPECT_FALSE(c.spec.expose->ingress);
  ASSERT_TRUE(c.spec.persistence);
  EXPECT_EQ(c.spec.persistence->storage_request_size->str(), "5Gi");
  EXPECT_EQ(c.spec.persistence->storage_class_name, "fast");
  EXPECT_EQ(c.spec.server_limit->at("memory").str(), "4Gi");
  EXPECT_TRUE(c.spec.server_limit->at("pods").is_int());
  EXPECT_EQ(c.spec.server_limit->at("pods").str(), "10");
  EXPECT_EQ(c.spec.worker_resources->limits->at("cpu"), IntOrString(1));
  EXPECT_EQ(c.spec.custom_cas->sources->service_account_token->secret_name, "t");
  EXPECT_EQ(c.spec.token_secret_ref->namespace_, "k3k-demo");
  EXPECT_EQ(c.spec.secret_mounts->at(0).default_mode, 420);
  EXPECT_EQ(c.spec.addons->at(0).secret_namespace, "k3k-system");
  EXPECT_EQ(c.spec.sync->ingresses->disable_tls_secret_translation, true);
  EXPECT_EQ(c.spec.sync->ingresses->selector->at("app"), "web");
  EXPECT_FALSE(c.spec.sync->secrets);
  ASSERT_TRUE(c.status);
  EXPECT_EQ(c.status->kubelet_port, 10250);
  EXPECT_EQ(c.status->policy->priority_class, "low");
  EXPECT_EQ(c.status->policy_name, "gold");
}

TEST(Cluster, RoundTripsToIdenticalJson) {
  EXPECT_EQ(Cluster::from_json(sample_cluster()).to_json(), sample_cluster());
}

TEST(Cluster, KeepsUnknownFieldsAtEveryLevelAfterAnEdit) {
  Cluster c = Cluster::from_json(sample_cluster());
  c.spec.servers = 5;
  c.spec.expose->node_port->server_port = 31000;
  c.status->conditions->at(0).message = "changed";
  const json out = c.to_json();
  EXPECT_EQ(out["spec"]["servers"], 5);
  EXPECT_EQ(out["spec"]["futureField"], json({{"keep", "me"}}));
  EXPECT_EQ(out["spec"]["expose"]["nodePort"], json({{"serverPort", 31000}, {"futurePort", 1}}));
  EXPECT_EQ(out["status"]["conditions"][0]["futureConditionField"], 1);
  EXPECT_EQ(out["status"]["conditions"][0]["message"], "changed");
  EXPECT_EQ(out["metadata"]["resourceVersion"], "7");
}

TEST(Cluster, RemovesAFieldThatWasUnset) {
  Cluster c = Cluster::from_json(sample_cluster());
  c.spec.expose.reset();
  c.spec.persistence->storage_class_name.reset();
  const json out = c.to_json();
  EXPECT_FALSE(out["spec"].contains("expose"));
  EXPECT_EQ(out["spec"]["persistence"], json({{"type", "dynamic"}, {"storageRequestSize", "5Gi"}}));
}

TEST(Cluster, BuiltInCodeEmitsOnlyWhatIsSet) {
  Cluster c("k3k-demo", "demo");
  c.spec.persistence.emplace().type = "dynamic";
  c.spec.expose.emplace().ingress.emplace().ingress_class_name = "traefik";
  EXPECT_EQ(c.to_json(), json::parse(R"({
    "apiVersion": "k3k.io/v1beta1", "kind": "Cluster",
    "metadata": {"name": "demo", "namespace": "k3k-demo"},
    "spec": {"persistence": {"type": "dynamic"},
             "expose": {"ingress": {"ingressClassName": "traefik"}}}
  })"));
}

TEST(Cluster, AWrongValueIsQuotedShortAndOnOneSafeLine) {
  json bad = sample_cluster();
  // U+009B (CSI) survives JSON's own escaping; a long value must not flood the message.
  bad["spec"]["servers"] =
      "\xc2\x9b"
      "2J" +
      std::string(1000, 'x');
  try {
    Cluster::from_json(bad);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("got string \"\\u009b2Jxxx"), std::string::npos) << what;
    EXPECT_LT(what.size(), 200u) << what;
  }
}

TEST(Cluster, KeepsIntOrStringValuesInTheirJsonType) {
  Cluster c("ns", "demo");
  c.spec.worker_limit = ResourceList{{"cpu", 2}, {"memory", "1Gi"}};
  EXPECT_EQ(c.to_json()["spec"]["workerLimit"], json({{"cpu", 2}, {"memory", "1Gi"}}));
}

TEST(Cluster, NamesTheFieldWithTheWrongType) {
  json bad = sample_cluster();
  bad["spec"]["servers"] = "2";
  try {
    Cluster::from_json(bad);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "cannot read Cluster k3k-demo/demo: spec.servers: expected an integer, got string "
                 "\"2\"");
  }
  bad = sample_cluster();
  bad["status"]["conditions"][0]["reason"] = 3;
  EXPECT_THROW(Cluster::from_json(bad), Error);
  bad = sample_cluster();
  bad["spec"]["servers"] = 1LL << 40;
  EXPECT_THROW(Cluster::from_json(bad), Error);
}

TEST(Cluster, RefusesAnotherKind) {
  EXPECT_THROW(Cluster::from_json(json{{"apiVersion", "v1"}, {"kind", "Cluster"}}), Error);
  EXPECT_THROW(Cluster::from_json(json{{"apiVersion", "k3k.io/v1beta1"}, {"kind", "Pod"}}), Error);
  EXPECT_THROW(Cluster::from_json(json::array()), Error);
}

TEST(ClusterPhase, ComesFromStatusPhase) {
  Cluster c = Cluster::from_json(sample_cluster());
  EXPECT_EQ(c.phase(), ClusterPhase::kReady);
  c.status->phase = "Provisioning";
  EXPECT_EQ(c.phase(), ClusterPhase::kProvisioning);
  c.status->phase = "Pending";
  EXPECT_EQ(c.phase(), ClusterPhase::kPending);
  c.status->phase = "Failed";
  EXPECT_EQ(c.phase(), ClusterPhase::kFailed);
  c.status->phase = "SomethingNew";
  EXPECT_EQ(c.phase(), ClusterPhase::kUnknown);
  c.status.reset();
  EXPECT_EQ(c.phase(), ClusterPhase::kUnknown);
}

TEST(ClusterPhase, IsTerminatingWhileTheDeletionTimestampIsSet) {
  Cluster c = Cluster::from_json(sample_cluster());
  c.metadata["deletionTimestamp"] = "2026-01-01T00:00:00Z";
  EXPECT_TRUE(c.is_terminating());
  EXPECT_EQ(c.phase(), ClusterPhase::kTerminating);
}

TEST(ClusterPhase, PrintsAndParsesK3kSpelling) {
  for (auto p : {ClusterPhase::kUnknown, ClusterPhase::kPending, ClusterPhase::kProvisioning,
                 ClusterPhase::kReady, ClusterPhase::kFailed, ClusterPhase::kTerminating}) {
    EXPECT_EQ(parse_cluster_phase(to_string(p)), p);
  }
  EXPECT_EQ(to_string(ClusterPhase::kProvisioning), "Provisioning");
}

TEST(Cluster, ReadyConditionGivesReasonAndMessage) {
  const Cluster c = Cluster::from_json(sample_cluster());
  const auto ready = c.ready_condition();
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, "True");
  EXPECT_EQ(ready->reason, "Provisioned");
  EXPECT_EQ(ready->message, "Cluster is ready");
  EXPECT_EQ(ready->observed_generation, 2);
  EXPECT_FALSE(Cluster("ns", "x").ready_condition());
}

}  // namespace
}  // namespace kraft::k3k
