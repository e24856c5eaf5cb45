#include "config/file_lock.h"

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
#include <cstring>
#include <filesystem>
#include <optional>
#include <random>
#include <thread>

#include "core/unique_fd.h"

namespace kraft::config::detail {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Backoff between attempts: short enough that waiting for another kraft's few-millisecond
// write costs little, jittered so that processes started together do not retry in step.
constexpr milliseconds kFirstDelay{2};
constexpr milliseconds kMaxDelay{50};

// A lock file holds at most a pid and a newline; PATH.lock may be anything else, so no more
// than this is ever read of it.
constexpr std::size_t kMaxLockText = 32;

using kraft::detail::UniqueFd;

// Opens an existing lock file for reading without following a symlink and without waiting for
// a FIFO's writer; -1 unless it is a regular file.
int open_lock(const std::string& lock_path) {
  const int fd = ::open(lock_path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return -1;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return -1;
  }
  return fd;
}

std::string text_of(int fd) {
  char buffer[kMaxLockText];
  ssize_t n;
  while ((n = ::pread(fd, buffer, sizeof buffer, 0)) < 0 && errno == EINTR) {
  }
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

// "PID\n" exactly, as FileLock writes it: what was written in one write() by a lock owner that
// held the flock first. Anything else (kubectl's empty lock, a pid still being written, text)
// is no pid.
std::optional<pid_t> exact_pid(const std::string& text) {
  if (text.size() < 2 || text.back() != '\n') return std::nullopt;
  long long pid = 0;
  const char* end = text.data() + text.size() - 1;
  const auto [stop, ec] = std::from_chars(text.data(), end, pid);
  if (ec != std::errc() || stop != end || pid <= 0 || pid > INT_MAX) return std::nullopt;
  return static_cast<pid_t>(pid);
}

// The pid for a message: also one without its newline, or followed by spaces.
std::optional<pid_t> reported_pid(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return exact_pid(text + "\n");
}

bool running(pid_t pid) {
  // EPERM: the process exists but belongs to someone else.
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

// Removes `lock_path` when it is a lock left by a kraft that is gone, and says whether it did.
//
// Such a lock holds "PID\n" and nobody holds its flock: FileLock takes the flock before it
// writes its pid and keeps it until it has removed the file, and the kernel drops it when the
// process dies, however it dies. Each condition alone is not enough:
//  - no pid: kubectl's lock (empty), or ours between its creation and the write of the pid
//    (the flock may not be taken yet either): waited for, never taken over;
//  - a pid that is not running, but the flock is held: the owner runs in another pid namespace
//    (a container sharing the home directory) or on another host; also an older kraft, or an
//    owner that could not take the flock, wrote a pid without a flock: hence the pid check too.
//
// Two processes may find the same stale lock. Whoever takes it over holds its flock while it
// checks and removes it, so they take turns; and each one holds the file it examined open,
// which keeps its inode number from being reused, so "PATH.lock is still the file I examined"
// (same device and inode) is exact: the second one finds the name gone or naming a new lock, and
// leaves it. Between that check and unlink() nobody else removes the file: its owner is dead,
// other kraft processes wait for the flock we hold, and kubectl removes only a lock it created.
bool take_over_stale_lock(const std::string& lock_path) {
  const UniqueFd lock(open_lock(lock_path));
  if (lock.get() < 0) return false;
  // Held: the owner is alive (or another process is taking it over). Unsupported (some network
  // file systems): nothing tells a live owner elsewhere from a dead one, so wait as kubectl does.
  if (::flock(lock.get(), LOCK_EX | LOCK_NB) != 0) return false;
  const std::optional<pid_t> pid = exact_pid(text_of(lock.get()));
  if (!pid || running(*pid)) return false;
  struct stat held {};
  struct stat named {};
  if (::fstat(lock.get(), &held) != 0 || ::lstat(lock_path.c_str(), &named) != 0 ||
      held.st_dev != named.st_dev || held.st_ino != named.st_ino) {
    return false;
  }
  return ::unlink(lock_path.c_str()) == 0;
}

[[noreturn]] void throw_locked(const std::string& file, const std::string& lock_path) {
  std::string holder;
  const UniqueFd lock(open_lock(lock_path));
  if (const auto pid = lock.get() >= 0 ? reported_pid(text_of(lock.get())) : std::nullopt) {
    holder = fmt::format(" (held by process {}{})", *pid, running(*pid) ? "" : ", not running");
  }
  throw ConfigError(fmt::format(
      "kubeconfig {} is locked: {} exists{}; remove it if no kubectl or kraft is writing", file,
      lock_path, holder));
}

[[noreturn]] void throw_cannot_create(const std::string& file, const std::string& lock_path,
                                      int err) {
  std::filesystem::path dir = std::filesystem::path(file).parent_path();
  if (dir.empty()) dir = ".";
  if (err == EACCES || err == EPERM || err == EROFS) {
    throw ConfigError(
        fmt::format("cannot write kubeconfig {}: directory {} is not writable (cannot create {}: "
                    "{})",
                    file, dir.string(), lock_path, std::strerror(err)));
  }
  throw ConfigError(fmt::format("cannot lock kubeconfig {}: cannot create {}: {}", file, lock_path,
                                std::strerror(err)));
}

}  // namespace

FileLock::FileLock(const std::string& file, milliseconds timeout) : lock_path_(file + ".lock") {
  const auto deadline = Clock::now() + timeout;
  std::minstd_rand jitter(static_cast<unsigned>(::getpid()) ^
                          static_cast<unsigned>(Clock::now().time_since_epoch().count()));
  milliseconds delay = kFirstDelay;
  while (true) {
    // Held back from before the lock file can exist: a signal between its creation and the
    // moment it is handed to this object would leave it behind. Released again on every failed
    // attempt, so that Ctrl-C acts at once while another writer is waited for.
    deferred_.emplace();
    const int fd = ::open(lock_path_.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd >= 0) {
      fd_ = fd;
      struct stat st {};
      ::fstat(fd, &st);
      device_ = st.st_dev;
      inode_ = st.st_ino;
      // The flock first, then the pid: a pid in a lock file promises a flock held for as long
      // as the lock is (take_over_stale_lock). Without a flock (a process examining this file
      // holds it for a moment; a file system without flock) the lock stays empty, as kubectl's:
      // it still locks, and is never taken for a dead one.
      if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
        const std::string pid = fmt::format("{}\n", ::getpid());
        // Best effort: an empty lock file still locks, it only explains less.
        [[maybe_unused]] const ssize_t written = ::write(fd, pid.data(), pid.size());
      }
      return;
    }
    const int err = errno;
    deferred_.reset();
    if (err != EEXIST) throw_cannot_create(file, lock_path_, err);
    if (take_over_stale_lock(lock_path_)) continue;
    const auto now = Clock::now();
    if (now >= deadline) throw_locked(file, lock_path_);
    std::uniform_int_distribution<long> spread(delay.count() / 2, delay.count() * 3 / 2);
    const auto pause = std::min<Clock::duration>(milliseconds(spread(jitter)), deadline - now);
    std::this_thread::sleep_for(pause);
    delay = std::min(delay * 2, kMaxDelay);
  }
}

FileLock::~FileLock() {
  // Someone may have removed our lock (by hand) and another writer taken it: remove only the
  // file we created. Our open descriptor keeps its inode number from being reused meanwhile.
  struct stat st {};
  if (::lstat(lock_path_.c_str(), &st) == 0 && st.st_dev == device_ && st.st_ino == inode_) {
    ::unlink(lock_path_.c_str());
  }
  // Closed after the unlink: until then the flock says that the lock's owner is alive.
  ::close(fd_);
  deferred_.reset();  // held-back signals act now, with nothing left behind
}

}  // namespace kraft::config::detail
