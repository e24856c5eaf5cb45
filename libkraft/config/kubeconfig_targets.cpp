// Which file a kubeconfig edit goes to, after client-go's clientcmd PathOptions
// (GetDefaultFilename, and writeCurrentContext in clientcmd/config.go).
#include <kraft/config/kubeconfig_file.h>

#include <set>

#include "config/files.h"

namespace kraft::config {
namespace {

// GetEnvVarFiles: the $KUBECONFIG entries without duplicates. Empty entries ("a::b") name
// no file and are skipped, as loading skips them.
std::vector<std::string> env_files(const LoadingRules& rules) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  for (const auto& path : rules.precedence) {
    if (!path.empty() && seen.insert(path).second) files.push_back(path);
  }
  return files;
}

}  // namespace

std::string default_write_file(const LoadingRules& rules) {
  if (!rules.explicit_path.empty()) return rules.explicit_path;
  const std::vector<std::string> files = env_files(rules);
  if (files.empty()) return rules.default_path;
  if (files.size() == 1) return files.front();
  for (const auto& file : files) {
    if (detail::exists(file)) return file;
  }
  return files.back();
}

std::string current_context_file(const LoadingRules& rules) {
  if (!rules.explicit_path.empty()) return rules.explicit_path;
  // The first file to set current-context is the one whose value counts; writing there
  // changes what every later `kubectl` and `kraft` sees without leaving an older value behind
  // in another file (kubectl would write the first existing file instead, see the header).
  // With none set, the file kubectl's use-context writes.
  for (const auto& file : env_files(rules)) {
    if (detail::exists(file) && !load_kubeconfig_file(file).current_context.empty()) {
      return file;
    }
  }
  return default_write_file(rules);
}

std::string file_defining_context(const LoadingRules& rules, const std::string& name) {
  // load_merged keeps the first definition of each name and the file it came from.
  const Kubeconfig merged = load_merged(rules);
  const auto* context = merged.find_context(name);
  return context == nullptr ? std::string() : context->source;
}

}  // namespace kraft::config
