// Every Cluster and VirtualClusterPolicy a real kube-apiserver returned in
// tests/data/kube-transcripts (responses, list items and watch events) reads and writes back to
// identical JSON.
#include <gtest/gtest.h>
#include <kraft/core/error.h>
#include <kraft/k3k/cluster.h>
#include <kraft/k3k/policy.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using nlohmann::json;

namespace kraft::k3k {
namespace {

struct Found {
  std::string where;
  json object;
  bool from_server = true;  ///< a response body (pruned by the server to the CRD schema)
};

void collect(const json& node, const std::string& where, bool from_server,
             std::vector<Found>& out) {
  if (node.is_object()) {
    if (node.value("apiVersion", json()) == "k3k.io/v1beta1" && node.contains("kind") &&
        (node["kind"] == "Cluster" || node["kind"] == "VirtualClusterPolicy")) {
      out.push_back({where, node, from_server});
    }
    for (const auto& [key, child] : node.items()) collect(child, where, from_server, out);
  } else if (node.is_array()) {
    for (const auto& child : node) collect(child, where, from_server, out);
  }
}

// Objects the server answered with, and request bodies it accepted (2xx).
std::vector<Found> transcript_objects() {
  std::vector<Found> found;
  const std::filesystem::path dir = std::filesystem::path(KRAFT_TEST_DATA_DIR) / "kube-transcripts";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    const json scenario = json::parse(in);
    int step = 0;
    for (const auto& s : scenario["steps"]) {
      const std::string where =
          entry.path().filename().string() + " step " + std::to_string(step++);
      collect(s["response"]["body"], where + " response", true, found);
      const int status = s["response"].value("status", 0);
      if (status >= 200 && status < 300)
        collect(s["request"]["body"], where + " request", false, found);
    }
  }
  return found;
}

TEST(Transcripts, EveryClusterAndPolicyRoundTripsToIdenticalJson) {
  const auto objects = transcript_objects();
  int clusters = 0, policies = 0;
  for (const auto& [where, object, from_server] : objects) {
    SCOPED_TRACE(where);
    if (object["kind"] == "Cluster") {
      ++clusters;
      const Cluster c = Cluster::from_json(object);
      EXPECT_EQ(c.to_json(), object);
      // Rebuilt from the typed fields alone (no raw), a server's answer comes out identical:
      // the typed model covers every field the server keeps. (Requests may carry unknown
      // fields such as "serverz", which only the raw object preserves.)
      if (!from_server) continue;
      Cluster typed(c.namespace_name(), c.name());
      typed.metadata = c.metadata;
      typed.spec = c.spec;
      typed.status = c.status;
      json expected = object;
      if (!expected.contains("spec")) expected["spec"] = json::object();
      EXPECT_EQ(typed.to_json(), expected);
    } else {
      ++policies;
      const auto p = VirtualClusterPolicy::from_json(object);
      EXPECT_EQ(p.to_json(), object);
      if (!from_server) continue;
      VirtualClusterPolicy typed(p.name());
      typed.metadata = p.metadata;
      typed.spec = p.spec;
      typed.status = p.status;
      EXPECT_EQ(typed.to_json(), object);
    }
  }
  // The transcripts hold dozens of Clusters and a few policies; guard against finding none.
  EXPECT_GT(clusters, 50);
  EXPECT_GT(policies, 3);
}

TEST(Transcripts, ClusterPhasesMatchWhatTheServerStored) {
  for (const auto& [where, object, from_server] : transcript_objects()) {
    if (object["kind"] != "Cluster") continue;
    SCOPED_TRACE(where);
    const Cluster c = Cluster::from_json(object);
    if (object["metadata"].contains("deletionTimestamp")) {
      EXPECT_EQ(c.phase(), ClusterPhase::kTerminating);
    } else if (object.contains("status") && object["status"].contains("phase")) {
      EXPECT_EQ(to_string(c.phase()), object["status"]["phase"].get<std::string>());
    } else {
      EXPECT_EQ(c.phase(), ClusterPhase::kUnknown);
    }
  }
}

TEST(Transcripts, TheBodyTheServerRefusedForAStringServerCountFailsNamingTheField) {
  std::ifstream in(std::filesystem::path(KRAFT_TEST_DATA_DIR) / "kube-transcripts" /
                   "cluster-create-servers-string.json");
  const json scenario = json::parse(in);
  std::vector<Found> requests;
  for (const auto& s : scenario["steps"]) collect(s["request"]["body"], "request", false, requests);
  ASSERT_FALSE(requests.empty());
  try {
    Cluster::from_json(requests.front().object);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("spec.servers: expected an integer, got string"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace kraft::k3k
