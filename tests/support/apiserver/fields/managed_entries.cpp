#include "fields/managed_entries.h"

#include <algorithm>
#include <stdexcept>

namespace kraft::testing {

namespace {

std::string quoted(const std::string& text) { return nlohmann::json(text).dump(); }

}  // namespace

std::string ManagedEntry::identifier() const {
  // Go's json.Marshal of ManagedFieldsEntry: struct order, empty strings omitted.
  std::string out = "{";
  auto add = [&out](const char* key, const std::string& value) {
    if (value.empty()) return;
    if (out.size() > 1) out += ",";
    out += "\"" + std::string(key) + "\":" + quoted(value);
  };
  add("manager", manager);
  add("operation", operation);
  if (operation != "Apply") add("apiVersion", api_version);
  add("subresource", subresource);
  return out + "}";
}

std::optional<std::vector<ManagedEntry>> decode_managed_fields(const nlohmann::json& entries) {
  if (!entries.is_array()) return std::nullopt;
  std::vector<ManagedEntry> out;
  try {
    for (const auto& raw : entries) {
      if (!raw.is_object()) return std::nullopt;
      ManagedEntry entry;
      entry.manager = raw.value("manager", "");
      entry.operation = raw.value("operation", "");
      entry.api_version = raw.value("apiVersion", "");
      entry.subresource = raw.value("subresource", "");
      if (raw.contains("time") && raw["time"].is_string()) entry.time = raw["time"];
      if (raw.value("fieldsType", "") != "FieldsV1") return std::nullopt;
      if (entry.operation != "Apply" && entry.operation != "Update") return std::nullopt;
      entry.fields = FieldSet::from_fields_v1(raw.value("fieldsV1", nlohmann::json::object()));
      std::string id = entry.identifier();
      bool duplicate = std::any_of(out.begin(), out.end(),
                                   [&](const ManagedEntry& e) { return e.identifier() == id; });
      if (duplicate) return std::nullopt;
      out.push_back(std::move(entry));
    }
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return out;
}

nlohmann::json encode_managed_fields(std::vector<ManagedEntry> entries) {
  // RFC 3339 in UTC with seconds sorts as text; an entry without time counts as the epoch.
  std::sort(entries.begin(), entries.end(), [](const ManagedEntry& p, const ManagedEntry& q) {
    if (p.operation != q.operation) return p.operation < q.operation;
    std::string p_time = p.time.value_or("");
    std::string q_time = q.time.value_or("");
    if (p_time.substr(0, 19) != q_time.substr(0, 19)) return p_time < q_time;
    if (p.manager != q.manager) return p.manager < q.manager;
    if (p.subresource != q.subresource) return p.subresource < q.subresource;
    return p.api_version < q.api_version;
  });
  nlohmann::json out = nlohmann::json::array();
  for (const ManagedEntry& entry : entries) {
    nlohmann::json raw = {{"manager", entry.manager},
                          {"operation", entry.operation},
                          {"apiVersion", entry.api_version},
                          {"fieldsType", "FieldsV1"},
                          {"fieldsV1", entry.fields.to_fields_v1()}};
    if (entry.time) raw["time"] = *entry.time;
    if (!entry.subresource.empty()) raw["subresource"] = entry.subresource;
    out.push_back(std::move(raw));
  }
  return out;
}

std::string describe_manager(const ManagedEntry& entry) {
  // apiserver's printManager over the identifier, which never carries a time.
  std::string out = quoted(entry.manager);
  if (!entry.subresource.empty()) out += " with subresource " + quoted(entry.subresource);
  if (entry.operation == "Update") out += " using " + entry.api_version;
  return out;
}

}  // namespace kraft::testing
