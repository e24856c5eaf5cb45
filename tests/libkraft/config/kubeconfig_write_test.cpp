// to_yaml: unknown fields and extensions survive a load -> save round trip, typed edits win,
// relative paths keep their spelling, and kubectl reads what we write the same way we do.
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig.h>
#include <kraft/config/loading.h>

#include "config/test_support/config_fixtures.h"
#include "process/process.h"

namespace kraft::config {
namespace {

using kraft::testing::b64;
using kraft::testing::TempDir;

const std::string kWithUnknowns = R"(apiVersion: v1
kind: Config
preferences: {colors: true}
extensions:
- name: my-tool
  extension: {setting: "yes", count: 3}
current-context: dev
clusters:
- name: c
  cluster:
    server: https://c:6443
    certificate-authority: ca.crt
    disable-compression: true
    extensions:
    - name: client.authentication.k8s.io/exec
      extension: {audience: "123"}
users:
- name: u
  user:
    token: tok-123
    as: someone
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: plugin
      futureField: [1, 2]
contexts:
- name: dev
  context: {cluster: c, user: u, namespace: ns, extensions: [{name: e, extension: {}}]}
unknownTopLevel: {nested: null}
)";

TEST(KubeconfigRoundTrip, UnknownFieldsAndExtensionsSurvive) {
  const auto first = parse_kubeconfig(kWithUnknowns, "/k/config");
  const std::string written = to_yaml(first);
  const auto second = parse_kubeconfig(written, "/k/config");

  EXPECT_EQ(second.extra, first.extra);
  EXPECT_EQ(second.extra["extensions"][0]["extension"]["setting"], "yes");
  EXPECT_EQ(second.extra["unknownTopLevel"], (nlohmann::json{{"nested", nullptr}}));
  EXPECT_EQ(second.clusters[0].raw["disable-compression"], true);
  EXPECT_EQ(second.clusters[0].raw["extensions"][0]["extension"]["audience"], "123");
  EXPECT_EQ(second.users[0].raw["as"], "someone");
  EXPECT_EQ(second.users[0].raw["exec"]["futureField"], (nlohmann::json{1, 2}));
  EXPECT_EQ(second.users[0].value.token.reveal(), "tok-123");
  EXPECT_EQ(second.contexts[0].raw["extensions"][0]["name"], "e");
  EXPECT_EQ(second.current_context, "dev");
  // Written once more, the text is stable.
  EXPECT_EQ(to_yaml(second), written);
}

TEST(KubeconfigRoundTrip, RelativePathsKeepTheirSpelling) {
  const auto c = parse_kubeconfig(kWithUnknowns, "/k/config");
  EXPECT_EQ(c.clusters[0].value.certificate_authority, "/k/ca.crt");
  EXPECT_NE(to_yaml(c).find("certificate-authority: ca.crt"), std::string::npos);
}

TEST(KubeconfigRoundTrip, TypedEditsWinOverTheRawJson) {
  auto c = parse_kubeconfig(kWithUnknowns, "/k/config");
  c.clusters[0].value.server = "https://moved:6443";
  c.clusters[0].value.certificate_authority.clear();
  c.clusters[0].value.certificate_authority_data = "PEM BYTES";
  c.users[0].value.exec.reset();
  const auto again = parse_kubeconfig(to_yaml(c), "/k/config");
  EXPECT_EQ(again.clusters[0].value.server, "https://moved:6443");
  EXPECT_EQ(again.clusters[0].value.certificate_authority, "");
  EXPECT_EQ(again.clusters[0].value.certificate_authority_data, "PEM BYTES");
  EXPECT_FALSE(again.users[0].value.exec.has_value());
  EXPECT_EQ(again.clusters[0].raw["disable-compression"], true);
}

TEST(KubeconfigRoundTrip, StringsThatLookLikeOtherTypesStayStrings) {
  Kubeconfig c;
  c.contexts.push_back({"ctx", ContextInfo{"true", "123", "null"}, {}, ""});
  c.users.push_back({"u", AuthInfo{}, {}, ""});
  c.users[0].value.username = "yes";
  const auto again = parse_kubeconfig(to_yaml(c), "");
  EXPECT_EQ(again.contexts[0].value.cluster, "true");
  EXPECT_EQ(again.contexts[0].value.user, "123");
  EXPECT_EQ(again.contexts[0].value.ns, "null");
  EXPECT_EQ(again.users[0].value.username, "yes");
  EXPECT_EQ(again.extra["apiVersion"], "v1");
  EXPECT_EQ(again.extra["kind"], "Config");
}

// Found by fuzz/kubeconfig_fuzzer.cpp: the writer turned non-characters into U+FFFD, so two
// names that differed only there became one, and kraft refused the file it had just written.
TEST(KubeconfigRoundTrip, NamesWithUnicodeNonCharactersStayDistinct) {
  const std::string yaml =
      "clusters:\n- name: \"a\\ufffe\"\n  cluster: {server: https://x}\n"
      "- name: \"a\\uffff\"\n  cluster: {server: https://y}\n"
      "- name: \"\\ufdd0\\U0001fffe\"\n  cluster: {server: https://z}\n";
  const auto again = parse_kubeconfig(to_yaml(parse_kubeconfig(yaml, "")), "");
  ASSERT_EQ(again.clusters.size(), 3u);
  EXPECT_EQ(again.clusters[0].name, "a\uFFFE");
  EXPECT_EQ(again.clusters[1].name, "a\uFFFF");
  EXPECT_EQ(again.clusters[2].name, "\uFDD0\U0001FFFE");
}

TEST(KubeconfigRoundTrip, DataFieldsAreReencoded) {
  const std::string yaml =
      "clusters:\n- name: c\n  cluster:\n    server: https://s\n"
      "    certificate-authority-data: " +
      b64("line1\nline2\n") + "\n";
  const auto c = parse_kubeconfig(yaml, "");
  EXPECT_NE(to_yaml(c).find("certificate-authority-data: " + b64("line1\nline2\n")),
            std::string::npos);
}

// kubectl reads the file we write like we do: same current context, cluster, user, namespace.
TEST(KubectlInterop, KubectlMinifiedViewAgreesWithResolve) {
  const auto kubectl = kraft::testing::find_on_path("kubectl");
  if (!kubectl) GTEST_SKIP() << "kubectl is not installed";
  TempDir dir;
  const std::string a = dir.write("a", R"(current-context: dev
clusters: [{name: c1, cluster: {server: "https://one:6443", insecure-skip-tls-verify: true}}]
users: [{name: u1, user: {token: from-a}}]
contexts: [{name: dev, context: {cluster: c1, user: u1, namespace: team}}]
)");
  const std::string b = dir.write("b", R"(current-context: other
clusters: [{name: c1, cluster: {server: "https://two:6443"}}]
users: [{name: u1, user: {token: from-b}}]
contexts: [{name: other, context: {cluster: c1, user: u1}}]
)");
  LoadingRules rules;
  rules.precedence = {a, b};
  const auto merged = load_merged(rules);
  const auto ours = resolve(merged, {});

  const auto run =
      kraft::testing::run_process(*kubectl, {"config", "view", "--minify", "--raw", "-o", "json"},
                                  {{"KUBECONFIG", a + ":" + b}, {"HOME", dir.path()}});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto theirs = nlohmann::json::parse(run.out);
  EXPECT_EQ(theirs["current-context"], ours.context);
  EXPECT_EQ(theirs["clusters"][0]["cluster"]["server"], ours.server);
  EXPECT_EQ(theirs["users"][0]["user"]["token"], ours.token.reveal());
  EXPECT_EQ(theirs["contexts"][0]["context"]["namespace"], ours.ns);

  // And our merged, re-written file means the same to kubectl.
  const std::string ours_path = dir.write("merged", to_yaml(merged));
  const auto rerun = kraft::testing::run_process(
      *kubectl, {"config", "view", "--raw", "-o", "json"}, {{"KUBECONFIG", ours_path}});
  const auto original = kraft::testing::run_process(
      *kubectl, {"config", "view", "--raw", "-o", "json"}, {{"KUBECONFIG", a + ":" + b}});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(nlohmann::json::parse(rerun.out), nlohmann::json::parse(original.out));
}

}  // namespace
}  // namespace kraft::config
