// ClusterService::describe and fetch_server_url against the test API server with simulated
// K3k: the host objects K3k made, kraft's Traefik route, and the namespace's events.
#include <gtest/gtest.h>
#include <kraft/api/errors.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/names.h>
#include <kraft/k3k/server_url.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "test_support/host_fixture.h"

namespace kraft::k3k::testing {
namespace {

// A core/v1 Event about pod `object` in `ns` at `when` (lastTimestamp), as a kubelet writes it.
json event(const std::string& ns, const std::string& name, const std::string& when,
           const std::string& reason = "Started") {
  return {{"apiVersion", "v1"},
          {"kind", "Event"},
          {"metadata", {{"name", name}, {"namespace", ns}}},
          {"involvedObject", {{"kind", "Pod"}, {"namespace", ns}, {"name", "k3k-demo-server-0"}}},
          {"reason", reason},
          {"message", "event " + name},
          {"type", "Normal"},
          {"lastTimestamp", when}};
}

std::vector<std::string> event_names(const ClusterDetails& d) {
  std::vector<std::string> out;
  for (const auto& e : d.events) out.push_back(e["metadata"]["name"]);
  return out;
}

json traefik_route(const std::string& ns, const std::string& cluster, const std::string& host) {
  return {{"apiVersion", "traefik.io/v1alpha1"},
          {"kind", "IngressRouteTCP"},
          {"metadata", {{"name", traefik_route_name(cluster)}, {"namespace", ns}}},
          {"spec",
           {{"entryPoints", json::array({"websecure"})},
            {"routes", json::array({{{"match", "HostSNI(`" + host + "`)"},
                                     {"services", json::array({{{"name", service_name(cluster)},
                                                                {"port", 443}}})}}})},
            {"tls", {{"passthrough", true}}}}}};
}

ServerUrlOptions host_server(const std::string& url) {
  ServerUrlOptions o;
  o.host_server = url;
  return o;
}

using ClusterDescribe = HostFixture;

TEST_F(ClusterDescribe, ShowsTheServerStatefulSetAndServiceOfAReadyCluster) {
  create_ready("team", "demo", {{"servers", 2}});
  const ClusterDetails d = service_.describe({"team", "demo"});
  EXPECT_EQ(d.cluster.phase(), ClusterPhase::kReady);
  ASSERT_TRUE(d.server_statefulset);
  EXPECT_EQ((*d.server_statefulset)["metadata"]["name"], "k3k-demo-server");
  EXPECT_EQ((*d.server_statefulset)["status"]["readyReplicas"], 2);
  ASSERT_TRUE(d.service);
  EXPECT_EQ((*d.service)["metadata"]["name"], "k3k-demo-service");
  EXPECT_FALSE(d.ingress) << "no expose.ingress: not even asked for";
  EXPECT_FALSE(d.traefik_route);
  EXPECT_TRUE(d.events.empty());
}

TEST_F(ClusterDescribe, ObjectsK3kHasNotMadeAreAbsentNotErrors) {
  // A policy that allows only shared mode: K3k leaves a virtual cluster Pending, creating
  // nothing for it.
  client().create(virtual_cluster_policies(), "",
                  {{"apiVersion", "k3k.io/v1beta1"},
                   {"kind", "VirtualClusterPolicy"},
                   {"metadata", {{"name", "shared-only"}}},
                   {"spec", {{"allowedMode", "shared"}}}});
  make_namespace("team", {{kPolicyLabel, "shared-only"}});
  create("team", "demo", {{"mode", "virtual"}});
  await_phase("team", "demo", "Pending");
  const ClusterDetails d = service_.describe({"team", "demo"});
  EXPECT_EQ(d.cluster.phase(), ClusterPhase::kPending);
  EXPECT_FALSE(d.server_statefulset);
  EXPECT_FALSE(d.service);
  EXPECT_EQ(server_url(d, host_server(server().url())), std::nullopt);
}

TEST_F(ClusterDescribe, KeepsTheLastTwentyEventsOldestFirst) {
  create("team", "demo");
  std::vector<json> events;
  for (int i = 0; i < 25; ++i) {
    const std::string n = (i < 10 ? "e0" : "e") + std::to_string(i);
    events.push_back(event("team", n, "2024-05-01T10:00:" + n.substr(1) + "Z"));
  }
  std::shuffle(events.begin(), events.end(), std::mt19937(42));  // stored in any order
  for (const auto& e : events) client().create(api::resources::events(), "team", e);
  const ClusterDetails d = service_.describe({"team", "demo"});
  std::vector<std::string> expected;
  for (int i = 5; i < 25; ++i) expected.push_back((i < 10 ? "e0" : "e") + std::to_string(i));
  EXPECT_EQ(event_names(d), expected);
}

TEST_F(ClusterDescribe, EventsWithoutLastTimestampSortByEventTimeThenCreation) {
  create("team", "demo");
  json micro = event("team", "micro", "");
  micro.erase("lastTimestamp");
  micro["eventTime"] = "2024-05-01T10:00:30.500000Z";  // events.k8s.io writers
  client().create(api::resources::events(), "team", event("team", "late", "2024-05-01T10:00:31Z"));
  client().create(api::resources::events(), "team", micro);
  client().create(api::resources::events(), "team", event("team", "early", "2024-05-01T10:00:30Z"));
  json stored = event("team", "stored", "");
  stored.erase("lastTimestamp");  // falls back to creationTimestamp: now, the newest
  client().create(api::resources::events(), "team", stored);
  EXPECT_EQ(event_names(service_.describe({"team", "demo"})),
            (std::vector<std::string>{"early", "micro", "late", "stored"}));
}

TEST_F(ClusterDescribe, EventsOfOtherNamespacesAreNotShown) {
  create("team", "demo");
  create("other", "demo");
  client().create(api::resources::events(), "other",
                  event("other", "theirs", "2024-05-01T10:00:00Z"));
  EXPECT_TRUE(service_.describe({"team", "demo"}).events.empty());
}

TEST_F(ClusterDescribe, FetchesTheIngressOfAnIngressExposedCluster) {
  create_ready("team", "demo",
               {{"expose", {{"ingress", {{"ingressClassName", "nginx"}}}}},
                {"tlsSANs", {"demo.example.com"}}});
  const ClusterDetails d = service_.describe({"team", "demo"});
  ASSERT_TRUE(d.ingress);
  EXPECT_EQ((*d.ingress)["spec"]["rules"][0]["host"], "demo.example.com");
  EXPECT_EQ(server_url(d, host_server(server().url()))->url, "https://demo.example.com");
}

TEST_F(ClusterDescribe, FetchesKraftsTraefikRoute) {
  create_ready("team", "demo", {{"tlsSANs", {"vc.example.com"}}});
  client().create(ingress_route_tcps(), "team", traefik_route("team", "demo", "vc.example.com"));
  const ClusterDetails d = service_.describe({"team", "demo"});
  ASSERT_TRUE(d.traefik_route);
  EXPECT_EQ(server_url(d, host_server(server().url()))->url, "https://vc.example.com");
}

TEST_F(ClusterDescribe, NodePortClusterIsReachedOnTheHostApiServersHost) {
  create_ready("team", "demo",
               {{"expose", {{"nodePort", {{"serverPort", 30443}}}}}, {"tlsSANs", {"127.0.0.1"}}});
  const Cluster c = service_.get({"team", "demo"});
  EXPECT_EQ(fetch_server_url(client(), c, host_server(server().url()))->url,
            "https://127.0.0.1:30443");
  EXPECT_EQ(server_url(service_.describe({"team", "demo"}), host_server(server().url())),
            (ServerEndpoint{"https://127.0.0.1:30443", ""}));
}

TEST_F(ClusterDescribe, LoadBalancerClusterIsReachedOnItsAddress) {
  create_ready(
      "team", "demo",
      {{"expose", {{"loadBalancer", {{"serverPort", 8443}}}}}, {"tlsSANs", {"192.0.2.10"}}});
  const Cluster c = service_.get({"team", "demo"});
  EXPECT_EQ(fetch_server_url(client(), c, host_server(server().url()))->url,
            "https://192.0.2.10:8443");
}

TEST_F(ClusterDescribe, ClusterIpClusterIsReachedOnItsServiceInsideTheHost) {
  create_ready("team", "demo");
  const ClusterDetails d = service_.describe({"team", "demo"});
  ASSERT_TRUE(d.service);
  const std::string ip = (*d.service)["spec"]["clusterIP"];
  EXPECT_EQ(server_url(d, host_server(server().url()))->url, "https://" + ip);
}

TEST_F(ClusterDescribe, UnknownClusterIsNotFound) {
  try {
    service_.describe({"team", "nope"});
    FAIL() << "no error";
  } catch (const api::ApiError& e) {
    EXPECT_TRUE(e.is_not_found());
    EXPECT_NE(std::string(e.what()).find("cluster \"nope\" not found in namespace \"team\""),
              std::string::npos);
  }
}

TEST(ClusterDescribeWithoutTraefik, LeavesTheRouteEmptyWithoutAsking) {
  kraft::testing::TestApiServerOptions options;
  options.crd_files = kraft::testing::k3k_crd_files();
  kraft::testing::TestApiServer server(options);
  api::Client client = api::Client::connect(api::testing::admin_config(server));
  client.create(api::resources::namespaces(), "", api::testing::namespace_object("team"));
  client.create(clusters(), "team", api::testing::cluster("demo"));
  const ClusterDetails d = ClusterService(client).describe({"team", "demo"});
  EXPECT_EQ(d.cluster.name(), "demo");
  EXPECT_FALSE(d.traefik_route);
}

}  // namespace
}  // namespace kraft::k3k::testing
