#pragma once
// Small file helpers shared by the kubeconfig loader and resolver. Every failure is a
// ConfigError whose message names the file and what it was for.
#include <string>

namespace kraft::config::detail {

/// `path` made absolute against the directory of `source` (clientcmd's ResolvePaths: relative
/// paths inside a kubeconfig are relative to the file that holds them). Absolute paths, empty
/// paths and paths in a kubeconfig without a file are returned unchanged.
std::string resolve_against(const std::string& path, const std::string& source);

/// The contents of a file; throws ConfigError "cannot read WHAT PATH: REASON".
std::string read_file(const std::string& path, const std::string& what);

/// Whether `path` names something that exists (file or directory).
bool exists(const std::string& path);

}  // namespace kraft::config::detail
