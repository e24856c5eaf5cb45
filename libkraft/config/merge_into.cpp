// merge_into: one kubeconfig merged into another, for `kraft kubeconfig merge`. The result is
// what `KUBECONFIG=target:incoming kubectl config view` shows (clientcmd's loader: the first
// file to define a name or set a value wins), except that a name defined on both sides with
// different content is not silently dropped: it fails, is renamed or overwrites, as asked.
// Names are looked up in hash maps, so merging n entries into m costs O(n + m) lookups; only
// entries whose names collide are rendered (to_yaml) to compare their content.
#include <kraft/config/kubeconfig_edit.h>

#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "config/entry_content.h"
#include "config/json_merge.h"

namespace kraft::config {
namespace {

using detail::merge_first_wins;

using nlohmann::json;

template <class T>
std::unordered_map<std::string, size_t> index_by_name(const std::vector<Named<T>>& entries) {
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < entries.size(); ++i) index.emplace(entries[i].name, i);
  return index;
}

class Merger {
 public:
  Merger(Kubeconfig& result, const Kubeconfig& incoming, const MergeOptions& options)
      : result_(result), incoming_(incoming), options_(options) {}

  // Clusters and users first: contexts refer to them by their final names.
  void run() {
    merge_list("cluster", result_.clusters, incoming_.clusters, cluster_names_);
    merge_list("user", result_.users, incoming_.users, user_names_);
    merge_list("context", result_.contexts, incoming_.contexts, context_names_);
    // Only a context incoming defines can be named for the caller to switch to: one it
    // merely refers to may not exist in the target at all.
    if (!incoming_.current_context.empty() && context_names_.contains(incoming_.current_context)) {
      report_.incoming_current_context = context_names_.at(incoming_.current_context);
    }
    // With several files in $KUBECONFIG, the target may lack current-context while another
    // file sets it: adopting one here would silently switch the active context.
    if (options_.adopt_current_context && result_.current_context.empty() &&
        !incoming_.current_context.empty()) {
      result_.current_context = final_name(context_names_, incoming_.current_context);
    }
    merge_first_wins(result_.extra, incoming_.extra);
  }

  MergeReport& report() { return report_; }
  const std::vector<Collision>& collisions() const { return collisions_; }

  // Puts back the entries run() replaced; the caller truncates what it appended.
  void undo() {
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) (*it)();
    undo_.clear();
  }

 private:
  using Names = std::unordered_map<std::string, std::string>;  // incoming name → final name

  static std::string final_name(const Names& names, const std::string& name) {
    const auto it = names.find(name);
    return it == names.end() ? name : it->second;
  }

  // A context names clusters and users of its own file: follow their prefix or rename.
  // References to names incoming does not define are kept as they are.
  void follow_references(Named<ContextInfo>& context) const {
    context.value.cluster = final_name(cluster_names_, context.value.cluster);
    context.value.user = final_name(user_names_, context.value.user);
  }
  void follow_references(Named<ClusterInfo>&) const {}
  void follow_references(Named<AuthInfo>&) const {}

  template <class T>
  void merge_list(const std::string& kind, std::vector<Named<T>>& into,
                  const std::vector<Named<T>>& from, Names& names) {
    // Every final incoming name, so that a rename never takes a name a later entry brings.
    std::unordered_set<std::string> incoming_names;
    for (const auto& e : from) {
      names[e.name] = options_.prefix + e.name;
      incoming_names.insert(options_.prefix + e.name);
    }
    auto index = index_by_name(into);
    for (const auto& original : from) {
      Named<T> entry = original;
      entry.name = options_.prefix + original.name;
      follow_references(entry);
      const std::string from_file = original.source.empty() ? incoming_.source : original.source;
      detail::relocate(entry, result_.source);
      names[original.name] = place(kind, into, index, incoming_names, std::move(entry), from_file);
    }
  }

  // Puts one incoming entry into `into`; returns the name it ends up with.
  template <class T>
  std::string place(const std::string& kind, std::vector<Named<T>>& into,
                    std::unordered_map<std::string, size_t>& index,
                    const std::unordered_set<std::string>& incoming_names, Named<T> entry,
                    const std::string& from_file) {
    const std::string name = entry.name;
    const auto found = index.find(name);
    if (found == index.end()) {
      index.emplace(name, into.size());
      into.push_back(std::move(entry));
      note_added(kind, name);
      return name;
    }
    Named<T>& existing = into[found->second];
    const std::string content = detail::content_text(entry);
    if (detail::content_text(existing) == content) {
      ++report_.unchanged;
      return name;
    }
    const bool same_origin =
        options_.same_origin &&
        options_.same_origin(kind, detail::content_json(existing), detail::content_json(entry));
    if (same_origin || options_.on_conflict == OnConflict::overwrite) {
      undo_.push_back([&into, at = found->second, old = std::move(existing)]() mutable {
        into[at] = std::move(old);
      });
      existing = std::move(entry);
      report_.overwritten.push_back({kind, name, from_file});
      return name;
    }
    if (options_.on_conflict == OnConflict::fail) {
      collisions_.push_back({kind, name, from_file});
      return name;
    }
    return rename(kind, into, index, incoming_names, std::move(entry), content);
  }

  void note_added(const std::string& kind, const std::string& name) {
    if (kind == "context") report_.added_contexts.push_back(name);
    if (kind == "cluster") report_.added_clusters.push_back(name);
    if (kind == "user") report_.added_users.push_back(name);
  }

  // NAME-2, NAME-3, ...: the first that neither side uses, or the one an earlier merge of the
  // same entry chose. Deterministic, so merging the same files again changes nothing.
  template <class T>
  std::string rename(const std::string& kind, std::vector<Named<T>>& into,
                     std::unordered_map<std::string, size_t>& index,
                     const std::unordered_set<std::string>& incoming_names, Named<T> entry,
                     const std::string& content) {
    const std::string name = entry.name;
    for (size_t n = 2;; ++n) {
      std::string candidate = name + "-" + std::to_string(n);
      if (incoming_names.contains(candidate)) continue;
      const auto taken = index.find(candidate);
      if (taken == index.end()) {
        entry.name = candidate;
        index.emplace(candidate, into.size());
        into.push_back(std::move(entry));
        report_.renamed.push_back({kind, name, candidate});
        note_added(kind, candidate);
        return candidate;
      }
      if (detail::content_text(into[taken->second]) == content) {
        ++report_.unchanged;
        return candidate;
      }
    }
  }

  Kubeconfig& result_;
  const Kubeconfig& incoming_;
  const MergeOptions& options_;
  Names cluster_names_, user_names_, context_names_;
  MergeReport report_;
  std::vector<Collision> collisions_;
  std::vector<std::function<void()>> undo_;
};

}  // namespace

MergeReport merge_into(Kubeconfig& target, const Kubeconfig& incoming,
                       const MergeOptions& options) {
  // Target stays untouched when a conflict (or a throwing same_origin) stops the merge. Undone
  // rather than merged into a copy: copying a 500-context target would cost more than the
  // merge itself.
  const std::size_t clusters = target.clusters.size(), users = target.users.size(),
                    contexts = target.contexts.size();
  const std::string current = target.current_context;
  const nlohmann::json extra = target.extra;
  Merger merger(target, incoming, options);
  auto roll_back = [&] {
    merger.undo();
    target.clusters.resize(clusters);
    target.users.resize(users);
    target.contexts.resize(contexts);
    target.current_context = current;
    target.extra = extra;
  };
  try {
    merger.run();
  } catch (...) {
    roll_back();
    throw;
  }
  if (!merger.collisions().empty()) {
    roll_back();
    throw MergeConflictError(merger.collisions(), target.source);
  }
  return std::move(merger.report());
}

}  // namespace kraft::config
