// kraft describe's text from hand-made details and a fixed clock, compared whole.
#include "describe_text.h"

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "test_support/cli_samples.h"

namespace kraft::cli {
namespace {

using kraft::testing::kFixedNow;

using nlohmann::json;
using namespace std::chrono;

k3k::ClusterDetails ready_details() {
  k3k::ClusterDetails d;
  d.cluster = k3k::Cluster::from_json(
      {{"apiVersion", "k3k.io/v1beta1"},
       {"kind", "Cluster"},
       {"metadata",
        {{"name", "demo"},
         {"namespace", "team"},
         {"creationTimestamp", "2024-05-03T09:00:00Z"},
         {"labels", {{"app.kubernetes.io/managed-by", "kraft"}, {"env", "dev"}}}}},
       {"spec",
        {{"mode", "shared"},
         {"servers", 1},
         {"agents", 0},
         {"persistence", {{"type", "dynamic"}, {"storageRequestSize", "5Gi"}}},
         {"expose", {{"nodePort", {{"serverPort", 30443}}}}},
         {"tlsSANs", {"vc.example.com"}}}},
       {"status",
        {{"phase", "Ready"},
         {"hostVersion", "v1.26.4"},
         {"policyName", "gold"},
         {"tlsSANs", {"vc.example.com", "10.43.0.5"}},
         {"conditions",
          {{{"type", "Ready"},
            {"status", "True"},
            {"reason", "Provisioned"},
            {"message", "Cluster successfully provisioned"},
            {"lastTransitionTime", "2024-05-03T09:01:00Z"}}}}}}});
  d.server_statefulset = json{{"spec", {{"replicas", 1}}}, {"status", {{"readyReplicas", 1}}}};
  d.service = json{{"spec",
                    {{"type", "NodePort"},
                     {"clusterIP", "10.43.0.5"},
                     {"ports",
                      {{{"port", 443}, {"nodePort", 30443}, {"protocol", "TCP"}},
                       {{"port", 2379}, {"nodePort", 30444}, {"protocol", "TCP"}}}}}}};
  d.events.push_back({{"type", "Normal"},
                      {"reason", "Started"},
                      {"message", "Started container\nk3s"},
                      {"lastTimestamp", "2024-05-03T11:55:00Z"},
                      {"involvedObject", {{"kind", "Pod"}, {"name", "k3k-demo-server-0"}}}});
  return d;
}

TEST(DescribeText, ShowsEveryFieldConditionsHostObjectsAndEvents) {
  EXPECT_EQ(describe_text(ready_details(), "https://vc.example.com:30443", kFixedNow),
            "Name:         demo\n"
            "Namespace:    team\n"
            "Labels:       app.kubernetes.io/managed-by=kraft\n"
            "              env=dev\n"
            "Created:      2024-05-03T09:00:00Z (3h ago)\n"
            "Status:       Ready (Provisioned: Cluster successfully provisioned)\n"
            "Mode:         shared\n"
            "Servers:      1\n"
            "Agents:       0\n"
            "Version:      <default> (the host's v1.26.4)\n"
            "Persistence:  dynamic, 5Gi, storage class <default>\n"
            "Expose:       nodePort (server port 30443)\n"
            "Server URL:   https://vc.example.com:30443\n"
            "TLS SANs:     vc.example.com\n"
            "              10.43.0.5\n"
            "Policy:       gold\n"
            "Conditions:\n"
            "  TYPE    STATUS   REASON        MESSAGE\n"
            "  Ready   True     Provisioned   Cluster successfully provisioned\n"
            "Host Objects:\n"
            "  StatefulSet/k3k-demo-server   1/1 ready\n"
            "  Service/k3k-demo-service      NodePort 10.43.0.5, 443:30443/TCP,2379:30444/TCP\n"
            "Events:\n"
            "  LAST SEEN   TYPE     REASON    OBJECT                  MESSAGE\n"
            "  5m          Normal   Started   pod/k3k-demo-server-0   Started container k3s\n");
}

TEST(DescribeText, MessagesFromTheServerAreEscaped) {
  k3k::ClusterDetails d = ready_details();
  d.events.front()["message"] = "bad\x1b]0;title\x07 news";
  const std::string text = describe_text(d, std::nullopt, kFixedNow);
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_NE(text.find("bad\\e]0;title\\x07 news"), std::string::npos) << text;
}

TEST(DescribeText, ClusterK3kHasNotProvisionedShowsPendingAndNone) {
  k3k::ClusterDetails d;
  d.cluster = k3k::Cluster::from_json({{"apiVersion", "k3k.io/v1beta1"},
                                       {"kind", "Cluster"},
                                       {"metadata", {{"name", "demo"}, {"namespace", "team"}}},
                                       {"spec", json::object()}});
  const std::string text = describe_text(d, std::nullopt, kFixedNow);
  for (const char* line :
       {"Labels:       <none>\n", "Created:      <unknown>\n", "Status:       Unknown\n",
        "Version:      <default>\n",
        "Persistence:  <none> (emptyDir: the data is lost when the server restarts)\n",
        "Expose:       ClusterIP (reachable inside the host cluster only)\n",
        "Server URL:   <pending>\n", "TLS SANs:     <none>\n", "Policy:       <none>\n",
        "Conditions:   <none>\n", "  StatefulSet/k3k-demo-server   <none>\n",
        "  Service/k3k-demo-service      <none>\n", "Events:       <none>\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "in:\n" << text;
  }
}

TEST(DescribeText, ShowsIngressAndTraefikRouteWhenPresent) {
  k3k::ClusterDetails d = ready_details();
  d.ingress = json{{"spec", {{"rules", {{{"host", "vc.example.com"}}}}}}};
  d.traefik_route = json{{"spec", {{"routes", {{{"match", "HostSNI(`vc.example.com`)"}}}}}}};
  const std::string text = describe_text(d, std::nullopt, kFixedNow);
  EXPECT_NE(text.find("  Ingress/k3k-demo-ingress           host vc.example.com\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  IngressRouteTCP/k3k-demo-traefik   HostSNI(`vc.example.com`)\n"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace kraft::cli
