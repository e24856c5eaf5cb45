#pragma once
// Replacing a file so that readers and crashes see the old bytes or the new ones, never a mix:
// write a temporary file beside it, fsync, rename over it, fsync the directory (the rename is
// atomic within one file system; the directory fsync makes it survive a power cut).
#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>

namespace kraft::config::detail {

/// Mode and owner of an existing file, to give its replacement. -1 (the default) for uid and
/// gid leaves the owner a new file gets, which in a setgid directory is its group.
struct FileMeta {
  mode_t mode = 0600;
  uid_t uid = static_cast<uid_t>(-1);
  gid_t gid = static_cast<gid_t>(-1);
};

/// `path` with every symlink in its last component followed (relative links resolve against
/// the link's directory), so a write replaces the link's target and leaves the link alone.
/// A dangling link yields the missing target. Throws ConfigError after 40 links (ELOOP).
std::string follow_symlinks(const std::string& path);

/// Mode and owner of `path` (symlinks followed), or nullopt when it does not exist.
/// ConfigError "cannot write kubeconfig DISPLAY: not a regular file" for a directory, FIFO,
/// device or socket: rename() would replace it, and reading a FIFO or device can block.
std::optional<FileMeta> file_meta(const std::string& path, const std::string& display);

/// Refuses (ConfigError "DISPLAY belongs to another user (uid N); refusing to replace it") to
/// replace a file owned by someone else unless running as root: the replacement would belong
/// to us, taking their file over, since only root can give a file away.
void require_own_file(const FileMeta& meta, const std::string& display);

/// Refuses (ConfigError "cannot write kubeconfig DISPLAY: permission denied (the file is
/// read-only; chmod u+w DISPLAY to allow it)") to replace a file this process may not write.
/// rename() needs only the directory's permission and would replace it silently, where kubectl,
/// which opens the file for writing, fails; root may write any file, with kubectl too.
void require_writable(const std::string& path, const std::string& display);

/// Removes the temporary files write_atomically left for `path` (a writer killed between
/// writing and renaming leaves a complete copy, credentials included) whose writer is gone:
/// a writer holds an flock() on its temporary file until it is renamed or removed, and the
/// kernel drops it when the writer dies, whatever its pid namespace or the pid's later reuse.
/// Call it holding `path`'s lock: no kraft writer of `path` is then between write and rename,
/// so the check only spares writers that reach the same file by another name (a symlink) and
/// so another lock. Where flock() does not work, a writer whose pid (in the name) runs is
/// spared. Best effort: failures are ignored.
void remove_stale_temp_files(const std::string& path);

/// Creates the missing parent directories of `path` with mode 0700, as kubectl creates
/// ~/.kube: a kubeconfig holds credentials.
void create_parent_dirs(const std::string& path);

/// Atomically replaces (or creates) `path` with `bytes`, mode `meta.mode` and, when the
/// process may, owner `meta.uid:meta.gid` (an ordinary user keeps a group they belong to; root
/// keeps any owner). Something at `path` that is neither a regular file nor a symlink is
/// refused, as in file_meta(). `before_rename` runs once the temporary file is complete and
/// fsynced. On any failure, and when `before_rename` throws, the temporary file is
/// removed and `path` is untouched; errors are ConfigError naming `display` (the path the user
/// gave) and the reason.
void write_atomically(const std::string& path, const std::string& bytes, const FileMeta& meta,
                      const std::function<void()>& before_rename, const std::string& display);

}  // namespace kraft::config::detail
