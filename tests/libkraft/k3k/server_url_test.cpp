// server_url: every branch of K3k's server URL algorithm, plus kraft's Traefik route and its
// tls-server-name rule, as pure functions over hand-written objects.
#include <gtest/gtest.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/server_url.h>

#include <nlohmann/json.hpp>

namespace kraft::k3k {
namespace {

using nlohmann::json;

Cluster cluster(json spec = json::object(), json status_sans = nullptr) {
  json object = {{"apiVersion", "k3k.io/v1beta1"},
                 {"kind", "Cluster"},
                 {"metadata", {{"name", "demo"}, {"namespace", "team"}}},
                 {"spec", std::move(spec)}};
  if (!status_sans.is_null()) object["status"] = {{"tlsSANs", std::move(status_sans)}};
  return Cluster::from_json(object);
}

json service(const std::string& type, json ports, const std::string& cluster_ip = "10.43.0.5",
             json lb_ingress = nullptr) {
  json s = {{"apiVersion", "v1"},
            {"kind", "Service"},
            {"spec", {{"type", type}, {"clusterIP", cluster_ip}, {"ports", std::move(ports)}}}};
  if (!lb_ingress.is_null()) s["status"]["loadBalancer"]["ingress"] = json::array({lb_ingress});
  return s;
}

json https_port(int port = 443) { return json::array({{{"port", port}, {"protocol", "TCP"}}}); }
json node_port(int node_port) {
  return json::array({{{"port", 443}, {"nodePort", node_port}, {"protocol", "TCP"}}});
}

json ingress(const std::string& host) {
  json rule = json::object();
  if (!host.empty()) rule["host"] = host;
  return {{"spec", {{"rules", json::array({rule})}}}};
}

json traefik_route(const std::string& match) {
  return {{"spec", {{"routes", json::array({{{"match", match}}})}}}};
}

ServerUrlOptions on_host(const std::string& host_server, const std::string& override_host = "") {
  ServerUrlOptions o;
  o.host_server = host_server;
  o.override_host = override_host;
  return o;
}

std::optional<ServerEndpoint> endpoint(
    const Cluster& c, const json* svc, const json* ing = nullptr, const json* route = nullptr,
    const ServerUrlOptions& options = on_host("https://203.0.113.7:6443")) {
  ExposedObjects objects;
  objects.service = svc;
  objects.ingress = ing;
  objects.traefik_route = route;
  return server_url(c, objects, options);
}

std::optional<std::string> url(
    const Cluster& c, const json* svc, const json* ing = nullptr, const json* route = nullptr,
    const ServerUrlOptions& options = on_host("https://203.0.113.7:6443")) {
  auto e = endpoint(c, svc, ing, route, options);
  return e ? std::optional<std::string>(e->url) : std::nullopt;
}

/// The tls-server-name the endpoint needs ("" for none); "<unknown>" when there is no endpoint.
std::string tls_name(const Cluster& c, const json* svc, const json* ing = nullptr,
                     const json* route = nullptr) {
  auto e = endpoint(c, svc, ing, route);
  return e ? e->tls_server_name : "<unknown>";
}

const json kExposeIngress = {{"expose", {{"ingress", {{"ingressClassName", "nginx"}}}}}};

TEST(ServerUrl, IngressRuleHostWinsOverTheService) {
  const json svc = service("NodePort", node_port(30443));
  const json ing = ingress("vc.example.com");
  EXPECT_EQ(url(cluster(kExposeIngress), &svc, &ing), "https://vc.example.com");
}

TEST(ServerUrl, IngressWithoutHostFallsBackToTheService) {
  const json svc = service("ClusterIP", https_port(), "10.43.0.5");
  const json ing = ingress("");
  EXPECT_EQ(url(cluster(kExposeIngress, {"10.43.0.5"}), &svc, &ing), "https://10.43.0.5");
}

TEST(ServerUrl, IngressCountsOnlyWhenTheClusterIsExposedByIngress) {
  const json svc = service("ClusterIP", https_port(), "10.43.0.5");
  const json ing = ingress("vc.example.com");
  EXPECT_EQ(url(cluster({}, {"10.43.0.5"}), &svc, &ing), "https://10.43.0.5");
}

TEST(ServerUrl, TraefikRouteHostSniGivesTheHost) {
  const json svc = service("ClusterIP", https_port());
  const json route = traefik_route("HostSNI(`vc.example.com`)");
  EXPECT_EQ(url(cluster(), &svc, nullptr, &route), "https://vc.example.com");
}

TEST(ServerUrl, TraefikCatchAllRouteNamesNoHost) {
  const json svc = service("ClusterIP", https_port(), "10.43.0.5");
  const json route = traefik_route("HostSNI(`*`)");
  EXPECT_EQ(url(cluster({}, {"10.43.0.5"}), &svc, nullptr, &route), "https://10.43.0.5");
}

TEST(ServerUrl, ClusterIpServiceOnPort443HasNoPort) {
  const json svc = service("ClusterIP", https_port(), "10.43.0.5");
  EXPECT_EQ(url(cluster({}, {"10.43.0.5"}), &svc), "https://10.43.0.5");
}

TEST(ServerUrl, ServiceWithoutTypeIsClusterIpAndOtherPortsAreAppended) {
  json svc = service("ClusterIP", https_port(6443), "10.43.0.5");
  svc["spec"].erase("type");
  EXPECT_EQ(url(cluster({}, {"10.43.0.5"}), &svc), "https://10.43.0.5:6443");
}

TEST(ServerUrl, NodePortIsReachedOnTheHostApiServersHostname) {
  const json svc = service("NodePort", node_port(30443));
  EXPECT_EQ(url(cluster({}, {"203.0.113.7"}), &svc), "https://203.0.113.7:30443");
}

TEST(ServerUrl, NodePortHostCanBeOverridden) {
  const json svc = service("NodePort", node_port(30443));
  EXPECT_EQ(url(cluster({}, {"node1.example.com"}), &svc, nullptr, nullptr,
                on_host("https://203.0.113.7:6443", "node1.example.com")),
            "https://node1.example.com:30443");
}

TEST(ServerUrl, NodePortSeenFromInsideTheHostUsesTheClusterIpAndServicePort) {
  // K3k: when the "host server" is the ClusterIP itself, the caller is inside the host.
  const json svc = service("NodePort", node_port(30443), "10.43.0.5");
  EXPECT_EQ(url(cluster({}, {"10.43.0.5"}), &svc, nullptr, nullptr,
                on_host("https://203.0.113.7:6443", "10.43.0.5")),
            "https://10.43.0.5");
}

TEST(ServerUrl, NodePortNotAllocatedYetIsUnknown) {
  const json svc = service("NodePort", https_port());
  EXPECT_EQ(url(cluster({}, {"203.0.113.7"}), &svc), std::nullopt);
}

TEST(ServerUrl, LoadBalancerUsesItsIngressIpAndServicePort) {
  const json svc = service("LoadBalancer", https_port(), "10.43.0.5", {{"ip", "192.0.2.10"}});
  EXPECT_EQ(url(cluster({}, {"192.0.2.10"}), &svc), "https://192.0.2.10");
}

TEST(ServerUrl, LoadBalancerFallsBackToItsHostname) {
  const json svc =
      service("LoadBalancer", https_port(8443), "10.43.0.5", {{"hostname", "lb.example.com"}});
  EXPECT_EQ(url(cluster({}, {"lb.example.com"}), &svc), "https://lb.example.com:8443");
}

TEST(ServerUrl, LoadBalancerWithoutAnAddressYetIsUnknown) {
  const json svc = service("LoadBalancer", https_port());
  EXPECT_EQ(url(cluster({{"tlsSANs", {"vc.example.com"}}}, {"10.43.0.5"}), &svc), std::nullopt);
}

TEST(ServerUrl, AHostTheCertificateNamesNeedsNoTlsServerName) {
  const json svc = service("NodePort", node_port(30443));
  EXPECT_EQ(tls_name(cluster({}, {"203.0.113.7", "10.43.0.5"}), &svc), "");
  // Named in the spec but not yet reported in the status: it will be in the certificate.
  EXPECT_EQ(tls_name(cluster({{"tlsSANs", {"vc.example.com", "203.0.113.7"}}}, {"10.43.0.5"}),
                     &svc),
            "");
}

TEST(ServerUrl, AHostMissingFromTheCertificateIsKeptAndTheFirstSpecTlsSanVerified) {
  // K3k would write https://vc.example.com:30443, a name that may not reach the NodePort;
  // kraft keeps the reachable address and checks the certificate for the name it carries.
  const json svc = service("NodePort", node_port(30443));
  const Cluster c = cluster({{"tlsSANs", {"vc.example.com", "other"}}}, {"10.43.0.5"});
  EXPECT_EQ(url(c, &svc), "https://203.0.113.7:30443");
  EXPECT_EQ(tls_name(c, &svc), "vc.example.com");
}

TEST(ServerUrl, WildcardSansAreNeverATlsServerName) {
  const json svc = service("NodePort", node_port(30443));
  EXPECT_EQ(tls_name(cluster({{"tlsSANs", {"*.example.com", "vc.example.com"}}}, {"10.43.0.5"}),
                     &svc),
            "vc.example.com");
}

TEST(ServerUrl, WithoutSpecTlsSansTheServicesDnsNameIsVerified) {
  // K3k's substitution would pick the ClusterIP (status.tlsSANs is sorted), unreachable from
  // outside the host: the reported failure of issue 12.
  const json svc = service("NodePort", node_port(30443));
  const Cluster c = cluster({}, {"10.43.0.5", "k3k-demo-service", "k3k-demo-service.team"});
  EXPECT_EQ(url(c, &svc), "https://203.0.113.7:30443");
  EXPECT_EQ(tls_name(c, &svc), "k3k-demo-service.team");
}

TEST(ServerUrl, OtherwiseTheFirstStatusTlsSanIsVerified) {
  const json svc = service("NodePort", node_port(30443));
  EXPECT_EQ(tls_name(cluster({}, {"*.x", "10.43.0.5", "k3k-demo-service"}), &svc), "10.43.0.5");
}

TEST(ServerUrl, WithoutAnyTlsSansTheHostIsKeptAsIs) {
  const json svc = service("NodePort", node_port(30443));
  EXPECT_EQ(url(cluster(), &svc), "https://203.0.113.7:30443");
  EXPECT_EQ(tls_name(cluster(), &svc), "");
}

TEST(ServerUrl, ALoadBalancerAddressMissingFromTheCertificateGetsATlsServerName) {
  const json svc = service("LoadBalancer", https_port(), "10.43.0.5", {{"ip", "192.0.2.10"}});
  const Cluster c = cluster({}, {"10.43.0.5", "k3k-demo-service", "k3k-demo-service.team"});
  EXPECT_EQ(url(c, &svc), "https://192.0.2.10");
  EXPECT_EQ(tls_name(c, &svc), "k3k-demo-service.team");
}

TEST(ServerUrl, IngressAndTraefikHostsNeverGetATlsServerName) {
  // They route by SNI: the name sent must stay the host.
  const json svc = service("NodePort", node_port(30443));
  const json ing = ingress("vc.example.com");
  const json route = traefik_route("HostSNI(`vc.example.com`)");
  const Cluster c = cluster(kExposeIngress, {"10.43.0.5"});
  EXPECT_EQ(tls_name(c, &svc, &ing), "");
  EXPECT_EQ(tls_name(cluster({}, {"10.43.0.5"}), &svc, nullptr, &route), "");
}

TEST(ServerUrl, AClusterIpEndpointIsClusterInternal) {
  const json svc = service("ClusterIP", https_port(), "10.43.0.5");
  auto e = endpoint(cluster({}, {"10.43.0.5"}), &svc);
  ASSERT_TRUE(e);
  EXPECT_TRUE(is_cluster_internal(*e, svc));
  const json np = service("NodePort", node_port(30443));
  auto reachable = endpoint(cluster({}, {"203.0.113.7"}), &np);
  ASSERT_TRUE(reachable);
  EXPECT_FALSE(is_cluster_internal(*reachable, np));
}

TEST(ServerUrl, Ipv6HostsAreBracketed) {
  const json svc443 = service("ClusterIP", https_port(), "fd00::5");
  const json svc6443 = service("ClusterIP", https_port(6443), "fd00::5");
  EXPECT_EQ(url(cluster({}, {"fd00::5"}), &svc443), "https://[fd00::5]");
  EXPECT_EQ(url(cluster({}, {"fd00::5"}), &svc6443), "https://[fd00::5]:6443");
}

TEST(ServerUrl, Ipv6HostApiServerIsUnbracketedForTheCertificateCheck) {
  const json svc = service("NodePort", node_port(30443));
  EXPECT_EQ(url(cluster({}, {"2001:db8::7"}), &svc, nullptr, nullptr,
                on_host("https://[2001:db8::7]:6443")),
            "https://[2001:db8::7]:30443");
}

TEST(ServerUrl, NothingKnownYetIsNullopt) {
  EXPECT_EQ(url(cluster(), nullptr), std::nullopt);
  const json headless = service("ClusterIP", https_port(), "None");
  EXPECT_EQ(url(cluster(), &headless), std::nullopt);
  const json external = service("ExternalName", https_port(), "");
  EXPECT_EQ(url(cluster(), &external), std::nullopt);
}

TEST(ServerUrl, DetailsOverloadReadsWhatDescribeFetched) {
  ClusterDetails details;
  details.cluster = cluster();
  details.service = service("ClusterIP", https_port());
  details.traefik_route = traefik_route("HostSNI(`a.example.com`) || HostSNI(`b.example.com`)");
  EXPECT_EQ(server_url(details, on_host("https://203.0.113.7:6443")),
            (ServerEndpoint{"https://a.example.com", ""}));
}

TEST(UrlHost, TakesTheHostOutOfAServerUrl) {
  EXPECT_EQ(url_host("https://203.0.113.7:6443"), "203.0.113.7");
  EXPECT_EQ(url_host("https://api.example.com"), "api.example.com");
  EXPECT_EQ(url_host("https://[::1]:6443/prefix"), "::1");
  EXPECT_EQ(url_host("https://user@api.example.com:443?x=1"), "api.example.com");
  EXPECT_EQ(url_host("api.example.com:6443"), "api.example.com");
  EXPECT_EQ(url_host(""), "");
  EXPECT_EQ(url_host("https://[::1"), "");
}

}  // namespace
}  // namespace kraft::k3k
