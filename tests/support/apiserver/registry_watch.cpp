// Watch streams: synthetic ADDED events for a watch without resourceVersion, resume from a
// resourceVersion out of the event history, 410 Expired as an ERROR event when that history
// is gone, selector transitions, bookmarks and timeoutSeconds, as kube-apiserver 1.26's watch
// cache (staging/src/k8s.io/apiserver/pkg/storage/cacher/) serves them.
#include <algorithm>

#include "fields/selectors.h"
#include "registry_impl.h"
#include "status.h"

namespace kraft::testing {

class RegistryWatch : public Registry::Watch {
 public:
  RegistryWatch(Registry::Impl& impl, const ResourceType& type, std::string ns,
                LabelSelector labels, FieldSelector fields)
      : impl_(impl), type_(type), ns_(std::move(ns)), labels_(std::move(labels)),
        fields_(std::move(fields)) {}

  /// Sets the starting point; called with impl_.mu held.
  void start(const std::string& rv, std::chrono::seconds timeout, bool bookmarks) {
    deadline_ = Clock::now() + timeout;
    bookmarks_ = bookmarks;
    schedule_bookmark();
    if (rv.empty() || rv == "0") {
      for (const json* o : impl_.store.list(type_.id(), type_.namespaced ? ns_ : "")) {
        if (matches(*o)) pending_.push_back(event_line("ADDED", *o));
      }
      pos_ = impl_.store.current_rv();
      // The watch cache starts such a watch at its own version for the resource.
      start_rv_ = impl_.store.type_rv(type_.id());
      return;
    }
    try {
      pos_ = std::stoll(rv);
    } catch (const std::exception&) {
      pos_ = -1;
    }
    start_rv_ = pos_;
    if (pos_ < impl_.store.compacted_rv()) expire(rv);
  }

  std::optional<std::string> next(std::chrono::milliseconds wait) override {
    if (!pending_.empty()) {
      std::string line = std::move(pending_.front());
      pending_.erase(pending_.begin());
      return line;
    }
    if (finished_) return std::nullopt;
    std::unique_lock lock(impl_.mu);
    const auto give_up = Clock::now() + wait;
    for (;;) {
      if (Clock::now() >= deadline_) {
        finished_ = true;
        return std::nullopt;
      }
      if (pos_ < impl_.store.compacted_rv()) {
        expire(std::to_string(pos_));
        return next_pending();
      }
      if (auto line = scan()) return line;
      if (bookmarks_ && Clock::now() >= next_bookmark_) {
        schedule_bookmark();
        if (auto line = bookmark()) return line;
      }
      auto until = std::min({deadline_, give_up, bookmarks_ ? next_bookmark_ : deadline_});
      if (impl_.changed.wait_until(lock, until) == std::cv_status::timeout &&
          Clock::now() >= give_up && Clock::now() < deadline_) {
        return std::string();
      }
    }
  }

 private:
  bool matches(const json& object) const {
    if (object.is_null()) return false;
    if (type_.namespaced && !ns_.empty() && object["metadata"].value("namespace", "") != ns_) {
      return false;
    }
    return labels_.matches(object["metadata"].value("labels", json::object())) &&
           fields_.matches(object);
  }

  static std::string event_line(const std::string& type, const json& object) {
    return json{{"type", type}, {"object", object}}.dump() + "\n";
  }

  std::optional<std::string> next_pending() {
    if (pending_.empty()) return std::nullopt;
    std::string line = std::move(pending_.front());
    pending_.erase(pending_.begin());
    return line;
  }

  void expire(const std::string& requested) {
    json status = status_body(410, "Expired",
                              "too old resource version: " + requested + " (" +
                                  std::to_string(impl_.store.compacted_rv()) + ")",
                              json());
    pending_.push_back(event_line("ERROR", status));
    finished_ = true;
  }

  /// kube-apiserver 1.26's cacheWatcher.nextBookmarkTime: every bookmark interval (a minute),
  /// but 2 s before the watch's deadline at the latest, and none once that moment is past.
  void schedule_bookmark() {
    const auto now = Clock::now();
    auto at = now + impl_.options.bookmark_interval;
    const auto pre_timeout = deadline_ - std::chrono::seconds(2);
    if (pre_timeout < at) at = pre_timeout;
    if (at < now) {
      bookmarks_ = false;
      return;
    }
    next_bookmark_ = at;
  }

  /// A BOOKMARK at the version the watch cache of this resource has reached, if that is past
  /// the watch's starting version. The cache dispatches bookmarks with the version of the last
  /// event it processed for the resource (whatever the watch's selectors), and 1.26's
  /// cacheWatcher.process forwards only events newer than the version the watch started at
  /// (the "or a bookmark equal to it" case and the initial-events-end annotation are 1.27's
  /// WatchList). The object is the kind's empty object with only its resourceVersion set:
  /// a custom resource's Unstructured has nothing else; built-in kinds' structs add
  /// `creationTimestamp: null`.
  std::optional<std::string> bookmark() {
    const int64_t rv = impl_.store.type_rv(type_.id());
    if (rv <= start_rv_) return std::nullopt;
    json metadata = {{"resourceVersion", std::to_string(rv)}};
    if (!type_.is_crd) metadata["creationTimestamp"] = nullptr;
    json object = {
        {"kind", type_.kind}, {"apiVersion", type_.api_version()}, {"metadata", metadata}};
    return json{{"type", "BOOKMARK"}, {"object", object}}.dump() + "\n";
  }

  /// The next event after pos_ that this watch should see, advancing pos_. Mirrors
  /// cacheWatcher.convertToWatchEvent (staging/src/k8s.io/apiserver/pkg/storage/cacher/
  /// cache_watcher.go; cacher.go before 1.27): the current object passes the selectors or
  /// not (a DELETED one never does), the previous one (watchCacheEvent.PrevObject) passes or
  /// not; passes now but not before: ADDED with the new object; both: MODIFIED; before but
  /// not now: DELETED carrying the PREVIOUS object's content with the event's
  /// resourceVersion ("return a delete event with the previous object content, but with the
  /// event's resource version", since kubernetes#58547); neither: nothing.
  std::optional<std::string> scan() {
    const auto& history = impl_.store.history();
    auto it = std::upper_bound(history.begin(), history.end(), pos_,
                               [](int64_t rv, const StoredEvent& e) { return rv < e.rv; });
    for (; it != history.end(); ++it) {
      pos_ = it->rv;
      if (it->type_id != type_.id()) continue;
      const bool now_matches = it->type != "DELETED" && matches(it->object);
      const bool was_matching = it->type != "ADDED" && matches(it->prev);
      if (now_matches && !was_matching) return event_line("ADDED", it->object);
      if (now_matches) return event_line("MODIFIED", it->object);
      if (was_matching) {
        json last = it->prev;
        last["metadata"]["resourceVersion"] = std::to_string(it->rv);
        return event_line("DELETED", last);
      }
    }
    return std::nullopt;
  }

  Registry::Impl& impl_;
  const ResourceType& type_;
  std::string ns_;
  LabelSelector labels_;
  FieldSelector fields_;
  int64_t pos_ = 0;       ///< the newest event (of any type) already looked at
  int64_t start_rv_ = 0;  ///< the version the watch started at (bookmarks must pass it)
  std::vector<std::string> pending_;
  bool finished_ = false;
  bool bookmarks_ = false;
  Clock::time_point deadline_;
  Clock::time_point next_bookmark_;
};

std::unique_ptr<Registry::Watch> Registry::open_watch(const ApiRequest& request,
                                                      const ResourceRequest& target,
                                                      ApiResponse& error) {
  LabelSelector labels;
  FieldSelector fields;
  if (auto bad = parse_selectors(request, *target.type, labels, fields)) {
    error = *bad;
    return nullptr;
  }
  // Without timeoutSeconds the real server picks 30-60 minutes; we take the lower bound.
  std::chrono::seconds timeout(1800);
  if (request.has_param("timeoutSeconds")) {
    try {
      timeout = std::chrono::seconds(std::stoll(request.param("timeoutSeconds")));
    } catch (const std::exception&) {
      error = bad_request("invalid timeoutSeconds: " + request.param("timeoutSeconds"));
      return nullptr;
    }
  }
  auto watch = std::make_unique<RegistryWatch>(*impl_, *target.type, target.ns, std::move(labels),
                                               std::move(fields));
  std::lock_guard lock(impl_->mu);
  watch->start(request.param("resourceVersion"), timeout,
               request.param("allowWatchBookmarks") == "true");
  return watch;
}

}  // namespace kraft::testing
