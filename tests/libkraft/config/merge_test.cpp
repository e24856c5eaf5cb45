// Loading rules and merge precedence, as documented in client-go's clientcmd/loader.go.
#include <gtest/gtest.h>
#include <kraft/config/loading.h>
#include <kraft/core/error.h>

#include "config/test_support/config_fixtures.h"

namespace kraft::config {
namespace {

using kraft::testing::ScopedEnv;
using kraft::testing::TempDir;

TEST(KubeconfigMerge, FirstFileWinsForCurrentContext) {
  const auto m = merge({parse_kubeconfig("current-context: first\n", "/a"),
                        parse_kubeconfig("current-context: second\n", "/b")});
  EXPECT_EQ(m.current_context, "first");
}

TEST(KubeconfigMerge, LaterFileSetsCurrentContextWhenEarlierOnesDoNot) {
  const auto m = merge({parse_kubeconfig("clusters: []\n", "/a"),
                        parse_kubeconfig("current-context: second\n", "/b")});
  EXPECT_EQ(m.current_context, "second");
}

TEST(KubeconfigMerge, FirstFileWinsForMapKeys) {
  const auto m =
      merge({parse_kubeconfig("clusters:\n- {name: c, cluster: {server: https://one}}\n", "/a"),
             parse_kubeconfig("clusters:\n- {name: c, cluster: {server: https://two}}\n"
                              "- {name: d, cluster: {server: https://d}}\n",
                              "/b")});
  ASSERT_EQ(m.clusters.size(), 2u);
  EXPECT_EQ(m.find_cluster("c")->value.server, "https://one");
  EXPECT_EQ(m.find_cluster("c")->source, "/a");
  EXPECT_EQ(m.find_cluster("d")->value.server, "https://d");
  EXPECT_EQ(m.find_cluster("d")->source, "/b");
}

TEST(KubeconfigMerge, FirstFileWinsForValuesWithinEntries) {
  // "if two files specify a red-user, only values from the first file's red-user are used.
  // Even non-conflicting entries from the second file's red-user are discarded."
  const auto m =
      merge({parse_kubeconfig("users:\n- {name: red-user, user: {token: red-token}}\n", "/a"),
             parse_kubeconfig("users:\n- name: red-user\n  user: {token: other, username: "
                              "ignored, password: ignored}\n",
                              "/b")});
  const auto* u = m.find_user("red-user");
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->value.token.reveal(), "red-token");
  EXPECT_EQ(u->value.username, "");
  EXPECT_TRUE(u->value.password.empty());
  EXPECT_EQ(u->source, "/a");
}

TEST(KubeconfigMerge, FirstFileWinsForTopLevelValuesAndExtensionKeys) {
  const auto m =
      merge({parse_kubeconfig("preferences: {colors: true}\nextensions:\n- name: a\n", "/a"),
             parse_kubeconfig("preferences: {colors: false, other: 1}\nkind: Config\n", "/b")});
  EXPECT_EQ(m.extra["preferences"]["colors"], true);
  EXPECT_EQ(m.extra["preferences"]["other"], 1);
  EXPECT_EQ(m.extra["kind"], "Config");
}

TEST(KubeconfigMerge, ContextsFromSeveralFilesKeepTheirSources) {
  const auto m =
      merge({parse_kubeconfig("contexts:\n- {name: a, context: {cluster: x}}\n", "/one"),
             parse_kubeconfig("contexts:\n- {name: b, context: {cluster: y}}\n", "/two")});
  EXPECT_EQ(m.find_context("a")->source, "/one");
  EXPECT_EQ(m.find_context("b")->source, "/two");
  EXPECT_EQ(m.source, "/one:/two");
}

TEST(LoadingRules, MissingKubeconfigEntriesAreSkipped) {
  TempDir dir;
  const std::string a = dir.write("a", "current-context: from-a\n");
  LoadingRules rules;
  rules.precedence = {dir.path() + "/missing", "", a};
  const auto m = load_merged(rules);
  EXPECT_EQ(m.current_context, "from-a");
  EXPECT_EQ(m.source, a);
}

TEST(LoadingRules, FirstFileInKubeconfigWins) {
  TempDir dir;
  const std::string a = dir.write("a", "current-context: from-a\n");
  const std::string b = dir.write("b", "current-context: from-b\n");
  LoadingRules rules;
  rules.precedence = {b, a, b};
  EXPECT_EQ(load_merged(rules).current_context, "from-b");
}

TEST(LoadingRules, ExplicitPathIsLoadedAloneAndMustExist) {
  TempDir dir;
  const std::string a = dir.write("a", "current-context: from-a\n");
  const std::string b = dir.write("b", "current-context: from-b\n");
  LoadingRules rules;
  rules.precedence = {a};
  rules.explicit_path = b;
  EXPECT_EQ(load_merged(rules).current_context, "from-b");

  rules.explicit_path = dir.path() + "/missing";
  try {
    load_merged(rules);
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "kubeconfig " + dir.path() + "/missing does not exist");
  }
}

TEST(LoadingRules, DefaultPathIsUsedOnlyWithoutKubeconfigEntries) {
  TempDir dir;
  const std::string home = dir.write("config", "current-context: home\n");
  const std::string a = dir.write("a", "current-context: from-a\n");
  LoadingRules rules;
  rules.default_path = home;
  EXPECT_EQ(load_merged(rules).current_context, "home");
  rules.precedence = {a};
  EXPECT_EQ(load_merged(rules).current_context, "from-a");
}

TEST(LoadingRules, NothingExistsGivesAnEmptyConfig) {
  TempDir dir;
  LoadingRules rules;
  rules.default_path = dir.path() + "/none";
  const auto m = load_merged(rules);
  EXPECT_TRUE(m.contexts.empty());
  EXPECT_EQ(m.current_context, "");
}

TEST(LoadingRules, AMalformedFileInKubeconfigIsAnError) {
  TempDir dir;
  const std::string bad = dir.write("bad", "clusters: [\n");
  LoadingRules rules;
  rules.precedence = {bad};
  EXPECT_THROW(load_merged(rules), ConfigError);
}

TEST(LoadingRules, FromEnvironmentSplitsKubeconfigOnColons) {
  ScopedEnv kubeconfig("KUBECONFIG", "/a:/b::/c");
  ScopedEnv home("HOME", "/home/u");
  const auto rules = LoadingRules::from_environment("/explicit");
  EXPECT_EQ(rules.explicit_path, "/explicit");
  EXPECT_EQ(rules.precedence, (std::vector<std::string>{"/a", "/b", "", "/c"}));
  EXPECT_EQ(rules.default_path, "/home/u/.kube/config");
}

TEST(LoadingRules, FromEnvironmentTreatsEmptyKubeconfigAsUnset) {
  ScopedEnv kubeconfig("KUBECONFIG", "");
  ScopedEnv home("HOME", "/home/u");
  EXPECT_TRUE(LoadingRules::from_environment().precedence.empty());
}

}  // namespace
}  // namespace kraft::config
