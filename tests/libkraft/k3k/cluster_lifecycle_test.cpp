// ClusterService against the test API server with the simulated K3k controller: create,
// wait, scale, update and remove as a real host would answer them, over real TLS.
#include <gtest/gtest.h>
#include <kraft/api/errors.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/names.h>
#include <kraft/k3k/resources.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/test_support/server_client.h"
#include "k3k/test_support/cluster_requests.h"
#include "k3k/test_support/host_fixture.h"
#include "k3k_simulator.h"
#include "test_apiserver.h"

namespace kraft::k3k {
namespace {

using namespace std::chrono_literals;
using api::testing::admin_config;
using kraft::testing::K3kSimulator;
using kraft::testing::TestApiServer;
using kraft::testing::TestApiServerOptions;
using nlohmann::json;
using testing::HostFixture;

using k3k::testing::named;

WaitOptions within(std::chrono::milliseconds timeout) {
  WaitOptions w;
  w.timeout = timeout;
  return w;
}

class ClusterLifecycle : public HostFixture {
 protected:
  /// Present and not being deleted (a deleted namespace stays Terminating for a while).
  bool exists(const api::ResourceInfo& r, const std::string& ns, const std::string& name) {
    auto object = client().get_opt(r, ns, name);
    return object && !(*object)["metadata"].contains("deletionTimestamp");
  }

  std::vector<std::string> names(const api::ResourceInfo& r, const std::string& ns) {
    std::vector<std::string> out;
    const json list = client().list(r, ns);  // named: a temporary would die before the loop
    for (const auto& item : list["items"]) out.push_back(item["metadata"]["name"]);
    return out;
  }
};

TEST_F(ClusterLifecycle, CreateMakesALabelledNamespaceAndWaitSeesProvisioningThenReady) {
  CreateResult created = service_.create(named("demo"));
  EXPECT_EQ(created.ref, (ClusterRef{"k3k-demo", "demo"}));
  EXPECT_TRUE(created.namespace_created);
  EXPECT_FALSE(created.cluster.metadata.value("uid", "").empty());
  json ns = client().get(api::resources::namespaces(), "", "k3k-demo");
  EXPECT_EQ(ns["metadata"]["labels"]["app.kubernetes.io/managed-by"], "kraft");
  EXPECT_EQ(created.cluster.raw()["spec"]["persistence"]["type"], "dynamic");

  std::vector<std::string> phases;
  WaitOptions w = within(20s);
  w.on_change = [&](const Cluster& c) { phases.emplace_back(to_string(c.phase())); };
  Cluster ready = service_.wait_ready(created.ref, w);
  EXPECT_EQ(ready.phase(), ClusterPhase::kReady);
  ASSERT_FALSE(phases.empty());
  EXPECT_EQ(phases.back(), "Ready");
  EXPECT_EQ(std::count(phases.begin(), phases.end(), "Ready"), 1);
}

TEST_F(ClusterLifecycle, AnExistingNamespaceIsUsedAsItIsAndKeptOnDelete) {
  make_namespace("team");
  CreateResult created = service_.create(named("a", "team"));
  EXPECT_FALSE(created.namespace_created);
  service_.wait_ready(created.ref, within(20s));
  RemoveResult removed = service_.remove(created.ref);
  EXPECT_TRUE(removed.found);
  EXPECT_FALSE(removed.namespace_deleted);
  EXPECT_TRUE(removed.namespace_kept_because.empty());  // not kraft's: no reason needed
  service_.wait_deleted(created.ref, within(20s));
  EXPECT_TRUE(exists(api::resources::namespaces(), "", "team"));
}

TEST_F(ClusterLifecycle, PendingIsARejectionCarryingK3ksReason) {
  make_policy("only-shared", "shared");
  ClusterRequest r = named("v", "team");
  r.mode = "virtual";
  r.policy = "only-shared";
  CreateResult created = service_.create(r);
  EXPECT_TRUE(created.namespace_created);
  json ns = client().get(api::resources::namespaces(), "", "team");
  EXPECT_EQ(ns["metadata"]["labels"]["policy.k3k.io/policy-name"], "only-shared");
  try {
    service_.wait_ready(created.ref, within(20s));
    FAIL() << "a Pending cluster was waited on as if it could become Ready";
  } catch (const ClusterRejectedError& e) {
    EXPECT_EQ(e.object(), created.ref.object());
    EXPECT_NE(std::string(e.what()).find("mode \"virtual\" is not allowed by the policy "
                                         "\"only-shared\""),
              std::string::npos)
        << e.what();
  }
}

TEST_F(ClusterLifecycle, ThreeFailedPhasesAreToleratedAndAFourthIsNot) {
  sim().fail_times("k3k-flaky", "flaky", 3);
  EXPECT_EQ(service_.wait_ready(service_.create(named("flaky")).ref, within(20s)).phase(),
            ClusterPhase::kReady);

  // A cluster that never stops failing: the wait gives up on the fourth Failed it sees, however
  // many happened before it started watching.
  sim().fail_times("k3k-broken", "broken", 1000);
  int failed_seen = 0;
  WaitOptions w = within(20s);
  w.on_change = [&](const Cluster& c) { failed_seen += c.phase() == ClusterPhase::kFailed; };
  try {
    service_.wait_ready(service_.create(named("broken")).ref, w);
    FAIL() << "a cluster that keeps failing was waited on as if it could become Ready";
  } catch (const ClusterFailedError& e) {
    EXPECT_EQ(failed_seen, 4);
    EXPECT_NE(std::string(e.what()).find("failed 4 times: server pod k3k-broken-server-0 is not "
                                         "ready"),
              std::string::npos)
        << e.what();
  }
}

TEST(ClusterWait, TimesOutWithExitCodeFourWhenNoControllerAnswers) {
  TestApiServer server;  // K3k's CRDs but no controller: the cluster stays Unknown
  ClusterService service(api::Client::connect(admin_config(server)));
  CreateResult created = service.create(named("idle"));
  try {
    service.wait_ready(created.ref, within(1s));
    FAIL() << "waiting never timed out";
  } catch (const WaitTimeoutError& e) {
    EXPECT_EQ(e.exit_code(), ExitCode::kTimeout);
    EXPECT_NE(std::string(e.what()).find("timed out after 1s waiting for cluster "
                                         "\"k3k-idle/idle\" to be Ready (phase Unknown"),
              std::string::npos)
        << e.what();
  }
  // Without a controller no finalizer was set: deletion is immediate.
  EXPECT_NO_THROW(service.remove(created.ref));
  EXPECT_NO_THROW(service.wait_deleted(created.ref, within(1s)));
}

TEST(ClusterWait, AClusterThatStaysFailedIsCountedOncePerLook) {
  TestApiServer server;  // no controller: the test plays K3k and leaves the cluster Failed
  ClusterService service(api::Client::connect(admin_config(server)));
  CreateResult created = service.create(named("stuck"));
  ASSERT_EQ(server.registry()
                .call("PATCH", "/apis/k3k.io/v1beta1/namespaces/k3k-stuck/clusters/stuck/status",
                      R"({"status":{"phase":"Failed"}})", "application/merge-patch+json")
                .status,
            200);
  WaitOptions w = within(60s);
  w.failed_recheck = 1s;
  try {
    service.wait_ready(created.ref, w);
    FAIL() << "a cluster that stays Failed was waited on until the timeout";
  } catch (const ClusterFailedError& e) {
    EXPECT_NE(std::string(e.what()).find("failed 4 times"), std::string::npos) << e.what();
  }
}

TEST_F(ClusterLifecycle, DeleteRemovesServerClaimsAndKraftsNamespace) {
  CreateResult created = service_.create(named("gone"));
  service_.wait_ready(created.ref, within(20s));
  ASSERT_EQ(names(api::resources::persistent_volume_claims(), "k3k-gone"),
            (std::vector<std::string>{"varlibrancherk3s-k3k-gone-server-0"}));
  RemoveResult removed = service_.remove(created.ref);
  EXPECT_EQ(removed.deleted_pvcs, (std::vector<std::string>{"varlibrancherk3s-k3k-gone-server-0"}));
  EXPECT_TRUE(removed.namespace_deleted) << removed.namespace_kept_because;
  service_.wait_deleted(created.ref, within(20s));
  EXPECT_FALSE(service_.get_opt(created.ref));
}

TEST_F(ClusterLifecycle, KeepDataLeavesTheClaimsAndTheirNamespace) {
  CreateResult created = service_.create(named("kept"));
  service_.wait_ready(created.ref, within(20s));
  RemoveOptions keep;
  keep.keep_data = true;
  RemoveResult removed = service_.remove(created.ref, keep);
  EXPECT_TRUE(removed.deleted_pvcs.empty());
  EXPECT_FALSE(removed.namespace_deleted);
  EXPECT_EQ(removed.namespace_kept_because, "its PersistentVolumeClaims are kept");
  service_.wait_deleted(created.ref, within(20s));
  EXPECT_TRUE(exists(api::resources::persistent_volume_claims(), "k3k-kept",
                     "varlibrancherk3s-k3k-kept-server-0"));
}

TEST_F(ClusterLifecycle, ANamespaceSharedWithAnotherClusterStays) {
  CreateResult a = service_.create(named("a", "shared-ns"));
  CreateResult b = service_.create(named("b", "shared-ns"));
  ASSERT_TRUE(a.namespace_created);
  ASSERT_FALSE(b.namespace_created);
  // Provisioned, so that deleting a also deletes the claim K3k made for it.
  service_.wait_ready(a.ref, within(20s));
  service_.wait_ready(b.ref, within(20s));
  RemoveResult first = service_.remove(a.ref);
  EXPECT_FALSE(first.namespace_deleted);
  EXPECT_NE(first.namespace_kept_because.find("cluster \"b\""), std::string::npos);
  // The last one out (the first one is Terminating or gone) takes the namespace with it.
  RemoveResult last = service_.remove(b.ref);
  EXPECT_TRUE(last.namespace_deleted) << last.namespace_kept_because;
}

TEST_F(ClusterLifecycle, RemovingWhatIsNotThereReportsNotFound) {
  RemoveResult removed = service_.remove({"k3k-nope", "nope"});
  EXPECT_FALSE(removed.found);
}

TEST_F(ClusterLifecycle, AMissingPolicyStopsCreateBeforeAnyWrite) {
  ClusterRequest r = named("p");
  r.policy = "nowhere";
  try {
    service_.create(r);
    FAIL();
  } catch (const api::ApiError& e) {
    EXPECT_TRUE(e.is_not_found());
    EXPECT_EQ(e.exit_code(), ExitCode::kNotFound);
    EXPECT_NE(std::string(e.what()).find("VirtualClusterPolicy \"nowhere\" not found"),
              std::string::npos);
  }
  EXPECT_FALSE(exists(api::resources::namespaces(), "", "k3k-p"));
}

TEST_F(ClusterLifecycle, ANamespaceBoundToAnotherPolicyIsRefused) {
  make_policy("one", "shared");
  make_policy("two", "shared");
  make_namespace("team", {{"policy.k3k.io/policy-name", "one"}});
  ClusterRequest r = named("a", "team");
  r.policy = "two";
  try {
    service_.create(r);
    FAIL() << "no error";
  } catch (const ValidationError& e) {
    EXPECT_STREQ(e.what(),
                 "namespace \"team\" is bound to policy \"one\", not \"two\"; ask for no "
                 "policy or for another namespace");
    EXPECT_EQ(e.fields(), (std::vector<std::string>{"policy", "ns"}));
  }
  EXPECT_FALSE(exists(clusters(), "team", "a"));
}

TEST_F(ClusterLifecycle, AFailedClusterCreateTakesTheNewNamespaceBack) {
  server().faults().add(
      kraft::testing::Fault::status_of(403, "/apis/k3k.io/v1beta1/namespaces/k3k-denied/clusters"));
  EXPECT_THROW(service_.create(named("denied")), api::ApiError);
  EXPECT_FALSE(exists(api::resources::namespaces(), "", "k3k-denied"));
}

TEST_F(ClusterLifecycle, AnExistingClusterIsAClearConflict) {
  service_.create(named("twice"));
  try {
    service_.create(named("twice"));
    FAIL();
  } catch (const api::ApiError& e) {
    EXPECT_TRUE(e.is_already_exists());
    EXPECT_NE(std::string(e.what()).find("cluster \"k3k-twice/twice\" already exists"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(ClusterLifecycle, TraefikExposureRoutesTheHostAndRefusesASecondClaim) {
  ClusterRequest r = named("web");
  r.expose = ExposeMode::kTraefik;
  r.host = "web.example.com";
  CreateResult created = service_.create(r);
  ASSERT_TRUE(created.traefik_route);
  json route = client().get(ingress_route_tcps(), "k3k-web", "k3k-web-traefik");
  EXPECT_EQ(route["spec"]["routes"][0]["match"], "HostSNI(`web.example.com`)");
  EXPECT_EQ(route["spec"]["routes"][0]["services"][0],
            (json{{"name", "k3k-web-service"}, {"port", 443}}));
  EXPECT_EQ(route["spec"]["tls"]["passthrough"], true);
  EXPECT_EQ(route["metadata"]["ownerReferences"][0]["uid"], created.cluster.metadata["uid"]);
  EXPECT_EQ(created.cluster.raw()["spec"]["tlsSANs"][0], "web.example.com");

  ClusterRequest second = named("web2");
  second.expose = ExposeMode::kTraefik;
  second.host = "web.example.com";
  try {
    service_.create(second);
    FAIL() << "two clusters were given one host";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("host \"web.example.com\" is already routed by "
                                         "IngressRouteTCP k3k-web/k3k-web-traefik"),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(exists(api::resources::namespaces(), "", "k3k-web2"));
}

TEST_F(ClusterLifecycle, IngressExposureRefusesAHostAnIngressServes) {
  ClusterRequest r = named("ing");
  r.expose = ExposeMode::kIngress;
  r.host = "ing.example.com";
  service_.wait_ready(service_.create(r).ref, within(20s));  // K3k makes k3k-ing-ingress
  ClusterRequest second = named("ing2");
  second.expose = ExposeMode::kTraefik;
  second.host = "ing.example.com";
  EXPECT_THROW(service_.create(second), Error);
  EXPECT_FALSE(exists(clusters(), "k3k-ing2", "ing2"));
}

TEST(ClusterCreate, TraefikWithoutItsCrdIsRefusedBeforeAnyWrite) {
  TestApiServerOptions options;
  options.crd_files = kraft::testing::k3k_crd_files();
  TestApiServer server(options);
  ClusterService service(api::Client::connect(admin_config(server)));
  ClusterRequest r = named("web");
  r.expose = ExposeMode::kTraefik;
  r.host = "web.example.com";
  try {
    service.create(r);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("IngressRouteTCP"), std::string::npos);
  }
  EXPECT_FALSE(api::Client::connect(admin_config(server))
                   .get_opt(api::resources::namespaces(), "", "k3k-web"));
}

TEST(ClusterCreate, WithoutK3kNothingIsCreated) {
  TestApiServerOptions options;
  options.crd_files = {};
  TestApiServer server(options);
  ClusterService service(api::Client::connect(admin_config(server)));
  try {
    service.create(named("demo"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("K3k is not installed"), std::string::npos);
  }
  EXPECT_FALSE(api::Client::connect(admin_config(server))
                   .get_opt(api::resources::namespaces(), "", "k3k-demo"));
}

TEST_F(ClusterLifecycle, EveryRequestKraftCanBuildPassesTheServersSchemaInADryRun) {
  std::vector<ClusterRequest> requests;
  for (auto expose : {ExposeMode::kNone, ExposeMode::kNodePort, ExposeMode::kLoadBalancer,
                      ExposeMode::kIngress, ExposeMode::kTraefik}) {
    ClusterRequest r = named("dry");
    r.servers = 3;
    r.agents = 2;
    r.mode = "virtual";
    r.version = "v1.31.1-k3s1";
    r.storage_class = "local-path";
    r.storage_size = "5Gi";
    r.expose = expose;
    r.ingress_class = expose == ExposeMode::kIngress ? "nginx" : "";
    r.host = "dry.example.com";
    r.tls_sans = {"alt.example.com"};
    r.server_args = {"--disable=traefik"};
    r.agent_args = {"--node-label=a=b"};
    r.labels = {{"team", "dev"}};
    requests.push_back(r);
  }
  ClusterRequest ephemeral = named("dry");
  ephemeral.persistence = "ephemeral";
  requests.push_back(ephemeral);
  CreateOptions dry;
  dry.dry_run = DryRun::kServer;
  for (const auto& r : requests) {
    CreateResult result = service_.create(r, dry);
    EXPECT_EQ(result.cluster.namespace_name(), "k3k-dry");
  }
  EXPECT_FALSE(exists(api::resources::namespaces(), "", "k3k-dry"));
  EXPECT_TRUE(names(clusters(), "").empty());
}

TEST_F(ClusterLifecycle, TheServerCatchesAMisspelledField) {
  // What protects kraft's own objects: fieldValidation=Strict makes a typo an error instead
  // of a field the API server silently prunes.
  make_namespace("team");
  json body = build_cluster(named("typo", "team")).to_json();
  body["spec"]["sever"] = 2;
  try {
    client().create(clusters(), "team", body);
    FAIL() << "a misspelled field was accepted";
  } catch (const api::ApiError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown field \"spec.sever\""), std::string::npos)
        << e.what();
  }
}

TEST_F(ClusterLifecycle, ScaleWaitsForTheNewServersAndWarnsAboutSharedAgents) {
  CreateResult created = service_.create(named("grow"));
  service_.wait_ready(created.ref, within(20s));
  ScaleRequest more;
  more.servers = 3;
  more.agents = 1;
  ScaleResult scaled = service_.scale(created.ref, more);
  EXPECT_EQ(scaled.cluster.spec.servers, 3);
  ASSERT_EQ(scaled.warnings.size(), 1u);
  EXPECT_NE(scaled.warnings[0].find("ignored in shared mode"), std::string::npos);
  WaitOptions w = within(20s);
  w.min_generation = scaled.cluster.metadata.value("generation", 0);
  service_.wait_ready(created.ref, w);
  json sts = client().get({"apps", "v1", "StatefulSet", "statefulsets", true}, "k3k-grow",
                          "k3k-grow-server");
  EXPECT_EQ(sts["status"]["readyReplicas"], 3);
}

TEST_F(ClusterLifecycle, ScaleRefusesWhatK3kRefuses) {
  CreateResult created = service_.create(named("fixed"));
  // Each refusal names the ScaleRequest fields to change; the message no flag.
  const auto refused_fields = [&](const ScaleRequest& request) {
    try {
      service_.scale(created.ref, request);
    } catch (const ValidationError& e) {
      EXPECT_EQ(std::string(e.what()).find("--"), std::string::npos) << e.what();
      return e.fields();
    }
    return std::vector<std::string>{"(accepted)"};
  };
  EXPECT_EQ(refused_fields({}), (std::vector<std::string>{"servers", "agents"}));
  ScaleRequest zero;
  zero.servers = 0;
  EXPECT_EQ(refused_fields(zero), std::vector<std::string>{"servers"});
  ScaleRequest negative;
  negative.agents = -1;
  EXPECT_EQ(refused_fields(negative), std::vector<std::string>{"agents"});
  ScaleRequest one;
  one.servers = 2;
  try {
    service_.scale({"k3k-fixed", "fixd"}, one);
    FAIL();
  } catch (const api::ApiError& e) {
    EXPECT_EQ(e.exit_code(), ExitCode::kNotFound);
  }
  EXPECT_EQ(service_.get(created.ref).spec.servers, 1);
}

TEST_F(ClusterLifecycle, UpdateIsAReadModifyWriteThatKeepsUnknownFields) {
  CreateResult created = service_.create(named("upd"));
  Cluster updated = service_.update(created.ref, [](Cluster& c) {
    c.metadata["labels"]["tier"] = "gold";
    c.spec.version = "v1.31.1-k3s1";
  });
  EXPECT_EQ(updated.metadata["labels"]["tier"], "gold");
  EXPECT_EQ(updated.spec.version, "v1.31.1-k3s1");
  EXPECT_EQ(updated.raw()["spec"]["persistence"]["type"], "dynamic");
}

}  // namespace
}  // namespace kraft::k3k
