#pragma once
// What update_kubeconfig_file takes beyond its public options, for libkraft and its tests
// only: a parse of PATH made ahead of the lock (merge_kubeconfig_files reads the target while
// it reads the inputs), and a hook before the rename (tests kill the writer at that moment).
#include <kraft/config/kubeconfig.h>
#include <kraft/config/kubeconfig_file.h>

#include <functional>
#include <optional>
#include <string>

namespace kraft::config::detail {

/// PATH read and parsed ahead of its lock (prepare_kubeconfig_file).
struct PreparedKubeconfig {
  std::string path;
  std::string bytes;
  Kubeconfig config;
};

/// Reads and parses PATH without taking its lock, so that a caller with other work to do first
/// (reading the files to merge) can do it meanwhile in another thread. nullopt when PATH is not
/// a regular file or cannot be read or parsed: the update then reads it as always.
std::optional<PreparedKubeconfig> prepare_kubeconfig_file(const std::string& path) noexcept;

/// The extras of one update.
struct UpdateExtras {
  /// PATH as prepare_kubeconfig_file read it. Used (its config moved out, its path cleared)
  /// only when, locked, PATH holds exactly those bytes; otherwise PATH is parsed again.
  PreparedKubeconfig* prepared = nullptr;
  /// Called after the new content is written and fsynced to the temporary file, just before
  /// the rename.
  std::function<void()> before_rename;
};

/// update_kubeconfig_file with extras.
FileUpdate update_kubeconfig_file(const std::string& path,
                                  const std::function<void(Kubeconfig&)>& edit,
                                  const FileWriteOptions& options, const UpdateExtras& extras);

}  // namespace kraft::config::detail
