// kraft kubeconfig merge | list | use | rename | remove | prune: the real binary on real
// files, checked against kubectl's reading of the same files when kubectl is installed.
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fixture/k3k_host.h"
#include "test_support/cli_samples.h"

namespace kraft::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// A kubeconfig with one context (and its cluster and user) per name.
std::string kubeconfig_with(const std::vector<std::string>& names, const std::string& server = "s",
                            const std::string& current = "") {
  std::string clusters = "clusters:\n", users = "users:\n", contexts = "contexts:\n";
  for (const auto& n : names) {
    clusters += "- name: " + n + "\n  cluster:\n    server: https://" + server + "-" + n + "\n";
    users += "- name: " + n + "\n  user:\n    token: t-" + server + "-" + n + "\n";
    contexts += "- name: " + n + "\n  context:\n    cluster: " + n + "\n    user: " + n + "\n";
  }
  return "apiVersion: v1\nkind: Config\n" + clusters + users + contexts +
         (current.empty() ? "" : "current-context: " + current + "\n");
}

// Context names as kubectl reads them from `files` (colon-joined KUBECONFIG); nullopt when
// kubectl is not installed.
std::optional<std::vector<std::string>> kubectl_contexts(const std::string& files) {
  auto kubectl = find_on_path("kubectl");
  if (!kubectl) return std::nullopt;
  auto r = run_process(*kubectl, {"config", "view", "-o", "json"}, {{"KUBECONFIG", files}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> names;
  for (const auto& c : json::parse(r.out).value("contexts", json::array())) {
    names.push_back(c["name"]);
  }
  return names;
}

std::vector<std::string> kraft_contexts(K3kHost& env, const fs::path& file) {
  auto r = env.kraft({"--kubeconfig", file.string(), "kubeconfig", "list", "-o", "name"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> names;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) names.push_back(line);
  return names;
}

class KubeconfigManage : public ::testing::Test {
 protected:
  K3kHost env_{without_controller()};
};

TEST_F(KubeconfigManage, MergeAppendsLikeKubectlAndKubectlReadsTheResult) {
  auto target =
      env_.write("target.yaml", "# my clusters\n" + kubeconfig_with({"prod"}, "p", "prod"));
  auto a = env_.write("a.yaml", kubeconfig_with({"dev", "prod"}, "p", "dev"));  // prod identical
  auto b = env_.write("b.yaml", kubeconfig_with({"ci"}));
  const auto expected = kubectl_contexts(target.string() + ":" + a.string() + ":" + b.string());

  auto r = env_.kraft({"kubeconfig", "merge", a.string(), b.string(), "--into", target.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "context \"dev\" added to " + target.string() + "\ncontext \"ci\" added to " +
                       target.string() + "\n3 identical entries already in " + target.string() +
                       "\n");
  EXPECT_EQ(kraft_contexts(env_, target), (std::vector<std::string>{"prod", "dev", "ci"}));
  const std::string merged = read_file(target);
  EXPECT_EQ(merged.rfind("# my clusters\n", 0), 0u) << merged;
  EXPECT_NE(merged.find("current-context: prod"), std::string::npos);
  if (expected) {
    EXPECT_EQ(kubectl_contexts(target.string()), expected);
  }

  r = env_.kraft({"kubeconfig", "merge", a.string(), "--into", target.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("already"), std::string::npos) << r.out;
}

TEST_F(KubeconfigManage, ConflictsAreAllListedAndNothingIsWritten) {
  auto target = env_.write("target.yaml", kubeconfig_with({"dev", "ci"}, "old"));
  auto a = env_.write("a.yaml", kubeconfig_with({"dev"}, "new"));
  auto b = env_.write("b.yaml", kubeconfig_with({"ci"}, "new"));
  const std::string before = read_file(target);
  auto r = env_.kraft({"kubeconfig", "merge", a.string(), b.string(), "--into", target.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  for (const char* what :
       {"cluster \"dev\"", "user \"dev\"", "cluster \"ci\"", "user \"ci\"", "--on-conflict"}) {
    EXPECT_NE(r.err.find(what), std::string::npos) << what << " in " << r.err;
  }
  EXPECT_EQ(read_file(target), before);

  r = env_.kraft(
      {"kubeconfig", "merge", a.string(), "--into", target.string(), "--on-conflict", "rename"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("renamed to \"dev-2\""), std::string::npos) << r.out;
  EXPECT_EQ(kraft_contexts(env_, target), (std::vector<std::string>{"dev", "ci", "dev-2"}));

  r = env_.kraft({"kubeconfig", "merge", b.string(), "--into", target.string(), "--on-conflict",
                  "overwrite", "--backup"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(read_file(target).find("https://new-ci"), std::string::npos);
  EXPECT_NE(read_file(fs::path(target.string() + ".bak")).find("https://old-ci"),
            std::string::npos);
}

TEST_F(KubeconfigManage, BrokenFilesAreRefusedWithPathAndLineAndNeverOverwritten) {
  auto target = env_.write("target.yaml", kubeconfig_with({"dev"}));
  auto broken = env_.write("broken.yaml", "apiVersion: v1\nclusters:\n- name: x\n  cluster: [\n");
  const std::string before = read_file(target);
  auto r = env_.kraft({"kubeconfig", "merge", broken.string(), "--into", target.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(broken.string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(broken.string() + ":5:"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(target), before);

  auto a = env_.write("a.yaml", kubeconfig_with({"ci"}));
  r = env_.kraft({"kubeconfig", "merge", a.string(), "--into", broken.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(broken.string()), std::string::npos) << r.err;
  EXPECT_EQ(read_file(broken), "apiVersion: v1\nclusters:\n- name: x\n  cluster: [\n");
}

TEST_F(KubeconfigManage, EightProcessesMergingAtOnceLoseNothing) {
  auto target = env_.write("shared.yaml", kubeconfig_with({"base"}));
  std::vector<std::unique_ptr<ChildProcess>> merges;
  for (int p = 0; p < 8; ++p) {
    std::vector<std::string> names;
    for (int i = 0; i < 25; ++i) names.push_back("p" + std::to_string(p) + "-" + std::to_string(i));
    auto file = env_.write("in" + std::to_string(p) + ".yaml", kubeconfig_with(names));
    merges.push_back(std::make_unique<ChildProcess>(
        KRAFT_BINARY,
        std::vector<std::string>{"kubeconfig", "merge", file.string(), "--into", target.string()},
        std::map<std::string, std::string>{{"HOME", env_.home().string()}}));
  }
  for (auto& m : merges) EXPECT_EQ(m->wait(), 0) << m->err();
  EXPECT_EQ(kraft_contexts(env_, target).size(), 1u + 8 * 25);
  if (auto names = kubectl_contexts(target.string())) {
    EXPECT_EQ(names->size(), 1u + 8 * 25);
  }
  for (const auto& entry : fs::directory_iterator(env_.home())) {
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(name.find("shared.yaml."), std::string::npos) << "left behind: " << name;
  }
}

TEST_F(KubeconfigManage, ListUseRenameRemoveAgreeWithKubectl) {
  auto file = env_.write("config", kubeconfig_with({"a", "b", "c"}, "s", "a"));
  const std::map<std::string, std::string> env{{"KUBECONFIG", file.string()}};
  auto r = env_.kraft({"kubeconfig", "list"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n"
            "*         a      a         a\n"
            "          b      b         b\n"
            "          c      c         c\n");

  r = env_.kraft({"kubeconfig", "use", "b"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Switched to context \"b\".\n");
  r = env_.kraft({"kubeconfig", "use", "bb"}, env);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("did you mean \"b\""), std::string::npos) << r.err;

  r = env_.kraft({"kubeconfig", "rename", "b", "blue"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Context \"b\" renamed to \"blue\".\n");
  r = env_.kraft({"kubeconfig", "rename", "a", "c"}, env);
  EXPECT_EQ(r.exit_code, 1) << "renaming onto an existing context";

  r = env_.kraft({"kubeconfig", "remove", "c"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("deleted context c from " + file.string()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("deleted cluster c"), std::string::npos) << r.out;
  EXPECT_EQ(kraft_contexts(env_, file), (std::vector<std::string>{"a", "blue"}));

  if (auto kubectl = find_on_path("kubectl")) {
    auto k = run_process(*kubectl, {"config", "current-context"}, env);
    EXPECT_EQ(k.out, "blue\n") << k.err;
    k = run_process(*kubectl, {"config", "use-context", "a"}, env);
    ASSERT_EQ(k.exit_code, 0) << k.err;
    r = env_.kraft({"kubeconfig", "list", "-o", "json"}, env);
    EXPECT_TRUE(json::parse(r.out)[0]["current"].get<bool>()) << r.out;
  }
}

TEST_F(KubeconfigManage, RemoveKeepsWhatContextsInOtherFilesStillUse) {
  // a.yaml: cluster/user "shared" and context "ctxa"; b.yaml: context "ctxb" using them.
  auto a = env_.write("a.yaml", kubeconfig_with({"shared"}));
  auto b = env_.write("b.yaml", R"(apiVersion: v1
kind: Config
contexts:
- name: ctxb
  context: {cluster: shared, user: shared}
current-context: ctxb
)");
  const std::map<std::string, std::string> env{{"KUBECONFIG", a.string() + ":" + b.string()}};
  auto r = env_.kraft({"kubeconfig", "rename", "shared", "ctxa"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = env_.kraft({"kubeconfig", "remove", "ctxa"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "deleted context ctxa from " + a.string() + "\n");
  EXPECT_NE(read_file(a).find("name: shared"), std::string::npos) << read_file(a);
}

TEST(KubeconfigPrune, RemovesContextsOfDeletedClustersOnThisHostOnly) {
  K3kHost host;
  for (const char* name : {"keep", "gone", "far"}) {
    host.create_ready("team", name);
    auto r = host.kraft({"kubeconfig", "get", std::string("team/") + name, "--merge"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // "far" as if it had been made on another host; "hand" not made by kraft at all.
  const fs::path file = host.kubeconfig();
  auto config = config::load_kubeconfig_file(file.string());
  for (auto& c : config.clusters) {
    if (c.name == "kraft-team-far") {
      c.raw["extensions"][0]["extension"]["host"] = "https://other-host:6443";
    }
  }
  std::ofstream(file) << config::to_yaml(config);
  auto r = host.kraft(
      {"kubeconfig", "merge", host.write("hand.yaml", kubeconfig_with({"hand"})).string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* name : {"team/gone", "team/far"}) {
    r = host.kraft({"delete", name, "--wait"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  r = host.kraft({"kubeconfig", "prune", "--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "context kraft-team-gone would be removed: cluster team/gone no longer exists\n"
            "1 context of other hosts left alone (connect to them to prune)\n");
  r = host.kraft({"kubeconfig", "prune"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "deleted context kraft-team-gone from " + file.string() +
                       "\ndeleted cluster kraft-team-gone from " + file.string() +
                       "\ndeleted user kraft-team-gone from " + file.string() +
                       "\n1 context of other hosts left alone (connect to them to prune)\n");
  EXPECT_EQ(kraft_contexts(host, file),
            (std::vector<std::string>{"kraft-test", "kraft-team-keep", "kraft-team-far", "hand"}));
  r = host.kraft({"kubeconfig", "prune"});
  EXPECT_NE(r.out.find("nothing to prune"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace kraft::testing
