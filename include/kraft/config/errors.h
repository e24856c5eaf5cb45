#pragma once
// What loading and resolving a kubeconfig throws besides a plain ConfigError, one class per
// situation a caller may answer differently (ask for a file, offer the contexts, correct a
// name). MergeConflictError, thrown by merge_into, is in <kraft/config/kubeconfig_edit.h>.
//
//   try {
//     auto config = kraft::config::load_client_config(rules, overrides);
//   } catch (const kraft::config::NoContextError&) {
//     // let the user pick one of the kubeconfig's contexts
//   }
#include <kraft/core/error.h>

#include <string>
#include <utility>

namespace kraft::config {

/// Neither a kubeconfig nor an in-cluster service account: nothing says which cluster to use.
/// Set KUBECONFIG or LoadingRules::explicit_path.
class NotConfiguredError : public ConfigError {
 public:
  using ConfigError::ConfigError;
};

/// The kubeconfig has no current-context and Overrides names no context (nor a cluster or a
/// server to use without one).
class NoContextError : public ConfigError {
 public:
  using ConfigError::ConfigError;
};

/// A context, cluster or user the kubeconfig does not have. The message lists those it has
/// and suggests the closest name.
class EntryNotFoundError : public ConfigError {
 public:
  EntryNotFoundError(const std::string& message, std::string kind, std::string name,
                     bool from_overrides)
      : ConfigError(message),
        kind_(std::move(kind)),
        name_(std::move(name)),
        from_overrides_(from_overrides) {}
  /// "context", "cluster" or "user".
  const std::string& kind() const noexcept { return kind_; }
  /// The name looked for, as it was given.
  const std::string& name() const noexcept { return name_; }
  /// Whether Overrides (context, cluster, user) named it, rather than the kubeconfig itself.
  bool from_overrides() const noexcept { return from_overrides_; }

 private:
  std::string kind_;
  std::string name_;
  bool from_overrides_;
};

}  // namespace kraft::config
