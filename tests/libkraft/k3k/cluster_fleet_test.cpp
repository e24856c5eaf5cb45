// Many clusters at once against the test API server with the simulated K3k: create_many on
// the executor (one failure does not stop the others; a retried create recognises what an
// earlier attempt made), and the shared waits, whose cost in watch requests does not grow
// with the number of clusters.
#include <gtest/gtest.h>
#include <kraft/api/errors.h>
#include <kraft/k3k/cluster_service.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <string>
#include <vector>

#include "k3k/test_support/host_fixture.h"

namespace kraft::k3k {
namespace {

using namespace std::chrono_literals;
using kraft::testing::Fault;
using nlohmann::json;

ClusterRequest fleet_request(const std::string& name, const std::string& ns = "") {
  ClusterRequest r;
  r.name = name;
  r.ns = ns;
  return r;
}

class ClusterFleet : public testing::HostFixture {
 protected:
  // Successful creations of Clusters, as the server committed them. The hook may run on the
  // server's controller thread after the fixture is gone: it owns what it writes to.
  struct Counts {
    std::mutex mu;
    std::condition_variable cv;
    std::map<std::string, int> created;
    bool marker = false;
  };
  ClusterFleet() {
    server().registry().add_hook([counts = counts_](const kraft::testing::StoredEvent& e) {
      std::lock_guard lock(counts->mu);
      const std::string name = e.object["metadata"].value("name", "");
      if (e.type_id == "clusters.k3k.io" && e.type == "ADDED") ++counts->created[e.ns + "/" + name];
      if (e.type_id == "namespaces" && name == "zz-marker") {
        counts->marker = true;
        counts->cv.notify_all();
      }
    });
  }
  // How often NS/NAME was created, once the hook has seen every write made so far (hooks run
  // in commit order: a write made now is seen after them).
  int created(const std::string& key) {
    std::unique_lock lock(counts_->mu);
    if (!counts_->marker) {
      lock.unlock();
      make_namespace("zz-marker");
      lock.lock();
      counts_->cv.wait_for(lock, std::chrono::seconds(20), [&] { return counts_->marker; });
    }
    return counts_->created[key];
  }
  int watches(const std::vector<std::string>& lines, const std::string& plural) {
    return static_cast<int>(std::count_if(lines.begin(), lines.end(), [&](const auto& l) {
      return l.find("/" + plural + "?") != std::string::npos &&
             l.find("watch=true") != std::string::npos;
    }));
  }
  int lists(const std::vector<std::string>& lines, const std::string& plural) {
    return static_cast<int>(std::count_if(lines.begin(), lines.end(), [&](const auto& l) {
      return l.find("GET ") != std::string::npos && l.find("/" + plural) != std::string::npos &&
             l.find("watch=true") == std::string::npos;
    }));
  }

  // Clusters PREFIX0..PREFIX(n-1), each in its own namespace k3k-PREFIXi, Ready (their
  // server claims made) unless `ready` is false.
  std::vector<ClusterRef> made(const std::string& prefix, int n, bool ready = true) {
    std::vector<ClusterRequest> requests;
    std::vector<ClusterRef> refs;
    for (int i = 0; i < n; ++i) {
      requests.push_back(fleet_request(prefix + std::to_string(i)));
      refs.push_back({"k3k-" + prefix + std::to_string(i), prefix + std::to_string(i)});
    }
    for (const auto& o : service_.create_many(requests, {}, {})) EXPECT_TRUE(o.ok());
    if (ready) {
      for (const auto& o : service_.wait_ready(refs, {})) EXPECT_TRUE(o.ok());
    }
    return refs;
  }

  std::shared_ptr<Counts> counts_ = std::make_shared<Counts>();
};

TEST_F(ClusterFleet, CreateManyGoesOnPastFailuresAndKeepsItemOrder) {
  create("k3k-taken", "taken");
  std::vector<ClusterRequest> requests = {fleet_request("one"), fleet_request("taken"), fleet_request("Bad_Name"),
                                          fleet_request("two")};
  std::vector<std::size_t> done;
  std::mutex done_mu;
  auto outcomes = service_.create_many(requests, {}, {.parallel = 2},
                                       [&](std::size_t i, const Outcome<CreateResult>&) {
                                         std::lock_guard lock(done_mu);
                                         done.push_back(i);
                                       });
  ASSERT_EQ(outcomes.size(), 4u);
  EXPECT_TRUE(outcomes[0].ok());
  EXPECT_EQ(outcomes[0].value->ref.str(), "k3k-one/one");
  ASSERT_TRUE(outcomes[1].failure);
  EXPECT_NE(outcomes[1].failure->message.find("already exists"), std::string::npos);
  ASSERT_TRUE(outcomes[2].failure);
  EXPECT_EQ(outcomes[2].failure->exit_code, ExitCode::kUsage);
  EXPECT_TRUE(outcomes[3].ok());
  EXPECT_EQ(done.size(), 4u);
  EXPECT_EQ(batch_exit_code(outcomes), ExitCode::kError);
  EXPECT_FALSE(client().get_opt(api::resources::namespaces(), "", "k3k-Bad_Name"));
}

TEST_F(ClusterFleet, ARetriedCreateTakesWhatAnEarlierAttemptMadeWithTheSameKey) {
  // An earlier attempt whose answer was lost left the namespace and the Cluster behind.
  CreateOptions first;
  first.idempotency_key = "run-1";
  service_.create(fleet_request("lost"), first);
  auto again = service_.create_many({fleet_request("lost")}, first, {});
  ASSERT_TRUE(again[0].ok()) << again[0].failure->message;
  EXPECT_TRUE(again[0].value->namespace_created);  // still kraft's to undo
  EXPECT_EQ(created("k3k-lost/lost"), 1);
  // Another invocation's key: a real conflict.
  CreateOptions other;
  other.idempotency_key = "run-2";
  auto conflict = service_.create_many({fleet_request("lost")}, other, {});
  ASSERT_TRUE(conflict[0].failure);
  EXPECT_NE(conflict[0].failure->message.find("already exists"), std::string::npos);
}

TEST_F(ClusterFleet, EveryClusterIsCreatedExactlyOnceThroughServerFaults) {
  // 429s with Retry-After, 500s and dropped connections on the way.
  server().faults().add(
      Fault::status_of(429, "/apis/k3k.io/v1beta1/namespaces/[^/]+/clusters", 3, 1));
  server().faults().add(Fault::status_of(500, "/apis/k3k.io/v1beta1/namespaces/[^/]+/clusters", 3));
  server().faults().add(Fault::drop("/apis/k3k.io/v1beta1/namespaces/[^/]+/clusters", 3));
  server().faults().add(Fault::status_of(500, "/api/v1/namespaces", 2));
  std::vector<ClusterRequest> requests;
  for (int i = 0; i < 50; ++i) requests.push_back(fleet_request("f" + std::to_string(i)));
  auto outcomes = service_.create_many(requests, {}, {.parallel = 8, .attempts = 5});
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    EXPECT_TRUE(outcomes[i].ok()) << i << ": " << outcomes[i].failure->message;
    const std::string key = "k3k-f" + std::to_string(i) + "/f" + std::to_string(i);
    EXPECT_EQ(created(key), 1) << key;
  }
}

TEST_F(ClusterFleet, CancelledBeforeStartingCreatesNothing) {
  CancellationSource cancel;
  cancel.cancel();
  auto outcomes = service_.create_many({fleet_request("never")}, {}, {.cancel = cancel.token()});
  EXPECT_TRUE(outcomes[0].cancelled);
  EXPECT_FALSE(client().get_opt(api::resources::namespaces(), "", "k3k-never"));
}

TEST_F(ClusterFleet, RemoveManyReadsTheHostOnceAndKeepsWhatIsNotTheClusters) {
  std::vector<ClusterRef> refs = made("r", 6);
  // Someone's ConfigMap in one of kraft's namespaces keeps that namespace.
  post("/api/v1/namespaces/k3k-r2/configmaps",
       json{{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "notes"}}}});
  refs.push_back({"k3k-r0", "never-made"});
  std::vector<std::string> lines;
  ClusterService logged(client(&lines));
  std::atomic<int> done = 0;
  auto outcomes =
      logged.remove_many(refs, {}, {}, [&](std::size_t, const Outcome<RemoveResult>&) { ++done; });
  ASSERT_EQ(outcomes.size(), 7u);
  EXPECT_EQ(done, 7);
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(outcomes[i].ok()) << i << ": " << outcomes[i].failure->message;
    const RemoveResult& r = *outcomes[i].value;
    EXPECT_TRUE(r.found);
    EXPECT_EQ(r.deleted_pvcs.size(), 1u) << i;
    if (i == 2) {
      EXPECT_FALSE(r.namespace_deleted);
      EXPECT_EQ(r.namespace_kept_because, "configmap \"notes\" does not belong to the cluster");
    } else {
      EXPECT_TRUE(r.namespace_deleted) << i << ": " << r.namespace_kept_because;
    }
  }
  ASSERT_TRUE(outcomes[6].ok());
  EXPECT_FALSE(outcomes[6].value->found);
  // Each kind that keeps a namespace is read once for the whole batch, not once per namespace.
  EXPECT_EQ(lists(lines, "configmaps"), 1);
  EXPECT_EQ(lists(lines, "secrets"), 1);
  EXPECT_EQ(lists(lines, "persistentvolumeclaims"), 1);
}

TEST_F(ClusterFleet, RemoveManyKeepingDataKeepsTheClaimsAndTheirNamespaces) {
  const std::vector<ClusterRef> refs = made("k", 4);
  RemoveOptions keep;
  keep.keep_data = true;
  for (const auto& o : service_.remove_many(refs, keep, {})) {
    ASSERT_TRUE(o.ok()) << o.failure->message;
    EXPECT_TRUE(o.value->deleted_pvcs.empty());
    EXPECT_EQ(o.value->kept_pvcs.size(), 1u);
    EXPECT_FALSE(o.value->namespace_deleted);
    EXPECT_EQ(o.value->namespace_kept_because, "its PersistentVolumeClaims are kept");
  }
}

TEST_F(ClusterFleet, RemoveManyCancelledBeforeStartingDeletesNothing) {
  const std::vector<ClusterRef> refs = made("c", 4, false);
  CancellationSource cancel;
  cancel.cancel();
  for (const auto& o : service_.remove_many(refs, {}, {.cancel = cancel.token()})) {
    EXPECT_TRUE(o.cancelled);
  }
  for (const auto& ref : refs) EXPECT_TRUE(service_.get(ref).name() == ref.name);
}

// The test plays K3k (a simulated controller makes 50 certificate authorities, which is slow
// and beside the point): each cluster the wait reports as not Ready yet is made Ready then,
// so every Ready arrives on the watch.
TEST(ClusterFleetWait, FiftyClustersInFiftyNamespacesCostOneListAndOneWatch) {
  kraft::testing::TestApiServer server;
  std::vector<ClusterRef> refs;
  for (int i = 0; i < 50; ++i) {
    const std::string ns = "ns-" + std::to_string(i);
    ASSERT_EQ(server.registry()
                  .call("POST", "/api/v1/namespaces", api::testing::namespace_object(ns).dump())
                  .status,
              201);
    ASSERT_EQ(server.registry()
                  .call("POST", "/apis/k3k.io/v1beta1/namespaces/" + ns + "/clusters",
                        api::testing::cluster("c").dump())
                  .status,
              201);
    refs.push_back({ns, "c"});
  }
  std::vector<std::string> lines;
  std::mutex lines_mu;
  api::ClientOptions options;
  options.logger.verbosity = 6;
  options.logger.sink = [&](int, std::string_view line) {
    std::lock_guard lock(lines_mu);
    lines.emplace_back(line);
  };
  ClusterService service(api::Client::connect(api::testing::admin_config(server), options));
  auto set_phase = [&](const ClusterRef& ref, const std::string& phase) {
    server.registry().call(
        "PATCH", "/apis/k3k.io/v1beta1/namespaces/" + ref.ns + "/clusters/c/status",
        json{{"status", {{"phase", phase}}}}.dump(), "application/merge-patch+json");
  };
  int changes = 0;
  WaitOptions w;
  w.timeout = 60s;
  w.on_change = [&](const Cluster& c) {
    ++changes;
    if (c.phase() != ClusterPhase::kReady) set_phase({c.namespace_name(), c.name()}, "Ready");
  };
  auto outcomes = service.wait_ready(refs, w);
  ASSERT_EQ(outcomes.size(), 50u);
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    ASSERT_TRUE(outcomes[i].ok()) << i << ": " << outcomes[i].failure->message;
    EXPECT_EQ(outcomes[i].value->namespace_name(), refs[i].ns);  // in the order asked
    EXPECT_EQ(outcomes[i].value->phase(), ClusterPhase::kReady);
  }
  EXPECT_EQ(changes, 100);  // Unknown then Ready, for each
  auto count = [&](bool watches) {
    std::lock_guard lock(lines_mu);
    return std::count_if(lines.begin(), lines.end(), [&](const auto& l) {
      return l.find("/clusters") != std::string::npos &&
             (l.find("watch=true") != std::string::npos) == watches;
    });
  };
  EXPECT_EQ(count(false), 1);  // one cluster-wide list
  EXPECT_EQ(count(true), 1);   // one watch

  // Deleting them all: again one list and one watch (no finalizer without a controller, so
  // half are deleted before the wait starts and half while it watches).
  lines.clear();
  for (int i = 0; i < 25; ++i)
    server.registry().call("DELETE",
                           "/apis/k3k.io/v1beta1/namespaces/" + refs[i].ns + "/clusters/c");
  WaitOptions d;
  d.timeout = 60s;
  d.on_change = [&](const Cluster& c) {
    server.registry().call("DELETE",
                           "/apis/k3k.io/v1beta1/namespaces/" + c.namespace_name() + "/clusters/c");
  };
  auto gone = service.wait_deleted(refs, d);
  for (const auto& o : gone) EXPECT_TRUE(o.ok()) << o.failure->message;
  EXPECT_EQ(count(false), 1);
  EXPECT_EQ(count(true), 1);
}

TEST_F(ClusterFleet, EachClusterGetsItsOwnOutcome) {
  create_ready("k3k-fine", "fine");
  sim().fail_times("k3k-broken", "broken", 1000);
  create("k3k-broken", "broken");
  WaitOptions w;
  w.timeout = 20s;
  auto outcomes = service_.wait_ready(
      {{"k3k-fine", "fine"}, {"k3k-broken", "broken"}, {"k3k-fine", "missing"}}, w);
  EXPECT_TRUE(outcomes[0].ok());
  ASSERT_TRUE(outcomes[1].failure);
  EXPECT_THROW(std::rethrow_exception(outcomes[1].failure->exception), ClusterFailedError);
  ASSERT_TRUE(outcomes[2].failure);
  EXPECT_EQ(outcomes[2].failure->exit_code, ExitCode::kNotFound);
}

TEST_F(ClusterFleet, FallsBackToOneWatchPerNamespaceWhenAClusterWideListIsForbidden) {
  create("team-a", "a");
  create("team-b", "b");
  server().access().add_token("ns-only", {"dev", {}});
  server().access().allow(
      "dev", {{"get", "list", "watch"}, {"k3k.io"}, {"clusters"}, {"team-a", "team-b"}});
  api::ClientOptions options;
  config::ClientConfig config = api::testing::anonymous_config(server());
  config.token = Secret("ns-only");
  ClusterService dev(api::Client::connect(config, options));
  WaitOptions w;
  w.timeout = 20s;
  auto outcomes = dev.wait_ready(std::vector<ClusterRef>{{"team-a", "a"}, {"team-b", "b"}}, w);
  for (const auto& o : outcomes) EXPECT_TRUE(o.ok()) << o.failure->message;
}

}  // namespace
}  // namespace kraft::k3k
