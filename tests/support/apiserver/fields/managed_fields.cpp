// Follows k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager (managedFieldsUpdater,
// stripMetaManager) over structured-merge-diff's Updater.Update / Updater.Apply.
#include "fields/managed_fields.h"

#include <algorithm>
#include <map>

#include "fields/field_walk.h"
#include "fields/managed_entries.h"

namespace kraft::testing {

namespace {

using nlohmann::json;

// stripMetaManager: fields the server sets, never owned by a writer. Only these exact members
// are dropped; metadata's children (labels, finalizers, generateName...) stay.
const FieldSet& server_fields() {
  static const FieldSet set = [] {
    FieldSet s;
    s.insert({"f:apiVersion"});
    s.insert({"f:kind"});
    s.insert({"f:metadata"});
    for (const char* name : {"name", "namespace", "creationTimestamp", "selfLink", "uid",
                             "clusterName", "generation", "managedFields", "resourceVersion"}) {
      s.insert({"f:metadata", std::string("f:") + name});
    }
    return s;
  }();
  return set;
}

FieldSet reset_set(const FieldManager& who) {
  FieldSet set;
  for (const std::string& field : who.reset_fields) set.insert({"f:" + field});
  return set;
}

json without_managed_fields(const json& object) {
  json out = object;
  if (out.is_object() && out.contains("metadata") && out["metadata"].is_object()) {
    out["metadata"].erase("managedFields");
  }
  return out;
}

void store_entries(json& object, const std::vector<ManagedEntry>& entries) {
  if (!object.contains("metadata") || !object["metadata"].is_object()) {
    object["metadata"] = json::object();
  }
  if (entries.empty()) {
    object["metadata"].erase("managedFields");
  } else {
    object["metadata"]["managedFields"] = encode_managed_fields(entries);
  }
}

std::vector<ManagedEntry> entries_of(const json* object) {
  if (object == nullptr || !object->is_object()) return {};
  const json* metadata = object->contains("metadata") ? &(*object)["metadata"] : nullptr;
  if (metadata == nullptr || !metadata->is_object() || !metadata->contains("managedFields")) {
    return {};
  }
  return decode_managed_fields((*metadata)["managedFields"]).value_or(std::vector<ManagedEntry>{});
}

void drop_empty(std::vector<ManagedEntry>& entries) {
  entries.erase(std::remove_if(entries.begin(), entries.end(),
                               [](const ManagedEntry& e) { return e.fields.empty(); }),
                entries.end());
}

ManagedEntry* find_entry(std::vector<ManagedEntry>& entries, const std::string& identifier) {
  for (ManagedEntry& entry : entries) {
    if (entry.identifier() == identifier) return &entry;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> reset_fields_for(bool has_status_subresource,
                                          std::string_view subresource) {
  if (subresource == "status") return {"spec"};
  if (has_status_subresource && subresource.empty()) return {"status"};
  return {};
}

json fields_v1_of(const json& object, const Schema* schema) {
  FieldComparison created =
      compare_objects(json::object(), without_managed_fields(object), FieldShape::root(schema));
  FieldSet extra;
  extra.insert({"f:metadata", "f:deletionTimestamp"});
  extra.insert({"f:metadata", "f:deletionGracePeriodSeconds"});
  return created.added.difference(server_fields()).difference(extra).to_fields_v1();
}

void record_update(const json* old_object, json& new_object, const FieldManager& who,
                   const Schema* schema) {
  // A client may send managedFields to replace them (not on subresources); an empty or
  // undecodable list means "keep the stored ones", so clients that drop them lose nothing.
  std::vector<ManagedEntry> entries;
  bool from_request = false;
  if (who.subresource.empty() && new_object.is_object() && new_object.contains("metadata") &&
      new_object["metadata"].is_object() && new_object["metadata"].contains("managedFields")) {
    auto decoded = decode_managed_fields(new_object["metadata"]["managedFields"]);
    if (decoded && !decoded->empty()) {
      entries = std::move(*decoded);
      from_request = true;
    }
  }
  if (!from_request) entries = entries_of(old_object);

  json before = old_object ? without_managed_fields(*old_object) : json::object();
  json after = without_managed_fields(new_object);
  FieldComparison diff = compare_objects(before, after, FieldShape::root(schema));
  FieldSet ignored = reset_set(who);
  FieldSet touched = diff.modified.union_with(diff.added).recursive_difference(ignored);
  FieldSet removed = diff.removed.recursive_difference(ignored);

  // Everyone loses what this write changed or removed (an update always "forces")...
  for (ManagedEntry& entry : entries) {
    entry.fields = entry.fields.difference(touched).difference(removed);
  }
  drop_empty(entries);
  // ...and the writer gains what it changed; its time moves only when it gained something.
  FieldSet gained = touched.difference(server_fields());
  if (!gained.empty()) {
    ManagedEntry mine{who.manager, "Update", who.api_version, who.subresource, who.time, {}};
    if (ManagedEntry* existing = find_entry(entries, mine.identifier())) {
      existing->fields = existing->fields.union_with(gained);
      existing->time = who.time;
    } else {
      mine.fields = gained;
      entries.push_back(std::move(mine));
    }
  }
  store_entries(new_object, entries);
}

ApplyResult server_side_apply(const json* live, const json& applied, const FieldManager& who,
                              bool force, const Schema* schema) {
  FieldShape shape = FieldShape::root(schema);
  std::vector<ManagedEntry> entries = entries_of(live);
  json live_object = live ? without_managed_fields(*live) : json::object();
  json config = without_managed_fields(applied);
  FieldSet ignored = reset_set(who);

  // Reset fields never reach storage (the strategy restores them), so they are not merged.
  json effective = config;
  for (const std::string& field : who.reset_fields) {
    if (effective.is_object()) effective.erase(field);
  }
  json merged = merge_objects(live_object, effective, shape);

  ManagedEntry applier{who.manager, "Apply", who.api_version, who.subresource, std::nullopt, {}};
  const std::string applier_id = applier.identifier();
  FieldSet applied_set = applied_field_set(config, shape).recursive_difference(ignored);
  FieldSet last_set;
  if (ManagedEntry* last = find_entry(entries, applier_id)) {
    last_set = last->fields;
    applier.time = last->time;
  }

  // Prune: what this manager applied before and dropped now goes, unless someone else owns it.
  last_set.for_each([&](const FieldPath& path) {
    if (applied_set.has_prefix(path)) return;
    for (const ManagedEntry& entry : entries) {
      if (entry.identifier() != applier_id && entry.fields.has_prefix(path)) return;
    }
    remove_field(merged, path);
  });

  FieldComparison diff = compare_objects(live_object, merged, shape);
  FieldSet touched = diff.modified.union_with(diff.added).recursive_difference(ignored);
  FieldSet removed = diff.removed.recursive_difference(ignored);

  ApplyResult result;
  for (const ManagedEntry& entry : entries) {
    if (entry.identifier() == applier_id) continue;
    FieldSet conflicting = entry.fields.intersection(touched);
    std::string owner = describe_manager(entry);
    conflicting.for_each([&](const FieldPath& path) {
      result.conflicts.push_back({entry.manager, path_to_string(path), "conflict with " + owner});
    });
  }
  std::stable_sort(
      result.conflicts.begin(), result.conflicts.end(),
      [](const ApplyConflict& a, const ApplyConflict& b) { return a.message < b.message; });
  if (!force && !result.conflicts.empty()) return result;
  result.conflicts.clear();

  for (ManagedEntry& entry : entries) {
    if (entry.identifier() == applier_id) continue;
    entry.fields = entry.fields.difference(touched).difference(removed);
  }
  entries.erase(std::remove_if(entries.begin(), entries.end(),
                               [&](const ManagedEntry& e) { return e.identifier() == applier_id; }),
                entries.end());
  applier.fields = applied_set.difference(server_fields());
  bool object_changed = merged != live_object;
  if (object_changed) applier.time = who.time;
  entries.push_back(std::move(applier));
  drop_empty(entries);

  result.object = object_changed ? std::move(merged) : std::move(live_object);
  store_entries(result.object, entries);
  result.changed = live == nullptr || result.object != *live;
  return result;
}

std::string apply_conflict_message(const std::vector<ApplyConflict>& conflicts) {
  if (conflicts.size() == 1) {
    return "Apply failed with 1 conflict: " + conflicts[0].message + ": " + conflicts[0].field;
  }
  // Grouped by owner in sorted order, as getConflictMessage does.
  std::map<std::string, std::vector<std::string>> by_owner;
  for (const ApplyConflict& c : conflicts) {
    by_owner[c.message.substr(std::string("conflict with ").size())].push_back(c.field);
  }
  std::string out = "Apply failed with " + std::to_string(conflicts.size()) + " conflicts: ";
  bool first = true;
  for (const auto& [owner, fields] : by_owner) {
    out += (first ? "" : "\n") + std::string("conflicts with ") + owner + ":";
    first = false;
    for (const std::string& field : fields) out += "\n- " + field;
  }
  return out;
}

}  // namespace kraft::testing
