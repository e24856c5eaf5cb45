// ClusterRequest: what kraft refuses before sending anything, and the Cluster it builds.
#include <gtest/gtest.h>
#include <kraft/core/error.h>
#include <kraft/k3k/cluster_request.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "k3k/test_support/cluster_requests.h"

namespace kraft::k3k {
namespace {

using nlohmann::json;

using k3k::testing::named;

std::string refusal(const ClusterRequest& r) {
  try {
    validate(r);
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.exit_code(), ExitCode::kUsage);
    return e.what();
  }
  return "";
}

TEST(ClusterRequest, DefaultsBuildAPersistentSharedNodePortClusterInK3kNamespace) {
  json c = build_cluster(named("demo")).to_json();
  EXPECT_EQ(c["apiVersion"], "k3k.io/v1beta1");
  EXPECT_EQ(c["kind"], "Cluster");
  EXPECT_EQ(c["metadata"]["namespace"], "k3k-demo");
  EXPECT_EQ(c["metadata"]["labels"]["app.kubernetes.io/managed-by"], "kraft");
  EXPECT_EQ(c["spec"]["servers"], 1);
  EXPECT_EQ(c["spec"]["agents"], 0);
  EXPECT_EQ(c["spec"]["mode"], "shared");
  // Without persistence K3k gives the server an emptyDir: it is always sent.
  EXPECT_EQ(c["spec"]["persistence"], (json{{"type", "dynamic"}}));
  // Reachable from outside the host by default, as K3k's CLI makes clusters.
  EXPECT_EQ(c["spec"]["expose"], (json{{"nodePort", json::object()}}));
  EXPECT_FALSE(c["spec"].contains("tlsSANs"));  // the server host is filled in by create()
  EXPECT_FALSE(c["spec"].contains("version"));
}

TEST(ClusterRequest, ExposeNoneKeepsTheClusterInsideTheHost) {
  ClusterRequest r = named("demo");
  r.expose = ExposeMode::kNone;
  EXPECT_FALSE(build_cluster(r).to_json()["spec"].contains("expose"));
}

TEST(ClusterRequest, TheServerHostIsNamedInTheCertificateAfterTheHost) {
  ClusterRequest r = named("demo");
  r.server_host = "203.0.113.7";
  r.tls_sans = {"alt.example.com", "203.0.113.7"};
  EXPECT_EQ(build_cluster(r).to_json()["spec"]["tlsSANs"],
            (json{"203.0.113.7", "alt.example.com"}));
  r.host = "vc.example.com";
  EXPECT_EQ(build_cluster(r).to_json()["spec"]["tlsSANs"],
            (json{"vc.example.com", "203.0.113.7", "alt.example.com"}));
}

TEST(ClusterRequest, AServerHostNeedsNodePortExposureAndAnExactName) {
  ClusterRequest r = named("demo");
  r.server_host = "node1.example.com";
  r.expose = ExposeMode::kLoadBalancer;
  EXPECT_THROW(build_cluster(r), ValidationError);
  r.expose = ExposeMode::kNodePort;
  r.server_host = "*.example.com";
  EXPECT_THROW(build_cluster(r), ValidationError);
  r.server_host = "not a host";
  EXPECT_THROW(build_cluster(r), ValidationError);
}

TEST(ClusterRequest, EveryFlagLandsInItsCrdField) {
  ClusterRequest r = named("demo");
  r.ns = "team";
  r.servers = 3;
  r.agents = 2;
  r.mode = "virtual";
  r.version = "v1.31.1-k3s1";
  r.storage_class = "local-path";
  r.storage_size = "5Gi";
  r.expose = ExposeMode::kIngress;
  r.ingress_class = "nginx";
  r.host = "demo.example.com";
  r.tls_sans = {"api.example.com", "demo.example.com", "alt.example.com"};
  r.server_args = {"--disable=traefik"};
  r.agent_args = {"--node-label=a=b"};
  r.labels = {{"team", "dev"}, {"example.com/tier", "gold"}};
  json c = build_cluster(r).to_json();
  EXPECT_EQ(c["metadata"]["namespace"], "team");
  EXPECT_EQ(c["metadata"]["labels"]["team"], "dev");
  EXPECT_EQ(c["metadata"]["labels"]["example.com/tier"], "gold");
  const json& s = c["spec"];
  EXPECT_EQ(s["servers"], 3);
  EXPECT_EQ(s["agents"], 2);
  EXPECT_EQ(s["mode"], "virtual");
  EXPECT_EQ(s["version"], "v1.31.1-k3s1");
  EXPECT_EQ(s["persistence"],
            (json{{"type", "dynamic"}, {"storageClassName", "local-path"},
                  {"storageRequestSize", "5Gi"}}));
  EXPECT_EQ(s["expose"], (json{{"ingress", {{"ingressClassName", "nginx"}}}}));
  // The host first (K3k's server URL and ingress use tlsSANs[0]), no duplicates.
  EXPECT_EQ(s["tlsSANs"], (json{"demo.example.com", "api.example.com", "alt.example.com"}));
  EXPECT_EQ(s["serverArgs"], (json{"--disable=traefik"}));
  EXPECT_EQ(s["agentArgs"], (json{"--node-label=a=b"}));
}

TEST(ClusterRequest, ExposeModesMapToTheCrdShapes) {
  ClusterRequest r = named("demo");
  r.expose = ExposeMode::kNodePort;
  EXPECT_EQ(build_cluster(r).to_json()["spec"]["expose"], (json{{"nodePort", json::object()}}));
  r.expose = ExposeMode::kLoadBalancer;
  EXPECT_EQ(build_cluster(r).to_json()["spec"]["expose"],
            (json{{"loadBalancer", json::object()}}));
  r.expose = ExposeMode::kTraefik;  // a separate IngressRouteTCP; the service stays ClusterIP
  r.host = "demo.example.com";
  json spec = build_cluster(r).to_json()["spec"];
  EXPECT_FALSE(spec.contains("expose"));
  EXPECT_EQ(spec["tlsSANs"], (json{"demo.example.com"}));
  r.persistence = "ephemeral";
  EXPECT_EQ(build_cluster(r).to_json()["spec"]["persistence"], (json{{"type", "ephemeral"}}));
}

TEST(ClusterRequest, ParsesExposeModes) {
  EXPECT_EQ(parse_expose_mode("nodeport"), ExposeMode::kNodePort);
  EXPECT_EQ(parse_expose_mode("loadbalancer"), ExposeMode::kLoadBalancer);
  EXPECT_EQ(parse_expose_mode("ingress"), ExposeMode::kIngress);
  EXPECT_EQ(parse_expose_mode("traefik"), ExposeMode::kTraefik);
  EXPECT_EQ(parse_expose_mode("none"), ExposeMode::kNone);
  EXPECT_THROW(parse_expose_mode(""), ValidationError);
  EXPECT_THROW(parse_expose_mode("NodePort"), ValidationError);
  EXPECT_EQ(to_string(ExposeMode::kTraefik), "traefik");
}

TEST(ClusterRequest, RefusesWhatK3kRefusesInOneLine) {
  auto with = [](auto change) {
    ClusterRequest r = named("demo");
    change(r);
    return refusal(r);
  };
  EXPECT_NE(with([](auto& r) { r.name = "Demo"; }).find("cluster name \"Demo\" is invalid"),
            std::string::npos);
  EXPECT_NE(with([](auto& r) { r.name = "system"; }).find("reserved"), std::string::npos);
  EXPECT_NE(with([](auto& r) { r.ns = "a_b"; }).find("namespace name"), std::string::npos);
  EXPECT_NE(with([](auto& r) { r.servers = 0; }).find("servers must be at least 1, got 0"),
            std::string::npos);
  EXPECT_NE(with([](auto& r) { r.agents = -1; }).find("agents must be at least 0"),
            std::string::npos);
  EXPECT_NE(with([](auto& r) { r.mode = "hybrid"; }).find("unknown mode \"hybrid\""),
            std::string::npos);
  EXPECT_NE(with([](auto& r) { r.persistence = "static"; }).find("unknown persistence"),
            std::string::npos);
  EXPECT_NE(with([](auto& r) { r.version = "1.31 k3s"; }).find("not a k3s version"),
            std::string::npos);
  EXPECT_NE(with([](auto& r) { r.storage_size = "5GB"; }).find("storage size \"5GB\""),
            std::string::npos);
  EXPECT_NE(with([](auto& r) { r.storage_size = "0"; }).find("positive"), std::string::npos);
  EXPECT_NE(with([](auto& r) {
              r.persistence = "ephemeral";
              r.storage_size = "1Gi";
            }).find("persistence dynamic"),
            std::string::npos);
  EXPECT_EQ(with([](auto& r) { r.ingress_class = "nginx"; }),
            "an ingress class only applies to ingress exposure");
  EXPECT_EQ(with([](auto& r) { r.expose = ExposeMode::kTraefik; }),
            "traefik exposure needs the host name users will dial, e.g. demo.example.com");
  EXPECT_NE(with([](auto& r) { r.expose = ExposeMode::kIngress; }).find("needs the host name"),
            std::string::npos);
  EXPECT_NE(with([](auto& r) { r.host = "bad host"; }).find("not a valid DNS name"),
            std::string::npos);
  EXPECT_NE(with([](auto& r) { r.host = "*.example.com"; }).find("wildcard"), std::string::npos);
  EXPECT_NE(with([](auto& r) { r.tls_sans = {"a..b"}; }).find("TLS SAN \"a..b\""),
            std::string::npos);
  EXPECT_NE(with([](auto& r) { r.labels = {{"-bad", "x"}}; }).find("label key \"-bad\""),
            std::string::npos);
  EXPECT_NE(with([](auto& r) { r.labels = {{"ok", "no spaces"}}; }).find("label value"),
            std::string::npos);
  EXPECT_NE(with([](auto& r) { r.policy = "P"; }).find("policy name"), std::string::npos);
  EXPECT_NE(with([](auto& r) {
              r.expose = ExposeMode::kTraefik;
              r.host = "10.0.0.1";
            }).find("must be a DNS name"),
            std::string::npos);
  EXPECT_NE(with([](auto& r) {
              r.expose = ExposeMode::kIngress;
              r.host = "a.example.com";
              r.tls_sans = {"10.0.0.1"};
            }).find("cannot be an Ingress host"),
            std::string::npos);
  EXPECT_EQ(with([](auto& r) { r.tls_sans = {"*.example.com", "::1", "10.1.2.3"}; }), "");
}

// The fields of a refusal: what a front end points at in its own words (kraft's flags).
std::vector<std::string> refused_fields(const ClusterRequest& r) {
  try {
    validate(r);
  } catch (const ValidationError& e) {
    // The SDK speaks of the request, never of a front end's flags.
    EXPECT_EQ(std::string(e.what()).find("--"), std::string::npos) << e.what();
    return e.fields();
  }
  return {"(accepted)"};
}

TEST(ClusterRequest, RefusalsNameTheFieldsToChange) {
  using Fields = std::vector<std::string>;
  auto with = [](auto change) {
    ClusterRequest r = named("demo");
    change(r);
    return refused_fields(r);
  };
  EXPECT_EQ(with([](auto& r) { r.servers = 0; }), Fields{"servers"});
  EXPECT_EQ(with([](auto& r) { r.agents = -1; }), Fields{"agents"});
  EXPECT_EQ(with([](auto& r) { r.mode = "hybrid"; }), Fields{"mode"});
  EXPECT_EQ(with([](auto& r) { r.version = "1.31 k3s"; }), Fields{"version"});
  EXPECT_EQ(with([](auto& r) { r.persistence = "static"; }), Fields{"persistence"});
  EXPECT_EQ(with([](auto& r) {
              r.persistence = "ephemeral";
              r.storage_class = "fast";
            }),
            (Fields{"storage_class", "persistence"}));
  EXPECT_EQ(with([](auto& r) { r.storage_size = "5GB"; }), Fields{"storage_size"});
  EXPECT_EQ(with([](auto& r) { r.ingress_class = "nginx"; }), (Fields{"ingress_class", "expose"}));
  EXPECT_EQ(with([](auto& r) { r.expose = ExposeMode::kIngress; }), Fields{"host"});
  EXPECT_EQ(with([](auto& r) { r.host = "*.example.com"; }), Fields{"host"});
  EXPECT_EQ(with([](auto& r) { r.host = "bad host"; }), Fields{"host"});
  EXPECT_EQ(with([](auto& r) { r.tls_sans = {"a..b"}; }), Fields{"tls_sans"});
  EXPECT_EQ(with([](auto& r) {
              r.expose = ExposeMode::kLoadBalancer;
              r.server_host = "nodes.example.com";
            }),
            (Fields{"server_host", "expose"}));
  EXPECT_EQ(with([](auto& r) {
              r.expose = ExposeMode::kTraefik;
              r.host = "10.0.0.1";
            }),
            (Fields{"host", "expose"}));
  EXPECT_EQ(with([](auto& r) {
              r.expose = ExposeMode::kIngress;
              r.host = "a.example.com";
              r.tls_sans = {"10.0.0.1"};
            }),
            (Fields{"tls_sans", "expose"}));
  try {
    parse_expose_mode("route");
    FAIL() << "accepted";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.fields(), Fields{"expose"});
  }
}

TEST(ClusterRequest, WarnsAboutAgentsInSharedMode) {
  ClusterRequest r = named("demo");
  EXPECT_TRUE(request_warnings(r).empty());
  r.agents = 2;
  ASSERT_EQ(request_warnings(r).size(), 1u);
  EXPECT_NE(request_warnings(r)[0].find("ignored in shared mode"), std::string::npos);
  EXPECT_EQ(request_warnings(r)[0].find("--"), std::string::npos) << request_warnings(r)[0];
  r.mode = "virtual";
  EXPECT_TRUE(request_warnings(r).empty());
}

TEST(ClusterRequest, QuantitiesFollowTheCrdPattern) {
  for (const char* ok : {"5Gi", "500M", "2G", "1.5", "1e3", ".5Ki", "100m"}) {
    EXPECT_TRUE(is_quantity(ok)) << ok;
  }
  for (const char* bad : {"", "5GB", "Gi", "5 Gi", "1.2.3", "5gi"}) {
    EXPECT_FALSE(is_quantity(bad)) << bad;
  }
}

// libstdc++'s std::regex recursed once per character and overflowed the stack on a
// --storage-size of ~100,000 digits (found while writing fuzz/quantity_fuzzer.cpp).
TEST(ClusterRequest, QuantitiesOfAnyLengthAreCheckedWithoutCrashing) {
  const std::string digits(1'000'000, '1');
  EXPECT_TRUE(is_quantity(digits));
  EXPECT_TRUE(is_quantity(digits + "." + digits + "e-5"));
  EXPECT_FALSE(is_quantity(digits + "x"));
  ClusterRequest r = named("demo");
  r.storage_size = digits + "Gi";
  EXPECT_NO_THROW(validate(r));
}

TEST(ClusterRequest, QuantitySuffixesAndExponentsFollowTheCrdPattern) {
  for (const char* ok : {"+1", "-1", "1.", "1E", "1Ei", "1E5", "1e+5", "1e-05", "1.5e3", "7n", "7u",
                         "7k", "7P", "0.5Ti", "+.5"}) {
    EXPECT_TRUE(is_quantity(ok)) << ok;
  }
  for (const char* bad : {"+", ".", "1e", "1ki", "1Mi5", "1E5i", "1e5e5", "--1", "1..", "e5", "1K",
                          "1E+", "1i", " 1", "1 "}) {
    EXPECT_FALSE(is_quantity(bad)) << bad;
  }
}

// The CRD pattern lets these through, but K3k's controller reads the field with Kubernetes'
// ParseQuantity, which refuses them: an exponent with a fraction, or beyond 32 bits.
TEST(ClusterRequest, QuantitiesAreWhatK3kCanRead) {
  for (const char* bad : {"1e-.5", "1e1.5", "1E.5", "1e2147483648", "1e99999999999999999999"}) {
    EXPECT_FALSE(is_quantity(bad)) << bad;
  }
  EXPECT_TRUE(is_quantity("1e2147483647"));
  ClusterRequest r = named("demo");
  r.storage_size = "5e-.5";
  EXPECT_THROW(validate(r), ValidationError);
  r.storage_size = "0.0000000001";  // read as 1n: positive
  EXPECT_NO_THROW(validate(r));
  r.storage_size = "-0";
  EXPECT_THROW(validate(r), ValidationError);
}

TEST(ClusterRequest, LabelsFollowKubernetesSyntax) {
  EXPECT_NO_THROW(validate_label("app.kubernetes.io/name", "kraft"));
  EXPECT_NO_THROW(validate_label("team", ""));
  EXPECT_THROW(validate_label("Example.COM/x", "y"), ValidationError);
  EXPECT_THROW(validate_label("a/b/c", "y"), ValidationError);
  EXPECT_THROW(validate_label("team", std::string(64, 'a')), ValidationError);
}

}  // namespace
}  // namespace kraft::k3k
