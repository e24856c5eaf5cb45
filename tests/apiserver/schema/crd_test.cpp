#include "schema/crd.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kraft::testing {
namespace {

const std::string kClusters = KRAFT_THIRD_PARTY_DIR "/k3k/crds/k3k.io_clusters.yaml";
const std::string kPolicies = KRAFT_THIRD_PARTY_DIR "/k3k/crds/k3k.io_virtualclusterpolicies.yaml";
const std::string kTraefik = KRAFT_THIRD_PARTY_DIR "/traefik/crds/traefik.io_ingressroutetcps.yaml";

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(CrdLoad, ReadsTheClusterCrd) {
  const Crd crd = load_crd_file(kClusters);
  EXPECT_EQ(crd.group, "k3k.io");
  EXPECT_EQ(crd.kind, "Cluster");
  EXPECT_EQ(crd.list_kind, "ClusterList");
  EXPECT_EQ(crd.plural, "clusters");
  EXPECT_EQ(crd.singular, "cluster");
  EXPECT_TRUE(crd.short_names.empty());
  EXPECT_TRUE(crd.namespaced);
  ASSERT_EQ(crd.versions.size(), 1u);
  EXPECT_EQ(crd.versions[0].name, "v1beta1");
  EXPECT_TRUE(crd.versions[0].served);
  EXPECT_TRUE(crd.versions[0].storage);
  EXPECT_TRUE(crd.versions[0].status_subresource);
  ASSERT_NE(crd.versions[0].schema, nullptr);
  EXPECT_EQ(crd.raw["metadata"]["name"], "clusters.k3k.io");
}

TEST(CrdLoad, ReadsTheClusterScopedPolicyCrdWithShortName) {
  const Crd crd = load_crd_file(kPolicies);
  EXPECT_EQ(crd.kind, "VirtualClusterPolicy");
  EXPECT_EQ(crd.plural, "virtualclusterpolicies");
  EXPECT_EQ(crd.short_names, std::vector<std::string>{"vcp"});
  EXPECT_FALSE(crd.namespaced);
}

TEST(CrdLoad, ReadsTheTraefikCrdWithoutStatusSubresource) {
  const Crd crd = load_crd_file(kTraefik);
  EXPECT_EQ(crd.group, "traefik.io");
  EXPECT_EQ(crd.kind, "IngressRouteTCP");
  ASSERT_EQ(crd.versions.size(), 1u);
  EXPECT_EQ(crd.versions[0].name, "v1alpha1");
  EXPECT_FALSE(crd.versions[0].status_subresource);
}

TEST(CrdLoad, KeepsListTypesAvailableThroughRawAt) {
  const auto schema = load_crd_file(kClusters).versions[0].schema;
  const auto* claims = schema->raw_at({"spec", "serverResources", "claims"});
  ASSERT_NE(claims, nullptr);
  EXPECT_EQ((*claims)["x-kubernetes-list-type"], "map");
  EXPECT_EQ((*claims)["x-kubernetes-list-map-keys"], nlohmann::json::array({"name"}));
  const auto* expose = schema->raw_at({"spec", "expose"});
  ASSERT_NE(expose, nullptr);
  EXPECT_TRUE(expose->contains("x-kubernetes-validations"));
  EXPECT_NE(schema->raw_at({"spec", "tlsSANs", "[]"}), nullptr);
  EXPECT_EQ(schema->raw_at({"spec", "nope"}), nullptr);
}

TEST(CrdLoad, AnUnknownCelRuleFailsNamingTheFileAndTheRule) {
  std::string text = read(kClusters);
  const std::string rule = "rule: self >= 1";
  const auto at = text.find(rule);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, rule.size(), "rule: self.startsWith('x')");
  const std::string path = ::testing::TempDir() + "bad_cel_crd.yaml";
  std::ofstream(path) << text;
  try {
    load_crd_file(path);
    FAIL() << "expected the load to fail";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(path), std::string::npos) << what;
    EXPECT_NE(what.find("self.startsWith('x')"), std::string::npos) << what;
  }
  std::remove(path.c_str());
}

TEST(CrdLoad, ADocumentThatIsNotACrdFails) {
  const std::string path = ::testing::TempDir() + "not_a_crd.yaml";
  std::ofstream(path) << "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n";
  EXPECT_THROW(load_crd_file(path), std::runtime_error);
  std::remove(path.c_str());
  EXPECT_THROW(load_crd_file(path), std::runtime_error);  // missing file
}

}  // namespace
}  // namespace kraft::testing
