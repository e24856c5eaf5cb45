#include "config/files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <kraft/core/error.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>

#include "core/unique_fd.h"

namespace kraft::config::detail {
namespace {

namespace fs = std::filesystem;

// "64 MiB", "1 MiB", "4 KiB", "100 bytes".
std::string size_text(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0) {
    return fmt::format("{} MiB", bytes >> 20);
  }
  if (bytes >= 1024 && bytes % 1024 == 0) return fmt::format("{} KiB", bytes >> 10);
  return fmt::format("{} bytes", bytes);
}

[[noreturn]] void too_large(const std::string& path, const std::string& what, std::size_t limit) {
  throw ConfigError(fmt::format("{} {} is larger than {}; kraft reads at most {}", what, path,
                                size_text(limit), size_text(limit)));
}

[[noreturn]] void cannot_read(const std::string& path, const std::string& what, int err) {
  throw ConfigError(fmt::format("cannot read {} {}: {}", what, path, std::strerror(err)));
}

using kraft::detail::UniqueFd;

// read() that retries when interrupted.
ssize_t read_some(int fd, char* into, std::size_t size) {
  ssize_t n;
  while ((n = ::read(fd, into, size)) < 0 && errno == EINTR) {
  }
  return n;
}

}  // namespace

std::string resolve_against(const std::string& path, const std::string& source) {
  if (path.empty() || source.empty() || fs::path(path).is_absolute()) return path;
  const fs::path dir = fs::absolute(fs::path(source)).parent_path();
  return (dir / path).lexically_normal().string();
}

std::string read_file(const std::string& path, const std::string& what, std::size_t limit) {
  // A blocking open: `--kubeconfig <(command)` is a pipe whose writer may not be there yet.
  const int opened = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (opened < 0) cannot_read(path, what, errno);
  const UniqueFd file(opened);
  struct stat st {};
  if (::fstat(file.get(), &st) != 0) cannot_read(path, what, errno);
  if (S_ISDIR(st.st_mode)) {
    throw ConfigError(fmt::format("cannot read {} {}: it is a directory, not a file", what, path));
  }
  std::string data;
  // Sized up front and read in one go: kubeconfigs with embedded certificates run to megabytes.
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    if (static_cast<std::uintmax_t>(st.st_size) > limit) too_large(path, what, limit);
    data.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (done < data.size()) {
      const ssize_t n = read_some(file.get(), data.data() + done, data.size() - done);
      if (n < 0) cannot_read(path, what, errno);
      if (n == 0) break;  // it shrank meanwhile
      done += static_cast<std::size_t>(n);
    }
    data.resize(done);
  }
  // To the end, in pieces: what stat cannot size (pipes, /proc, devices such as /dev/zero,
  // /dev/stdin), and a file that grew meanwhile. For a regular file read whole, this is one
  // read() that returns 0.
  std::array<char, 64 * 1024> piece;
  for (;;) {
    const ssize_t n = read_some(file.get(), piece.data(), piece.size());
    if (n < 0) cannot_read(path, what, errno);
    if (n == 0) break;
    if (data.size() + static_cast<std::size_t>(n) > limit) too_large(path, what, limit);
    data.append(piece.data(), static_cast<std::size_t>(n));
  }
  return data;
}

bool exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

}  // namespace kraft::config::detail
