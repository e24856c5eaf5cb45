// use_context, rename_context, remove_contexts and parse_on_conflict: pure edits with
// kubectl's meaning and one-line errors that suggest the name the user probably meant.
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/config/loading.h>

#include "config/test_support/config_fixtures.h"
#include "config/test_support/kubeconfig_samples.h"

namespace kraft::config {
namespace {

using kraft::testing::names;

using kraft::testing::message_of;

const std::string kEditConfig = R"(
clusters:
- {name: prod, cluster: {server: https://prod}}
- {name: shared, cluster: {server: https://shared}}
- {name: unused, cluster: {server: https://unused}}
users:
- {name: prod-admin, user: {token: secret-prod-token}}
- {name: dev-user, user: {token: t}}
contexts:
- {name: prod, context: {cluster: prod, user: prod-admin}}
- {name: dev, context: {cluster: shared, user: dev-user}}
- {name: dev-ro, context: {cluster: shared, user: dev-user, namespace: ro}}
current-context: prod
)";

Kubeconfig config() { return parse_kubeconfig(kEditConfig, "/home/u/.kube/config"); }

TEST(ParseOnConflict, AcceptsTheThreeModes) {
  EXPECT_EQ(parse_on_conflict("fail"), OnConflict::fail);
  EXPECT_EQ(parse_on_conflict("rename"), OnConflict::rename);
  EXPECT_EQ(parse_on_conflict("overwrite"), OnConflict::overwrite);
}

TEST(ParseOnConflict, RejectsOthersNamingTheAllowedValues) {
  try {
    parse_on_conflict("renmae");
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.exit_code(), ExitCode::kUsage);
    EXPECT_STREQ(e.what(),
                 "unknown on-conflict mode \"renmae\" (allowed: fail, rename, overwrite); did you "
                 "mean \"rename\"?");
  }
}

TEST(UseContext, SetsCurrentContext) {
  Kubeconfig c = config();
  use_context(c, "dev");
  EXPECT_EQ(c.current_context, "dev");
}

TEST(UseContext, UnknownNameSuggestsTheClosest) {
  Kubeconfig c = config();
  EXPECT_EQ(message_of([&] { use_context(c, "prdo"); }),
            "context \"prdo\" not found in /home/u/.kube/config (contexts: prod, dev, dev-ro); "
            "did you mean \"prod\"?");
  EXPECT_EQ(c.current_context, "prod");
}

TEST(RenameContext, RenamesAndFollowsCurrentContext) {
  Kubeconfig c = config();
  rename_context(c, "prod", "production");
  EXPECT_EQ(names(c.contexts), (std::vector<std::string>{"production", "dev", "dev-ro"}));
  EXPECT_EQ(c.current_context, "production");
  rename_context(c, "dev", "development");
  EXPECT_EQ(c.current_context, "production");
}

TEST(RenameContext, RefusesUnknownTakenAndEmptyNames) {
  Kubeconfig c = config();
  EXPECT_NE(message_of([&] { rename_context(c, "dve", "x"); }).find("did you mean \"dev\"?"),
            std::string::npos);
  EXPECT_EQ(message_of([&] { rename_context(c, "dev", "prod"); }),
            "cannot rename context \"dev\" to \"prod\": \"prod\" already exists in "
            "/home/u/.kube/config; remove it first or choose another name");
  EXPECT_THROW(rename_context(c, "dev", ""), ValidationError);
  EXPECT_EQ(names(c.contexts), (std::vector<std::string>{"prod", "dev", "dev-ro"}));
}

TEST(RenameContext, SameNameIsANoOp) {
  Kubeconfig c = config();
  rename_context(c, "dev", "dev");
  EXPECT_EQ(names(c.contexts), (std::vector<std::string>{"prod", "dev", "dev-ro"}));
}

TEST(RemoveContexts, RemovesClustersAndUsersNoOtherContextUses) {
  Kubeconfig c = config();
  const RemoveReport report = remove_contexts(c, {"prod", "dev"});
  EXPECT_EQ(report.contexts, (std::vector<std::string>{"prod", "dev"}));
  EXPECT_EQ(report.clusters, (std::vector<std::string>{"prod"}));  // dev-ro still uses shared
  EXPECT_EQ(report.users, (std::vector<std::string>{"prod-admin"}));
  EXPECT_TRUE(report.cleared_current);
  EXPECT_EQ(c.current_context, "");
  EXPECT_EQ(names(c.contexts), (std::vector<std::string>{"dev-ro"}));
  // "unused" was used by no removed context: not ours to prune here.
  EXPECT_EQ(names(c.clusters), (std::vector<std::string>{"shared", "unused"}));
  EXPECT_EQ(names(c.users), (std::vector<std::string>{"dev-user"}));
}

TEST(RemoveContexts, LastUserOfASharedClusterTakesIt) {
  Kubeconfig c = config();
  const RemoveReport report = remove_contexts(c, {"dev", "dev-ro", "dev"});
  EXPECT_EQ(report.contexts, (std::vector<std::string>{"dev", "dev-ro"}));
  EXPECT_EQ(report.clusters, (std::vector<std::string>{"shared"}));
  EXPECT_EQ(report.users, (std::vector<std::string>{"dev-user"}));
  EXPECT_FALSE(report.cleared_current);
  EXPECT_EQ(c.current_context, "prod");
}

TEST(RemoveContexts, ClustersAndUsersAContextInAnotherFileUsesStay) {
  // KUBECONFIG=a:b, where b's context uses a's cluster and user.
  const std::string a_yaml = R"(
clusters:
- {name: shared, cluster: {server: https://shared}}
- {name: only-a, cluster: {server: https://a}}
users:
- {name: shared-user, user: {token: t}}
contexts:
- {name: dev, context: {cluster: shared, user: shared-user}}
- {name: mine, context: {cluster: only-a, user: shared-user}}
)";
  Kubeconfig a = parse_kubeconfig(a_yaml, "/k/a");
  const Kubeconfig b = parse_kubeconfig(
      "contexts:\n- {name: b-dev, context: {cluster: shared, user: shared-user}}\n", "/k/b");
  const Kubeconfig whole = merge({a, b});
  const RemoveReport report = remove_contexts(a, {"dev", "mine"}, &whole);
  EXPECT_EQ(report.contexts, (std::vector<std::string>{"dev", "mine"}));
  // The merged view still has a's removed contexts: they do not keep only-a.
  EXPECT_EQ(report.clusters, (std::vector<std::string>{"only-a"}));
  EXPECT_TRUE(report.users.empty());
  EXPECT_EQ(names(a.clusters), (std::vector<std::string>{"shared"}));
  EXPECT_EQ(names(a.users), (std::vector<std::string>{"shared-user"}));

  // Without the merged view only the file itself counts.
  Kubeconfig alone = parse_kubeconfig(a_yaml, "/k/a");
  EXPECT_EQ(remove_contexts(alone, {"dev", "mine"}).clusters,
            (std::vector<std::string>{"shared", "only-a"}));
}

TEST(RemoveContexts, TheSameNameInAnotherFileKeepsWhatItUses) {
  // KUBECONFIG=b:a: b's "dev" shadows a's; removing a's leaves b's, which uses a's cluster.
  Kubeconfig a = parse_kubeconfig(R"(
clusters:
- {name: shared, cluster: {server: https://shared}}
contexts:
- {name: dev, context: {cluster: shared}}
)",
                                  "/k/a");
  const Kubeconfig b =
      parse_kubeconfig("contexts:\n- {name: dev, context: {cluster: shared}}\n", "/k/b");
  const Kubeconfig whole = merge({b, a});
  const RemoveReport report = remove_contexts(a, {"dev"}, &whole);
  EXPECT_TRUE(report.clusters.empty());
  EXPECT_EQ(names(a.clusters), (std::vector<std::string>{"shared"}));
}

TEST(RemoveContexts, CurrentContextIsClearedInTheFile) {
  // Unlike kubectl's delete-context, which warns and leaves current-context dangling.
  Kubeconfig c = config();
  const Kubeconfig whole = c;
  const RemoveReport report = remove_contexts(c, {"prod"}, &whole);
  EXPECT_TRUE(report.cleared_current);
  EXPECT_EQ(c.current_context, "");
  EXPECT_EQ(report.clusters, (std::vector<std::string>{"prod"}));
}

TEST(RemoveContexts, UnknownNameRemovesNothing) {
  Kubeconfig c = config();
  const std::string before = to_yaml(c);
  const std::string message = message_of([&] { remove_contexts(c, {"dev", "prd"}); });
  EXPECT_NE(message.find("context \"prd\" not found in /home/u/.kube/config"), std::string::npos);
  EXPECT_NE(message.find("did you mean \"prod\"?"), std::string::npos);
  EXPECT_EQ(to_yaml(c), before);
}

}  // namespace
}  // namespace kraft::config
