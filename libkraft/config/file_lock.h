#pragma once
// The kubeconfig lock kubectl uses (client-go clientcmd lockFile): FILE.lock created with
// O_CREAT|O_EXCL while a process writes FILE, removed afterwards. kubectl's lock files are
// empty; ours hold our pid and carry an flock() for as long as we hold them, so that a lock
// left by a killed kraft can be told apart from a live one, and taken over (file_lock.cpp).
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>

#include "config/deferred_signals.h"

namespace kraft::config::detail {

class FileLock {
 public:
  /// Takes FILE.lock, retrying with short jittered backoff until `timeout`; then throws
  /// ConfigError naming the lock file, the pid in it and whether that process still runs. A
  /// lock left by a kraft that is no longer running is removed at once instead of waited for.
  /// From the moment the lock file exists until it is removed, SIGINT, SIGTERM, SIGHUP and
  /// SIGQUIT are held back (DeferredSignals); while waiting for the lock they act at once.
  FileLock(const std::string& file, std::chrono::milliseconds timeout);
  /// Removes the lock file, unless someone replaced it meanwhile; then held-back signals act.
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

  const std::string& lock_path() const { return lock_path_; }

 private:
  std::string lock_path_;
  int fd_ = -1;  // kept open, with its flock, until the lock file is removed
  dev_t device_ = 0;
  ino_t inode_ = 0;
  std::optional<DeferredSignals> deferred_;
};

}  // namespace kraft::config::detail
