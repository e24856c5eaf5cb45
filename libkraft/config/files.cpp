#include "config/files.h"

#include <fmt/format.h>
#include <kraft/core/error.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kraft::config::detail {

namespace fs = std::filesystem;

std::string resolve_against(const std::string& path, const std::string& source) {
  if (path.empty() || source.empty() || fs::path(path).is_absolute()) return path;
  const fs::path dir = fs::absolute(fs::path(source)).parent_path();
  return (dir / path).lexically_normal().string();
}

std::string read_file(const std::string& path, const std::string& what) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    throw ConfigError(fmt::format("cannot read {} {}: it is a directory, not a file", what, path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw ConfigError(fmt::format("cannot read {} {}: {}", what, path, std::strerror(err)));
  }
  // Sized up front and read in one go: kubeconfigs with embedded certificates run to megabytes.
  std::string data;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size > 0) {
    data.resize(static_cast<std::size_t>(size));
    in.read(data.data(), size);
    data.resize(static_cast<std::size_t>(in.gcount()));
  }
  // Files that do not know their size (pipes, /proc) are read to their end.
  if (size <= 0 || in.peek() != std::char_traits<char>::eof()) {
    in.clear();
    std::ostringstream rest;
    rest << in.rdbuf();
    data += rest.str();
  }
  if (in.bad()) throw ConfigError(fmt::format("cannot read {} {}: I/O error", what, path));
  return data;
}

bool exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

}  // namespace kraft::config::detail
