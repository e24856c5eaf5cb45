#pragma once
// What kraft has learnt of a server's API groups: in memory for the life of the Client (every
// copy shares it), and on disk for other kraft processes, after kubectl's discovery cache
// (k8s.io/client-go/discovery/cached/disk, as cli-runtime's ConfigFlags set it up):
//   - one directory per server, named from its URL with the scheme dropped and every other
//     character than [A-Za-z0-9_.] made "_" (cli-runtime's computeDiscoverCacheDir, which
//     also keeps '/' and '(' ')'; kraft keeps no path separator, so a server URL never names a
//     directory outside the cache);
//   - a file is trusted for 6 hours after it was written (its mtime), as kubectl since 1.26;
//   - files are replaced atomically (a temporary file beside them, then rename).
// Where kraft differs, and why:
//   - its own directory, <cache dir>/kraft/discovery/HOST/, and its own file: kubectl's
//     servergroups.json is the whole APIGroupList plus one serverresources.json per group,
//     which kraft would need two or more requests to write, and a partial one would make
//     kubectl believe groups are missing for 6 hours;
//   - only "served" answers are stored, and a group the cache does not list is asked of the
//     server (kubectl's rule: what cached discovery does not know invalidates it and is
//     discovered again, once);
//   - modes 0700/0600 instead of 0750/0660, and a file is used only when it belongs to this
//     user, is writable by nobody else, names the same server URL inside (two servers may
//     share a directory name) and parses; anything else is ignored and replaced.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace kraft::api::detail {

/// How long a discovery file is trusted (kubectl: 6 hours).
inline constexpr std::chrono::hours kDiscoveryCacheTtl{6};

/// The directory name for a server URL: "https://10.0.0.1:6443" → "10.0.0.1_6443".
std::string discovery_cache_host_dir(const std::string& server);

class DiscoveryCache {
 public:
  /// `cache_dir` "" keeps answers in memory only.
  DiscoveryCache(const std::string& cache_dir, std::string server);

  /// True when the group/version is known to be served (memory, else a trusted file), false
  /// when this process was told it is not, nullopt when the server must be asked.
  std::optional<bool> lookup(const std::string& group_version);
  /// Records the server's answer; a served group/version is written to disk as well.
  void remember(const std::string& group_version, bool served);
  /// Forgets every answer and removes the file, as after a request that contradicts it.
  void invalidate();

  /// The file this cache reads and writes ("" without a cache directory).
  const std::string& file() const { return file_; }

 private:
  void load_locked();
  void store_locked();

  std::string server_;
  std::string file_;
  std::mutex mu_;
  bool loaded_ = false;
  std::map<std::string, bool> known_;
};

}  // namespace kraft::api::detail
