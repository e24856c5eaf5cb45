#pragma once
// The generic API client: typed access to any resource with kube-apiserver's semantics.
// A Client is a cheap handle over a shared transport and may be copied across threads.
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include <kraft/api/errors.h>
#include <kraft/api/resource.h>
#include <kraft/config/client_config.h>
#include <kraft/core/log.h>
#include <kraft/http/transport.h>

namespace kraft::api {

struct ListOptions {
  std::string label_selector;
  std::string field_selector;
  int page_size = 500;  ///< limit per request; pages are followed transparently
  /// Leave metadata.managedFields out of the items (as kubectl shows objects by default);
  /// parsing skips them, which halves the work on large lists.
  bool drop_managed_fields = false;
  /// Only each item's metadata (kube-apiserver's PartialObjectMetadataList, as client-go's
  /// metadata client asks for it): what a check of names, labels and owners needs, at a
  /// fraction of the bytes. A server that cannot answer that way sends whole objects.
  bool metadata_only = false;
};

struct WriteOptions {
  bool dry_run = false;           ///< dryRun=All
  std::string field_manager = "kraft";
  bool strict = true;             ///< fieldValidation=Strict: a misspelled field is an error
};

enum class PatchType { kMerge, kJson, kApply };

struct PatchOptions {
  PatchType type = PatchType::kMerge;
  bool force = false;             ///< apply only: take over conflicting fields
  bool dry_run = false;
  std::string field_manager = "kraft";
  std::string subresource;        ///< "" or "status"
};

struct DeleteOptions {
  std::string propagation_policy;  ///< "", Foreground, Background, Orphan
  std::string precondition_uid;
  std::string precondition_resource_version;
  bool dry_run = false;
};

struct WatchOptions {
  std::string label_selector;
  std::string field_selector;
  std::string resource_version;  ///< "": start with the current state (synthetic ADDED)
  bool bookmarks = true;
  int timeout_seconds = 0;       ///< 0: until on_event returns false
  /// On 410 Gone list again and go on (true), or throw the ApiError (false: the caller keeps
  /// a cache and relists itself, as api::Reflector does).
  bool relist_on_gone = true;
};

struct WatchEvent {
  std::string type;  ///< ADDED, MODIFIED, DELETED, BOOKMARK
  std::shared_ptr<const nlohmann::json> object;
};

struct ServerVersion {
  std::string git_version;  ///< "v1.26.4"
  std::string platform;
};

struct ClientOptions {
  Logger logger;
  http::RateLimit rate_limit;  ///< 50 QPS / burst 300 by default (http::RateLimit)
  http::RetryPolicy retry;
  bool interactive = false;    ///< exec plugins may prompt (stdin is a terminal)
  /// Where discovery answers are kept between processes (DIR/kraft/discovery/HOST/, trusted
  /// for 6 hours); "" (the default) keeps them in memory only, for the life of the Client.
  /// default_cache_dir() is kubectl's choice.
  std::string cache_dir;
};

/// kubectl's cache directory: $KUBECACHEDIR, else $HOME/.kube/cache; "" when neither is set.
std::string default_cache_dir();

class Client {
 public:
  /// A client for a resolved config: curl transport with its TLS material, and the user's
  /// credentials (client certificate, token, token file, basic auth or exec plugin).
  static Client connect(const config::ClientConfig& config, const ClientOptions& options = {});
  /// A client over any transport (tests use a scripted fake).
  Client(std::shared_ptr<http::Transport> transport, config::ClientConfig config,
         ClientOptions options = {});

  const config::ClientConfig& config() const;

  nlohmann::json get(const ResourceInfo& r, const std::string& ns, const std::string& name) const;
  /// Absent (404) is a normal answer here, not an error.
  std::optional<nlohmann::json> get_opt(const ResourceInfo& r, const std::string& ns,
                                        const std::string& name) const;
  /// Every matching object (all pages) as a List object {apiVersion, kind, metadata, items}.
  nlohmann::json list(const ResourceInfo& r, const std::string& ns,
                      const ListOptions& options = {}) const;
  nlohmann::json create(const ResourceInfo& r, const std::string& ns, const nlohmann::json& object,
                        const WriteOptions& options = {}) const;
  /// PUT; a stale metadata.resourceVersion surfaces as ApiError::is_conflict().
  nlohmann::json replace(const ResourceInfo& r, const std::string& ns, const nlohmann::json& object,
                         const WriteOptions& options = {}) const;
  nlohmann::json patch(const ResourceInfo& r, const std::string& ns, const std::string& name,
                       const nlohmann::json& patch, const PatchOptions& options = {}) const;
  /// The object while finalizers hold it, nullopt once it is gone.
  std::optional<nlohmann::json> remove(const ResourceInfo& r, const std::string& ns,
                                       const std::string& name,
                                       const DeleteOptions& options = {}) const;
  /// Streams events to `on_event` until it returns false or timeout_seconds passes. Resumes
  /// from the last seen resourceVersion after a dropped connection; on 410 Gone it lists
  /// again and continues (delivering the current state as ADDED events).
  void watch(const ResourceInfo& r, const std::string& ns, const WatchOptions& options,
             const std::function<bool(const WatchEvent&)>& on_event) const;

  ServerVersion server_version() const;
  /// Whether the server serves a group/version ("apps/v1", "k3k.io/v1beta1"). Asked once per
  /// Client (copies share the answer); a "served" answer is also kept in options.cache_dir for
  /// other processes, a "not served" one is always asked again by a new Client.
  bool serves(const std::string& group_version) const;
  /// Forgets what serves() learnt, in memory and on disk (after an answer that contradicts
  /// it, e.g. a 404 for a group the cache says is served).
  void invalidate_discovery() const;

  /// Called with each Warning header the server sends (the text of the warning only, as one
  /// line with control characters escaped, at most kMessageTextLimit bytes).
  void on_warning(std::function<void(const std::string&)> handler);

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace kraft::api
