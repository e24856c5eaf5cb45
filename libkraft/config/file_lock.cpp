#include "config/file_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <kraft/core/error.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <thread>

namespace kraft::config::detail {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Backoff between attempts: short enough that waiting for another kraft's few-millisecond
// write costs little, jittered so that processes started together do not retry in step.
constexpr milliseconds kFirstDelay{2};
constexpr milliseconds kMaxDelay{50};

std::optional<long> pid_in(const std::string& lock_path) {
  std::ifstream in(lock_path);
  std::ostringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  long pid = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), pid);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || pid <= 0) {
    return std::nullopt;
  }
  return pid;
}

bool running(long pid) {
  // EPERM: the process exists but belongs to someone else.
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

[[noreturn]] void throw_locked(const std::string& file, const std::string& lock_path) {
  std::string holder;
  if (const auto pid = pid_in(lock_path)) {
    holder = fmt::format(" (held by process {}{})", *pid, running(*pid) ? "" : ", not running");
  }
  throw ConfigError(fmt::format(
      "kubeconfig {} is locked: {} exists{}; remove it if no kubectl or kraft is writing", file,
      lock_path, holder));
}

}  // namespace

FileLock::FileLock(const std::string& file, milliseconds timeout) : lock_path_(file + ".lock") {
  const auto deadline = Clock::now() + timeout;
  std::minstd_rand jitter(static_cast<unsigned>(::getpid()) ^
                          static_cast<unsigned>(Clock::now().time_since_epoch().count()));
  milliseconds delay = kFirstDelay;
  while (true) {
    const int fd = ::open(lock_path_.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd >= 0) {
      struct stat st {};
      ::fstat(fd, &st);
      device_ = st.st_dev;
      inode_ = st.st_ino;
      const std::string pid = fmt::format("{}\n", ::getpid());
      // Best effort: an empty lock file still locks, it only explains less.
      [[maybe_unused]] const ssize_t written = ::write(fd, pid.data(), pid.size());
      ::close(fd);
      return;
    }
    if (errno != EEXIST) {
      const int err = errno;
      throw ConfigError(fmt::format("cannot lock kubeconfig {}: cannot create {}: {}", file,
                                    lock_path_, std::strerror(err)));
    }
    const auto now = Clock::now();
    if (now >= deadline) throw_locked(file, lock_path_);
    std::uniform_int_distribution<long> spread(delay.count() / 2, delay.count() * 3 / 2);
    const auto pause = std::min<Clock::duration>(milliseconds(spread(jitter)), deadline - now);
    std::this_thread::sleep_for(pause);
    delay = std::min(delay * 2, kMaxDelay);
  }
}

FileLock::~FileLock() {
  // Someone may have removed our lock as stale and another writer taken it: remove only the
  // file we created.
  struct stat st {};
  if (::lstat(lock_path_.c_str(), &st) == 0 && st.st_dev == device_ && st.st_ino == inode_) {
    ::unlink(lock_path_.c_str());
  }
}

}  // namespace kraft::config::detail
