// K3k's naming rule and the derived names. Expected hashes were computed independently with
// Python's hashlib following K3k's SafeConcatName.
#include <gtest/gtest.h>
#include <kraft/core/error.h>
#include <kraft/k3k/names.h>
#include <kraft/k3k/resources.h>

#include <string>

namespace kraft::k3k {
namespace {

TEST(K3kName, JoinsThePrefixAndPartsWithDashes) {
  EXPECT_EQ(k3k_name("demo"), "k3k-demo");
  EXPECT_EQ(k3k_name("demo", "service", "headless"), "k3k-demo-service-headless");
}

TEST(K3kName, DropsEmptyPartsLikeK3k) {
  EXPECT_EQ(k3k_name("demo", "", "server"), "k3k-demo-server");
}

TEST(K3kName, KeepsANameOfExactly63Characters) {
  const std::string name = k3k_name(std::string(59, 'a'));
  EXPECT_EQ(name.size(), 63u);
  EXPECT_EQ(name, "k3k-" + std::string(59, 'a'));
}

TEST(K3kName, ShortensA64CharacterNameToFiftySevenCharactersAndFiveHexDigits) {
  EXPECT_EQ(k3k_name(std::string(60, 'a')), "k3k-" + std::string(53, 'a') + "-f4f62");
}

TEST(K3kName, CutsOneCharacterEarlierWhenTheCutWouldEndOnADash) {
  // full[56] is '-': K3k keeps 56 characters and six hex digits.
  const std::string cluster = std::string(52, 'x') + "-" + std::string(20, 'y');
  const std::string name = k3k_name(cluster);
  EXPECT_EQ(name, "k3k-" + std::string(52, 'x') + "-0286e6");
  EXPECT_EQ(name.size(), 63u);
}

TEST(K3kName, HashesTheWholeJoinedNameIncludingThePrefix) {
  EXPECT_EQ(server_statefulset_name(std::string(55, 'a')),
            "k3k-" + std::string(53, 'a') + "-9cc51");
}

TEST(DerivedNames, FollowTheK3kReadme) {
  EXPECT_EQ(default_namespace("demo"), "k3k-demo");
  EXPECT_EQ(service_name("demo"), "k3k-demo-service");
  EXPECT_EQ(headless_service_name("demo"), "k3k-demo-service-headless");
  EXPECT_EQ(server_statefulset_name("demo"), "k3k-demo-server");
  EXPECT_EQ(server_pod_name("demo", 2), "k3k-demo-server-2");
  EXPECT_EQ(server_pvc_name("demo", 0), "varlibrancherk3s-k3k-demo-server-0");
  EXPECT_EQ(ingress_name("demo"), "k3k-demo-ingress");
  EXPECT_EQ(token_secret_name("demo"), "k3k-demo-token");
  EXPECT_EQ(bootstrap_secret_name("demo"), "k3k-demo-bootstrap");
  EXPECT_EQ(kubeconfig_secret_name("demo"), "k3k-demo-kubeconfig");
  EXPECT_EQ(kubelet_daemonset_name("demo"), "k3k-demo-kubelet");
  EXPECT_EQ(agent_deployment_name("demo"), "k3k-demo-agent");
  EXPECT_EQ(policy_object_name("gold"), "k3k-gold");
}

TEST(DerivedNames, PodsAndPvcsOfALongClusterBuildOnTheShortenedStatefulSetName) {
  const std::string cluster(55, 'a');
  EXPECT_EQ(server_pod_name(cluster, 1), server_statefulset_name(cluster) + "-1");
  EXPECT_EQ(server_pvc_name(cluster, 1),
            "varlibrancherk3s-" + server_statefulset_name(cluster) + "-1");
}

TEST(Selectors, MatchTheLabelsK3kPutsOnHostObjects) {
  EXPECT_EQ(server_selector("demo"), "cluster=demo,role=server");
  EXPECT_EQ(shared_agent_selector("demo"), "cluster=demo,type=agent,mode=shared");
  EXPECT_EQ(virtual_agent_selector("demo"), "cluster=demo,type=agent,mode=virtual");
  EXPECT_EQ(workload_selector("demo"), "k3k.io/clusterName=demo");
  EXPECT_EQ(policy_namespace_selector("gold"), "policy.k3k.io/policy-name=gold");
}

TEST(Resources, DescribeK3kKindsOnTheWire) {
  EXPECT_EQ(clusters().api_version(), "k3k.io/v1beta1");
  EXPECT_EQ(clusters().qualified_name(), "clusters.k3k.io");
  EXPECT_TRUE(clusters().namespaced);
  EXPECT_EQ(clusters().kind, "Cluster");
  EXPECT_EQ(virtual_cluster_policies().qualified_name(), "virtualclusterpolicies.k3k.io");
  EXPECT_EQ(virtual_cluster_policies().kind, "VirtualClusterPolicy");
  EXPECT_FALSE(virtual_cluster_policies().namespaced);
  EXPECT_EQ(api::resource_path(clusters(), "ns", "demo"),
            "/apis/k3k.io/v1beta1/namespaces/ns/clusters/demo");
  EXPECT_EQ(api::resource_path(virtual_cluster_policies(), "ns", "gold"),
            "/apis/k3k.io/v1beta1/virtualclusterpolicies/gold");
}

}  // namespace
}  // namespace kraft::k3k
