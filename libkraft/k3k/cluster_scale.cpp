// ClusterService::scale and update: the two ways kraft changes a cluster that exists.
#include <kraft/api/errors.h>
#include <kraft/core/error.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/resources.h>

#include <nlohmann/json.hpp>

namespace kraft::k3k {
namespace {

void require_not_terminating(const Cluster& cluster) {
  if (cluster.is_terminating()) {
    const ClusterRef ref{cluster.namespace_name(), cluster.name()};
    throw ClusterDeletingError(
        "cluster \"" + ref.str() + "\" is being deleted; it cannot be changed", ExitCode::kError,
        ref.object());
  }
}

}  // namespace

ScaleResult ClusterService::scale(const ClusterRef& ref, const ScaleRequest& request,
                                  bool dry_run) const {
  if (!request.servers && !request.agents) {
    throw ValidationError("nothing to scale: give a number of servers and/or agents", {},
                          {"servers", "agents"});
  }
  // The CRD's CEL rules: "cluster must have at least one server", "invalid value for agents".
  if (request.servers && *request.servers < 1) {
    throw ValidationError("servers must be at least 1, got " + std::to_string(*request.servers) +
                              " (a cluster needs at least one server; delete it with kraft delete)",
                          {}, {"servers"});
  }
  if (request.agents && *request.agents < 0) {
    throw ValidationError("agents must be at least 0, got " + std::to_string(*request.agents), {},
                          {"agents"});
  }
  ScaleResult result;
  Cluster current = get(ref);
  require_not_terminating(current);
  if (request.agents && current.spec.mode.value_or("shared") == "shared") {
    result.warnings.push_back("agents are ignored in shared mode: cluster \"" + ref.str() +
                              "\" runs its workloads on the host's nodes");
  }
  nlohmann::json spec = nlohmann::json::object();
  if (request.servers) spec["servers"] = *request.servers;
  if (request.agents) spec["agents"] = *request.agents;
  api::PatchOptions options;
  options.dry_run = dry_run;
  result.cluster = Cluster::from_json(
      client_.patch(clusters(), ref.ns, ref.name, {{"spec", std::move(spec)}}, options));
  return result;
}

Cluster ClusterService::update(const ClusterRef& ref,
                               const std::function<void(Cluster&)>& mutate) const {
  // client-go's RetryOnConflict: a few quick rounds of read-modify-write.
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    Cluster cluster = get(ref);
    require_not_terminating(cluster);
    mutate(cluster);
    try {
      return Cluster::from_json(client_.replace(clusters(), ref.ns, cluster.to_json()));
    } catch (const api::ApiError& e) {
      if (!e.is_conflict() || attempt == kAttempts) throw;
    }
  }
}

}  // namespace kraft::k3k
