#pragma once
// In-memory storage with etcd's essentials: one global resourceVersion counter, objects kept in
// storage-key order ("<namespace>/<name>"), and a bounded event history that watches resume
// from. Not thread-safe: the Registry serialises access.
#include <cstdint>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kraft::testing {

struct StoredEvent {
  std::string type;     ///< ADDED, MODIFIED, DELETED
  int64_t rv = 0;       ///< the resourceVersion this event was written at
  std::string type_id;  ///< "clusters.k3k.io"
  std::string ns;
  nlohmann::json object;
  nlohmann::json prev;  ///< the state before this event (null for ADDED); watches with
                        ///< selectors need it to turn "stopped matching" into DELETED
};

class ObjectStore {
 public:
  /// `start_rv` is where history begins: a watch from an older version gets 410 Gone.
  explicit ObjectStore(int64_t start_rv = 1000, size_t history_limit = 100000);

  int64_t current_rv() const { return rv_; }
  /// Reserves the next resourceVersion for a write.
  int64_t next_rv() { return ++rv_; }

  const nlohmann::json* get(const std::string& type_id, const std::string& ns,
                            const std::string& name) const;
  /// Objects of a type in storage-key order; `ns` empty means every namespace.
  std::vector<const nlohmann::json*> list(const std::string& type_id, const std::string& ns) const;
  /// All types' objects in one namespace (namespace deletion, quota counting).
  std::vector<std::pair<std::string, const nlohmann::json*>> in_namespace(const std::string& ns) const;
  /// Every object of every type (garbage collection).
  std::vector<std::pair<std::string, const nlohmann::json*>> everything() const;

  /// Stores the object (its metadata.resourceVersion must already be set) and records an event.
  void put(const std::string& type_id, const nlohmann::json& object, bool created);
  /// Removes the object; `last_state` (with a fresh resourceVersion) goes into the DELETED event.
  void erase(const std::string& type_id, const nlohmann::json& last_state);

  /// Events newer than `rv`, or none when rv is older than the history kept (then expired()).
  const std::deque<StoredEvent>& history() const { return history_; }
  /// The newest resourceVersion no longer covered by the history (watch from <= it is 410).
  int64_t compacted_rv() const { return compacted_rv_; }
  /// Drops history up to and including `rv`, like etcd compaction.
  void compact(int64_t rv);

  /// The resourceVersion of the newest event of this type (the store's first version if none):
  /// what kube-apiserver's watch cache for that resource has seen. It lags current_rv() while
  /// only other types are written, as a 1.26 watch cache does between etcd progress notifies.
  int64_t type_rv(const std::string& type_id) const;
  /// The objects of a type as they were at resourceVersion `rv` (storage-key order), rebuilt
  /// by undoing the newer events; `rv` must be within the history (compacted_rv() <= rv).
  std::vector<nlohmann::json> list_at(const std::string& type_id, const std::string& ns,
                                      int64_t rv) const;

 private:
  static std::string key_of(const nlohmann::json& object);
  void record(StoredEvent event);

  int64_t start_rv_;
  int64_t rv_;
  int64_t compacted_rv_;
  size_t history_limit_;
  std::map<std::string, std::map<std::string, nlohmann::json>> objects_;
  std::deque<StoredEvent> history_;
  std::map<std::string, int64_t> type_rv_;
};

}  // namespace kraft::testing
