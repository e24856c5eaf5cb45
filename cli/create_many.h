#pragma once
// kraft create NAME NAME...: several clusters in one command, created in parallel on the SDK's
// executor, then one shared wait. One failure does not stop the others; every failure is
// listed at the end, and the exit code is the failures' common code (1 when they differ).
#include <kraft/k3k/cluster_request.h>
#include <kraft/k3k/cluster_service.h>

#include <string>
#include <vector>

#include "cluster_wait.h"
#include "kubeconfig_delivery.h"

namespace kraft::cli {

class CommandContext;

struct CreateManyJob {
  std::vector<std::string> names;  ///< as given: NAME or NS/NAME
  k3k::ClusterRequest request;     ///< every flag but the name and namespace
  k3k::CreateOptions options;
  int parallel = 16;
  std::string output;  ///< -o: json|yaml print one List at the end, name one line each
  const WaitFlags* wait = nullptr;
  const KubeconfigDestination* kubeconfig = nullptr;  ///< --merge: each cluster's, in turn
};

/// Runs the job; returns the exit code. Ctrl-C starts no new create, lets those in flight
/// finish (or undo themselves), reports, then ends kraft by the signal.
int run_create_many(CommandContext& ctx, const CreateManyJob& job);

}  // namespace kraft::cli
