#pragma once
// Removing contexts from the kubeconfig files that define them, shared by `kubeconfig remove`
// and `kubeconfig prune`.
#include <kraft/config/kubeconfig.h>
#include <kraft/config/loading.h>

#include <string>
#include <vector>

namespace kraft::cli {

/// Removes `names` from the files defining them, each file under its own lock, with the
/// clusters and users no context of `whole` (the merged view of every file, before removal)
/// still uses. Prints "deleted context|cluster|user NAME from PATH" as each file is written,
/// so a failure on a later file leaves an accurate account of what already changed.
void remove_from_files(const config::LoadingRules& rules, const config::Kubeconfig& whole,
                       const std::vector<std::string>& names, bool backup);

}  // namespace kraft::cli
