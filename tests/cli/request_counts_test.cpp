// The requests each operation makes, read from kraft's own `-v 6` log, pinned so that they
// cannot silently regrow (the README's "Requests per operation" table; bench/requests.sh
// prints them). Watches are counted apart: how many a wait needs depends on how far the
// simulated K3k got, so only their upper bound is pinned.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "fixture/k3k_host.h"

namespace kraft::testing {
namespace {

struct Requests {
  std::vector<std::string> plain;    ///< "GET /api/v1/namespaces/x" (host and query dropped)
  std::vector<std::string> watches;  ///< ?watch=true
};

Requests requests_of(const ProcessResult& r) {
  static const std::regex line(R"(^(GET|POST|PUT|PATCH|DELETE) https://[^/ ]+([^ ?]*)(\S*) )");
  Requests out;
  std::istringstream err(r.err);
  for (std::string l; std::getline(err, l);) {
    std::smatch m;
    if (!std::regex_search(l, m, line)) continue;
    const std::string request = m[1].str() + " " + m[2].str();
    (m[3].str().find("watch=true") != std::string::npos ? out.watches : out.plain)
        .push_back(request);
  }
  return out;
}

std::string listed(const std::vector<std::string>& requests) {
  std::string text;
  for (const auto& r : requests) text += "\n  " + r;
  return text;
}

class RequestCounts : public K3kHostTest {
 protected:
  Requests run(std::vector<std::string> args) {
    args.push_back("-v");
    args.push_back("6");
    ProcessResult r = kraft(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return requests_of(r);
  }
};

#define EXPECT_REQUESTS(requests, n) \
  EXPECT_EQ((requests).plain.size(), n) << listed((requests).plain)

TEST_F(RequestCounts, AColdListAsksDiscoveryOnceAndAWarmListOnlyLists) {
  Requests cold = run({"list", "-A"});
  EXPECT_REQUESTS(cold, 2u);
  Requests warm = run({"list", "-A"});
  EXPECT_REQUESTS(warm, 1u);
  // kubectl's layout under the private HOME, kraft's own directory, private modes.
  const auto file = home() / ".kube/cache/kraft/discovery" /
                    ("127.0.0.1_" + std::to_string(server().port())) / "groupversions.json";
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0) << file;
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(RequestCounts, CacheDirMovesTheCache) {
  const auto dir = home() / "elsewhere";
  EXPECT_REQUESTS(run({"list", "-A", "--cache-dir", dir.string()}), 2u);
  EXPECT_REQUESTS(run({"list", "-A", "--cache-dir", dir.string()}), 1u);
  EXPECT_TRUE(std::filesystem::exists(dir / "kraft/discovery"));
  EXPECT_FALSE(std::filesystem::exists(home() / ".kube/cache"));
}

TEST_F(RequestCounts, OneClusterFromCreateToDelete) {
  // Cold: discovery, the namespace, the cluster, the server StatefulSet once Ready.
  Requests create = run({"create", "demo", "--wait"});
  EXPECT_REQUESTS(create, 4u);
  EXPECT_LE(create.watches.size(), 2u) << listed(create.watches);

  EXPECT_REQUESTS(run({"get", "demo"}), 1u);
  // The cluster, its bootstrap Secret, its Service (NodePort: no IngressRouteTCP to ask for).
  EXPECT_REQUESTS(run({"kubeconfig", "get", "demo", "-o", (home() / "demo.yaml").string()}),
                  3u);
  EXPECT_REQUESTS(run({"scale", "demo", "--servers", "2"}), 2u);
  // The cluster, the patch, the server StatefulSet; the wait starts from the patch's answer.
  Requests scale = run({"scale", "demo", "--servers", "1", "--wait"});
  EXPECT_REQUESTS(scale, 3u);
  EXPECT_LE(scale.watches.size(), 2u) << listed(scale.watches);

  // The cluster, the claims (listed once, then the two servers' deleted), the namespace, what
  // lives in it (clusters and nine kinds), the namespace again.
  Requests removed = run({"delete", "demo"});
  EXPECT_REQUESTS(removed, 16u);
  EXPECT_TRUE(removed.watches.empty()) << listed(removed.watches);
}

TEST_F(RequestCounts, CreateInAnExistingNamespaceAndDeleteWithWait) {
  make_namespace("team");
  run({"list", "-A"});  // warm
  // The namespace's create is refused (409) and it is read instead; then the cluster.
  EXPECT_REQUESTS(run({"create", "team/a"}), 3u);
  // The cluster, the claims (listed, the server's deleted); the namespace is not kraft's: kept
  // without looking inside. Then the wait's GET.
  Requests removed = run({"delete", "team/a", "--wait"});
  EXPECT_REQUESTS(removed, 5u);
  EXPECT_LE(removed.watches.size(), 1u) << listed(removed.watches);
}

TEST_F(RequestCounts, DeletingManyClustersReadsTheHostOnceNotEachNamespace) {
  std::vector<std::string> create = {"create", "--wait"};  // Ready: each claim exists
  for (int i = 0; i < 8; ++i) create.push_back("c-" + std::to_string(i));
  run(create);
  run({"list", "-A"});  // warm
  // The list --all selects; per cluster its DELETE, its claim's and its namespace's; once for
  // all of them: the clusters, kraft's namespaces, and the ten kinds that keep a namespace.
  Requests removed = run({"delete", "--all", "--yes"});
  EXPECT_REQUESTS(removed, 1u + 8 * 3 + 12);
}

}  // namespace
}  // namespace kraft::testing
