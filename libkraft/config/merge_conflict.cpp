// The words of a merge conflict: the OnConflict values and the one-line error that lists
// every name existing on both sides with different content.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/config/loading.h>

#include <algorithm>

namespace kraft::config {
namespace {

// Enough to see what is wrong; collisions() has the rest for a caller that wants them all.
constexpr size_t kMaxListed = 10;

int kind_rank(const std::string& kind) {
  if (kind == "context") return 0;
  if (kind == "cluster") return 1;
  return 2;
}

// Contexts first: they are what users name on the command line.
std::vector<Collision> ordered(std::vector<Collision> collisions) {
  std::stable_sort(collisions.begin(), collisions.end(), [](const auto& a, const auto& b) {
    return kind_rank(a.kind) < kind_rank(b.kind);
  });
  return collisions;
}

std::string conflict_message(const std::vector<Collision>& collisions,
                             const std::string& target_source) {
  std::vector<std::string> items;
  for (size_t i = 0; i < collisions.size() && i < kMaxListed; ++i) {
    const Collision& c = collisions[i];
    items.push_back(c.incoming_source.empty()
                        ? fmt::format("{} \"{}\"", c.kind, c.name)
                        : fmt::format("{} \"{}\" (from {})", c.kind, c.name, c.incoming_source));
  }
  if (collisions.size() > kMaxListed) {
    items.push_back(fmt::format("... ({} more)", collisions.size() - kMaxListed));
  }
  const bool one = collisions.size() == 1;
  return fmt::format(
      "{} {} already {} with different content in {}: {}; rename or overwrite them, or merge "
      "under a prefix",
      collisions.size(), one ? "name" : "names", one ? "exists" : "exist",
      target_source.empty() ? "the kubeconfig" : target_source, fmt::join(items, ", "));
}

}  // namespace

OnConflict parse_on_conflict(const std::string& text) {
  if (text == "fail") return OnConflict::fail;
  if (text == "rename") return OnConflict::rename;
  if (text == "overwrite") return OnConflict::overwrite;
  std::string message =
      fmt::format("unknown on-conflict mode \"{}\" (allowed: fail, rename, overwrite)", text);
  const std::string suggestion = closest_match(text, {"fail", "rename", "overwrite"});
  if (!suggestion.empty()) message += fmt::format("; did you mean \"{}\"?", suggestion);
  throw ValidationError(message);
}

MergeConflictError::MergeConflictError(std::vector<Collision> collisions,
                                       const std::string& target_source)
    : ConfigError(conflict_message(ordered(collisions), target_source)),
      collisions_(ordered(std::move(collisions))) {}

}  // namespace kraft::config
