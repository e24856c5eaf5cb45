// A file descriptor closed when it goes out of scope (the fd-owning idiom of files.cpp,
// file_lock.cpp, subprocess.cpp and kubeconfig_file.cpp, in one place).
#pragma once

#include <unistd.h>

namespace kraft::detail {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

}  // namespace kraft::detail
