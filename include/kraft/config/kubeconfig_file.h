#pragma once
// Reading and writing one kubeconfig file safely, for commands that edit kubeconfigs
// (`kraft kubeconfig merge|use|rename|remove|prune`, `kraft kubeconfig get -o FILE`).
//
// Every write is
//  - locked like kubectl (client-go's clientcmd lockFile): PATH.lock is created with
//    O_CREAT|O_EXCL and removed afterwards, so kraft and kubectl never interleave writes;
//  - atomic: a temporary file in the same directory, fsync, rename over PATH, fsync the
//    directory, so a crash or a full disk leaves either the old or the new file, never half;
//  - mode-preserving: an existing file keeps its mode, and its owner and group as far as the
//    process may set them (root: always; a user: a group they are in); a new one gets 0600 and
//    missing parent directories 0700, as kubectl creates ~/.kube;
//  - refusing, with nothing written, to replace what is not a regular file once symlinks are
//    followed (directory, FIFO, device: "cannot write kubeconfig PATH: not a regular file"),
//    or, unless root, a file of another user ("PATH belongs to another user (uid N); refusing
//    to replace it"): the replacement would be ours; or a file the process may not write
//    ("cannot write kubeconfig PATH: permission denied (the file is read-only; chmod u+w PATH
//    to allow it)"), which kubectl would not replace either;
//  - whole under SIGINT, SIGTERM, SIGHUP and SIGQUIT: from the creation of PATH.lock to its
//    removal they are held back, in every thread, and act once the lock is removed, so they
//    leave no lock and no temporary file; while waiting for the lock they act at once.
// A process killed outright (SIGKILL, a crash, a power cut) while holding the lock leaves
// PATH.lock behind, holding its pid; the next kraft that finds that process gone (and the
// lock's flock released) removes the lock at once. An empty lock (kubectl's) is waited for and
// then reported, as is a lock whose process still runs. Such a process also leaves its
// temporary file (`.NAME.kraft-tmp-PID-XXXXXX`, credentials included); the next writer that
// holds the lock removes it.
//
// The YAML is rewritten in kraft's format (keys sorted, as `kubectl config view` prints them):
// comments are dropped by the YAML library, except a leading block of `#` lines at the top of
// the file, which is kept as it was.
#include <kraft/config/kubeconfig.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/config/loading.h>
#include <kraft/core/error.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace kraft::config {

/// How a kubeconfig file is written.
struct FileWriteOptions {
  bool backup = false;  ///< keep the previous file as PATH.bak (replaced each time)
  std::chrono::milliseconds lock_timeout{10'000};  ///< how long to wait for PATH.lock
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

/// Merges the kubeconfig files `inputs`, in order, into PATH (created if missing) under its
/// lock, as merge_into does file by file, and returns what all of them added, skipped, renamed
/// and overwritten (incoming_current_context: the first input's that has one). Every input is
/// read first, and a missing or malformed one refused (ConfigError) before PATH is locked;
/// PATH itself is read meanwhile. With OnConflict::fail every input is tried, so that one
/// MergeConflictError lists every collision; nothing is written then.
MergeReport merge_kubeconfig_files(const std::string& path, const std::vector<std::string>& inputs,
                                   const MergeOptions& options = {},
                                   const FileWriteOptions& write = {});

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

/// The file `kraft kubeconfig use` writes current-context to: --kubeconfig if given; else the
/// first existing $KUBECONFIG file (in order, empty and repeated entries skipped) that sets a
/// non-empty current-context; else default_write_file(). Loading takes the first non-empty
/// value, so that file holds the one in effect: changing it there takes effect and leaves no
/// second, shadowed current-context in another file. This is not always kubectl's choice:
/// `config use-context` writes to default_write_file() (the first existing file), which differs
/// when an earlier existing file sets none; kubectl picks files by this rule only to clear it.
std::string current_context_file(const LoadingRules& rules);

/// The first file (in loading order) that defines context NAME, or empty. Throws ConfigError
/// for a missing --kubeconfig or a malformed file, as loading does.
std::string file_defining_context(const LoadingRules& rules, const std::string& name);

}  // namespace kraft::config
