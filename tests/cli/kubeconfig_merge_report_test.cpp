// What `kraft kubeconfig merge` says it did: a file of clusters and users without contexts is
// added and named, never reported as "nothing to do".
#include <gtest/gtest.h>

#include "fixture/k3k_host.h"

namespace kraft::testing {
namespace {

TEST(KubeconfigMergeReport, ClustersAndUsersWithoutContextsAreNamed) {
  K3kHost env(without_controller());
  const auto input = env.write("creds.yaml",
                               "apiVersion: v1\nkind: Config\nclusters:\n- name: lab\n  cluster:\n"
                               "    server: https://lab.example\nusers:\n- name: me\n  user:\n"
                               "    token: t\n");
  const auto target = env.home() / "new.yaml";
  auto r = env.kraft({"kubeconfig", "merge", input.string(), "--into", target.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "cluster \"lab\" added to " + target.string() + "\nuser \"me\" added to " +
                       target.string() + "\n");

  r = env.kraft({"kubeconfig", "merge", input.string(), "--into", target.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "2 identical entries already in " + target.string() + "\n");
}

}  // namespace
}  // namespace kraft::testing
