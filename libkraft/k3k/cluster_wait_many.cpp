// Waiting for many clusters on one shared list and watch (api::Reflector) instead of one watch
// per cluster: 200 clusters in 200 namespaces cost one cluster-wide list and one watch. The
// scope is the narrowest that covers every ref: one namespace (and one name, for a single
// cluster), else every namespace; where a cluster-wide list is forbidden (a user with rights
// in a few namespaces only), one reflector per namespace, each on its own thread.
#include <kraft/api/errors.h>
#include <kraft/api/reflector.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/resources.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "k3k/ready_watch.h"

namespace kraft::k3k {
namespace {

using Clock = std::chrono::steady_clock;
enum class Goal { kReady, kDeleted };

// The state of every waited cluster, fed by one or more reflectors (hence the lock, which
// also makes on_change calls one at a time).
class WaitTracker {
 public:
  WaitTracker(const ClusterService& service, const std::vector<ClusterRef>& refs,
              const WaitOptions& options, Goal goal)
      : service_(service), options_(options), goal_(goal) {
    items_.reserve(refs.size());
    for (std::size_t i = 0; i < refs.size(); ++i) {
      items_.push_back(Item{refs[i], detail::ReadyWatch(refs[i], options)});
      index_[{refs[i].ns, refs[i].name}].push_back(i);
    }
    left_ = refs.size();
  }

  void on_event(const api::WatchEvent& event) {
    const auto& meta = (*event.object)["metadata"];
    auto it = index_.find({meta.value("namespace", ""), meta.value("name", "")});
    if (it == index_.end()) return;
    std::lock_guard lock(mu_);
    for (std::size_t i : it->second) {
      Item& item = items_[i];
      if (item.settled) continue;
      if (event.type == "DELETED") {
        if (goal_ == Goal::kDeleted) {
          settle(item, nullptr);
        } else {
          settle(item, std::make_exception_ptr(
                           api::NotFoundError("cluster \"" + item.ref.str() +
                                                  "\" was deleted while waiting for it to be Ready",
                                              item.ref.object())));
        }
      } else {
        observe(item, Cluster::from_json(*event.object));
      }
    }
  }

  // The first list of a scope ("" every namespace) is in: what it did not show is absent.
  void synced(const std::string& scope, const api::Reflector& reflector) {
    std::lock_guard lock(mu_);
    for (Item& item : items_) {
      if (item.settled || item.seen || (!scope.empty() && item.ref.ns != scope)) continue;
      if (reflector.get(item.ref.ns, item.ref.name)) continue;
      if (goal_ == Goal::kDeleted) {
        settle(item, nullptr);
        continue;
      }
      // get() says "not found" with the names that do exist; created meanwhile, it is seen.
      try {
        observe(item, service_.get(item.ref));
      } catch (...) {
        settle(item, std::current_exception());
      }
    }
  }

  void fail_scope(const std::string& scope, std::exception_ptr error) {
    std::lock_guard lock(mu_);
    for (Item& item : items_) {
      if (!item.settled && (scope.empty() || item.ref.ns == scope)) settle(item, error);
    }
  }

  bool done() const {
    std::lock_guard lock(mu_);
    return left_ == 0;
  }

  // Whether every cluster of a scope ("" all) is settled: a namespace's reflector stops then.
  bool done(const std::string& scope) const {
    if (scope.empty()) return done();
    std::lock_guard lock(mu_);
    return std::none_of(items_.begin(), items_.end(),
                        [&](const Item& item) { return !item.settled && item.ref.ns == scope; });
  }

  // When the next cluster that stays Failed is due another look (K3k's CLI counts a cluster
  // that stays Failed once per look; a watch only reports changes).
  std::optional<Clock::time_point> next_look() const {
    std::lock_guard lock(mu_);
    std::optional<Clock::time_point> next;
    for (const Item& item : items_) {
      if (item.settled || !item.ready.failed()) continue;
      auto due = item.last_look + options_.failed_recheck;
      if (!next || due < *next) next = due;
    }
    return next;
  }

  void look_again() {
    std::lock_guard lock(mu_);
    const auto now = Clock::now();
    for (Item& item : items_) {
      if (item.settled || !item.ready.failed() || now < item.last_look + options_.failed_recheck) {
        continue;
      }
      item.last_look = now;
      try {
        item.ready.look_again();
      } catch (...) {
        settle(item, std::current_exception());
      }
    }
  }

  // The outcomes, with a timeout for every cluster still waited on.
  template <class T>
  std::vector<Outcome<T>> finish(const std::function<T(const ClusterRef&, const Cluster*)>& value) {
    std::lock_guard lock(mu_);
    std::vector<Outcome<T>> out(items_.size());
    for (std::size_t i = 0; i < items_.size(); ++i) {
      Item& item = items_[i];
      if (!item.settled) settle(item, std::make_exception_ptr(timeout(item)));
      if (item.error) {
        out[i].failure = describe_exception(item.error);
      } else {
        out[i].value.emplace(value(item.ref, item.ready.last() ? &*item.ready.last() : nullptr));
      }
    }
    return out;
  }

 private:
  struct Item {
    ClusterRef ref;
    detail::ReadyWatch ready;
    bool seen = false;
    bool settled = false;
    std::exception_ptr error{};
    Clock::time_point last_look = Clock::now();
  };

  void observe(Item& item, const Cluster& c) {
    const bool first = !item.seen;
    item.seen = true;
    if (goal_ == Goal::kDeleted) {
      // Deletion has one state to report: Terminating, when the wait starts.
      if (first && options_.on_change) options_.on_change(c);
      return;
    }
    const bool was_failed = item.ready.failed();
    try {
      if (item.ready.observe(c)) settle(item, nullptr);
    } catch (...) {
      settle(item, std::current_exception());
    }
    if (!was_failed && item.ready.failed()) item.last_look = Clock::now();
  }

  void settle(Item& item, std::exception_ptr error) {
    item.settled = true;
    item.error = std::move(error);
    --left_;
  }

  WaitTimeoutError timeout(const Item& item) const {
    const std::string after = "timed out after " + detail::spell(options_.timeout);
    if (goal_ == Goal::kDeleted) {
      return WaitTimeoutError(
          after + " waiting for cluster \"" + item.ref.str() + "\" to be deleted (its finalizer " +
              std::string(Cluster::kFinalizer) + " is still there: is the K3k controller running?)",
          item.ref.object());
    }
    const auto& last = item.ready.last();
    const std::string message = last ? detail::ready_message(*last) : "";
    return WaitTimeoutError(after + " waiting for cluster \"" + item.ref.str() +
                            "\" to be Ready (phase " +
                            std::string(to_string(last ? last->phase() : ClusterPhase::kUnknown)) +
                                (message.empty() ? "" : ": " + message) + ")",
                            item.ref.object());
  }

  const ClusterService& service_;
  const WaitOptions& options_;
  const Goal goal_;
  mutable std::mutex mu_;
  std::vector<Item> items_;
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> index_;
  std::size_t left_ = 0;
};

// Keeps one reflector running for `tracker` until every cluster is settled or the deadline.
void drive(api::Reflector& reflector, const std::string& scope, WaitTracker& tracker,
           Clock::time_point deadline) {
  bool told = false;
  Clock::time_point until = deadline;
  // Stops a run() when the scope is settled, or when a cluster went Failed and its next
  // look is due before the run would end (the run's watch is then reopened to end in time).
  auto stop = [&] {
    if (!told && reflector.synced()) {
      told = true;
      tracker.synced(scope, reflector);
    }
    if (tracker.done(scope)) return true;
    auto look = tracker.next_look();
    return look && *look < until;
  };
  const int id = reflector.subscribe([&](const api::WatchEvent& e) { tracker.on_event(e); });
  struct Unsubscribe {
    api::Reflector& r;
    int id;
    ~Unsubscribe() { r.unsubscribe(id); }
  } unsubscribe{reflector, id};
  while (!tracker.done(scope) && Clock::now() < deadline) {
    until = std::min(deadline, tracker.next_look().value_or(deadline));
    reflector.run(stop, until);
    tracker.look_again();
  }
}

// One reflector per namespace, each on its own thread: a failure of one namespace's list or
// watch fails the clusters of that namespace only.
void drive_per_namespace(const api::Client& client, const std::set<std::string>& namespaces,
                         WaitTracker& tracker, Clock::time_point deadline) {
  std::vector<std::thread> threads;
  for (const auto& ns : namespaces) {
    threads.emplace_back([&client, &tracker, ns, deadline] {
      try {
        api::Reflector reflector(client, clusters(), {.ns = ns});
        drive(reflector, ns, tracker, deadline);
      } catch (...) {
        tracker.fail_scope(ns, std::current_exception());
      }
    });
  }
  for (auto& t : threads) t.join();
}

void watch_all(const api::Client& client, const std::vector<ClusterRef>& refs, WaitTracker& tracker,
               Clock::time_point deadline) {
  std::set<std::string> namespaces;
  std::set<std::string> names;
  for (const auto& ref : refs) {
    namespaces.insert(ref.ns);
    names.insert(ref.name);
  }
  if (refs.empty()) return;
  try {
    if (namespaces.size() == 1) {
      api::ReflectorOptions scope{.ns = *namespaces.begin()};
      if (names.size() == 1) scope.field_selector = "metadata.name=" + *names.begin();
      api::Reflector reflector(client, clusters(), scope);
      drive(reflector, scope.ns, tracker, deadline);
      return;
    }
    api::Reflector everywhere(client, clusters(), {});
    try {
      drive(everywhere, "", tracker, deadline);
    } catch (const api::ApiError& e) {
      if (!e.is_forbidden() || everywhere.synced()) throw;
      drive_per_namespace(client, namespaces, tracker, deadline);
    }
  } catch (...) {
    tracker.fail_scope("", std::current_exception());
  }
}

}  // namespace

std::vector<Outcome<Cluster>> ClusterService::wait_ready(const std::vector<ClusterRef>& refs,
                                                         const WaitOptions& options) const {
  const auto deadline = Clock::now() + options.timeout;
  WaitTracker tracker(*this, refs, options, Goal::kReady);
  watch_all(client_, refs, tracker, deadline);
  auto outcomes = tracker.finish<Cluster>(
      [](const ClusterRef&, const Cluster* last) { return last ? *last : Cluster(); });
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].ok()) continue;
    try {
      detail::wait_servers(client_, refs[i], *outcomes[i].value, deadline, options.timeout);
    } catch (...) {
      outcomes[i].value.reset();
      outcomes[i].failure = describe_exception(std::current_exception());
    }
  }
  return outcomes;
}

std::vector<Outcome<ClusterRef>> ClusterService::wait_deleted(const std::vector<ClusterRef>& refs,
                                                              const WaitOptions& options) const {
  const auto deadline = Clock::now() + options.timeout;
  WaitTracker tracker(*this, refs, options, Goal::kDeleted);
  watch_all(client_, refs, tracker, deadline);
  return tracker.finish<ClusterRef>([](const ClusterRef& ref, const Cluster*) { return ref; });
}

}  // namespace kraft::k3k
