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
  if (report.unchanged > 0) {
    out += fmt::format("{} identical {} already in {}\n", report.unchanged,
                       report.unchanged == 1 ? "entry" : "entries", path);
  }
  return out;
}

}  // namespace kraft::cli
