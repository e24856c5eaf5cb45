// Many clusters in one command, with the real kraft binary: create NAME..., delete in
// parallel, list -w, Ctrl-C in the middle of a batch, and a batch through server faults.
// Synchronisation is by reading kraft's output (with deadlines) and by the server's hooks,
// never by sleeping.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "fixture/k3k_host.h"

namespace kraft::testing {
namespace {

using nlohmann::json;
using std::chrono::seconds;
using KraftFleet = K3kHostTest;

std::string clusters_path(const std::string& ns) {
  return "/apis/k3k.io/v1beta1/namespaces/" + ns + "/clusters";
}

std::vector<std::string> fleet_names(const std::string& prefix, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i));
  return out;
}

int count_lines(const std::string& text, const std::string& needle) {
  int n = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) n += line.find(needle) != std::string::npos;
  return n;
}

// Creations of Clusters the server committed, counted by a hook that owns its state (it may
// run on the server's controller thread after the test is done).
class CreateCounter {
 public:
  explicit CreateCounter(TestApiServer& server) : server_(server) {
    server.registry().add_hook([state = state_](const StoredEvent& e) {
      std::lock_guard lock(state->mu);
      const std::string name = e.object["metadata"].value("name", "");
      if (e.type_id == "clusters.k3k.io" && e.type == "ADDED") ++state->created[e.ns + "/" + name];
      if (e.type_id == "namespaces" && name == "zz-marker") {
        state->marker = true;
        state->cv.notify_all();
      }
    });
  }
  // Counts, once the hook has seen every write made so far (hooks run in commit order).
  std::map<std::string, int> created() {
    server_.registry().call(
        "POST", "/api/v1/namespaces",
        R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"zz-marker"}})");
    std::unique_lock lock(state_->mu);
    state_->cv.wait_for(lock, seconds(20), [&] { return state_->marker; });
    return state_->created;
  }

 private:
  struct State {
    std::mutex mu;
    std::condition_variable cv;
    std::map<std::string, int> created;
    bool marker = false;
  };
  TestApiServer& server_;
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

TEST_F(KraftFleet, CreatesSeveralAndGoesOnPastTheOnesThatFail) {
  post(clusters_path("default"), {{"apiVersion", "k3k.io/v1beta1"},
                                  {"kind", "Cluster"},
                                  {"metadata", {{"name", "taken"}}},
                                  {"spec", json::object()}});
  auto r = kraft({"create", "one", "default/taken", "Bad_Name", "two", "--wait"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // AlreadyExists (1) and a bad name (2) differ
  EXPECT_EQ(count_lines(r.out, "cluster/k3k-one/one created"), 1) << r.out;
  EXPECT_EQ(count_lines(r.out, "cluster/k3k-two/two created"), 1) << r.out;
  EXPECT_EQ(count_lines(r.out, "namespace/k3k-one created"), 1) << r.out;
  EXPECT_NE(r.err.find("2 of 4 clusters failed:\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("  default/taken: cluster \"default/taken\" already exists"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("  Bad_Name: "), std::string::npos) << r.err;
  EXPECT_TRUE(live(clusters_path("k3k-one") + "/one"));
  EXPECT_TRUE(live(clusters_path("k3k-two") + "/two"));
  EXPECT_EQ((*get(clusters_path("k3k-two") + "/two"))["status"]["phase"], "Ready");
}

TEST(KraftFleetExit, TheExitCodeIsTheFailuresCommonCode) {
  K3kHost env(without_controller());  // no controller: nothing becomes Ready
  auto r = env.kraft({"create", "a", "b", "--wait", "--timeout", "1s"});
  EXPECT_EQ(r.exit_code, 4) << r.err;  // both timed out
  EXPECT_NE(r.err.find("2 of 2 clusters failed:"), std::string::npos) << r.err;
  EXPECT_EQ(count_lines(r.out, " created"), 4) << r.out;  // namespaces and clusters
}

TEST(KraftFleetExit, OneFileForSeveralKubeconfigsIsAUsageError) {
  K3kHost env(without_controller());
  auto r = env.kraft({"create", "a", "b", "--kubeconfig-out", "x.yaml"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--kubeconfig-out writes one cluster's kubeconfig"), std::string::npos)
      << r.err;
  EXPECT_EQ(env.server().registry().call("GET", "/api/v1/namespaces/k3k-a").status, 404);
}

TEST_F(KraftFleet, OnATerminalProgressCountsDoneFailedAndTotalAndEndsWithTheCount) {
  // stderr on a pseudo-terminal, stdout a pipe: the spinner redraws its line in place.
  auto r = run_kraft_on_terminal({"create", "p0", "p1", "Bad_Name", "--wait"}, environment());
  EXPECT_EQ(r.exit_code, 2) << r.err;  // the bad name is the only failure: a usage error
  EXPECT_NE(r.err.find('\r'), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("clusters: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 of 3 clusters created, 1 failed ("), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 of 2 clusters Ready ("), std::string::npos) << r.err;
  EXPECT_EQ(count_lines(r.out, "cluster/k3k-p0/p0 created"), 1) << r.out;

  auto removed = run_kraft_on_terminal({"delete", "p0", "p1", "--wait"}, environment());
  EXPECT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_NE(removed.err.find("clusters: "), std::string::npos) << removed.err;
  EXPECT_NE(removed.err.find("2 of 2 clusters deleted ("), std::string::npos) << removed.err;
}

TEST_F(KraftFleet, InAPipeProgressIsPlainLinesEndingWithTheCount) {
  auto r = kraft({"create", "q0", "q1", "--wait"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("clusters: "), std::string::npos) << r.err;  // no spinner text
  EXPECT_NE(r.err.find("2 of 2 clusters created ("), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 of 2 clusters Ready ("), std::string::npos) << r.err;
  auto removed = kraft({"delete", "q0", "q1"});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_EQ(removed.err.find('\r'), std::string::npos) << removed.err;
  EXPECT_NE(removed.err.find("2 of 2 clusters deleted ("), std::string::npos) << removed.err;
}

TEST_F(KraftFleet, DeletesASelectionInParallelAndWaitsForAllOnOneWatch) {
  for (const auto& name : fleet_names("d", 6)) {
    ASSERT_EQ(kraft({"create", name, "--label", "team=x"}).exit_code, 0);
  }
  auto r = kraft({"delete", "-l", "team=x", "--yes", "--wait", "--parallel", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const auto& name : fleet_names("d", 6)) {
    EXPECT_EQ(count_lines(r.out, "cluster/k3k-" + name + "/" + name + " deleted"), 1) << r.out;
    EXPECT_FALSE(get(clusters_path("k3k-" + name) + "/" + name));
  }
  EXPECT_NE(r.err.find("6 of 6 clusters are gone"), std::string::npos) << r.err;
}

TEST_F(KraftFleet, DeleteGoesOnPastAMissingClusterAndSaysSoAtTheEnd) {
  ASSERT_EQ(kraft({"create", "a"}).exit_code, 0);
  auto r = kraft({"delete", "missing", "a"});
  EXPECT_EQ(r.exit_code, 3) << r.err;  // the one failure: not found
  EXPECT_EQ(count_lines(r.out, "cluster/k3k-a/a deleted"), 1) << r.out;
  EXPECT_NE(r.err.find("1 of 2 clusters were not deleted:\n  k3k-missing/missing: "),
            std::string::npos)
      << r.err;
}

TEST(KraftListWatch, PrintsTheTableThenARowPerChangeWithItsEvent) {
  K3kHost env(without_controller());
  auto call = [&](const std::string& method, const std::string& path, const json& body) {
    auto r = env.server().registry().call(
        method, path, body.dump(),
        method == "PATCH" ? "application/merge-patch+json" : "application/json");
    ASSERT_LT(r.status, 300) << path << ": " << r.body;
  };
  call("POST", "/api/v1/namespaces",
       {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "team"}}}});
  const json cluster = {{"apiVersion", "k3k.io/v1beta1"},
                        {"kind", "Cluster"},
                        {"metadata", {{"name", "first"}}},
                        {"spec", json::object()}};
  call("POST", clusters_path("team"), cluster);
  ChildProcess kraft(KRAFT_BINARY, {"list", "-w", "--output-watch-events"}, env.environment());
  auto header = kraft.read_line(seconds(20));
  ASSERT_TRUE(header) << kraft.err();
  EXPECT_TRUE(header->starts_with("EVENT     NAMESPACE   NAME")) << *header;
  auto row = kraft.read_line(seconds(20));
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->starts_with("ADDED     team        first")) << *row;

  json second = cluster;
  second["metadata"]["name"] = "second";
  call("POST", clusters_path("team"), second);
  row = kraft.read_line(seconds(20));
  ASSERT_TRUE(row) << kraft.err();
  EXPECT_TRUE(row->starts_with("ADDED ")) << *row;
  EXPECT_NE(row->find("second"), std::string::npos) << *row;

  call("PATCH", clusters_path("team") + "/first/status", {{"status", {{"phase", "Ready"}}}});
  row = kraft.read_line(seconds(20));
  ASSERT_TRUE(row) << kraft.err();
  EXPECT_TRUE(row->starts_with("MODIFIED ")) << *row;
  EXPECT_NE(row->find("Ready"), std::string::npos) << *row;

  call("DELETE", clusters_path("team") + "/second", json::object());
  row = kraft.read_line(seconds(20));
  ASSERT_TRUE(row) << kraft.err();
  EXPECT_TRUE(row->starts_with("DELETED ")) << *row;
  EXPECT_NE(row->find("second"), std::string::npos) << *row;

  kraft.send_signal(SIGINT);
  EXPECT_EQ(kraft.wait(), 128 + SIGINT);  // ends by the signal, as kraft's other waits
}

TEST(KraftListWatch, NamesEachChangeWithOutputName) {
  K3kHost env(without_controller());
  ChildProcess kraft(KRAFT_BINARY, {"list", "-w", "-o", "name", "--output-watch-events"},
                     env.environment());
  // Nothing yet: kraft says so on stderr and watches. The namespace is created first so the
  // cluster's ADDED is the first line whenever kraft's watch starts.
  auto r = env.server().registry().call(
      "POST", "/api/v1/namespaces",
      R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n"}})");
  ASSERT_EQ(r.status, 201);
  r = env.server().registry().call(
      "POST", clusters_path("n"),
      R"({"apiVersion":"k3k.io/v1beta1","kind":"Cluster","metadata":{"name":"c"},"spec":{}})");
  ASSERT_EQ(r.status, 201);
  auto line = kraft.read_line(seconds(20));
  ASSERT_TRUE(line) << kraft.err();
  EXPECT_EQ(*line, "ADDED cluster/n/c");
  kraft.send_signal(SIGTERM);
  EXPECT_EQ(kraft.wait(), 128 + SIGTERM);
}

TEST(KraftListWatch, EventsWithoutWatchAreAUsageError) {
  K3kHost env(without_controller());
  EXPECT_EQ(env.kraft({"list", "--output-watch-events"}).exit_code, 2);
}

// Ctrl-C in the middle of 30 creates: those under way finish, the others never start, and
// every namespace kraft made holds its Cluster.
TEST(KraftFleetInterrupt, CtrlCStartsNothingNewAndLeavesNothingHalfMade) {
  K3kHost env(without_controller());
  // Slow creates (every POST of a Cluster takes 200 ms), two at a time: the signal lands
  // while most are still to come.
  Fault slow = Fault::latency_of(std::chrono::milliseconds(200),
                                 "/apis/k3k.io/v1beta1/namespaces/[^/]+/clusters");
  slow.method = "POST";
  env.server().faults().add(slow);
  std::vector<std::string> args = {"create", "--parallel", "2"};
  for (const auto& n : fleet_names("c", 30)) args.push_back(n);
  ChildProcess kraft(KRAFT_BINARY, args, env.environment());
  auto line = kraft.read_line(seconds(30));
  ASSERT_TRUE(line) << kraft.err();
  kraft.send_signal(SIGINT);
  EXPECT_EQ(kraft.wait(), 128 + SIGINT) << kraft.err();
  const std::string out = *line + "\n" + kraft.unread_out();
  EXPECT_NE(kraft.err().find("interrupted: no new cluster is started"), std::string::npos)
      << kraft.err();
  EXPECT_NE(kraft.err().find("not started (interrupted; nothing was made for it)"),
            std::string::npos)
      << kraft.err();
  int clusters = 0;
  int namespaces = 0;
  for (const auto& n : fleet_names("c", 30)) {
    const bool has_ns =
        env.server().registry().call("GET", "/api/v1/namespaces/k3k-" + n).status == 200;
    const bool has_cluster =
        env.server().registry().call("GET", clusters_path("k3k-" + n) + "/" + n).status == 200;
    EXPECT_EQ(has_ns, has_cluster) << n << ": a namespace without its Cluster (or the reverse)";
    EXPECT_EQ(has_cluster, count_lines(out, "cluster/k3k-" + n + "/" + n + " created") == 1)
        << n << "\n"
        << out;
    clusters += has_cluster;
    namespaces += has_ns;
  }
  EXPECT_GT(clusters, 0);
  EXPECT_LT(clusters, 30) << "the signal came after every create had started";
}

// 429s with Retry-After, 500s and dropped connections on the way: every cluster is created,
// and exactly once.
TEST(KraftFleetFaults, FiftyClustersAreEachCreatedExactlyOnce) {
  K3kHost env(without_controller());
  CreateCounter counter(env.server());
  const std::string path = "/apis/k3k.io/v1beta1/namespaces/[^/]+/clusters";
  for (Fault f :
       {Fault::status_of(429, path, 3, 1), Fault::status_of(500, path, 2), Fault::drop(path, 2)}) {
    f.method = "POST";
    env.server().faults().add(f);
  }
  env.server().faults().add(Fault::status_of(500, "/api/v1/namespaces", 1));
  std::vector<std::string> args = {"create"};
  for (const auto& n : fleet_names("f", 50)) args.push_back(n);
  auto r = env.kraft(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto created = counter.created();
  for (const auto& n : fleet_names("f", 50)) {
    EXPECT_EQ(created["k3k-" + n + "/" + n], 1) << n;
    EXPECT_EQ(count_lines(r.out, "cluster/k3k-" + n + "/" + n + " created"), 1) << n;
  }
}

}  // namespace
}  // namespace kraft::testing
