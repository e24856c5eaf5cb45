#pragma once
// Replacing a file so that readers and crashes see the old bytes or the new ones, never a mix:
// write a temporary file beside it, fsync, rename over it, fsync the directory (the rename is
// atomic within one file system; the directory fsync makes it survive a power cut).
#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>

namespace kraft::config::detail {

/// Mode and owner of an existing file, to give its replacement.
struct FileMeta {
  mode_t mode = 0600;
  uid_t uid = 0;
  gid_t gid = 0;
};

/// `path` with every symlink in its last component followed (relative links resolve against
/// the link's directory), so a write replaces the link's target and leaves the link alone.
/// A dangling link yields the missing target. Throws ConfigError after 40 links (ELOOP).
std::string follow_symlinks(const std::string& path);

/// Mode and owner of `path`, or nullopt when it does not exist; ConfigError on other errors.
std::optional<FileMeta> file_meta(const std::string& path);

/// Creates the missing parent directories of `path` with mode 0700, as kubectl creates
/// ~/.kube: a kubeconfig holds credentials.
void create_parent_dirs(const std::string& path);

/// Atomically replaces (or creates) `path` with `bytes`, mode `meta.mode` and, when the
/// process may, owner `meta.uid:meta.gid`. `before_rename` runs once the temporary file is
/// complete and fsynced. On any failure, and when `before_rename` throws, the temporary file is
/// removed and `path` is untouched; errors are ConfigError naming `display` (the path the user
/// gave) and the reason.
void write_atomically(const std::string& path, const std::string& bytes, const FileMeta& meta,
                      const std::function<void()>& before_rename, const std::string& display);

}  // namespace kraft::config::detail
