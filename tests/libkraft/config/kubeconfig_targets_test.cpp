// Which file an edit goes to, as kubectl decides (clientcmd PathOptions.GetDefaultFilename and
// writeCurrentContext): --kubeconfig, then $KUBECONFIG, then ~/.kube/config.
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig_file.h>
#include <kraft/core/error.h>

#include "config/test_support/config_fixtures.h"

namespace kraft::config {
namespace {

using kraft::testing::TempDir;

LoadingRules rules(const std::string& explicit_path, std::vector<std::string> precedence,
                   const std::string& default_path) {
  LoadingRules r;
  r.explicit_path = explicit_path;
  r.precedence = std::move(precedence);
  r.default_path = default_path;
  return r;
}

TEST(DefaultWriteFile, ExplicitFileWins) {
  EXPECT_EQ(default_write_file(rules("/x/explicit", {"/a", "/b"}, "/home/.kube/config")),
            "/x/explicit");
}

TEST(DefaultWriteFile, SingleKubeconfigEntryEvenWhenMissing) {
  EXPECT_EQ(default_write_file(rules("", {"/missing/one"}, "/home/.kube/config")), "/missing/one");
}

TEST(DefaultWriteFile, FirstExistingEntryElseTheLast) {
  TempDir dir;
  const std::string b = dir.write("b", "");
  const std::string c = dir.write("c", "");
  const std::string missing = dir.path() + "/missing";
  EXPECT_EQ(default_write_file(rules("", {missing, b, c}, "/d")), b);
  EXPECT_EQ(default_write_file(rules("", {missing, missing + "2"}, "/d")), missing + "2");
  // Empty and repeated entries name nothing new.
  EXPECT_EQ(default_write_file(rules("", {"", missing, "", missing}, "/d")), missing);
}

TEST(DefaultWriteFile, WithoutKubeconfigTheHomeFile) {
  EXPECT_EQ(default_write_file(rules("", {}, "/home/u/.kube/config")), "/home/u/.kube/config");
}

TEST(CurrentContextFile, TheFileWhoseCurrentContextCounts) {
  TempDir dir;
  const std::string a = dir.write("a", "contexts: []\n");
  const std::string b = dir.write("b", "current-context: from-b\n");
  const std::string c = dir.write("c", "current-context: from-c\n");
  const std::string missing = dir.path() + "/missing";
  EXPECT_EQ(current_context_file(rules("", {missing, a, b, c}, "/d")), b);
  EXPECT_EQ(current_context_file(rules("/x/explicit", {a, b}, "/d")), "/x/explicit");
}

TEST(CurrentContextFile, NoneSetFallsBackToKubectlsDefaultFile) {
  TempDir dir;
  const std::string a = dir.write("a", "contexts: []\n");
  const std::string missing = dir.path() + "/missing";
  EXPECT_EQ(current_context_file(rules("", {missing, a}, "/d")), a);
  EXPECT_EQ(current_context_file(rules("", {missing}, "/d")), missing);
  EXPECT_EQ(current_context_file(rules("", {}, "/home/u/.kube/config")), "/home/u/.kube/config");
}

TEST(FileDefiningContext, FirstFileInLoadingOrder) {
  TempDir dir;
  const std::string a = dir.write("a", "contexts:\n- {name: only-a, context: {cluster: x}}\n");
  const std::string b = dir.write("b",
                                  "contexts:\n- {name: shared, context: {cluster: x}}\n"
                                  "- {name: only-b, context: {cluster: x}}\n");
  const std::string c = dir.write("c", "contexts:\n- {name: shared, context: {cluster: y}}\n");
  const std::string missing = dir.path() + "/missing";
  const LoadingRules r = rules("", {missing, a, b, c}, "/d");
  EXPECT_EQ(file_defining_context(r, "only-a"), a);
  EXPECT_EQ(file_defining_context(r, "shared"), b);
  EXPECT_EQ(file_defining_context(r, "only-b"), b);
  EXPECT_EQ(file_defining_context(r, "nowhere"), "");
  EXPECT_EQ(file_defining_context(rules(c, {a, b}, "/d"), "shared"), c);
  EXPECT_EQ(file_defining_context(rules("", {}, a), "only-a"), a);
  EXPECT_EQ(file_defining_context(rules("", {}, missing), "only-a"), "");
}

TEST(FileDefiningContext, MissingExplicitFileIsAnError) {
  EXPECT_THROW(file_defining_context(rules("/no/such/file", {}, "/d"), "x"), ConfigError);
}

}  // namespace
}  // namespace kraft::config
