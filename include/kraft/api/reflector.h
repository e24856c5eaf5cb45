#pragma once
// Reflector: a local, thread-safe cache of the objects of one resource that match a scope
// (a namespace or all, label and field selectors), kept current as client-go's reflector
// keeps an informer's store: one list, then one watch from the list's resourceVersion (with
// bookmarks), resumed from the last seen resourceVersion after a dropped connection, and a
// new list on 410 Gone whose differences with the cache are delivered as ADDED, MODIFIED and
// DELETED events. Many waiters share one reflector: each subscribes, and the cost stays one
// list and one watch whatever their number.
//
//   api::Reflector pods(client, api::resources::pods(), {.ns = "team"});
//   pods.subscribe([&](const api::WatchEvent& e) { ... });
//   pods.run([&] { return all_ready(); }, deadline);
#include <kraft/api/client.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kraft::api {

struct ReflectorOptions {
  std::string ns{};  ///< "" every namespace (needs a cluster-wide list and watch)
  std::string label_selector{};
  std::string field_selector{};
};

class Reflector {
 public:
  using Clock = std::chrono::steady_clock;
  /// Receives each change of the cache: ADDED, MODIFIED, DELETED (the last known object).
  using Subscriber = std::function<void(const WatchEvent&)>;

  Reflector(Client client, const ResourceInfo& resource, ReflectorOptions options = {});
  Reflector(const Reflector&) = delete;
  Reflector& operator=(const Reflector&) = delete;

  /// Adds a subscriber; returns its id. Subscribers run on the thread that calls run().
  int subscribe(Subscriber subscriber);
  void unsubscribe(int id);

  /// Keeps the cache current until `done()` holds (checked after the first list and after
  /// every change) or `until` passes; returns done(). The first call lists; later calls
  /// resume the watch where the previous one stopped. One thread at a time. Throws the
  /// list's or watch's errors (ApiError 403 when the scope may not be listed).
  bool run(const std::function<bool()>& done, std::optional<Clock::time_point> until);

  /// Whether the first list has been read.
  bool synced() const;
  /// The cached object NS/NAME (ns "" for cluster-scoped resources).
  std::optional<nlohmann::json> get(const std::string& ns, const std::string& name) const;
  /// Every cached object, by namespace then name.
  std::vector<std::shared_ptr<const nlohmann::json>> objects() const;
  /// The resourceVersion the next watch starts from.
  std::string resource_version() const;

 private:
  using Key = std::pair<std::string, std::string>;
  void relist();
  void apply(const WatchEvent& event);
  void notify(const WatchEvent& event);

  Client client_;
  const ResourceInfo& resource_;
  ReflectorOptions options_;
  std::mutex run_mu_;      // one run() at a time
  mutable std::mutex mu_;  // the cache and resource version
  std::map<Key, std::shared_ptr<const nlohmann::json>> cache_;
  std::string rv_;
  bool synced_ = false;
  std::mutex subscribers_mu_;
  std::map<int, Subscriber> subscribers_;
  int next_id_ = 0;
};

}  // namespace kraft::api
