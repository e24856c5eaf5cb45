#pragma once
// What a kubeconfig merge did, as lines on stdout: contexts added, identical entries
// skipped, entries renamed or replaced. Shared by `kubeconfig merge` and `--merge`.
#include <kraft/config/kubeconfig_edit.h>

#include <string>

namespace kraft::cli {

/// The lines for `report` of a merge into `path` (each ending in '\n'); "" when nothing was
/// added, renamed or replaced.
std::string merge_report_text(const config::MergeReport& report, const std::string& path);

}  // namespace kraft::cli
