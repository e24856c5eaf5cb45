#pragma once
// Private state of Registry, shared by the registry_*.cpp files (one verb family per file).
#include <atomic>
#include <deque>
#include <map>
#include <optional>

#include "fields/managed_fields.h"
#include "fields/selectors.h"
#include "registry.h"
#include "text_codec.h"

namespace kraft::testing {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

/// A random RFC 4122 version 4 UUID.
std::string new_uid();
/// The request body as JSON (JSON or YAML content types), or an error response.
std::optional<ApiResponse> parse_body(const ApiRequest& request, const ResourceType& type,
                                      json& out);
/// Decodes a POST/PUT body (parse_body + check_object_identity) and makes sure it has a
/// metadata map.
std::optional<ApiResponse> decode_object(const ApiRequest& request, const ResourceRequest& target,
                                         json& out);
/// Parses labelSelector/fieldSelector with the fields this kind supports; a bad one is a 400.
std::optional<ApiResponse> parse_selectors(const ApiRequest& request, const ResourceType& type,
                                           LabelSelector& labels, FieldSelector& fields);
/// Checks apiVersion/kind/namespace of a decoded object against the URL, as the decoder does.
std::optional<ApiResponse> check_object_identity(const json& object, const ResourceType& type,
                                                 const std::string& url_namespace);
/// The field manager for a write: ?fieldManager= or the User-Agent's program name.
std::string manager_for(const ApiRequest& request);
/// "application/json; charset=utf-8" -> "application/json".
std::string media_type(const std::string& content_type);
/// Who is writing, for managedFields: manager name, operation, subresource, reset fields.
FieldManager field_manager(const ApiRequest& request, const ResourceRequest& target,
                           const std::string& operation, const std::string& time);
/// ValidateListOptions for list and deletecollection: resourceVersionMatch needs a
/// resourceVersion and no continue; 422 Invalid on ListOptions.meta.k8s.io.
std::optional<ApiResponse> validate_list_options(const ApiRequest& request);
/// Whether the request is a dry run; sets `error` for an unsupported dryRun value.
bool is_dry_run(const ApiRequest& request, std::optional<ApiResponse>& error);

struct Registry::Impl {
  std::shared_ptr<const ResourceTypes> types;
  RegistryOptions options;

  std::mutex mu;                    ///< guards store and everything below it
  std::condition_variable changed;  ///< signalled after every commit (watches wait on it)
  ObjectStore store;

  // Controller thread: timed tasks and hook delivery, in order.
  std::mutex task_mu;
  std::condition_variable task_cv;
  std::multimap<Clock::time_point, std::function<void()>> tasks;
  std::deque<StoredEvent> undelivered;
  std::map<int, EventHook> hooks;
  int next_hook_id = 1;
  bool stopping = false;
  std::thread controller;

  Impl(std::shared_ptr<const ResourceTypes> t, RegistryOptions o);

  /// RegistryOptions::clock, or the system clock.
  std::string now() const { return options.clock ? options.clock() : rfc3339_now(); }

  // --- storage (mu held) ---
  /// Gives the object a new resourceVersion, stores it and queues its event. Returns it.
  json commit_put(const ResourceType& type, json object, bool created);
  /// Removes the object, queuing a DELETED event carrying `last_state` at a new version.
  void commit_erase(const ResourceType& type, json last_state);
  const json* find(const ResourceType& type, const std::string& ns, const std::string& name);
  /// Namespaces must exist (404) and not be terminating (403) to receive new objects.
  std::optional<ApiResponse> check_namespace_accepts(const ResourceType& type,
                                                     const std::string& ns,
                                                     const std::string& name);

  // --- verbs (mu held) ---
  ApiResponse get(const ApiRequest& req, const ResourceRequest& r);
  /// `lock` (holding mu) lets a list wait for a resourceVersion the watch cache has not
  /// reached yet; without it such a list fails at once.
  ApiResponse list(const ApiRequest& req, const ResourceRequest& r,
                   std::unique_lock<std::mutex>* lock = nullptr);
  ApiResponse create(const ApiRequest& req, const ResourceRequest& r);
  ApiResponse update(const ApiRequest& req, const ResourceRequest& r);
  ApiResponse patch(const ApiRequest& req, const ResourceRequest& r);
  ApiResponse remove(const ApiRequest& req, const ResourceRequest& r);
  ApiResponse remove_collection(const ApiRequest& req, const ResourceRequest& r);

  /// The shared tail of create/update/patch: prune, default, validate, track fields, store.
  /// `old` is null on create. `base_status` is kept for main-resource writes of types with a
  /// status subresource. Returns the response (201/200 with the object, or an error).
  ApiResponse admit_and_store(const ApiRequest& req, const ResourceRequest& r, json object,
                              const json* old, bool created, const FieldManager& who,
                              bool is_apply, bool dry_run);
  /// Deletes one object following finalizers and propagation policy; `options` is the
  /// DeleteOptions (body and query merged). Returns the response for a single DELETE.
  ApiResponse delete_object(const ResourceType& type, const json& live, const json& options,
                            bool dry_run);
  /// Removes an object whose deletion is complete (no finalizers left) and cleans up after it.
  void finish_deletion(const ResourceType& type, const json& object);

  // --- controllers (run on the controller thread, take mu themselves) ---
  void controller_loop();
  void enqueue_task(std::chrono::milliseconds delay, std::function<void()> task);
  void on_committed(const StoredEvent& event);  ///< built-in controllers' reactions
  void finalize_namespace(const std::string& name);
  void collect_garbage();
  /// Runs collect_garbage once the events queued now are handled: a burst of deletions
  /// costs one scan of the store, as kube-controller-manager's GC works from a queue.
  void schedule_garbage_collection();
  std::atomic<bool> gc_scheduled{false};
  void update_quotas(const std::string& ns);
  /// Binds a new pod to the next schedulable Node and, with options.run_pods, starts it.
  void schedule_pod(const std::string& ns, const std::string& name);
  size_t pods_scheduled = 0;  ///< round-robin position (under mu)
  void ensure_namespace_defaults(const std::string& ns);
};

/// Built-in kinds' decode-time defaults, which the writer's managedFields include
/// (Namespace name label, Secret stringData→data and type, Service type/ports, ...).
void apply_builtin_defaults(const ResourceType& type, json& object);
/// Built-in kinds' PrepareForCreate, after field tracking (Namespace finalizer and phase,
/// initial status, allocated Service IPs and node ports).
void prepare_builtin_for_create(const ResourceType& type, json& object);
/// Whether writes to this kind carry metadata.generation (CRs, workloads).
bool has_generation(const ResourceType& type);
/// Fields a fieldSelector may use for this kind (besides metadata.name/namespace).
std::vector<std::string> selectable_fields(const ResourceType& type);

}  // namespace kraft::testing
