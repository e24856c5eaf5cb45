// Seeded clusters (k3k_seed.h) look like clusters the simulator provisioned, pass the CRD
// schema, and a simulator attached afterwards treats them as finished, not new.
#include <set>

#include "k3k_seed.h"
#include "sim_fixture.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

std::set<std::string> keys_of(const json& object) {
  std::set<std::string> out;
  for (const auto& [key, value] : object.items()) out.insert(key);
  return out;
}

TEST_F(K3kSimTest, SeededClustersHaveTheStatusShapeOfProvisionedOnes) {
  const json provisioned = create_ready("a", {{"mode", "virtual"}, {"agents", 1}});

  TestApiServer seeded_server;
  seed_ready_clusters(seeded_server.registry(), {.clusters = 4, .namespaces = 1});
  auto seeded = seeded_server.registry().get("clusters.k3k.io", "tenant-1", "vc-3");
  ASSERT_TRUE(seeded) << "index 3 is a virtual-mode cluster";
  EXPECT_EQ(keys_of((*seeded)["status"]), keys_of(provisioned["status"]));
  EXPECT_EQ(keys_of((*seeded)["status"]["conditions"][0]),
            keys_of(provisioned["status"]["conditions"][0]));
  for (const char* key : {"phase", "hostVersion", "clusterCIDR", "serviceCIDR", "clusterDNS"}) {
    EXPECT_EQ((*seeded)["status"][key], provisioned["status"][key]) << key;
  }
  EXPECT_EQ((*seeded)["status"]["conditions"][0]["reason"], "Provisioned");
  EXPECT_EQ((*seeded)["spec"]["agents"], 1);
}

TEST(K3kSeed, NamesAreZeroPaddedToTheCountsWidth) {
  EXPECT_EQ(seeded_cluster_name(7, 5000), "vc-0007");
  EXPECT_EQ(seeded_cluster_name(4999, 5000), "vc-4999");
  EXPECT_EQ(seeded_cluster_name(3, 10), "vc-3");
}

TEST(K3kSeed, ASimulatorAttachedAfterSeedingLeavesSeededClustersAloneAndFinalizesThem) {
  TestApiServer server;
  seed_ready_clusters(server.registry(), {.clusters = 6, .namespaces = 2, .finalizer = true});
  K3kSimulator sim(server, {.provision_delay = std::chrono::milliseconds(20),
                            .delete_delay = std::chrono::milliseconds(20)});
  TestClient client(server);
  ASSERT_EQ(client.post("/api/v1/namespaces", namespace_body("team")).status, 201);

  // Hooks see events in commit order: once a new cluster is Ready, the simulator would have
  // provisioned the seeded ones already if it took them for new.
  auto w = client.watch_from_now(kTeamClusters);
  ASSERT_EQ(client.post(kTeamClusters, cluster_body("fresh")).status, 201);
  bool ready = false;
  while (auto e = w->next(std::chrono::seconds(10))) {
    if ((ready = (*e)["object"]["status"].value("phase", "") == "Ready")) break;
  }
  ASSERT_TRUE(ready) << "the new cluster was provisioned";
  EXPECT_EQ(client.get("/api/v1/namespaces/tenant-1/services/k3k-vc-0-service").status, 404);
  EXPECT_EQ(client.get("/apis/k3k.io/v1beta1/namespaces/tenant-1/clusters/vc-0")
                .json()["status"]["phase"],
            "Ready");

  const std::string seeded = "/apis/k3k.io/v1beta1/namespaces/tenant-2/clusters";
  auto dw = client.watch_from_now(seeded);
  ASSERT_EQ(client.del(seeded + "/vc-1").status, 200);
  EXPECT_TRUE(await_event(*dw, "DELETED", "vc-1")) << "the simulator removed K3k's finalizer";
}

}  // namespace
}  // namespace kraft::testing
