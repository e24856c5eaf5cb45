#include "config/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <kraft/core/error.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string_view>

namespace kraft::config::detail {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxSymlinks = 40;  // Linux's MAXSYMLINKS

[[noreturn]] void fail(const std::string& display, const std::string& what, int err) {
  throw ConfigError(
      fmt::format("cannot write kubeconfig {}: {}: {}", display, what, std::strerror(err)));
}

[[noreturn]] void not_regular(const std::string& display) {
  throw ConfigError(fmt::format("cannot write kubeconfig {}: not a regular file", display));
}

// `.NAME.kraft-tmp-`: what every temporary file for NAME starts with.
std::string temp_prefix(const std::string& base) { return fmt::format(".{}.kraft-tmp-", base); }

// The writer's pid in a temporary file's name (after the prefix: `PID-XXXXXX`), or 0 when the
// name has none.
pid_t writer_of(std::string_view rest) {
  long long pid = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
  if (ec != std::errc() || end == rest.data() + rest.size() || *end != '-') return 0;
  return pid > 0 && pid <= INT_MAX ? static_cast<pid_t>(pid) : 0;
}

bool running(pid_t pid) {
  // EPERM: the process exists but belongs to someone else.
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

// The temporary file until it is renamed into place: removed on every other way out. It
// carries an flock() for as long as it may be renamed, which is how remove_stale_temp_files
// tells a leftover from a file being written.
class TempFile {
 public:
  TempFile(const fs::path& dir, const std::string& base, const std::string& display) {
    // A cleaner (remove_stale_temp_files of a writer that reaches the same file by another
    // name, so under another lock) may find the new file before its flock is taken, take the
    // flock itself and remove it. So: flock, then check that the name is still ours; if not,
    // start again with a new name.
    for (int attempt = 0; attempt < kCreateAttempts; ++attempt) {
      create(dir, base, display);
      if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        // No flock on this file system: cleaners fall back to the pid in the name.
        if (errno != EWOULDBLOCK) break;
        drop();  // a cleaner holds it and removes it
        continue;
      }
      struct stat held {};
      struct stat named {};
      if (::fstat(fd_, &held) == 0 && ::lstat(path_.c_str(), &named) == 0 &&
          held.st_dev == named.st_dev && held.st_ino == named.st_ino) {
        break;
      }
      drop();
    }
    if (fd_ < 0) {
      fail(display, fmt::format("cannot create a temporary file in {}", dir.string()), EAGAIN);
    }
    // A second descriptor keeps the flock after close(), until the rename is done.
    lock_fd_ = ::fcntl(fd_, F_DUPFD_CLOEXEC, 0);
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(path_.c_str());
    if (lock_fd_ >= 0) ::close(lock_fd_);  // after the unlink or rename
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  // close() reports delayed write errors (NFS), so it is checked, not left to the destructor.
  int close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }
  void committed() { committed_ = true; }

 private:
  static constexpr int kCreateAttempts = 8;

  void create(const fs::path& dir, const std::string& base, const std::string& display) {
    // Hidden and recognisable: a crash between write and rename leaves `.config.kraft-tmp-*`,
    // which the user can tell from their own files. The pid tells a leftover from a file still
    // being written where flock() does not work.
    path_ = (dir / fmt::format("{}{}-XXXXXX", temp_prefix(base), ::getpid())).string();
    fd_ = ::mkostemp(path_.data(), O_CLOEXEC);
    if (fd_ < 0) {
      const int err = errno;
      fail(display, fmt::format("cannot create a temporary file in {}", dir.string()), err);
    }
  }
  // Gives up a file a cleaner has taken: it removes it.
  void drop() {
    ::close(fd_);
    fd_ = -1;
  }

  std::string path_;
  int fd_ = -1;
  int lock_fd_ = -1;
  bool committed_ = false;
};

void write_all(int fd, const std::string& bytes, const std::string& display) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      fail(display, "cannot write the temporary file", err);
    }
    done += static_cast<size_t>(n);
  }
}

void fsync_dir(const fs::path& dir, const std::string& display) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    fail(display, fmt::format("cannot open directory {}", dir.string()), err);
  }
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  // Some file systems cannot fsync a directory (EINVAL); the rename has happened regardless.
  if (rc != 0 && err != EINVAL) fail(display, "cannot sync its directory", err);
}

}  // namespace

std::string follow_symlinks(const std::string& path) {
  fs::path p = path;
  for (int hops = 0; hops <= kMaxSymlinks; ++hops) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p.string();
    std::error_code ec;
    const fs::path target = fs::read_symlink(p, ec);
    if (ec) {
      throw ConfigError(fmt::format("cannot read symlink {}: {}", p.string(), ec.message()));
    }
    p = target.is_absolute() ? target : p.parent_path() / target;
  }
  throw ConfigError(fmt::format("cannot write kubeconfig {}: {}", path, std::strerror(ELOOP)));
}

std::optional<FileMeta> file_meta(const std::string& path, const std::string& display) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::nullopt;
    const int err = errno;
    throw ConfigError(fmt::format("cannot read kubeconfig {}: {}", path, std::strerror(err)));
  }
  if (!S_ISREG(st.st_mode)) not_regular(display);
  return FileMeta{static_cast<mode_t>(st.st_mode & 07777), st.st_uid, st.st_gid};
}

void require_own_file(const FileMeta& meta, const std::string& display) {
  const uid_t me = ::geteuid();
  if (me == 0 || meta.uid == static_cast<uid_t>(-1) || meta.uid == me) return;
  throw ConfigError(fmt::format("{} belongs to another user (uid {}); refusing to replace it",
                                display, meta.uid));
}

void require_writable(const std::string& path, const std::string& display) {
  // The effective ids, as open() uses them (access() would use the real ones).
  if (::faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) == 0 || errno == ENOENT) return;
  const int err = errno;
  if (err == EACCES) {
    throw ConfigError(fmt::format(
        "cannot write kubeconfig {}: permission denied (the file is read-only; chmod u+w {} to "
        "allow it)",
        display, display));
  }
  throw ConfigError(fmt::format("cannot write kubeconfig {}: {}", display, std::strerror(err)));
}

void remove_stale_temp_files(const std::string& path) {
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  const std::string prefix = temp_prefix(fs::path(path).filename().string());
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with(prefix)) continue;
    // Not following a symlink, not waiting for a FIFO: only regular files are ours.
    const int fd = ::open(it->path().c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat held {};
    bool stale = ::fstat(fd, &held) == 0 && S_ISREG(held.st_mode);
    if (stale && ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      // Held: its writer is alive. No flock here (some network file systems): the pid in the
      // name decides, as it did before writers took flocks; a name without one was not made by
      // a writer that is still running.
      if (errno == EWOULDBLOCK) {
        stale = false;
      } else {
        const pid_t writer = writer_of(std::string_view(name).substr(prefix.size()));
        stale = writer == 0 || !running(writer);
      }
    }
    // Holding the flock, and the file open so that its inode number cannot be reused: if the
    // name still names this file, it is a leftover (its writer would hold the flock), and
    // nobody else removes or renames it meanwhile (TempFile checks its name after its flock).
    struct stat named {};
    if (stale && ::lstat(it->path().c_str(), &named) == 0 && named.st_dev == held.st_dev &&
        named.st_ino == held.st_ino) {
      ::unlink(it->path().c_str());
    }
    ::close(fd);
  }
}

void create_parent_dirs(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  if (parent.empty()) return;
  struct stat st {};
  if (::stat(parent.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return;
    throw ConfigError(
        fmt::format("cannot write kubeconfig {}: {} is not a directory", path, parent.string()));
  }
  create_parent_dirs(parent.string());
  if (::mkdir(parent.c_str(), 0700) != 0 && errno != EEXIST) {
    const int err = errno;
    throw ConfigError(fmt::format("cannot write kubeconfig {}: cannot create directory {}: {}",
                                  path, parent.string(), std::strerror(err)));
  }
}

void write_atomically(const std::string& path, const std::string& bytes, const FileMeta& meta,
                      const std::function<void()>& before_rename, const std::string& display) {
  // rename() would replace a directory's or a device's name with a file; a symlink (PATH.bak)
  // is replaced as a link, leaving what it points to alone.
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
    not_regular(display);
  }
  // Same directory as the file: rename() is only atomic within one file system.
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  TempFile temp(dir, fs::path(path).filename().string(), display);
  // Keep the owner and group of the file replaced (root editing a user's file; a user's file
  // whose group they share). Best effort: an ordinary user cannot give away the file nor pick
  // a group they are not in (EPERM), and in a user namespace the old owner may have no mapping
  // (EINVAL); the content matters more than the owner, and require_own_file() has already
  // refused to take another user's file over.
  if (::fchown(temp.fd(), meta.uid, meta.gid) != 0 && errno != EPERM && errno != EINVAL) {
    const int err = errno;
    fail(display, "cannot set the file owner", err);
  }
  // After fchown, which clears set-id bits.
  if (::fchmod(temp.fd(), meta.mode) != 0) {
    const int err = errno;
    fail(display, "cannot set the file mode", err);
  }
  write_all(temp.fd(), bytes, display);
  if (::fsync(temp.fd()) != 0) {
    const int err = errno;
    fail(display, "cannot sync the temporary file", err);
  }
  if (temp.close() != 0) {
    const int err = errno;
    fail(display, "cannot write the temporary file", err);
  }
  if (before_rename) before_rename();
  if (::rename(temp.path().c_str(), path.c_str()) != 0) {
    const int err = errno;
    fail(display, fmt::format("cannot rename {} to {}", temp.path(), path), err);
  }
  temp.committed();
  fsync_dir(dir, display);
}

}  // namespace kraft::config::detail
