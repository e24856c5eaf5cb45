#pragma once
// The kubeconfig lock kubectl uses (client-go clientcmd lockFile): FILE.lock created with
// O_CREAT|O_EXCL while a process writes FILE, removed afterwards. kubectl's lock files are
// empty; ours hold our pid, so a lock left by a killed process can be told apart.
#include <sys/types.h>

#include <chrono>
#include <string>

namespace kraft::config::detail {

class FileLock {
 public:
  /// Takes FILE.lock, retrying with short jittered backoff until `timeout`; then throws
  /// ConfigError naming the lock file, the pid in it and whether that process still runs.
  FileLock(const std::string& file, std::chrono::milliseconds timeout);
  /// Removes the lock file, unless someone replaced it meanwhile.
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

  const std::string& lock_path() const { return lock_path_; }

 private:
  std::string lock_path_;
  dev_t device_ = 0;
  ino_t inode_ = 0;
};

}  // namespace kraft::config::detail
