#pragma once
// Reading and writing one kubeconfig file safely, for commands that edit kubeconfigs
// (`kraft kubeconfig merge|use|rename|remove|prune`, `kraft kubeconfig get -o FILE`).
//
// Every write is
//  - locked like kubectl (client-go's clientcmd lockFile): PATH.lock is created with
//    O_CREAT|O_EXCL and removed afterwards, so kraft and kubectl never interleave writes;
//  - atomic: a temporary file in the same directory, fsync, rename over PATH, fsync the
//    directory, so a crash or a full disk leaves either the old or the new file, never half;
//  - mode-preserving: an existing file keeps its mode (and, when allowed, its owner); a new one
//    gets 0600 and missing parent directories 0700, as kubectl creates ~/.kube.
// A process killed while holding the lock leaves PATH.lock behind (kubectl has the same
// limitation); the error that follows names the process and says whether it still runs, and
// the user removes the file.
//
// The YAML is rewritten in kraft's format (keys sorted, as `kubectl config view` prints them):
// comments are dropped by the YAML library, except a leading block of `#` lines at the top of
// the file, which is kept as it was.
#include <kraft/config/kubeconfig.h>
#include <kraft/config/loading.h>
#include <kraft/core/error.h>

#include <chrono>
#include <functional>
#include <string>

namespace kraft::config {

/// How a kubeconfig file is written.
struct FileWriteOptions {
  bool backup = false;  ///< keep the previous file as PATH.bak (replaced each time)
  std::chrono::milliseconds lock_timeout{10'000};  ///< how long to wait for PATH.lock
  /// Called after the new content is written and fsynced to the temporary file, just before
  /// the rename; tests use it to kill the process at the worst moment.
  std::function<void()> before_rename;
};

/// Outcome of an update: whether the file changed (unchanged content → no write at all).
struct FileUpdate {
  bool changed = false;
  bool created = false;  ///< the file did not exist before
  std::string path;      ///< the path as given (for a symlink: the link, not its target)
};

/// Locks PATH, reads it (missing → an empty config whose `source` is PATH; unparsable →
/// ConfigError naming the path and YAML line, and nothing is written), calls `edit`, and when
/// the YAML changed writes it atomically. If PATH is a symlink, the link's target is updated
/// and the link stays a link. `edit` may throw: then nothing is written and the lock is
/// released. A lock held by someone else is retried with short jittered backoff until
/// `lock_timeout`, then ConfigError `kubeconfig PATH is locked: PATH.lock exists (held by
/// process N, not running); remove it if no kubectl or kraft is writing`.
FileUpdate update_kubeconfig_file(const std::string& path,
                                  const std::function<void(Kubeconfig&)>& edit,
                                  const FileWriteOptions& options = {});

/// Writes `config` as a new or replaced standalone file (`kraft kubeconfig get -o FILE`) with
/// the same lock, temporary file, fsync, rename and mode rules. Relative file paths in entries
/// that came from another file are made absolute so they keep naming the same files. Nothing
/// of the old file is kept (not even its comments); identical bytes → no write.
FileUpdate write_kubeconfig_file(const std::string& path, const Kubeconfig& config,
                                 const FileWriteOptions& options = {});

/// The file kubectl writes new entries to (clientcmd PathOptions.GetDefaultFilename):
/// --kubeconfig if given; else with $KUBECONFIG: its only entry, or the first entry that
/// exists, or the last entry; else ~/.kube/config.
std::string default_write_file(const LoadingRules& rules);

/// The file to write current-context to so that it takes effect: the explicit file; else the
/// first existing $KUBECONFIG file that sets current-context (it is the one that wins); else
/// default_write_file(), as kubectl's `config use-context` does.
std::string current_context_file(const LoadingRules& rules);

/// The first file (in loading order) that defines context NAME, or empty. Throws ConfigError
/// for a missing --kubeconfig or a malformed file, as loading does.
std::string file_defining_context(const LoadingRules& rules, const std::string& name);

}  // namespace kraft::config
