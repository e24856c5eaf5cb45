// read_file, which every kubeconfig, token and CA read goes through: bounded whatever the path
// names (a device without end, an endless pipe, a huge file), and complete for what stat()
// cannot size (/proc, pipes).
#include "config/files.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig.h>
#include <kraft/config/token_file.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "config/test_support/config_fixtures.h"

namespace kraft::config::detail {
namespace {

using kraft::testing::message_of;
using kraft::testing::TempDir;

// A file of `size` bytes that takes no room: ftruncate makes it sparse.
std::string sparse_file(const TempDir& dir, const std::string& name, off_t size) {
  const std::string path = dir.write(name, "");
  EXPECT_EQ(::truncate(path.c_str(), size), 0);
  return path;
}

// A FIFO in `dir` that a thread fills with `bytes` once read_file opens it; join() after.
class FedFifo {
 public:
  FedFifo(const TempDir& dir, std::string bytes)
      : path_(dir.path() + "/fifo"), bytes_(std::move(bytes)) {
    EXPECT_EQ(::mkfifo(path_.c_str(), 0600), 0);
    feeder_ = std::thread([this] {
      // A reader that stops early makes write() fail with EPIPE; the signal that comes with it
      // stays blocked in this thread and goes away with it.
      sigset_t pipe_signal;
      ::sigemptyset(&pipe_signal);
      ::sigaddset(&pipe_signal, SIGPIPE);
      ::pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
      const int fd = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd < 0) return;
      for (std::size_t done = 0; done < bytes_.size();) {
        const ssize_t n = ::write(fd, bytes_.data() + done, bytes_.size() - done);
        if (n <= 0) break;  // the reader stopped reading (EPIPE)
        done += static_cast<std::size_t>(n);
      }
      ::close(fd);
    });
  }
  ~FedFifo() {
    // Unblock a feeder whose reader never came.
    const int release = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    feeder_.join();
    if (release >= 0) ::close(release);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string bytes_;
  std::thread feeder_;
};

TEST(ReadFile, AProcFileIsReadToItsEnd) {
  // stat() says 0 bytes; there are more.
  const std::string status = read_file("/proc/self/status", "status");
  EXPECT_EQ(status.rfind("Name:", 0), 0u) << status;
  EXPECT_NE(status.find("\nPid:"), std::string::npos);
}

TEST(ReadFile, APipeIsReadToItsEnd) {
  TempDir dir;
  std::string bytes(3 << 20, 'k');  // more than one pipe buffer, more than one piece
  bytes.back() = '\n';
  const FedFifo fifo(dir, bytes);
  EXPECT_EQ(read_file(fifo.path(), "kubeconfig"), bytes);
}

TEST(ReadFile, AnEndlessDeviceIsRefusedAtTheLimit) {
  EXPECT_EQ(message_of([] { read_file("/dev/zero", "kubeconfig"); }),
            "kubeconfig /dev/zero is larger than 64 MiB; kraft reads at most 64 MiB");
  EXPECT_EQ(message_of([] { load_kubeconfig_file("/dev/zero"); }),
            "kubeconfig /dev/zero is larger than 64 MiB; kraft reads at most 64 MiB");
}

TEST(ReadFile, APipeLongerThanTheLimitIsRefused) {
  TempDir dir;
  const FedFifo fifo(dir, std::string(kCredentialReadLimit + 1, 't'));
  EXPECT_EQ(message_of([&] { read_token_file(fifo.path(), "token file"); }),
            "token file " + fifo.path() + " is larger than 1 MiB; kraft reads at most 1 MiB");
}

TEST(ReadFile, ARegularFileOverTheLimitIsRefusedUnread) {
  TempDir dir;
  const std::string huge = sparse_file(dir, "huge", (off_t{64} << 20) + 1);
  EXPECT_EQ(message_of([&] { load_kubeconfig_file(huge); }),
            "kubeconfig " + huge + " is larger than 64 MiB; kraft reads at most 64 MiB");
  const std::string token = sparse_file(dir, "token", (off_t{1} << 20) + 1);
  EXPECT_EQ(
      message_of([&] { read_token_file(token, "tokenFile of user \"u\":"); }),
      "tokenFile of user \"u\": " + token + " is larger than 1 MiB; kraft reads at most 1 MiB");
}

TEST(ReadFile, AFileOfExactlyTheLimitIsRead) {
  TempDir dir;
  const std::string path = sparse_file(dir, "limit", off_t{1} << 20);
  EXPECT_EQ(read_file(path, "token file", kCredentialReadLimit).size(), std::size_t{1} << 20);
}

TEST(ReadFile, ADirectoryOrAMissingFileIsNamed) {
  TempDir dir;
  EXPECT_EQ(message_of([&] { read_file(dir.path(), "kubeconfig"); }),
            "cannot read kubeconfig " + dir.path() + ": it is a directory, not a file");
  EXPECT_EQ(message_of([&] { read_file(dir.path() + "/none", "kubeconfig"); }),
            "cannot read kubeconfig " + dir.path() + "/none: No such file or directory");
}

}  // namespace
}  // namespace kraft::config::detail
