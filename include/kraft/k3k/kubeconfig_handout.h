#pragma once
// Handing a virtual cluster's kubeconfig (fetch_kubeconfig) to a user: merged into a
// kubeconfig file, or written to a file of its own. The rules that make it safe to do again:
// entries kraft made earlier for the same virtual cluster on the same host are refreshed, never
// reported as conflicts; anything else is kept, and a name taken by it is a conflict handled
// per on_conflict. A file of its own is replaced only when it holds nothing but this cluster's
// entries.
//
//   auto issued = kraft::k3k::fetch_kubeconfig(client, ref, request);
//   auto merged = kraft::k3k::merge_virtual_kubeconfig("/home/u/.kube/config", issued);
//   // run again: the same entries are refreshed (merged.report.overwritten), no conflict
#include <kraft/config/kubeconfig.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/config/kubeconfig_file.h>
#include <kraft/core/error.h>

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>

namespace kraft::k3k {

/// How merge_virtual_kubeconfig treats the target file.
struct HandoutOptions {
  /// For a name held by an entry kraft did not make for this cluster (MergeConflictError on
  /// fail, the default).
  config::OnConflict on_conflict = config::OnConflict::fail;
  /// Make the handed-out context the current context (by its final name after a rename).
  bool switch_context = false;
  config::FileWriteOptions write;  ///< backup, lock timeout
};

/// What merge_virtual_kubeconfig did.
struct HandoutResult {
  config::MergeReport report;
  config::FileUpdate file;
  std::string switched_to;  ///< the new current context when switch_context, else ""
};

/// The refresh rule, as config::MergeOptions::same_origin: true when both entries were made by
/// kraft for the same virtual cluster on the same host (and, for users and contexts, the same
/// CN and groups).
bool same_virtual_cluster(const std::string& kind, const nlohmann::json& existing_raw,
                          const nlohmann::json& incoming_raw);

/// Merges `issued` into the kubeconfig file at `path` (created if missing) under kubectl's
/// lock. Entries of the same virtual cluster are refreshed, keeping a namespace the user set on
/// the context; the current context changes only with switch_context.
HandoutResult merge_virtual_kubeconfig(const std::string& path, config::Kubeconfig issued,
                                       const HandoutOptions& options = {});

/// The file exists and holds something other than this cluster's entries (or is no
/// kubeconfig), so writing the kubeconfig there would lose it. Merging is the way to add it.
class HandoutRefusedError : public ConfigError {
 public:
  HandoutRefusedError(const std::string& message, std::string path, bool other_entries)
      : ConfigError(message), path_(std::move(path)), other_entries_(other_entries) {}
  const std::string& path() const noexcept { return path_; }
  /// True: a kubeconfig with other entries (merge into it); false: not a kubeconfig at all.
  bool holds_other_entries() const noexcept { return other_entries_; }

 private:
  std::string path_;
  bool other_entries_;
};

/// Writes `issued` as the whole file at `path` (mode 0600). An existing file is replaced only
/// when it holds nothing but entries kraft made for the same cluster on the same host;
/// otherwise HandoutRefusedError and the file is untouched.
config::FileUpdate write_virtual_kubeconfig(const std::string& path,
                                            const config::Kubeconfig& issued);

}  // namespace kraft::k3k
