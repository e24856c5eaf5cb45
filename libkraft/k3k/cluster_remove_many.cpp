// ClusterService::remove_many: many removals on the executor. Each cluster's own requests
// (delete the Cluster, its claims, its namespace) stay per cluster; the question "may the
// namespace go?" is answered from one host-wide, metadata-only list per kind once every
// Cluster is deleted, instead of eleven lists per namespace: deleting 200 clusters went
// from ~15 requests per cluster (a minute at 50 QPS) to ~4.
#include <kraft/core/error.h>
#include <kraft/k3k/cluster_service.h>

#include <memory>
#include <set>

#include "k3k/cluster_remove_steps.h"

namespace kraft::k3k {
namespace {

// Below this many namespaces, reading each one is cheaper than reading the host.
constexpr std::size_t kHostWideFrom = 4;

}  // namespace

std::vector<Outcome<RemoveResult>> ClusterService::remove_many(
    const std::vector<ClusterRef>& refs, const RemoveOptions& options, const BatchOptions& batch,
    const std::function<void(std::size_t, const Outcome<RemoveResult>&)>& on_done) const {
  std::set<std::string> namespaces;
  for (const auto& ref : refs) namespaces.insert(ref.ns);
  Executor pool({.max_in_flight = batch.parallel, .cancel = batch.cancel});
  if (namespaces.size() < kHostWideFrom || options.keep_namespace) {
    return pool.map<RemoveResult>(
        refs.size(), [&](std::size_t i) { return remove(refs[i], options); }, on_done);
  }

  // First every Cluster (a cancelled batch starts no new deletion)...
  std::vector<Outcome<RemoveResult>> outcomes = pool.map<RemoveResult>(
      refs.size(),
      [&](std::size_t i) {
        RemoveResult result;
        result.ref = refs[i];
        result.found = remove_steps::delete_cluster(client_, refs[i], options);
        return result;
      },
      [&](std::size_t i, const Outcome<RemoveResult>& o) {
        if (on_done && (!o.ok() || !o.value->found)) on_done(i, o);
      });

  // ...then one look at the host, and the rest of each deletion under way: claims and
  // namespaces. Those finish even after a cancellation, as a single remove() would.
  std::unique_ptr<NamespaceContents> shared;
  try {
    shared = std::make_unique<NamespaceContents>(NamespaceContents::read(client_, ""));
  } catch (const Error&) {
    // Not allowed host-wide (RBAC per namespace), or the read failed: each cluster reads
    // its own namespace, as remove() does, with the transport's own retries.
  }
  std::vector<std::size_t> started;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    if (outcomes[i].ok() && outcomes[i].value->found) started.push_back(i);
  }
  Executor finish({.max_in_flight = batch.parallel});
  finish.map<bool>(started.size(), [&](std::size_t k) {
    Outcome<RemoveResult>& o = outcomes[started[k]];
    try {
      remove_steps::clean_up(client_, refs[started[k]], options, shared.get(), *o.value);
    } catch (...) {
      o.failure = describe_exception(std::current_exception());
      o.value.reset();
    }
    if (on_done) on_done(started[k], o);
    return true;
  });
  return outcomes;
}

}  // namespace kraft::k3k
