// update_kubeconfig_file / write_kubeconfig_file: lock, read, edit, and replace atomically
// (see kubeconfig_file.h for the guarantees and atomic_file.h / file_lock.h for the parts).
#include <fcntl.h>
#include <kraft/config/kubeconfig_file.h>
#include <kraft/core/error.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <optional>

#include "config/atomic_file.h"
#include "config/entry_content.h"
#include "config/file_lock.h"
#include "config/files.h"
#include "config/kubeconfig_update.h"
#include "core/unique_fd.h"

namespace kraft::config {
namespace {

// The YAML library drops comments. A header block (a notice, "managed by ...", a modeline) is
// the one kind users put in kubeconfigs that is easy to keep: the lines before the first line
// that is neither blank nor a `#` comment, kept only when there is a comment among them.
std::string leading_comments(const std::string& text) {
  size_t pos = 0;
  bool has_comment = false;
  while (pos < text.size()) {
    const size_t newline = text.find('\n', pos);
    const size_t end = newline == std::string::npos ? text.size() : newline;
    const size_t first = text.find_first_not_of(" \t\r", pos);
    const bool blank = first == std::string::npos || first >= end;
    if (!blank && text[first] != '#') break;
    has_comment = has_comment || !blank;
    pos = newline == std::string::npos ? text.size() : newline + 1;
  }
  if (!has_comment) return {};
  std::string block = text.substr(0, pos);
  if (block.back() != '\n') block.push_back('\n');
  return block;
}

detail::FileMeta new_file_meta() {
  // 0600: a kubeconfig holds credentials (kubectl writes new files the same way). The owner is
  // whoever creates it.
  return detail::FileMeta{0600};
}

// The state of PATH once it is locked: where its bytes live and what they are.
struct Current {
  std::string real_path;                 // PATH with symlinks followed
  std::optional<detail::FileMeta> meta;  // nullopt: the file does not exist yet
  std::optional<std::string> bytes;
};

// What most edits change: the number of entries or the current context.
struct Shape {
  std::size_t clusters = 0, users = 0, contexts = 0;
  std::string current_context;
  bool operator==(const Shape&) const = default;
};

Shape shape_of(const Kubeconfig& c) {
  return {c.clusters.size(), c.users.size(), c.contexts.size(), c.current_context};
}

// Called holding PATH.lock.
Current read_current(const std::string& path) {
  Current current;
  current.real_path = detail::follow_symlinks(path);
  if (current.real_path != path) detail::create_parent_dirs(current.real_path);
  // Before anything is read: a FIFO or a device could block the read, and none of them may be
  // replaced by a file.
  current.meta = detail::file_meta(current.real_path, path);
  // Leftovers of a killed writer hold credentials; the lock keeps kraft writers of PATH out.
  detail::remove_stale_temp_files(current.real_path);
  detail::remove_stale_temp_files(path + ".bak");
  if (current.meta) current.bytes = detail::read_file(current.real_path, "kubeconfig");
  return current;
}

void replace(const std::string& path, const Current& current, const std::string& text,
             const FileWriteOptions& options, const std::function<void()>& before_rename) {
  // Checked before the backup, so that nothing at all is written.
  if (current.meta) {
    detail::require_own_file(*current.meta, path);
    detail::require_writable(current.real_path, path);
  }
  if (options.backup && current.bytes) {
    // The old bytes exactly as they were, with the old mode: they hold the same credentials.
    const std::string backup = path + ".bak";
    detail::write_atomically(backup, *current.bytes, *current.meta, nullptr, backup);
  }
  detail::write_atomically(current.real_path, text, current.meta.value_or(new_file_meta()),
                           before_rename, path);
}

void require_path(const std::string& path) {
  if (path.empty()) throw ConfigError("cannot write a kubeconfig: no file name given");
}

}  // namespace

FileUpdate update_kubeconfig_file(const std::string& path,
                                  const std::function<void(Kubeconfig&)>& edit,
                                  const FileWriteOptions& options) {
  return detail::update_kubeconfig_file(path, edit, options, {});
}

FileUpdate detail::update_kubeconfig_file(const std::string& path,
                                          const std::function<void(Kubeconfig&)>& edit,
                                          const FileWriteOptions& options,
                                          const UpdateExtras& extras) {
  require_path(path);
  detail::create_parent_dirs(path);
  const detail::FileLock lock(path, options.lock_timeout);
  const Current current = read_current(path);

  // Relative paths inside resolve against PATH as given (the link, not its target), as
  // clientcmd's loader does.
  Kubeconfig config;
  if (extras.prepared && current.bytes && extras.prepared->path == path &&
      extras.prepared->bytes == *current.bytes) {
    config = std::move(extras.prepared->config);  // the same bytes parse the same
    extras.prepared->path.clear();                // used up
  } else if (current.bytes) {
    config = parse_kubeconfig(*current.bytes, path);
  }
  config.source = path;
  const Shape before = shape_of(config);
  edit(config);

  // Compared as written, not against the bytes on disk: an edit that changes nothing must not
  // reformat a file kubectl or a person wrote. Most edits add or remove entries, which the
  // shape shows without rendering the old config (a merge of 500 contexts would pay for a
  // second YAML rendering and a copy); the rest compare renderings, parsing the old bytes again.
  std::string yaml = to_yaml(config);
  if (current.bytes && yaml == *current.bytes) return FileUpdate{false, false, path};
  if (shape_of(config) == before) {
    Kubeconfig old = current.bytes ? parse_kubeconfig(*current.bytes, path) : Kubeconfig{};
    old.source = path;
    if (yaml == to_yaml(old)) return FileUpdate{false, false, path};
  }
  // In place: a copy of megabytes of YAML for an empty header is not free.
  if (current.bytes) yaml.insert(0, leading_comments(*current.bytes));
  replace(path, current, yaml, options, extras.before_rename);
  return FileUpdate{true, !current.meta, path};
}

std::optional<detail::PreparedKubeconfig> detail::prepare_kubeconfig_file(
    const std::string& path) noexcept {
  try {
    // Only a regular file is opened (opening a FIFO would wake its writer), and that is checked
    // again on the open file, non-blocking in case it was swapped meanwhile.
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    const kraft::detail::UniqueFd file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    const int fd = file.get();
    if (fd < 0) return std::nullopt;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    // Too large: the update reads it again, and says so.
    if (static_cast<std::uintmax_t>(st.st_size) > detail::kKubeconfigReadLimit) {
      return std::nullopt;
    }
    PreparedKubeconfig prepared{path, {}, {}};
    prepared.bytes.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (done < prepared.bytes.size()) {
      const ssize_t n = ::read(fd, prepared.bytes.data() + done, prepared.bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return std::nullopt;  // changed under us: the update reads it again
      done += static_cast<std::size_t>(n);
    }
    prepared.config = parse_kubeconfig(prepared.bytes, path);
    return prepared;
  } catch (...) {
    return std::nullopt;
  }
}

FileUpdate write_kubeconfig_file(const std::string& path, const Kubeconfig& config,
                                 const FileWriteOptions& options) {
  require_path(path);
  Kubeconfig moved = config;
  detail::relocate_all(moved, path);
  const std::string yaml = to_yaml(moved);

  detail::create_parent_dirs(path);
  const detail::FileLock lock(path, options.lock_timeout);
  const Current current = read_current(path);
  if (current.bytes == yaml) return FileUpdate{false, false, path};
  replace(path, current, yaml, options, nullptr);
  return FileUpdate{true, !current.meta, path};
}

}  // namespace kraft::config
