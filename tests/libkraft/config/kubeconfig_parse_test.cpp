// The kubeconfig reader: each field of clusters, users (every auth mode) and contexts, relative
// paths, and every kind of bad input as one exact line.
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig.h>
#include <kraft/core/error.h>

#include "config/test_support/config_fixtures.h"
#include "config/test_support/kubeconfig_samples.h"

namespace kraft::config {
namespace {

using kraft::testing::parse_error_of;

using kraft::testing::b64;
using kraft::testing::TempDir;

TEST(KubeconfigParse, ReadsEveryClusterField) {
  const auto c = parse_kubeconfig(R"(
clusters:
- name: prod
  cluster:
    server: https://prod.example:6443
    certificate-authority-data: )" + b64("CA-PEM") +
                                      R"(
    insecure-skip-tls-verify: false
    tls-server-name: api.prod
    proxy-url: http://proxy:3128
- name: dev
  cluster:
    server: https://dev:6443
    certificate-authority: /etc/dev-ca.crt
    insecure-skip-tls-verify: true
)",
                                  "/k/config");
  ASSERT_EQ(c.clusters.size(), 2u);
  const auto& prod = c.clusters[0];
  EXPECT_EQ(prod.name, "prod");
  EXPECT_EQ(prod.source, "/k/config");
  EXPECT_EQ(prod.value.server, "https://prod.example:6443");
  EXPECT_EQ(prod.value.certificate_authority_data, "CA-PEM");
  EXPECT_FALSE(prod.value.insecure_skip_tls_verify);
  EXPECT_EQ(prod.value.tls_server_name, "api.prod");
  EXPECT_EQ(prod.value.proxy_url, "http://proxy:3128");
  EXPECT_EQ(c.clusters[1].value.certificate_authority, "/etc/dev-ca.crt");
  EXPECT_TRUE(c.clusters[1].value.insecure_skip_tls_verify);
}

TEST(KubeconfigParse, ReadsClientCertificateAuth) {
  const auto c = parse_kubeconfig(R"(
users:
- name: files
  user: {client-certificate: /p/cert.pem, client-key: /p/key.pem}
- name: data
  user:
    client-certificate-data: )" + b64("CERT") +
                                      R"(
    client-key-data: )" + b64("KEY") + "\n",
                                  "/k/config");
  EXPECT_EQ(c.users[0].value.client_certificate, "/p/cert.pem");
  EXPECT_EQ(c.users[0].value.client_key, "/p/key.pem");
  EXPECT_EQ(c.users[1].value.client_certificate_data, "CERT");
  EXPECT_EQ(c.users[1].value.client_key_data.reveal(), "KEY");
}

TEST(KubeconfigParse, ReadsTokenTokenFileAndBasicAuth) {
  const auto c = parse_kubeconfig(R"(
users:
- name: t
  user: {token: abc.def}
- name: tf
  user: {tokenFile: /var/token}
- name: basic
  user: {username: admin, password: "s3cret"}
)",
                                  "/k/config");
  EXPECT_EQ(c.users[0].value.token.reveal(), "abc.def");
  EXPECT_EQ(c.users[1].value.token_file, "/var/token");
  EXPECT_EQ(c.users[2].value.username, "admin");
  EXPECT_EQ(c.users[2].value.password.reveal(), "s3cret");
}

TEST(KubeconfigParse, ReadsExecPluginConfig) {
  const auto c = parse_kubeconfig(R"(
users:
- name: cloud
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: cloud-auth
      args: [token, --cluster, "prod"]
      env:
      - {name: REGION, value: eu-1}
      provideClusterInfo: true
      interactiveMode: Never
      installHint: apt install cloud-auth
)",
                                  "/k/config");
  ASSERT_TRUE(c.users[0].value.exec.has_value());
  const ExecConfig& e = *c.users[0].value.exec;
  EXPECT_EQ(e.api_version, "client.authentication.k8s.io/v1");
  EXPECT_EQ(e.command, "cloud-auth");
  EXPECT_EQ(e.args, (std::vector<std::string>{"token", "--cluster", "prod"}));
  ASSERT_EQ(e.env.size(), 1u);
  EXPECT_EQ(e.env[0], (std::pair<std::string, std::string>{"REGION", "eu-1"}));
  EXPECT_TRUE(e.provide_cluster_info);
  EXPECT_EQ(e.interactive_mode, "Never");
  EXPECT_EQ(e.install_hint, "apt install cloud-auth");
}

TEST(KubeconfigParse, ReadsContextsAndCurrentContext) {
  const auto c = parse_kubeconfig(R"(
current-context: dev
contexts:
- name: dev
  context: {cluster: c1, user: u1, namespace: team-a}
)",
                                  "/k/config");
  EXPECT_EQ(c.current_context, "dev");
  ASSERT_NE(c.find_context("dev"), nullptr);
  EXPECT_EQ(c.find_context("dev")->value.cluster, "c1");
  EXPECT_EQ(c.find_context("dev")->value.user, "u1");
  EXPECT_EQ(c.find_context("dev")->value.ns, "team-a");
  EXPECT_EQ(c.find_context("nope"), nullptr);
}

TEST(KubeconfigParse, ResolvesRelativePathsAgainstTheFileThatHoldsThem) {
  const auto c = parse_kubeconfig(R"(
clusters:
- name: c
  cluster: {server: https://x, certificate-authority: certs/ca.crt}
users:
- name: u
  user:
    client-certificate: ../pki/u.crt
    client-key: /abs/u.key
    tokenFile: token
    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: ./bin/plugin}
- name: onpath
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: plugin}
)",
                                  "/home/u/.kube/config");
  EXPECT_EQ(c.clusters[0].value.certificate_authority, "/home/u/.kube/certs/ca.crt");
  EXPECT_EQ(c.users[0].value.client_certificate, "/home/u/pki/u.crt");
  EXPECT_EQ(c.users[0].value.client_key, "/abs/u.key");
  EXPECT_EQ(c.users[0].value.token_file, "/home/u/.kube/token");
  EXPECT_EQ(c.users[0].value.exec->command, "/home/u/.kube/bin/plugin");
  // A bare command name is looked up on PATH, as in clientcmd.
  EXPECT_EQ(c.users[1].value.exec->command, "plugin");
}

// YAML reads these as numbers and booleans; string fields take them as written.
TEST(KubeconfigParse, PlainNumbersInStringFieldsKeepTheirText) {
  const auto c = parse_kubeconfig(
      "users:\n- name: 007\n  user: {password: 0123, token: 1.50, username: true}\n"
      "contexts:\n- name: 1e3\n  context: {cluster: 2, namespace: 0x1F}\n",
      "/k/config");
  EXPECT_EQ(c.users[0].name, "007");
  EXPECT_EQ(c.users[0].value.password.reveal(), "0123");
  EXPECT_EQ(c.users[0].value.token.reveal(), "1.50");
  EXPECT_EQ(c.users[0].value.username, "true");
  EXPECT_EQ(c.contexts[0].name, "1e3");
  EXPECT_EQ(c.contexts[0].value.cluster, "2");
  EXPECT_EQ(c.contexts[0].value.ns, "0x1F");
}

TEST(KubeconfigParse, AcceptsJsonAndAnEmptyFile) {
  const auto json = parse_kubeconfig(R"({"current-context": "a", "contexts": []})", "/k/c.json");
  EXPECT_EQ(json.current_context, "a");
  const auto empty = parse_kubeconfig("", "/k/empty");
  EXPECT_TRUE(empty.clusters.empty());
  EXPECT_EQ(empty.current_context, "");
}

TEST(KubeconfigBadInput, MalformedYamlNamesFileAndLine) {
  EXPECT_EQ(parse_error_of("clusters:\n- name: a\n  cluster: {server: [\n"),
            "/home/u/.kube/config:4:1: malformed YAML: did not find expected node content "
            "(while parsing a flow node)");
  EXPECT_EQ(parse_error_of("a: b\n  c: d\n"),
            "/home/u/.kube/config:2:4: malformed YAML: mapping values are not allowed in this "
            "context");
}

TEST(KubeconfigBadInput, TopLevelThatIsNotAMapping) {
  EXPECT_EQ(parse_error_of("- a\n- b\n"),
            "/home/u/.kube/config:1: not a kubeconfig: the top level must be a mapping");
}

TEST(KubeconfigBadInput, Base64GarbageInDataFieldNamesTheEntry) {
  EXPECT_EQ(parse_error_of("users:\n- name: alice\n  user:\n    client-key-data: 'not*base64!'\n"),
            "/home/u/.kube/config:4: users[\"alice\"].client-key-data is not valid base64");
  EXPECT_EQ(
      parse_error_of("clusters:\n- name: c\n  cluster:\n    certificate-authority-data: abc\n"),
      "/home/u/.kube/config:4: clusters[\"c\"].certificate-authority-data is not valid "
      "base64");
  EXPECT_EQ(parse_error_of("users:\n- name: bob\n  user:\n    client-certificate-data: ====\n"),
            "/home/u/.kube/config:4: users[\"bob\"].client-certificate-data is not valid base64");
}

TEST(KubeconfigBadInput, WrongShapesNameTheField) {
  EXPECT_EQ(parse_error_of("clusters: {a: b}\n"),
            "/home/u/.kube/config:1: clusters must be a list");
  EXPECT_EQ(
      parse_error_of("clusters:\n- name: c\n  cluster:\n    insecure-skip-tls-verify: maybe\n"),
      "/home/u/.kube/config:4: clusters[\"c\"].insecure-skip-tls-verify must be true or "
      "false");
  EXPECT_EQ(parse_error_of("contexts:\n- context: {cluster: c}\n"),
            "/home/u/.kube/config:2: contexts entry has no name");
  EXPECT_EQ(parse_error_of("users:\n- name: u\n  user: {token: [a]}\n"),
            "/home/u/.kube/config:3: users[\"u\"].token must be a string");
  EXPECT_EQ(parse_error_of("contexts:\n- name: a\n- name: a\n"),
            "/home/u/.kube/config:3: duplicate name in contexts[\"a\"]");
}

TEST(KubeconfigBadInput, ErrorsDeepInAFileNameTheirLine) {
  const std::string head =
      "apiVersion: v1\nusers:\n- name: a\n  user: {token: t}\n- name: b\n  user:\n"
      "    exec:\n      command: x\n";
  EXPECT_EQ(parse_error_of(head + "      args: {a: b}\n"),
            "/home/u/.kube/config:9: users[\"b\"].exec.args must be a list");
  EXPECT_EQ(parse_error_of(head + "      args:\n      - ok\n      - [no]\n"),
            "/home/u/.kube/config:11: users[\"b\"].exec.args must be a list of strings");
  EXPECT_EQ(parse_error_of(head + "      env:\n      - value: v\n"),
            "/home/u/.kube/config:10: users[\"b\"].exec.env entry has no name");
  EXPECT_EQ(parse_error_of(head + "      provideClusterInfo: \"yes\"\n"),
            "/home/u/.kube/config:9: users[\"b\"].exec.provideClusterInfo must be true or false");
  EXPECT_EQ(parse_error_of(head + "- name: c\n  user:\n\n\n    client-certificate-data: '%%'\n"),
            "/home/u/.kube/config:13: users[\"c\"].client-certificate-data is not valid base64");
}

// A name is the file's text: line breaks and terminal escapes in it are shown escaped, so the
// message stays one line that cannot restyle the terminal (fuzz/kubeconfig_fuzzer.cpp checks
// every message).
TEST(KubeconfigBadInput, NamesInMessagesAreOnePrintableLine) {
  EXPECT_EQ(parse_error_of("clusters:\n- name: \"x\\ny\\e[31m\"\n- name: \"x\\ny\\e[31m\"\n"),
            "/home/u/.kube/config:3: duplicate name in clusters[\"x\\ny\\e[31m\"]");
  EXPECT_EQ(parse_error_of("users:\n- name: u\n  user:\n    exec:\n      command: x\n"
                           "      env: [{name: \"A\\rB\\u2028\", value: [1]}]\n"),
            "/home/u/.kube/config:6: users[\"u\"].exec.env[\"A\\rB\\u2028\"].value must be a "
            "string");
}

TEST(KubeconfigBadInput, AnEntryFromAnAliasIsReportedAtTheEntry) {
  EXPECT_EQ(parse_error_of("x: &bad {token: [a]}\nusers:\n- name: u\n  user: *bad\n"),
            "/home/u/.kube/config:3: users[\"u\"].token must be a string");
}

TEST(KubeconfigBadInput, AKubeconfigThatIsADirectory) {
  TempDir dir;
  try {
    load_kubeconfig_file(dir.path());
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot read kubeconfig " + dir.path() + ": it is a directory, not a file");
  }
}

TEST(KubeconfigBadInput, AMissingFileIsAnError) {
  TempDir dir;
  try {
    load_kubeconfig_file(dir.path() + "/nope");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "kubeconfig " + dir.path() + "/nope does not exist");
  }
}

TEST(KubeconfigBadInput, LoadedFileMessagesUseItsPath) {
  TempDir dir;
  const std::string path = dir.write("config", "current-context: [\n");
  try {
    load_kubeconfig_file(path);
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ":2:1: malformed YAML: ", 0), 0u) << e.what();
  }
}

}  // namespace
}  // namespace kraft::config
