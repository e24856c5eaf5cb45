// Waiting on one cluster: the many-cluster wait (cluster_wait_many.cpp) with one ref, whose
// scope is then that cluster's own namespace and name (one list, one watch). What is left
// here is the last step of a Ready wait: after a scale, Ready says the cluster serves while
// the new servers may still be starting, so their StatefulSet is waited on too.
#include <kraft/api/errors.h>
#include <kraft/api/json_view.h>
#include <kraft/core/error.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/names.h>
#include <kraft/k3k/resources.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

#include "k3k/ready_watch.h"

namespace kraft::k3k {
namespace detail {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

void wait_servers(const api::Client& client, const ClusterRef& ref, const Cluster& ready,
                  Clock::time_point deadline, std::chrono::milliseconds timeout) {
  const int servers = ready.spec.servers.value_or(1);
  // One server: Ready is K3k saying that server serves.
  if (servers <= 1) return;
  const std::string sts = server_statefulset_name(ref.name);
  auto ready_replicas = [](const json& s) {
    return api::int_at(api::child(&s, "status"), "readyReplicas").value_or(0);
  };
  std::optional<json> set = client.get_opt(api::resources::stateful_sets(), ref.ns, sts);
  if (!set || ready_replicas(*set) >= servers) return;
  int seen = ready_replicas(*set);
  api::WatchOptions w;
  w.field_selector = "metadata.name=" + sts;
  w.resource_version = std::string(api::metadata_string(*set, "resourceVersion"));
  const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
  w.timeout_seconds = std::max(1, static_cast<int>(std::ceil(left)));
  client.watch(api::resources::stateful_sets(), ref.ns, w, [&](const api::WatchEvent& event) {
    if (event.type == "ADDED" || event.type == "MODIFIED") {
      seen = ready_replicas(*event.object);
    }
    return seen < servers && Clock::now() < deadline;
  });
  if (seen < servers) {
    throw WaitTimeoutError("timed out after " + spell(timeout) + " waiting for the " +
                           std::to_string(servers) + " servers of cluster \"" + ref.str() +
                               "\" to be ready (" + std::to_string(seen) + " ready)",
                           ref.object());
  }
}

}  // namespace detail

Cluster ClusterService::wait_ready(const ClusterRef& ref, const WaitOptions& options) const {
  auto outcome = wait_ready(std::vector<ClusterRef>{ref}, options).front();
  if (!outcome.ok()) std::rethrow_exception(outcome.failure->exception);
  return std::move(*outcome.value);
}

void ClusterService::wait_deleted(const ClusterRef& ref, const WaitOptions& options) const {
  auto outcome = wait_deleted(std::vector<ClusterRef>{ref}, options).front();
  if (!outcome.ok()) std::rethrow_exception(outcome.failure->exception);
}

}  // namespace kraft::k3k
