// kraft kubeconfig merge writes files kubectl can load when names and values look like YAML 1.1
// numbers, booleans, dates or specials (`.inf`, `0b101`, `1:20`, `yes`): kubectl's go-yaml v2
// would otherwise read them as something other than strings and refuse the whole file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "fixture/k3k_host.h"
#include "test_support/cli_samples.h"

namespace kraft::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// The issue's reproduction: one cluster named ".inf".
const char* const kInfCluster =
    "apiVersion: v1\nkind: Config\nclusters:\n- name: \".inf\"\n  cluster: {server: "
    "\"https://h\"}\n";

// A target whose entries hold YAML 1.1 look-alikes, quoted as kubectl writes them, in names,
// string fields, an auth-provider's config map (keys too) and exec arguments.
const char* const kTrickyTarget = R"(apiVersion: v1
kind: Config
clusters:
- name: "0b101"
  cluster: {server: "https://h:6443", tls-server-name: "2002-12-14"}
users:
- name: "yes"
  user:
    token: "+0x1"
    auth-provider:
      name: oidc
      config: {"on": "off", "1_000.5": "-.Inf", "<<": "=", "~": "1e3"}
- name: plugin
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: kraft-test-plugin
      args: ["190:20:30.15", ".NaN", "017", "0o17", "2001-12-14t21:59:43.10-05:00", "y", "N"]
contexts:
- name: "1:20"
  context: {cluster: "0b101", user: "yes", namespace: ".inf"}
current-context: "1:20"
)";

const char* const kOrdinary =
    "apiVersion: v1\nkind: Config\nclusters:\n- name: dev\n  cluster: {server: https://dev}\n"
    "users:\n- name: dev\n  user: {token: t}\ncontexts:\n- name: dev\n"
    "  context: {cluster: dev, user: dev}\n";

class KubeconfigYamlQuoting : public ::testing::Test {
 protected:
  ProcessResult merge(const fs::path& from, const fs::path& into) {
    return env_.kraft({"kubeconfig", "merge", from.string(), "--into", into.string()});
  }
  K3kHost env_{without_controller()};
};

std::optional<std::string> kubectl() { return find_on_path("kubectl"); }

json kubectl_view(const std::string& kubectl, const fs::path& file) {
  auto r = run_process(kubectl,
                       {"config", "view", "-o", "json", "--raw", "--kubeconfig", file.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err << "\n" << read_file(file);
  return r.exit_code == 0 ? json::parse(r.out) : json();
}

TEST_F(KubeconfigYamlQuoting, MergeQuotesANameKubectlWouldReadAsInfinity) {
  auto in = env_.write("in.yaml", kInfCluster);
  auto out = env_.home() / "out.yaml";
  auto r = merge(in, out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(read_file(out).find("name: \".inf\"\n"), std::string::npos) << read_file(out);

  r = env_.kraft({"kubeconfig", "merge", in.string(), "--into", out.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;  // kraft reads ".inf" back as the name it wrote
  EXPECT_NE(r.out.find("already"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("added"), std::string::npos) << r.out;
}

TEST_F(KubeconfigYamlQuoting, KubectlLoadsTheMergedFile) {
  const auto k = kubectl();
  if (!k) GTEST_SKIP() << "kubectl is not installed: the merged file is not loaded with it";
  auto in = env_.write("in.yaml", kInfCluster);
  auto out = env_.home() / "out.yaml";
  ASSERT_EQ(merge(in, out).exit_code, 0);
  const json view = kubectl_view(*k, out);
  ASSERT_EQ(view["clusters"].size(), 1u) << view;
  EXPECT_EQ(view["clusters"][0]["name"], ".inf");
  EXPECT_EQ(view["clusters"][0]["cluster"]["server"], "https://h");
}

TEST_F(KubeconfigYamlQuoting, UnrelatedEntriesWithLookAlikeValuesSurviveAMerge) {
  const auto k = kubectl();
  if (!k) GTEST_SKIP() << "kubectl is not installed: the merged file is not loaded with it";
  auto target = env_.write("target.yaml", kTrickyTarget);
  auto dev = env_.write("dev.yaml", kOrdinary);
  const json before = kubectl_view(*k, target);
  ASSERT_FALSE(before.is_null());

  auto r = merge(dev, target);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json after = kubectl_view(*k, target);
  ASSERT_FALSE(after.is_null());
  // Everything that was there is still there, value for value; dev came in beside it.
  for (const char* list : {"clusters", "users", "contexts"}) {
    ASSERT_EQ(after[list].size(), before[list].size() + 1) << list << ": " << after[list];
    for (const auto& entry : before[list]) {
      EXPECT_NE(std::find(after[list].begin(), after[list].end(), entry), after[list].end())
          << list << " lost " << entry;
    }
  }
  EXPECT_EQ(after["current-context"], "1:20");
}

TEST_F(KubeconfigYamlQuoting, KraftReadsTheLookAlikeValuesBackAsWritten) {
  auto target = env_.write("target.yaml", kTrickyTarget);
  auto dev = env_.write("dev.yaml", kOrdinary);
  ASSERT_EQ(merge(dev, target).exit_code, 0);
  auto r = env_.kraft({"--kubeconfig", target.string(), "kubeconfig", "list", "-o", "name"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1:20\ndev\n");
  const std::string text = read_file(target);
  for (const char* quoted : {"\"0b101\"", "\"yes\"", "\"+0x1\"", "\"on\": \"off\"",
                             "\"1_000.5\": \"-.Inf\"", "\"<<\": \"=\"", "\"~\": \"1e3\"",
                             "\"190:20:30.15\"", "\"2002-12-14\"", "current-context: \"1:20\""}) {
    EXPECT_NE(text.find(quoted), std::string::npos) << quoted << " in\n" << text;
  }
}

}  // namespace
}  // namespace kraft::testing
