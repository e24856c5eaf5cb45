// k3k::fetch_kubeconfig and friends: a virtual cluster's kubeconfig from its bootstrap Secret,
// checked end to end by serving the CAs of the simulated cluster from a second test API
// server and authenticating with the generated certificate.
#include <kraft/api/errors.h>
#include <kraft/config/kubeconfig.h>
#include <kraft/config/loading.h>
#include <kraft/k3k/kubeconfig.h>
#include <kraft/k3k/names.h>
#include <kraft/pki/client_certificate.h>

#include "k3k/test_support/host_fixture.h"

namespace kraft::k3k::testing {
namespace {

using kraft::testing::TestApiServer;
using kraft::testing::TestApiServerOptions;
using kraft::testing::VirtualClusterPki;

const json kNodePort = {{"expose", {{"nodePort", {{"serverPort", 30443}}}}},
                        {"tlsSANs", {"127.0.0.1"}}};

std::string secret_path(const std::string& ns, const std::string& name) {
  return "/api/v1/namespaces/" + ns + "/secrets/" + bootstrap_secret_name(name);
}

// A stand-in for the virtual cluster's own API server: its serving certificate comes from the
// cluster's server CA and it accepts client certificates of `client_ca_pem`.
TestApiServerOptions virtual_server(const VirtualClusterPki& pki, const std::string& client_ca) {
  TestApiServerOptions options;
  options.serving_ca = kraft::testing::KeyPair{pki.server_ca.cert_pem(), pki.server_ca.key_pem()};
  options.extra_client_ca_pems = {client_ca};
  return options;
}

// Lists namespaces with the kubeconfig's current context; the ApiError/TransportError message
// or "" on success.
std::string try_list(const config::Kubeconfig& kubeconfig) {
  try {
    auto client = api::Client::connect(config::resolve(kubeconfig, {}));
    client.list(api::resources::namespaces(), "");
    return "";
  } catch (const Error& e) {
    return e.what();
  }
}

class KubeconfigTest : public HostFixture {
 protected:
  KubeconfigRequest request() {
    KubeconfigRequest r;
    r.url.host_server = server().url();
    r.wait_timeout = std::chrono::seconds(10);
    return r;
  }
};

TEST(Bootstrap, ReadsTheThreePemsAndNamesTheSecretWhenOneIsMissing) {
  const auto pki = VirtualClusterPki::generate();
  const auto cas = parse_bootstrap(kraft::testing::bootstrap_json(pki, "2024-01-01T00:00:00Z"),
                                   "ns/k3k-a-bootstrap");
  EXPECT_EQ(cas.server_ca, pki.server_ca.cert_pem());
  EXPECT_EQ(cas.client_ca, pki.client_ca.cert_pem());
  EXPECT_EQ(cas.client_ca_key.reveal(), pki.client_ca.key_pem());

  json partial = json::parse(kraft::testing::bootstrap_json(pki, "t"));
  partial.erase("clientCAKey");
  const auto missing =
      thrown<ConfigError>([&] { parse_bootstrap(partial.dump(), "ns/k3k-a-bootstrap"); });
  EXPECT_EQ(missing,
            "Secret ns/k3k-a-bootstrap has no clientCAKey in its bootstrap data; is it "
            "a K3k bootstrap secret?");
  const std::string garbled = "{\"serverCA\": " + pki.client_ca.key_pem();
  const auto bad = thrown<ConfigError>([&] { parse_bootstrap(garbled, "ns/s"); });
  EXPECT_EQ(bad, "Secret ns/s: the bootstrap value is not a JSON object");
  EXPECT_EQ(bad.find("PRIVATE KEY"), std::string::npos);
}

TEST(Bootstrap, OriginIsReadBackFromTheEntryExtensions) {
  EXPECT_EQ(kubeconfig_entry_name({"team", "demo"}), "kraft-team-demo");
  const auto pki = VirtualClusterPki::generate();
  BootstrapCas cas{pki.server_ca.cert_pem(), pki.client_ca.cert_pem(),
                   Secret(pki.client_ca.key_pem())};
  KubeconfigRequest request;
  request.url.host_server = "https://host.example:6443";
  const auto config = make_kubeconfig({"team", "demo"}, cas, {"https://demo.example", ""}, request);
  // Through YAML and back, as it would be after landing in a file.
  const auto reread = config::parse_kubeconfig(config::to_yaml(config), "x.yaml");
  ASSERT_EQ(reread.clusters.size(), 1u);
  const VirtualClusterOrigin want{"https://host.example:6443", {"team", "demo"}, "", {}};
  EXPECT_EQ(virtual_cluster_origin(reread.clusters[0].raw), want);
  // User and context also carry the identity: another CN is another entry.
  VirtualClusterOrigin identity = want;
  identity.user = "system:admin";
  identity.groups = {"system:masters"};
  EXPECT_EQ(virtual_cluster_origin(reread.users[0].raw), identity);
  EXPECT_EQ(virtual_cluster_origin(reread.contexts[0].raw), identity);
  // Hand-edited extensions of the wrong types are not kraft's, and do not throw.
  EXPECT_EQ(virtual_cluster_origin(json::parse(
                R"({"extensions": [{"name": "kraft/virtual-cluster", "extension": {"host": 1,
                    "namespace": ["x"], "name": {}}}]})")),
            std::nullopt);
  EXPECT_EQ(virtual_cluster_origin(json::parse(R"({"extensions": [{"name": 7}]})")), std::nullopt);
  EXPECT_EQ(virtual_cluster_origin(json::object()), std::nullopt);
  EXPECT_EQ(reread.current_context, "kraft-team-demo");
  EXPECT_EQ(reread.contexts[0].value.cluster, "kraft-team-demo");
  EXPECT_EQ(reread.contexts[0].value.user, "kraft-team-demo");
}

TEST(Bootstrap, ServerUrlsAreComparedInOneSpelling) {
  EXPECT_EQ(canonical_server_url("HTTPS://Host.Example:443/"), "https://host.example");
  EXPECT_EQ(canonical_server_url("https://h:6443"), "https://h:6443");
  EXPECT_EQ(canonical_server_url("https://h:6443/Path/"), "https://h:6443/Path");
  EXPECT_EQ(canonical_server_url("https://[::1]:443"), "https://[::1]");
}

TEST_F(KubeconfigTest, NodePortClusterGetsTheHostAddressAndACertificateFromTheClientCa) {
  create_ready("team", "demo", kNodePort);
  auto r = request();
  r.certificate.common_name = "alice";
  r.certificate.organizations = {"dev", "ops"};
  r.certificate.validity_days = 30;
  const auto config = fetch_kubeconfig(client(), {"team", "demo"}, r);
  ASSERT_EQ(config.clusters.size(), 1u);
  EXPECT_EQ(config.clusters[0].name, "kraft-team-demo");
  EXPECT_EQ(config.clusters[0].value.server, "https://127.0.0.1:30443");
  const auto pki = sim().pki("team", "demo");
  ASSERT_TRUE(pki);
  EXPECT_EQ(config.clusters[0].value.certificate_authority_data, pki->server_ca.cert_pem());

  const std::string chain = config.users[0].value.client_certificate_data;
  const auto leaf = pki::inspect_certificate(chain);
  EXPECT_EQ(leaf.subject_common_name, "alice");
  EXPECT_EQ(leaf.organizations, (std::vector<std::string>{"dev", "ops"}));
  EXPECT_EQ(leaf.ext_key_usages, std::vector<std::string>{"clientAuth"});
  EXPECT_EQ(leaf.issuer_common_name,
            pki::inspect_certificate(pki->client_ca.cert_pem()).subject_common_name);
  // leaf followed by the client CA
  EXPECT_NE(chain.find(pki->client_ca.cert_pem()), std::string::npos);
  EXPECT_EQ(chain.find(pki->client_ca.cert_pem()), chain.size() - pki->client_ca.cert_pem().size());
}

TEST_F(KubeconfigTest, ServerOverrideWins) {
  create_ready("team", "demo", kNodePort);
  auto r = request();
  r.server = "https://vc.example.com";
  r.entry_name = "demo";
  const auto config = fetch_kubeconfig(client(), {"team", "demo"}, r);
  EXPECT_EQ(config.clusters[0].value.server, "https://vc.example.com");
  EXPECT_EQ(config.current_context, "demo");
}

TEST_F(KubeconfigTest, ClusterIpServerComesWithAWarning) {
  create_ready("team", "inside");
  auto r = request();
  std::vector<std::string> warnings;
  r.on_warning = [&](const std::string& w) { warnings.push_back(w); };
  const auto config = fetch_kubeconfig(client(), {"team", "inside"}, r);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("reachable only from inside the host cluster"), std::string::npos);
  EXPECT_NE(warnings[0].find(config.clusters[0].value.server), std::string::npos);
}

TEST_F(KubeconfigTest, MissingClusterIsNotFound) {
  make_namespace("team");
  try {
    fetch_kubeconfig(client(), {"team", "nope"}, request());
    FAIL() << "expected a 404";
  } catch (const api::ApiError& e) {
    EXPECT_EQ(e.exit_code(), ExitCode::kNotFound);
  }
}

TEST_F(KubeconfigTest, WaitsForTheBootstrapSecretAndTimesOutNamingIt) {
  create_ready("team", "demo", kNodePort);
  const auto secret = server().registry().call("GET", secret_path("team", "demo"));
  ASSERT_EQ(secret.status, 200);
  ASSERT_EQ(server().registry().call("DELETE", secret_path("team", "demo")).status, 200);

  auto r = request();
  r.wait_timeout = std::chrono::milliseconds(1200);
  std::vector<std::string> waits;
  r.on_wait = [&](const std::string& what) { waits.push_back(what); };
  const auto message = thrown<WaitTimeoutError>([&] {
    fetch_kubeconfig(client(), {"team", "demo"}, r);
  });
  EXPECT_EQ(message,
            "Secret team/k3k-demo-bootstrap did not appear within 2s; is cluster "
            "\"team/demo\" provisioning? See `kraft describe team/demo`");
  EXPECT_EQ(waits, std::vector<std::string>{"waiting for Secret team/k3k-demo-bootstrap (K3k "
                                            "creates it while the cluster provisions)"});

  // The secret comes back while kraft waits: the kubeconfig is made from it.
  json body = json::parse(secret.body);
  body["metadata"].erase("resourceVersion");
  body["metadata"].erase("uid");
  body["metadata"].erase("creationTimestamp");
  r.wait_timeout = std::chrono::seconds(10);
  // on_wait runs before the watch starts: the watch then finds the secret.
  r.on_wait = [&](const std::string&) {
    server().registry().call("POST", "/api/v1/namespaces/team/secrets", body.dump());
  };
  const auto config = fetch_kubeconfig(client(), {"team", "demo"}, r);
  EXPECT_EQ(config.clusters[0].value.server, "https://127.0.0.1:30443");
}

TEST_F(KubeconfigTest, GeneratedCertificateAuthenticatesOnlyWhereTheClientCaIsTrusted) {
  create_ready("team", "demo", kNodePort);
  const auto pki = sim().pki("team", "demo");
  ASSERT_TRUE(pki);
  TestApiServer virtual_api(virtual_server(*pki, pki->client_ca.cert_pem()));
  auto r = request();
  r.server = virtual_api.url();
  const auto config = fetch_kubeconfig(client(), {"team", "demo"}, r);
  EXPECT_EQ(try_list(config), "");

  // A server that trusts another client CA refuses the certificate.
  const auto other = VirtualClusterPki::generate();
  TestApiServer stranger(virtual_server(*pki, other.client_ca.cert_pem()));
  auto elsewhere = config;
  elsewhere.clusters[0].value.server = stranger.url();
  EXPECT_NE(try_list(elsewhere).find("Unauthorized"), std::string::npos) << try_list(elsewhere);

  // An expired certificate is refused too.
  const BootstrapCas cas{pki->server_ca.cert_pem(), pki->client_ca.cert_pem(),
                         Secret(pki->client_ca.key_pem())};
  auto old = r;
  old.certificate.validity_days = 1;
  const auto expired = make_kubeconfig({"team", "demo"}, cas, {virtual_api.url(), ""}, old,
                                       std::chrono::system_clock::now() - std::chrono::hours(48));
  EXPECT_NE(try_list(expired).find("Unauthorized"), std::string::npos) << try_list(expired);
}

}  // namespace
}  // namespace kraft::k3k::testing
