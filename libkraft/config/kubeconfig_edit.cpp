// Context edits for `kraft kubeconfig use|rename|remove`, after kubectl's `config
// use-context`, `rename-context` and `delete-context`. Unlike delete-context, removing a
// context also removes the cluster and user only it used, so no orphans pile up, and clears
// current-context when it named a removed context (delete-context only prints a warning and
// leaves the file pointing at nothing).
#include <fmt/format.h>
#include <kraft/config/errors.h>
#include <kraft/config/kubeconfig_edit.h>

#include <algorithm>
#include <unordered_set>

#include "config/did_you_mean.h"

namespace kraft::config {
namespace {

std::vector<std::string> context_names(const Kubeconfig& config) {
  std::vector<std::string> names;
  names.reserve(config.contexts.size());
  for (const auto& c : config.contexts) names.push_back(c.name);
  return names;
}

void require_context(const Kubeconfig& config, const std::string& name) {
  if (config.find_context(name) != nullptr) return;
  throw EntryNotFoundError(
      detail::not_found_message("context", name, config.source, context_names(config)), "context",
      name, false);
}

template <class T>
std::vector<std::string> remove_unused(std::vector<Named<T>>& entries,
                                       const std::vector<std::string>& candidates,
                                       const std::unordered_set<std::string>& in_use) {
  std::unordered_set<std::string> doomed;
  std::vector<std::string> removed;
  for (const auto& name : candidates) {
    if (name.empty() || in_use.contains(name) || !doomed.insert(name).second) continue;
    const bool exists = std::any_of(entries.begin(), entries.end(),
                                    [&](const Named<T>& e) { return e.name == name; });
    if (exists) removed.push_back(name);
  }
  std::erase_if(entries, [&](const Named<T>& e) { return doomed.contains(e.name); });
  return removed;
}

}  // namespace

void use_context(Kubeconfig& config, const std::string& name) {
  require_context(config, name);
  config.current_context = name;
}

void rename_context(Kubeconfig& config, const std::string& from, const std::string& to) {
  if (to.empty()) throw ValidationError("the new context name must not be empty");
  require_context(config, from);
  if (from == to) return;
  if (config.find_context(to) != nullptr) {
    throw ConfigError(fmt::format(
        "cannot rename context \"{}\" to \"{}\": \"{}\" already exists in {}; remove it first "
        "or choose another name",
        from, to, to, config.source.empty() ? "the kubeconfig" : config.source));
  }
  for (auto& c : config.contexts) {
    if (c.name == from) c.name = to;
  }
  if (config.current_context == from) config.current_context = to;
}

RemoveReport remove_contexts(Kubeconfig& config, const std::vector<std::string>& names,
                             const Kubeconfig* whole) {
  // All or nothing: a typo in the third name must not leave the first two removed.
  for (const auto& name : names) require_context(config, name);

  RemoveReport report;
  std::unordered_set<std::string> doomed;
  std::vector<std::string> clusters, users;
  for (const auto& name : names) {
    if (!doomed.insert(name).second) continue;
    report.contexts.push_back(name);
    const auto* context = config.find_context(name);
    clusters.push_back(context->value.cluster);
    users.push_back(context->value.user);
  }
  std::erase_if(config.contexts, [&](const auto& c) { return doomed.contains(c.name); });

  std::unordered_set<std::string> clusters_in_use, users_in_use;
  const auto use = [&](const Named<ContextInfo>& c) {
    clusters_in_use.insert(c.value.cluster);
    users_in_use.insert(c.value.user);
  };
  for (const auto& c : config.contexts) use(c);
  if (whole != nullptr) {
    // Contexts of the other files keep what they use, even under a removed name: a context
    // another file also defines (shadowed or shadowing) survives there. Entries without a
    // source cannot be told apart, so the name decides.
    for (const auto& c : whole->contexts) {
      const bool this_file = c.source.empty() || config.source.empty() || c.source == config.source;
      if (!(doomed.contains(c.name) && this_file)) use(c);
    }
  }
  report.clusters = remove_unused(config.clusters, clusters, clusters_in_use);
  report.users = remove_unused(config.users, users, users_in_use);
  if (doomed.contains(config.current_context)) {
    config.current_context.clear();
    report.cleared_current = true;
  }
  return report;
}

}  // namespace kraft::config
