#include "api/discovery_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "config/atomic_file.h"
#include "core/unique_fd.h"

namespace kraft::api::detail {
namespace {

// A discovery file is a few hundred bytes; anything much larger is not ours.
constexpr off_t kMaxFileBytes = 64 * 1024;
constexpr const char* kFileName = "groupversions.json";

// The bytes of `path` if it is a file this user may trust, else nullopt.
std::optional<std::string> read_trusted(const std::string& path) {
  kraft::detail::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) return std::nullopt;
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  // Another user's file, or one others may write, could say anything about the server.
  if (st.st_uid != ::geteuid() || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0) return std::nullopt;
  if (st.st_size > kMaxFileBytes) return std::nullopt;
  const auto written = std::chrono::system_clock::from_time_t(st.st_mtim.tv_sec);
  const auto now = std::chrono::system_clock::now();
  // Expired, or written "in the future" (a clock set back): not fresh either way.
  if (now > written + kDiscoveryCacheTtl || written > now + std::chrono::minutes(1)) {
    return std::nullopt;
  }
  std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::read(fd.get(), bytes.data() + got, bytes.size() - got);
    if (n <= 0) return std::nullopt;
    got += static_cast<std::size_t>(n);
  }
  return bytes;
}

}  // namespace

std::string discovery_cache_host_dir(const std::string& server) {
  std::string host = server;
  for (const char* scheme : {"https://", "http://"}) {
    if (host.starts_with(scheme)) {
      host.erase(0, std::char_traits<char>::length(scheme));
      break;
    }
  }
  for (char& c : host) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '.';
    if (!keep) c = '_';
  }
  // "." and ".." would name the parent directories.
  if (host.find_first_not_of('.') == std::string::npos) host = "_" + host;
  return host;
}

DiscoveryCache::DiscoveryCache(const std::string& cache_dir, std::string server)
    : server_(std::move(server)) {
  if (!cache_dir.empty() && !server_.empty()) {
    file_ = cache_dir + "/kraft/discovery/" + discovery_cache_host_dir(server_) + "/" + kFileName;
  }
}

std::optional<bool> DiscoveryCache::lookup(const std::string& group_version) {
  std::lock_guard lock(mu_);
  load_locked();
  auto it = known_.find(group_version);
  if (it == known_.end()) return std::nullopt;
  return it->second;
}

void DiscoveryCache::remember(const std::string& group_version, bool served) {
  std::lock_guard lock(mu_);
  load_locked();
  auto [it, added] = known_.insert_or_assign(group_version, served);
  (void)it;
  if (served) store_locked();
}

void DiscoveryCache::invalidate() {
  std::lock_guard lock(mu_);
  known_.clear();
  loaded_ = true;  // what is on disk is no longer believed
  if (!file_.empty()) std::remove(file_.c_str());
}

void DiscoveryCache::load_locked() {
  if (loaded_) return;
  loaded_ = true;
  if (file_.empty()) return;
  auto bytes = read_trusted(file_);
  if (!bytes) return;
  // Never trusted when it does not parse as what kraft writes: the server asked again
  // rewrites it.
  nlohmann::json j = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return;
  auto server = j.find("server");
  auto served = j.find("served");
  if (server == j.end() || *server != server_ || served == j.end() || !served->is_array()) return;
  for (const auto& gv : *served) {
    if (gv.is_string()) known_.emplace(gv.get<std::string>(), true);
  }
}

void DiscoveryCache::store_locked() {
  if (file_.empty()) return;
  nlohmann::json served = nlohmann::json::array();
  for (const auto& [gv, yes] : known_) {
    if (yes) served.push_back(gv);
  }
  const nlohmann::json body = {{"server", server_}, {"served", std::move(served)}};
  try {
    config::detail::create_parent_dirs(file_);
    config::detail::write_atomically(file_, body.dump() + "\n", config::detail::FileMeta{0600}, {},
                                     file_);
  } catch (...) {  // NOLINT(bugprone-empty-catch): a cache that cannot be written is no cache
  }
}

}  // namespace kraft::api::detail
