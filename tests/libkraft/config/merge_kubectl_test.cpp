// merge_into and update_kubeconfig_file against the real kubectl, when it is installed:
// kubectl reads the files we write, and merges a conflict-free pair the way we do.
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/config/kubeconfig_file.h>

#include "config/test_support/config_fixtures.h"
#include "process/process.h"

namespace kraft::config {
namespace {

using kraft::testing::TempDir;
using nlohmann::json;

const std::string kA = R"(apiVersion: v1
kind: Config
clusters:
- {name: a, cluster: {server: https://a:6443, insecure-skip-tls-verify: true}}
users:
- {name: a-admin, user: {token: a-token}}
contexts:
- {name: a, context: {cluster: a, user: a-admin, namespace: team-a}}
- {name: shared, context: {cluster: a, user: a-admin}}
)";

const std::string kB = R"(apiVersion: v1
kind: Config
clusters:
- {name: b, cluster: {server: https://b:6443}}
users:
- {name: b-admin, user: {username: b, password: b-pass}}
contexts:
- {name: b, context: {cluster: b, user: b-admin}}
- {name: shared, context: {cluster: a, user: a-admin}}
current-context: b
)";

json view(const std::string& kubectl, const std::string& kubeconfig) {
  const auto result = kraft::testing::run_process(
      kubectl, {"config", "view", "--raw", "-o", "json"}, {{"KUBECONFIG", kubeconfig}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return json::parse(result.out);
}

// kubectl prints maps sorted by name; compare sets of names and the whole entries.
json entries_by_name(const json& list, const char* item) {
  json out = json::object();
  if (list.is_array()) {
    for (const auto& e : list) out[e["name"].get<std::string>()] = e.value(item, json::object());
  }
  return out;
}

TEST(MergeWithKubectl, KubectlReadsTheMergedFileAndMergesLikeUs) {
  const auto kubectl = kraft::testing::find_on_path("kubectl");
  if (!kubectl) GTEST_SKIP() << "kubectl is not installed";
  TempDir dir;
  const std::string a = dir.write("a.yaml", kA);
  const std::string b = dir.write("b.yaml", kB);
  const std::string merged = dir.path() + "/merged/config";

  update_kubeconfig_file(merged, [&](Kubeconfig& c) {
    merge_into(c, load_kubeconfig_file(a), {});
    merge_into(c, load_kubeconfig_file(b), {});
  });

  const json ours = view(*kubectl, merged);
  const json theirs = view(*kubectl, a + ":" + b);
  for (const auto& [list, item] :
       {std::pair{"clusters", "cluster"}, {"users", "user"}, {"contexts", "context"}}) {
    EXPECT_EQ(entries_by_name(ours[list], item), entries_by_name(theirs[list], item)) << list;
  }
  EXPECT_EQ(ours["current-context"], theirs["current-context"]);
  EXPECT_EQ(ours["current-context"], "b");
  EXPECT_EQ(entries_by_name(ours["contexts"], "context").size(), 3u);
}

}  // namespace
}  // namespace kraft::config
