// Resolution of a kubeconfig and overrides into a ClientConfig (clientcmd/client_config.go).
#include <gtest/gtest.h>
#include <kraft/config/errors.h>
#include <kraft/config/loading.h>
#include <kraft/core/error.h>

#include <tuple>

#include "config/test_support/config_fixtures.h"

namespace kraft::config {
namespace {

using kraft::testing::b64;
using kraft::testing::TempDir;

const char* kTwoContexts = R"(
current-context: dev
clusters:
- name: dev-cluster
  cluster: {server: "https://dev:6443/", tls-server-name: dev.internal}
- name: prod-cluster
  cluster: {server: prod:443}
users:
- name: dev-user
  user: {token: dev-token}
- name: prod-user
  user: {username: admin, password: pw}
contexts:
- name: dev
  context: {cluster: dev-cluster, user: dev-user, namespace: team-a}
- name: prod
  context: {cluster: prod-cluster, user: prod-user}
)";

std::string resolve_error_of(const Kubeconfig& c, const Overrides& o = {}) {
  try {
    resolve(c, o);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Resolve, UsesTheCurrentContext) {
  const auto cfg = resolve(parse_kubeconfig(kTwoContexts, "/k/config"), {});
  EXPECT_EQ(cfg.context, "dev");
  EXPECT_EQ(cfg.cluster_name, "dev-cluster");
  EXPECT_EQ(cfg.user_name, "dev-user");
  EXPECT_EQ(cfg.server, "https://dev:6443");
  EXPECT_EQ(cfg.tls_server_name, "dev.internal");
  EXPECT_EQ(cfg.token.reveal(), "dev-token");
  EXPECT_EQ(cfg.ns, "team-a");
  EXPECT_EQ(cfg.source, "/k/config");
}

TEST(Resolve, NamespaceDefaultsToDefaultAndBareServersGetHttps) {
  Overrides o;
  o.context = "prod";
  const auto cfg = resolve(parse_kubeconfig(kTwoContexts, "/k/config"), o);
  EXPECT_EQ(cfg.ns, "default");
  EXPECT_EQ(cfg.server, "https://prod:443");
  EXPECT_EQ(cfg.username, "admin");
  EXPECT_EQ(cfg.password.reveal(), "pw");
}

TEST(ResolveOverrides, ClusterUserAndNamespaceReplaceTheContexts) {
  Overrides o;
  o.cluster = "prod-cluster";
  o.user = "prod-user";
  o.ns = "kube-system";
  o.request_timeout = std::chrono::milliseconds(2500);
  const auto cfg = resolve(parse_kubeconfig(kTwoContexts, "/k/config"), o);
  EXPECT_EQ(cfg.context, "dev");
  EXPECT_EQ(cfg.server, "https://prod:443");
  EXPECT_EQ(cfg.username, "admin");
  EXPECT_TRUE(cfg.token.empty());
  EXPECT_EQ(cfg.ns, "kube-system");
  EXPECT_EQ(cfg.request_timeout, std::chrono::milliseconds(2500));
}

TEST(ResolveOverrides, ServerReplacesTheClustersAndClearsItsTlsServerNameButKeepsItsCa) {
  const auto c = parse_kubeconfig(
      "current-context: a\ncontexts: [{name: a, context: {cluster: c}}]\n"
      "clusters: [{name: c, cluster: {server: https://old, tls-server-name: old.name, "
      "certificate-authority-data: " +
          b64("-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n") + "}}]\n",
      "/k/config");
  Overrides o;
  o.server = "https://new:6443";
  const auto cfg = resolve(c, o);
  EXPECT_EQ(cfg.server, "https://new:6443");
  EXPECT_EQ(cfg.tls_server_name, "");
  EXPECT_NE(cfg.ca_pem.find("BEGIN CERTIFICATE"), std::string::npos);
}

TEST(ResolveOverrides, InsecureSkipTlsVerifyDropsTheClustersCa) {
  const auto c = parse_kubeconfig(
      "current-context: a\ncontexts: [{name: a, context: {cluster: c}}]\n"
      "clusters: [{name: c, cluster: {server: https://s, certificate-authority: /nonexistent}}]\n",
      "/k/config");
  Overrides o;
  o.insecure_skip_tls_verify = true;
  const auto cfg = resolve(c, o);
  EXPECT_TRUE(cfg.insecure_skip_tls_verify);
  EXPECT_EQ(cfg.ca_pem, "");
}

TEST(ResolveOverrides, ServerWorksWithoutAnyContext) {
  Overrides o;
  o.server = "https://only:1";
  const auto cfg = resolve(Kubeconfig{}, o);
  EXPECT_EQ(cfg.server, "https://only:1");
  EXPECT_EQ(cfg.ns, "default");
}

TEST(ResolveErrors, UnknownContextListsTheContextsAndSuggestsACloseOne) {
  const auto c = parse_kubeconfig(kTwoContexts, "/home/u/.kube/config");
  Overrides o;
  o.context = "staging";
  EXPECT_EQ(resolve_error_of(c, o),
            "context \"staging\" not found in /home/u/.kube/config (contexts: dev, prod)");
  o.context = "prdo";
  EXPECT_EQ(resolve_error_of(c, o),
            "context \"prdo\" not found in /home/u/.kube/config (contexts: dev, prod); did you "
            "mean \"prod\"?");
}

// A downloaded kubeconfig may name things with terminal escapes or line breaks.
TEST(ResolveErrors, NamesFromTheFileAreQuotedAsOneSafeLine) {
  auto c = parse_kubeconfig(kTwoContexts, "/home/u/.kube/config");
  c.current_context = "x\x1b]0;pwned\x07\ny";
  EXPECT_EQ(resolve_error_of(c),
            "context \"x\\e]0;pwned\\x07\\ny\" not found in /home/u/.kube/config (contexts: dev, "
            "prod)");
}

TEST(ResolveErrors, UnknownCurrentContextIsAnError) {
  auto c = parse_kubeconfig(kTwoContexts, "/home/u/.kube/config");
  c.current_context = "gone";
  EXPECT_EQ(resolve_error_of(c),
            "context \"gone\" not found in /home/u/.kube/config (contexts: dev, prod)");
}

TEST(ResolveErrors, MissingClusterAndUserNameTheContextThatNamesThem) {
  const auto c = parse_kubeconfig(
      "current-context: a\ncontexts: [{name: a, context: {cluster: dev-clustr, user: bob}}]\n"
      "clusters: [{name: dev-cluster, cluster: {server: https://s}}]\n"
      "users: [{name: alice, user: {}}]\n",
      "/k/config");
  EXPECT_EQ(resolve_error_of(c),
            "cluster \"dev-clustr\" (named by context \"a\" in /k/config) not found in /k/config "
            "(clusters: dev-cluster); did you mean \"dev-cluster\"?");
  Overrides o;
  o.cluster = "dev-cluster";
  EXPECT_EQ(resolve_error_of(c, o),
            "user \"bob\" (named by context \"a\" in /k/config) not found in /k/config (users: "
            "alice)");
  o.user = "alce";
  // The caller gave that name: the message needs no referrer (kraft's CLI adds its flag).
  EXPECT_EQ(resolve_error_of(c, o),
            "user \"alce\" not found in /k/config (users: alice); did you mean \"alice\"?");
}

TEST(ResolveErrors, MissingEntriesSayWhatWasMissingAndWhoNamedIt) {
  const auto c = parse_kubeconfig(
      "current-context: a\ncontexts: [{name: a, context: {cluster: gone, user: bob}}]\n"
      "clusters: [{name: dev, cluster: {server: https://s}}]\n",
      "/k/config");
  const auto entry_error = [&c](const Overrides& o) {
    try {
      resolve(c, o);
    } catch (const EntryNotFoundError& e) {
      return std::make_tuple(e.kind(), e.name(), e.from_overrides());
    }
    return std::make_tuple(std::string("(no EntryNotFoundError)"), std::string(), false);
  };
  EXPECT_EQ(entry_error({}), std::make_tuple(std::string("cluster"), std::string("gone"), false));
  Overrides o;
  o.cluster = "dve";
  EXPECT_EQ(entry_error(o), std::make_tuple(std::string("cluster"), std::string("dve"), true));
  o.cluster = "dev";
  EXPECT_EQ(entry_error(o), std::make_tuple(std::string("user"), std::string("bob"), false));
  o.user = "alce";
  EXPECT_EQ(entry_error(o), std::make_tuple(std::string("user"), std::string("alce"), true));
  o.context = "b";
  EXPECT_EQ(entry_error(o), std::make_tuple(std::string("context"), std::string("b"), true));
  Kubeconfig dangling = c;
  dangling.current_context = "b";
  try {
    resolve(dangling, {});
    FAIL() << "no error";
  } catch (const EntryNotFoundError& e) {
    EXPECT_EQ(e.kind(), "context");
    EXPECT_FALSE(e.from_overrides());
  }
}

TEST(ResolveErrors, NoCurrentContext) {
  const auto c = parse_kubeconfig("contexts: [{name: a}, {name: b}]\n", "/k/config");
  EXPECT_EQ(resolve_error_of(c),
            "no context selected in /k/config: current-context is not set and no context was "
            "chosen (contexts: a, b)");
  EXPECT_THROW(resolve(c, {}), NoContextError);
}

TEST(ResolveErrors, ClusterWithoutServer) {
  EXPECT_EQ(
      resolve_error_of(parse_kubeconfig("current-context: a\ncontexts: [{name: a, context: "
                                        "{cluster: c}}]\nclusters: [{name: c, cluster: {}}]\n",
                                        "/k/config")),
      "cluster \"c\" in /k/config has no server");
}

TEST(ResolveErrors, InsecureWithACaIsRejected) {
  const auto c = parse_kubeconfig(
      "current-context: a\ncontexts: [{name: a, context: {cluster: c}}]\n"
      "clusters: [{name: c, cluster: {server: https://s, insecure-skip-tls-verify: true, "
      "certificate-authority: ca.crt}}]\n",
      "/k/config");
  EXPECT_EQ(resolve_error_of(c),
            "cluster \"c\" in /k/config sets both insecure-skip-tls-verify and a certificate "
            "authority; keep one");
}

TEST(ResolveErrors, TokenAndBasicAuthTogetherAreRejected) {
  const auto c = parse_kubeconfig(
      "current-context: a\ncontexts: [{name: a, context: {cluster: c, user: u}}]\n"
      "clusters: [{name: c, cluster: {server: https://s}}]\n"
      "users: [{name: u, user: {token: t, username: x, password: y}}]\n",
      "/k/config");
  EXPECT_EQ(resolve_error_of(c),
            "user \"u\" in /k/config sets more than one authentication method (token and "
            "username/password); only one is allowed");
}

class ResolveFiles : public ::testing::Test {
 protected:
  Kubeconfig config(const std::string& user_yaml, const std::string& cluster_extra = "") {
    const std::string path =
        dir_.write("kube/config",
                   "current-context: a\ncontexts: [{name: a, context: {cluster: c, user: "
                   "u}}]\nclusters:\n- name: c\n  cluster:\n    server: https://s\n" +
                       cluster_extra + "users:\n- name: u\n  user:\n" + user_yaml);
    return load_kubeconfig_file(path);
  }
  TempDir dir_;
};

TEST_F(ResolveFiles, ReadsRelativeCaCertAndRsaKeyFiles) {
  const auto rsa = kraft::testing::rsa_key_material();
  dir_.write("kube/pki/ca.crt", rsa.cert_pem);
  dir_.write("kube/pki/u.crt", rsa.cert_pem);
  dir_.write("kube/pki/u.key", rsa.key_pem);
  const auto cfg = resolve(config("    client-certificate: pki/u.crt\n    client-key: pki/u.key\n",
                                  "    certificate-authority: pki/ca.crt\n"),
                           {});
  EXPECT_EQ(cfg.ca_pem, rsa.cert_pem);
  EXPECT_EQ(cfg.client_cert_pem, rsa.cert_pem);
  EXPECT_EQ(cfg.client_key_pem.reveal(), rsa.key_pem);
  EXPECT_NE(rsa.key_pem.find("BEGIN RSA PRIVATE KEY"), std::string::npos);
}

TEST_F(ResolveFiles, AcceptsEmbeddedEcKeys) {
  const auto ec = kraft::testing::ec_key_material();
  const auto cfg = resolve(config("    client-certificate-data: " + b64(ec.cert_pem) +
                                  "\n    client-key-data: " + b64(ec.key_pem) + "\n"),
                           {});
  EXPECT_EQ(cfg.client_cert_pem, ec.cert_pem);
  EXPECT_EQ(cfg.client_key_pem.reveal(), ec.key_pem);
}

TEST_F(ResolveFiles, RejectsAKeyThatIsNotAPrivateKey) {
  const auto ec = kraft::testing::ec_key_material();
  try {
    resolve(config("    client-certificate-data: " + b64(ec.cert_pem) +
                   "\n    client-key-data: " + b64("just text") + "\n"),
            {});
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "user \"u\" in " + dir_.path() +
                                         "/kube/config: client key is not an unencrypted PEM "
                                         "private key (RSA or EC)");
  }
}

TEST_F(ResolveFiles, ACertificateWithoutAKeyIsAnError) {
  try {
    resolve(config("    client-certificate: u.crt\n"), {});
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "user \"u\" in " + dir_.path() +
                                         "/kube/config sets a client certificate without a "
                                         "client key");
  }
}

TEST_F(ResolveFiles, AMissingCaFileNamesTheFileAndTheCluster) {
  try {
    resolve(config("    token: t\n", "    certificate-authority: nope.crt\n"), {});
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "cannot read certificate-authority of cluster \"c\" in " +
                                         dir_.path() + "/kube/config: " + dir_.path() +
                                         "/kube/nope.crt: No such file or directory");
  }
}

TEST_F(ResolveFiles, TokenFileIsReadAndKeptForRereading) {
  dir_.write("kube/token", "file-token\n");
  const auto cfg = resolve(config("    tokenFile: token\n"), {});
  EXPECT_EQ(cfg.token.reveal(), "file-token");
  EXPECT_EQ(cfg.token_file, dir_.path() + "/kube/token");
}

TEST_F(ResolveFiles, ExecNeedsInteractiveModeForV1AndDefaultsItForV1beta1) {
  try {
    resolve(config("    exec: {apiVersion: client.authentication.k8s.io/v1, command: p}\n"), {});
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "user \"u\" in " + dir_.path() +
                  "/kube/config: exec interactiveMode must be set for apiVersion "
                  "client.authentication.k8s.io/v1 (Never, IfAvailable or Always)");
  }
  const auto cfg = resolve(
      config("    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: p}\n"), {});
  ASSERT_TRUE(cfg.exec.has_value());
  EXPECT_EQ(cfg.exec->interactive_mode, "IfAvailable");
}

TEST(ClosestMatch, SuggestsOnlyCloseNames) {
  EXPECT_EQ(closest_match("prdo", {"dev", "prod"}), "prod");
  EXPECT_EQ(closest_match("stagin", {"staging", "prod"}), "staging");
  EXPECT_EQ(closest_match("Prod", {"dev", "prod"}), "prod");
  EXPECT_EQ(closest_match("dev", {"a", "b", "prod"}), "");
  EXPECT_EQ(closest_match("c", {"a", "b"}), "");
  EXPECT_EQ(closest_match("anything", {}), "");
}

}  // namespace
}  // namespace kraft::config
