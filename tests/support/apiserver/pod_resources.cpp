#include "pod_resources.h"

#include <set>

namespace kraft::testing {

using nlohmann::json;

namespace {

const json& pod_spec(const json& pod) {
  static const json empty = json::object();
  auto it = pod.find("spec");
  return it != pod.end() && it->is_object() ? *it : empty;
}

/// addResourceList: a missing entry is copied, a present one added to.
void add_resources(ResourceList& into, const ResourceList& more) {
  for (const auto& [name, q] : more) {
    auto it = into.find(name);
    if (it == into.end()) {
      into.emplace(name, q);
    } else {
      it->second += q;
    }
  }
}

/// maxResourceList: each entry becomes the larger of the two.
void max_resources(ResourceList& into, const ResourceList& more) {
  for (const auto& [name, q] : more) {
    auto it = into.find(name);
    if (it == into.end()) {
      into.emplace(name, q);
    } else if (q > it->second) {
      it->second = q;
    }
  }
}

ResourceList resource_list(const json& object) {
  ResourceList out;
  if (!object.is_object()) return out;
  for (const auto& [name, value] : object.items()) {
    if (!value.is_string()) continue;
    if (auto q = Quantity::parse(value.get<std::string>())) out.emplace(name, *q);
  }
  return out;
}

ResourceList pod_totals(const json& pod, const std::string& section) {
  ResourceList total;
  for (const auto& c : pod_containers(pod)) {
    add_resources(total, container_resources(c, section));
  }
  for (const auto& c : pod_containers(pod, true)) {
    max_resources(total, container_resources(c, section));
  }
  return total;
}

}  // namespace

json pod_containers(const json& pod, bool init) {
  const json& spec = pod_spec(pod);
  auto it = spec.find(init ? "initContainers" : "containers");
  json out = json::array();
  if (it == spec.end() || !it->is_array()) return out;
  for (const auto& c : *it) {
    if (c.is_object()) out.push_back(c);
  }
  return out;
}

ResourceList container_resources(const json& container, const std::string& section) {
  auto resources = container.find("resources");
  if (resources == container.end() || !resources->is_object()) return {};
  auto list = resources->find(section);
  return list == resources->end() ? ResourceList{} : resource_list(*list);
}

ResourceList pod_requests(const json& pod) {
  ResourceList requests = pod_totals(pod, "requests");
  add_resources(requests, resource_list(pod_spec(pod).value("overhead", json::object())));
  return requests;
}

ResourceList pod_limits(const json& pod) {
  ResourceList limits = pod_totals(pod, "limits");
  for (const auto& [name, q] : resource_list(pod_spec(pod).value("overhead", json::object()))) {
    if (auto it = limits.find(name); it != limits.end()) it->second += q;
  }
  return limits;
}

bool pod_is_terminal(const json& pod) {
  auto status = pod.find("status");
  if (status == pod.end() || !status->is_object()) return false;
  const std::string phase = status->value("phase", "");
  return phase == "Succeeded" || phase == "Failed";
}

void default_requests_from_limits(json& pod) {
  if (!pod.contains("spec") || !pod["spec"].is_object()) return;
  for (const char* field : {"containers", "initContainers"}) {
    auto list = pod["spec"].find(field);
    if (list == pod["spec"].end() || !list->is_array()) continue;
    for (auto& c : *list) {
      if (!c.is_object() || !c.contains("resources") || !c["resources"].is_object()) continue;
      json& resources = c["resources"];
      if (!resources.contains("limits") || !resources["limits"].is_object()) continue;
      for (const auto& [name, value] : resources["limits"].items()) {
        if (!resources.contains("requests") || !resources["requests"].is_object()) {
          resources["requests"] = json::object();
        }
        if (!resources["requests"].contains(name)) resources["requests"][name] = value;
      }
    }
  }
}

std::string pod_qos_class(const json& pod) {
  ResourceList requests;
  ResourceList limits;
  bool guaranteed = true;
  json all = pod_containers(pod);
  for (const auto& c : pod_containers(pod, true)) all.push_back(c);
  const Quantity zero;
  for (const auto& c : all) {
    std::set<std::string> limited;
    for (const char* section : {"requests", "limits"}) {
      ResourceList& totals = std::string(section) == "requests" ? requests : limits;
      for (const auto& [name, q] : container_resources(c, section)) {
        if ((name != "cpu" && name != "memory") || !(q > zero)) continue;
        if (totals.count(name) == 0) {
          totals.emplace(name, q);
        } else {
          totals[name] += q;
        }
        if (std::string(section) == "limits") limited.insert(name);
      }
    }
    if (limited.size() != 2) guaranteed = false;
  }
  if (requests.empty() && limits.empty()) return "BestEffort";
  for (const auto& [name, q] : requests) {
    auto it = limits.find(name);
    if (it == limits.end() || !(it->second == q)) guaranteed = false;
  }
  return guaranteed && requests.size() == limits.size() ? "Guaranteed" : "Burstable";
}

}  // namespace kraft::testing
