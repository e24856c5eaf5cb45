// merge_kubeconfig_files: kubeconfig files merged into one file under its lock. The target is
// read and parsed in a second thread while the inputs are read: with files of hundreds of
// contexts that overlap is a good part of the merge's time (bench/README.md, kubeconfig merge).
#include <kraft/config/kubeconfig_file.h>

#include <future>
#include <optional>
#include <system_error>
#include <utility>

#include "config/kubeconfig_update.h"

namespace kraft::config {
namespace {

template <class T>
void append_merged(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

void add_to_report(MergeReport& total, const MergeReport& one) {
  append_merged(total.added_contexts, one.added_contexts);
  append_merged(total.added_clusters, one.added_clusters);
  append_merged(total.added_users, one.added_users);
  total.unchanged += one.unchanged;
  append_merged(total.renamed, one.renamed);
  append_merged(total.overwritten, one.overwritten);
  if (total.incoming_current_context.empty()) {
    total.incoming_current_context = one.incoming_current_context;
  }
}

}  // namespace

MergeReport merge_kubeconfig_files(const std::string& path, const std::vector<std::string>& inputs,
                                   const MergeOptions& options, const FileWriteOptions& write) {
  // Without the lock: the update uses this parse only when the locked file holds the same
  // bytes. No thread to be had is no error: the update then reads PATH itself.
  std::future<std::optional<detail::PreparedKubeconfig>> ahead;
  try {
    ahead =
        std::async(std::launch::async, [&path] { return detail::prepare_kubeconfig_file(path); });
  } catch (const std::system_error&) {
  }
  std::vector<Kubeconfig> loaded;
  loaded.reserve(inputs.size());
  for (const auto& file : inputs) loaded.push_back(load_kubeconfig_file(file));
  std::optional<detail::PreparedKubeconfig> prepared;
  if (ahead.valid()) prepared = ahead.get();

  detail::UpdateExtras extras;
  if (prepared) extras.prepared = &*prepared;
  MergeReport total;
  detail::update_kubeconfig_file(
      path,
      [&](Kubeconfig& target) {
        // Every input is tried, so that the error lists all collisions at once.
        std::vector<Collision> collisions;
        for (const auto& input : loaded) {
          try {
            add_to_report(total, merge_into(target, input, options));
          } catch (const MergeConflictError& e) {
            collisions.insert(collisions.end(), e.collisions().begin(), e.collisions().end());
          }
        }
        if (!collisions.empty()) throw MergeConflictError(collisions, path);
      },
      write, extras);
  return total;
}

}  // namespace kraft::config
