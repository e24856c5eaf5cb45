#include "kubeconfig_removal.h"

#include <fmt/core.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/config/kubeconfig_file.h>

#include <cstdio>
#include <map>

#include "output.h"

namespace kraft::cli {

void remove_from_files(const config::LoadingRules& rules, const config::Kubeconfig& whole,
                       const std::vector<std::string>& names, bool backup) {
  std::map<std::string, std::vector<std::string>> by_file;
  for (const auto& name : names) {
    by_file[config::file_defining_context(rules, name)].push_back(name);
  }
  config::FileWriteOptions write;
  write.backup = backup;
  for (const auto& [path, in_file] : by_file) {
    config::RemoveReport report;
    config::update_kubeconfig_file(
        path,
        [&](config::Kubeconfig& file) { report = config::remove_contexts(file, in_file, &whole); },
        write);
    std::string out;
    for (const auto& c : report.contexts)
      out += fmt::format("deleted context {} from {}\n", c, path);
    for (const auto& c : report.clusters)
      out += fmt::format("deleted cluster {} from {}\n", c, path);
    for (const auto& u : report.users) out += fmt::format("deleted user {} from {}\n", u, path);
    print_stdout(out);
    flush_stdout();
  }
}

}  // namespace kraft::cli
