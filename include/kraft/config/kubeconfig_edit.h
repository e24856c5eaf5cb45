#pragma once
// Pure edits on a Kubeconfig (no I/O), for `kraft kubeconfig merge|use|rename|remove`: the
// file side (locking, atomic writes) is in kubeconfig_file.h. Every error is one line naming
// the entry and the file, never a credential.
#include <kraft/config/kubeconfig.h>
#include <kraft/core/error.h>

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace kraft::config {

/// What merge_into does with a name that already exists with different content.
enum class OnConflict { fail, rename, overwrite };

/// "fail", "rename", "overwrite"; throws ValidationError (exit 2) naming the allowed values.
OnConflict parse_on_conflict(const std::string& text);

struct MergeOptions {
  OnConflict on_conflict = OnConflict::fail;
  std::string prefix;  ///< put in front of every incoming cluster, user and context name
  /// Whether a target without current-context takes the incoming one. Callers editing one
  /// file of several in $KUBECONFIG turn it off: another file may set the active context, and
  /// adopting here would silently change it (MergeReport names the context to switch to).
  bool adopt_current_context = true;
  /// When set and true for an existing entry and the incoming one with the same name, the
  /// incoming entry replaces the existing one without counting as a collision (kraft uses it
  /// to refresh the kubeconfig of the same virtual cluster). kind: "cluster"|"user"|"context".
  /// The JSON is each entry's inner map as it would be written, with absolute file paths and
  /// without its credentials (token, password, client-key-data), which never leave Secret.
  std::function<bool(const std::string& kind, const nlohmann::json& existing_raw,
                     const nlohmann::json& incoming_raw)>
      same_origin;
};

/// A name that exists on both sides with different content.
struct Collision {
  std::string kind;             ///< "cluster", "user" or "context"
  std::string name;             ///< the name in the target (prefix applied)
  std::string incoming_source;  ///< the file the incoming entry came from (may be empty)
};

/// Thrown by merge_into with OnConflict::fail: one line listing every collision, e.g.
/// `3 names already exist with different content in /home/u/.kube/config: context "dev"
/// (from a.yaml), cluster "dev" (from a.yaml), user "admin" (from b.yaml); rename or overwrite
/// them, or merge under a prefix` (OnConflict, MergeOptions::prefix).
class MergeConflictError : public ConfigError {
 public:
  MergeConflictError(std::vector<Collision> collisions, const std::string& target_source);
  /// Every collision: contexts first, then clusters, then users, each in incoming order.
  const std::vector<Collision>& collisions() const { return collisions_; }

 private:
  std::vector<Collision> collisions_;
};

struct Renamed {
  std::string kind, from, to;
};

struct MergeReport {
  std::vector<std::string> added_contexts;  ///< final names
  std::vector<std::string> added_clusters;  ///< final names
  std::vector<std::string> added_users;     ///< final names
  int unchanged = 0;                        ///< identical entries skipped (not collisions)
  std::vector<Renamed> renamed;             ///< on_conflict rename
  std::vector<Collision> overwritten;       ///< on_conflict overwrite (and same_origin)
  /// The final name (prefix and rename applied) of incoming's current-context when incoming
  /// defines that context, so it is now in target (added, renamed, overwritten or already there
  /// identically); "" when incoming has none or only refers to a context it does not define.
  std::string incoming_current_context;
};

/// Merges `incoming` into `target` as `KUBECONFIG=target:incoming kubectl config view` would
/// show them, minus flattening: entries with new names are appended in incoming order; an
/// identical entry (same name, same content) is skipped and counted; target's current-context
/// stays, or the incoming one is used when target has none (unless !adopt_current_context);
/// top-level fields (preferences, extensions) take target's value first, objects key by key and
/// `extensions` lists item by item (by name). A name existing with different content is handled
/// per `on_conflict`: fail → MergeConflictError listing all (target is untouched); rename →
/// the incoming entry becomes NAME-2 (NAME-3, ... when taken; deterministic) and incoming
/// contexts follow their renamed cluster or user; overwrite → replaced in place.
/// Merged entries move to target's file (`source` = target.source); relative file paths that
/// would then name another file are written absolute. The prefix also applies to an incoming
/// context's cluster and user when incoming defines them, and to its current-context.
MergeReport merge_into(Kubeconfig& target, const Kubeconfig& incoming, const MergeOptions& options);

/// Sets current-context; throws ConfigError with did-you-mean when no such context.
void use_context(Kubeconfig& config, const std::string& name);

/// Renames a context (and current-context when it pointed at it). Unknown FROM → ConfigError
/// with did-you-mean; TO existing → ConfigError; TO empty → ValidationError; FROM == TO is
/// a no-op.
void rename_context(Kubeconfig& config, const std::string& from, const std::string& to);

struct RemoveReport {
  std::vector<std::string> contexts, clusters, users;
  bool cleared_current = false;
};

/// Removes contexts, and each cluster and user they used that no remaining context uses.
/// Every name must exist (checked first; unknown → ConfigError with did-you-mean, nothing
/// removed). current-context pointing at a removed context is cleared in `config` (kubectl's
/// delete-context only warns and leaves it naming a context that no longer exists).
/// `config` is one file; with several files in $KUBECONFIG a context in another file may use a
/// cluster or user of this one, so pass `whole`, the merged view of every file (or every file's
/// contexts, duplicates included): a cluster or user then stays while any context in `whole`
/// uses it, except the removed ones (those of `names` whose source is config.source, or is
/// empty). Without `whole` only `config`'s own contexts count.
RemoveReport remove_contexts(Kubeconfig& config, const std::vector<std::string>& names,
                             const Kubeconfig* whole = nullptr);

}  // namespace kraft::config
