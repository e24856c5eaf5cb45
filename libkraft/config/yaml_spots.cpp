// YamlSpots' lookups: entries are appended in document order while reading and sorted by
// address on the first lookup; of repeated entries for one value, the last recorded wins.
#include <algorithm>

#include "config/yaml_json.h"

namespace kraft::config::detail {
namespace {

// Sorts `entries` by address once, keeping only the last entry recorded for each value.
template <class Entry>
void settle(std::vector<Entry>& entries, size_t& sorted) {
  if (sorted == entries.size()) return;
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.first < b.first; });
  // Among equal addresses the last recorded is now last: keep it.
  auto out = entries.begin();
  for (auto it = entries.begin(); it != entries.end(); ++it) {
    if (std::next(it) != entries.end() && std::next(it)->first == it->first) continue;
    if (out != it) *out = std::move(*it);
    ++out;
  }
  entries.erase(out, entries.end());
  sorted = entries.size();
}

template <class Entry>
const Entry* find(const std::vector<Entry>& entries, const nlohmann::json* value) {
  const auto it =
      std::lower_bound(entries.begin(), entries.end(), value,
                       [](const Entry& e, const nlohmann::json* v) { return e.first < v; });
  return it != entries.end() && it->first == value ? &*it : nullptr;
}

}  // namespace

int YamlSpots::line(const nlohmann::json& value) const {
  settle(lines_, sorted_lines_);
  const auto* entry = find(lines_, &value);
  return entry == nullptr ? 0 : entry->second;
}

const std::string* YamlSpots::plain_text(const nlohmann::json& value) const {
  settle(texts_, sorted_texts_);
  const auto* entry = find(texts_, &value);
  return entry == nullptr || !entry->second ? nullptr : &*entry->second;
}

}  // namespace kraft::config::detail
