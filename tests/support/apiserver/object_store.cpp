#include "object_store.h"

#include <algorithm>

namespace kraft::testing {

using nlohmann::json;

ObjectStore::ObjectStore(int64_t start_rv, size_t history_limit)
    : start_rv_(start_rv), rv_(start_rv), compacted_rv_(start_rv), history_limit_(history_limit) {}

std::string ObjectStore::key_of(const json& object) {
  const json& meta = object.at("metadata");
  std::string ns = meta.value("namespace", "");
  std::string name = meta.value("name", "");
  return ns.empty() ? name : ns + "/" + name;
}

const json* ObjectStore::get(const std::string& type_id, const std::string& ns,
                             const std::string& name) const {
  auto t = objects_.find(type_id);
  if (t == objects_.end()) return nullptr;
  auto o = t->second.find(ns.empty() ? name : ns + "/" + name);
  return o == t->second.end() ? nullptr : &o->second;
}

std::vector<const json*> ObjectStore::list(const std::string& type_id,
                                           const std::string& ns) const {
  std::vector<const json*> out;
  auto t = objects_.find(type_id);
  if (t == objects_.end()) return out;
  if (ns.empty()) {
    for (const auto& [key, obj] : t->second) out.push_back(&obj);
    return out;
  }
  std::string prefix = ns + "/";
  for (auto it = t->second.lower_bound(prefix);
       it != t->second.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    out.push_back(&it->second);
  }
  return out;
}

std::vector<std::pair<std::string, const json*>> ObjectStore::in_namespace(
    const std::string& ns) const {
  std::vector<std::pair<std::string, const json*>> out;
  for (const auto& [type_id, objs] : objects_) {
    for (const json* o : list(type_id, ns)) out.emplace_back(type_id, o);
  }
  return out;
}

std::vector<std::pair<std::string, const json*>> ObjectStore::everything() const {
  std::vector<std::pair<std::string, const json*>> out;
  for (const auto& [type_id, objs] : objects_) {
    for (const auto& [key, obj] : objs) out.emplace_back(type_id, &obj);
  }
  return out;
}

void ObjectStore::put(const std::string& type_id, const json& object, bool created) {
  json& slot = objects_[type_id][key_of(object)];
  json prev = created ? json() : std::move(slot);
  slot = object;
  record(StoredEvent{created ? "ADDED" : "MODIFIED",
                     std::stoll(object["metadata"]["resourceVersion"].get<std::string>()), type_id,
                     object["metadata"].value("namespace", ""), object, std::move(prev)});
}

void ObjectStore::erase(const std::string& type_id, const json& last_state) {
  json prev;
  auto t = objects_.find(type_id);
  if (t != objects_.end()) {
    auto it = t->second.find(key_of(last_state));
    if (it != t->second.end()) {
      prev = std::move(it->second);
      t->second.erase(it);
    }
  }
  record(StoredEvent{"DELETED",
                     std::stoll(last_state["metadata"]["resourceVersion"].get<std::string>()),
                     type_id, last_state["metadata"].value("namespace", ""), last_state,
                     std::move(prev)});
}

void ObjectStore::record(StoredEvent event) {
  type_rv_[event.type_id] = event.rv;
  history_.push_back(std::move(event));
  while (history_.size() > history_limit_) {
    compacted_rv_ = history_.front().rv;
    history_.pop_front();
  }
}

void ObjectStore::compact(int64_t rv) {
  while (!history_.empty() && history_.front().rv <= rv) history_.pop_front();
  if (rv > compacted_rv_) compacted_rv_ = rv;
}

int64_t ObjectStore::type_rv(const std::string& type_id) const {
  // Compaction stands for the watch cache having relisted from etcd, which brings it to the
  // version it compacted at (else a list at its version could only be followed by a watch that
  // is already too old).
  auto it = type_rv_.find(type_id);
  return std::max(it == type_rv_.end() ? start_rv_ : it->second, compacted_rv_);
}

std::vector<json> ObjectStore::list_at(const std::string& type_id, const std::string& ns,
                                       int64_t rv) const {
  std::map<std::string, json> state;
  for (const json* o : list(type_id, ns)) state.emplace(key_of(*o), *o);
  for (auto it = history_.rbegin(); it != history_.rend() && it->rv > rv; ++it) {
    if (it->type_id != type_id || (!ns.empty() && it->ns != ns)) continue;
    const std::string key = key_of(it->object);
    if (it->type == "ADDED") {
      state.erase(key);
    } else {
      state[key] = it->prev;  // MODIFIED and DELETED carry the state before them
    }
  }
  std::vector<json> out;
  out.reserve(state.size());
  for (auto& [key, obj] : state) out.push_back(std::move(obj));
  return out;
}

}  // namespace kraft::testing
