#pragma once
// The REST semantics of the test API server, independent of HTTP: create/get/list/update/
// patch/delete/watch on any served resource with kube-apiserver's rules (see README.md in
// this folder for what is modelled), plus the built-in controllers the tests need
// (namespace finalization, garbage collection, ResourceQuota status) and hooks for simulating
// others (the K3k controller, metrics-server).
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api_types.h"
#include "object_store.h"
#include "resource_types.h"

namespace kraft::testing {

struct RegistryOptions {
  /// How long a deleted namespace stays Terminating before its content is removed.
  std::chrono::milliseconds namespace_finalize_delay{100};
  /// How often a watch with allowWatchBookmarks=true gets a BOOKMARK (the real server: ~1 min).
  std::chrono::milliseconds bookmark_interval{std::chrono::seconds(60)};
  /// How long a list waits for the watch cache to reach a resourceVersion newer than it has
  /// before answering 504 "Too large resource version" (the real cacher: 3 s).
  std::chrono::milliseconds too_large_resource_version_wait{std::chrono::seconds(3)};
  /// Run the built-in controllers (namespace lifecycle, GC, quota status).
  bool run_controllers = true;
  /// Bind new pods to the Nodes round-robin (kube-scheduler); with run_pods, start them as a
  /// kubelet would (phase Running). TestApiServer sets both from its NodeOptions.
  bool schedule_pods = false;
  bool run_pods = false;
  /// "Now" as RFC 3339 for timestamps and managedFields times; null: the system clock. A
  /// frozen clock makes managedFields order reproducible: the server sorts entries by time
  /// in whole seconds, so a second boundary between two writes can reorder them.
  std::function<std::string()> clock;
};

/// One resource request, after URL parsing and authorization.
struct ResourceRequest {
  const ResourceType* type = nullptr;
  std::string ns;
  std::string name;
  std::string subresource;  ///< "", "status" or (namespaces) "finalize"
  std::string verb;  ///< get list watch create update patch delete deletecollection; "" (OPTIONS)
  /// The answer when the real server routes the path but not this method (405, 400), given
  /// after authorization as there.
  std::optional<ApiResponse> refusal;
};

/// A write notification delivered to hooks, in commit order, on the controller thread.
using EventHook = std::function<void(const StoredEvent&)>;

class Registry {
 public:
  Registry(std::shared_ptr<const ResourceTypes> types, RegistryOptions options);
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  /// Every verb but watch.
  ApiResponse serve(const ApiRequest& request, const ResourceRequest& target);

  /// An open watch stream: next() gives the next JSON line (one event), or nullopt when the
  /// stream is over; waits at most `wait` for something to happen (then returns "" = nothing).
  class Watch {
   public:
    virtual ~Watch() = default;
    virtual std::optional<std::string> next(std::chrono::milliseconds wait) = 0;
  };
  /// Opens a watch, or returns an error response (bad selector, ...).
  std::unique_ptr<Watch> open_watch(const ApiRequest& request, const ResourceRequest& target,
                                    ApiResponse& error);

  /// Performs a request as a system component (no authorization), e.g. from a hook:
  /// `call("PATCH", "/apis/k3k.io/v1beta1/namespaces/ns/clusters/a/status", body, ct)`.
  ApiResponse call(const std::string& method, const std::string& path,
                   const std::string& body = "",
                   const std::string& content_type = "application/json",
                   const std::string& manager = "k3k");

  /// Reads an object directly (nullopt when absent). `type_id` as "clusters.k3k.io".
  std::optional<nlohmann::json> get(const std::string& type_id, const std::string& ns,
                                    const std::string& name);

  int add_hook(EventHook hook);
  void remove_hook(int id);
  /// Runs `task` on the controller thread after `delay` (for simulated controllers).
  void schedule(std::chrono::milliseconds delay, std::function<void()> task);

  /// Drops watch history up to the current resourceVersion: older watches get 410 Gone.
  void compact();
  int64_t current_rv();
  const ResourceTypes& types() const { return *types_; }

  /// Resolves a URL path to a resource (nullopt: no such path); `status` gets the right 404.
  std::optional<ResourceRequest> resolve(const std::string& method, const std::string& path,
                                         const std::map<std::string, std::string>& query,
                                         ApiResponse& not_found_response) const;

 private:
  friend class RegistryWatch;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::shared_ptr<const ResourceTypes> types_;
};

}  // namespace kraft::testing
