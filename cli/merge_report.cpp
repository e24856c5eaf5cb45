#include "merge_report.h"

#include <fmt/core.h>

namespace kraft::cli {

std::string merge_report_text(const config::MergeReport& report, const std::string& path) {
  std::string out;
  for (const auto& c : report.overwritten) {
    out += fmt::format("{} \"{}\" replaced in {}\n", c.kind, c.name, path);
  }
  for (const auto& r : report.renamed) {
    out += fmt::format("{} \"{}\" renamed to \"{}\" (the name was taken)\n", r.kind, r.from, r.to);
  }
  for (const auto& name : report.added_contexts) {
    out += fmt::format("context \"{}\" added to {}\n", name, path);
  }
  // Clusters and users come with their contexts, so they are named only when no context was
  // added (a file of credentials alone): the report must never read as "nothing to do".
  if (report.added_contexts.empty()) {
    for (const auto& name : report.added_clusters) {
      out += fmt::format("cluster \"{}\" added to {}\n", name, path);
    }
    for (const auto& name : report.added_users) {
      out += fmt::format("user \"{}\" added to {}\n", name, path);
    }
  }
  if (report.unchanged > 0) {
    out += fmt::format("{} identical {} already in {}\n", report.unchanged,
                       report.unchanged == 1 ? "entry" : "entries", path);
  }
  return out;
}

}  // namespace kraft::cli
