#pragma once
// Small file helpers shared by the kubeconfig loader and resolver. Every failure is a
// ConfigError whose message names the file and what it was for.
#include <cstddef>
#include <string>

namespace kraft::config::detail {

/// The most read_file() reads of a kubeconfig (or a file a kubeconfig names): far above any
/// real one (500 contexts with embedded certificates are 1.4 MB), and far below what would
/// exhaust memory when a path names /dev/zero or an endless pipe.
inline constexpr std::size_t kKubeconfigReadLimit = std::size_t{64} << 20;
/// The most read of a token, a service account's CA or namespace: a few kilobytes at most.
inline constexpr std::size_t kCredentialReadLimit = std::size_t{1} << 20;

/// `path` made absolute against the directory of `source` (clientcmd's ResolvePaths: relative
/// paths inside a kubeconfig are relative to the file that holds them). Absolute paths, empty
/// paths and paths in a kubeconfig without a file are returned unchanged.
std::string resolve_against(const std::string& path, const std::string& source);

/// The contents of a file; throws ConfigError "cannot read WHAT PATH: REASON", or "WHAT PATH is
/// larger than 64 MiB; kraft reads at most 64 MiB" past `limit` bytes. Regular files are read
/// in one sized read; what does not know its size (pipes, /proc, devices) is read to its end.
std::string read_file(const std::string& path, const std::string& what,
                      std::size_t limit = kKubeconfigReadLimit);

/// Whether `path` names something that exists (file or directory).
bool exists(const std::string& path);

}  // namespace kraft::config::detail
