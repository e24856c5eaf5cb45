// With live_clusters, a NodePort cluster's own API server answers on 127.0.0.1:NODEPORT with
// the cluster's server CA, a certificate naming exactly status.tlsSANs, and accepts client
// certificates from the cluster's client CA, as a k3s server behind K3k's Service would.
#include "sim_fixture.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

/// GET `path` on 127.0.0.1:port as `user`, verifying the server (and its name, 127.0.0.1)
/// against `ca_pem`. Status 0 when the request failed before an answer.
int get_status(int port, const std::string& ca_pem, const KeyPair& user, const std::string& path,
               std::string* body = nullptr) {
  const HttpResult r = get_from(port, ca_pem, Credentials::cert(user), path);
  if (body) *body = r.body;
  return r.status;
}

class LiveClusters : public K3kSimTest {
 protected:
  LiveClusters() : K3kSimTest({.live_clusters = true}) {}

  int node_port(const std::string& name) {
    json svc = get("/api/v1/namespaces/team/services/k3k-" + name + "-service");
    return svc["spec"]["ports"][0].value("nodePort", 0);
  }
};

TEST_F(LiveClusters, ANodePortClusterServesItsOwnApiOnItsNodePort) {
  json ready = create_ready("a", {{"expose", {{"nodePort", json::object()}}},
                                  {"tlsSANs", {"127.0.0.1"}}});
  auto port = sim_.live_port("team", "a");
  ASSERT_TRUE(port);
  EXPECT_EQ(node_port("a"), *port);
  auto pki = sim_.pki("team", "a");
  ASSERT_TRUE(pki);
  const KeyPair admin = pki->client_ca.issue_client("system:admin", {"system:masters"});
  std::string body;
  ASSERT_EQ(get_status(*port, pki->server_ca.cert_pem(), admin, "/api/v1/namespaces", &body), 200)
      << body;
  EXPECT_NE(body.find("kube-system"), std::string::npos);
  // The host's own client certificates mean nothing to the virtual cluster.
  EXPECT_EQ(get_status(*port, pki->server_ca.cert_pem(), server_.admin_credentials(),
                       "/api/v1/namespaces"),
            401);
}

TEST_F(LiveClusters, ItsCertificateNamesOnlyTheClustersTlsSans) {
  create_ready("b", {{"expose", {{"nodePort", json::object()}}}, {"tlsSANs", {"b.example.com"}}});
  auto port = sim_.live_port("team", "b");
  ASSERT_TRUE(port);
  auto pki = sim_.pki("team", "b");
  ASSERT_TRUE(pki);
  const KeyPair admin = pki->client_ca.issue_client("system:admin", {"system:masters"});
  // 127.0.0.1 is not among the names: verifying the name fails before any answer.
  EXPECT_EQ(get_status(*port, pki->server_ca.cert_pem(), admin, "/version"), 0);
}

TEST_F(LiveClusters, AServerPortInTheSpecIsWhereItAnswers) {
  // A free port for the spec: a server started and stopped just before.
  int free_port = 0;
  {
    TestApiServerOptions o;
    o.crd_files.clear();
    TestApiServer probe(o);
    free_port = probe.port();
  }
  create_ready("c", {{"expose", {{"nodePort", {{"serverPort", free_port}}}}},
                     {"tlsSANs", {"127.0.0.1"}}});
  EXPECT_EQ(sim_.live_port("team", "c"), free_port);
  EXPECT_EQ(node_port("c"), free_port);
}

TEST_F(LiveClusters, AClusterIpClusterIsNotReachableFromOutside) {
  create_ready("d", json::object());
  EXPECT_FALSE(sim_.live_port("team", "d"));
}

TEST_F(LiveClusters, DeletingTheClusterStopsItsServer) {
  create_ready("e", {{"expose", {{"nodePort", json::object()}}}, {"tlsSANs", {"127.0.0.1"}}});
  ASSERT_TRUE(sim_.live_port("team", "e"));
  auto w = client_.watch_from_now(kTeamClusters);
  ASSERT_EQ(client_.del(kTeamClusters + "/e").status, 200);
  bool gone = false;
  while (auto ev = w->next(std::chrono::seconds(10))) {
    if ((*ev)["type"] == "DELETED" && (*ev)["object"]["metadata"]["name"] == "e") {
      gone = true;
      break;
    }
  }
  ASSERT_TRUE(gone);
  EXPECT_FALSE(sim_.live_port("team", "e"));
}

}  // namespace
}  // namespace kraft::testing
