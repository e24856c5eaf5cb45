// The slice of kube-controller-manager the tests depend on, on one background thread:
// namespace finalization, garbage collection by ownerReferences (background, foreground,
// orphan), ResourceQuota status, the kube-root-ca.crt ConfigMap; plus hook delivery.
#include <set>
#include <string_view>
#include <unordered_map>

#include "quota_usage.h"
#include "registry_impl.h"

namespace kraft::testing {

namespace {

const ResourceType* type_by_id(const ResourceTypes& types, const std::string& id) {
  for (const auto& t : types.all()) {
    if (t.id() == id) return &t;
  }
  return nullptr;
}

bool has_finalizer(const json& meta, const std::string& f) {
  auto list = meta.find("finalizers");
  if (list == meta.end() || !list->is_array()) return false;
  for (const auto& v : *list) {
    if (v == f) return true;
  }
  return false;
}

}  // namespace

void Registry::Impl::enqueue_task(std::chrono::milliseconds delay, std::function<void()> task) {
  {
    std::lock_guard lock(task_mu);
    tasks.emplace(Clock::now() + delay, std::move(task));
  }
  task_cv.notify_all();
}

void Registry::Impl::controller_loop() {
  std::unique_lock lock(task_mu);
  while (!stopping) {
    if (!undelivered.empty()) {
      StoredEvent event = std::move(undelivered.front());
      undelivered.pop_front();
      auto hooks_copy = hooks;
      lock.unlock();
      if (options.run_controllers) on_committed(event);
      for (auto& [id, hook] : hooks_copy) hook(event);
      lock.lock();
      continue;
    }
    if (!tasks.empty() && tasks.begin()->first <= Clock::now()) {
      auto task = std::move(tasks.begin()->second);
      tasks.erase(tasks.begin());
      lock.unlock();
      task();
      lock.lock();
      continue;
    }
    if (tasks.empty()) {
      task_cv.wait(lock);
    } else {
      task_cv.wait_until(lock, tasks.begin()->first);
    }
  }
}

void Registry::Impl::on_committed(const StoredEvent& event) {
  if (event.type_id == "namespaces" && event.type == "ADDED") {
    ensure_namespace_defaults(event.object["metadata"]["name"]);
  }
  if (options.schedule_pods && event.type_id == "pods" && event.type == "ADDED") {
    schedule_pod(event.ns, event.object["metadata"].value("name", ""));
  }
  if (!event.ns.empty() && event.type_id != "resourcequotas") update_quotas(event.ns);
  if (event.type_id == "resourcequotas" && event.type != "DELETED") update_quotas(event.ns);
  const json& meta = event.object["metadata"];
  if (event.type == "DELETED" ||
      (meta.contains("deletionTimestamp") &&
       (has_finalizer(meta, "foregroundDeletion") || has_finalizer(meta, "orphan")))) {
    schedule_garbage_collection();
  }
}

void Registry::Impl::ensure_namespace_defaults(const std::string& ns) {
  // kube-controller-manager's root-ca-cert-publisher puts this ConfigMap in every namespace;
  // it shows up in ResourceQuota usage, so the test server creates it too.
  json cm = {{"apiVersion", "v1"},
             {"kind", "ConfigMap"},
             {"metadata", {{"name", "kube-root-ca.crt"}}},
             {"data", {{"ca.crt", "-----BEGIN CERTIFICATE-----\n(test cluster CA)\n"
                                  "-----END CERTIFICATE-----\n"}}}};
  const ResourceType* t = types->find("", "v1", "configmaps");
  ApiRequest req;
  req.method = "POST";
  req.body = cm.dump();
  req.headers["content-type"] = "application/json";
  req.headers["user-agent"] = "kube-controller-manager/v1.26.4";
  ResourceRequest r{t, ns, "", "", "create", std::nullopt};
  std::lock_guard lock(mu);
  if (store.get("namespaces", "", ns) == nullptr) return;
  if (store.get(t->id(), ns, "kube-root-ca.crt") != nullptr) return;
  create(req, r);
}

void Registry::Impl::finalize_namespace(const std::string& name) {
  std::unique_lock lock(mu);
  const json* ns_object = store.get("namespaces", "", name);
  if (ns_object == nullptr || !(*ns_object)["metadata"].contains("deletionTimestamp")) return;
  // Already finalized by someone else (/finalize emptied spec.finalizers): the 1.26
  // namespace controller leaves it alone, content and all.
  if (!has_finalizer((*ns_object)["spec"], "kubernetes")) return;
  auto content = store.in_namespace(name);
  std::vector<std::pair<const ResourceType*, json>> victims;
  for (const auto& [type_id, obj] : content) {
    if (const ResourceType* t = type_by_id(*types, type_id)) victims.emplace_back(t, *obj);
  }
  for (const auto& [t, obj] : victims) {
    if (!obj["metadata"].contains("deletionTimestamp")) {
      delete_object(*t, obj, json::object(), false);
    }
  }
  if (!store.in_namespace(name).empty()) {
    // Finalizers still hold some objects: look again shortly, like the controller's requeue.
    lock.unlock();
    enqueue_task(std::chrono::milliseconds(20), [this, name] { finalize_namespace(name); });
    return;
  }
  // The controller then removes its own finalizer through /finalize; the update that empties
  // spec.finalizers deletes the namespace, and the DELETED event carries it as it was stored.
  // Another finalizer in spec.finalizers keeps it Terminating until a /finalize removes it.
  const json& current = *store.get("namespaces", "", name);
  json finalizers = current["spec"].value("finalizers", json::array());
  json remaining = json::array();
  for (const auto& f : finalizers) {
    if (f != "kubernetes") remaining.push_back(f);
  }
  if (remaining.size() == finalizers.size()) return;  // not ours to finish
  const ResourceType& namespaces = *types->find("", "v1", "namespaces");
  if (remaining.empty() && current["metadata"].value("finalizers", json::array()).empty()) {
    finish_deletion(namespaces, current);
    return;
  }
  json updated = current;
  updated["spec"]["finalizers"] = remaining;
  commit_put(namespaces, std::move(updated), false);
}

void Registry::Impl::schedule_garbage_collection() {
  if (gc_scheduled.exchange(true)) return;  // the run already queued sees this change too
  // The controller loop runs tasks only once no event is waiting: the run comes after the burst.
  enqueue_task(std::chrono::milliseconds(0), [this] {
    gc_scheduled = false;
    collect_garbage();
  });
}

void Registry::Impl::collect_garbage() {
  std::unique_lock lock(mu);
  // Runs on every deletion: the scan reads the store through pointers and copies only the
  // objects it changes (a copy of the whole store per event made deleting 200 clusters take
  // minutes). Writes wait until the scan is done, since a write moves objects in the store.
  struct Write {
    enum { kPut, kDelete, kFinish } what;
    const ResourceType* type;
    json object;
    json options;
  };
  bool changed_something = true;
  // Repeat until stable: deleting one object can orphan the next.
  for (int round = 0; changed_something && round < 100; ++round) {
    std::unordered_map<std::string_view, const json*> by_uid;
    std::vector<std::pair<std::string, const json*>> owned;
    std::vector<std::pair<std::string, const json*>> waiting;
    for (const auto& [type_id, obj] : store.everything()) {
      const json& meta = (*obj)["metadata"];
      if (auto uid = meta.find("uid"); uid != meta.end() && uid->is_string()) {
        by_uid.emplace(uid->get_ref<const std::string&>(), obj);
      }
      if (auto refs = meta.find("ownerReferences"); refs != meta.end() && !refs->empty()) {
        owned.emplace_back(type_id, obj);
      }
      if (meta.contains("deletionTimestamp") &&
          (has_finalizer(meta, "foregroundDeletion") || has_finalizer(meta, "orphan"))) {
        waiting.emplace_back(type_id, obj);
      }
    }
    std::vector<Write> writes;
    std::set<std::string> owners_with_dependents;
    for (const auto& [type_id, obj] : owned) {
      const json& meta = (*obj)["metadata"];
      bool any_owner_alive = false;
      bool owner_foreground = false;
      json kept_refs = json::array();
      bool orphaned_ref = false;
      for (const auto& ref : meta["ownerReferences"]) {
        auto it = by_uid.find(ref.value("uid", ""));
        if (it == by_uid.end()) continue;
        const json& owner_meta = (*it->second)["metadata"];
        if (owner_meta.contains("deletionTimestamp") && has_finalizer(owner_meta, "orphan")) {
          orphaned_ref = true;
          continue;
        }
        kept_refs.push_back(ref);
        any_owner_alive = true;
        owners_with_dependents.insert(ref.value("uid", ""));
        if (owner_meta.contains("deletionTimestamp") &&
            has_finalizer(owner_meta, "foregroundDeletion")) {
          owner_foreground = true;
        }
      }
      const ResourceType* t = type_by_id(*types, type_id);
      if (t == nullptr) continue;
      if (orphaned_ref) {
        json updated = *obj;
        if (kept_refs.empty()) {
          updated["metadata"].erase("ownerReferences");
        } else {
          updated["metadata"]["ownerReferences"] = kept_refs;
        }
        writes.push_back({Write::kPut, t, std::move(updated), {}});
        continue;
      }
      if ((!any_owner_alive || owner_foreground) && !meta.contains("deletionTimestamp")) {
        writes.push_back(
            {Write::kDelete, t, *obj,
             owner_foreground ? json{{"propagationPolicy", "Foreground"}} : json::object()});
      }
    }
    // Owners waiting in foreground/orphan deletion finish once nothing depends on them.
    for (const auto& [type_id, obj] : waiting) {
      const json& meta = (*obj)["metadata"];
      const bool fg = has_finalizer(meta, "foregroundDeletion");
      // Foreground deletion waits for its dependents; orphaning releases them above.
      if (fg && owners_with_dependents.count(meta.value("uid", "")) != 0) continue;
      const ResourceType* t = type_by_id(*types, type_id);
      if (t == nullptr) continue;
      json updated = *obj;
      json remaining = json::array();
      for (const auto& f : meta["finalizers"]) {
        if (f != "foregroundDeletion" && f != "orphan") remaining.push_back(f);
      }
      if (remaining.empty()) {
        updated["metadata"].erase("finalizers");
        writes.push_back({Write::kFinish, t, std::move(updated), {}});
      } else {
        updated["metadata"]["finalizers"] = remaining;
        writes.push_back({Write::kPut, t, std::move(updated), {}});
      }
    }
    changed_something = !writes.empty();
    for (auto& w : writes) {
      switch (w.what) {
        case Write::kPut:
          commit_put(*w.type, std::move(w.object), false);
          break;
        case Write::kDelete:
          delete_object(*w.type, w.object, w.options, false);
          break;
        case Write::kFinish:
          finish_deletion(*w.type, w.object);
          break;
      }
    }
  }
}

void Registry::Impl::update_quotas(const std::string& ns) {
  std::vector<json> quotas;
  {
    std::lock_guard lock(mu);
    for (const json* q : store.list("resourcequotas", ns)) quotas.push_back(*q);
    if (quotas.empty()) return;
    for (auto& q : quotas) {
      const json spec_hard = q["spec"].value("hard", json::object());
      const json hard = quota_hard(spec_hard);
      const json used = quota_used(store, ns, spec_hard, [this](const std::string& id) {
        return type_by_id(*types, id) != nullptr;
      });
      if (q.value("status", json::object()) == json{{"hard", hard}, {"used", used}}) continue;
      json updated = q;
      updated["status"] = {{"hard", hard}, {"used", used}};
      const ResourceType* t = types->find("", "v1", "resourcequotas");
      FieldManager who;
      who.manager = "kube-controller-manager";
      who.operation = "Update";
      who.api_version = "v1";
      who.subresource = "status";
      who.time = now();
      who.reset_fields = reset_fields_for(true, "status");
      record_update(&q, updated, who, nullptr);
      commit_put(*t, std::move(updated), false);
    }
  }
}

}  // namespace kraft::testing
