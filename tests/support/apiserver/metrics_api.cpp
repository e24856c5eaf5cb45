#include "metrics_api.h"

#include "fields/selectors.h"
#include "pod_resources.h"
#include "registry_impl.h"
#include "status.h"

namespace kraft::testing {

namespace {

const char* const kUsageCpu = "kraft.test/usage-cpu";
const char* const kUsageMemory = "kraft.test/usage-memory";
/// metrics-server's default resolution: the window between two kubelet scrapes.
const char* const kWindow = "15s";

/// What an idle container uses, and what a node's system daemons use besides its pods.
Quantity idle_cpu() { return *Quantity::parse("1m"); }
Quantity idle_memory() { return *Quantity::parse("8Mi"); }
Quantity system_cpu() { return *Quantity::parse("100m"); }
Quantity system_memory() { return *Quantity::parse("512Mi"); }

/// As metrics-server prints them: CPU from nanocores, memory in whole bytes, BinarySI.
Quantity as_cpu(const Quantity& q) { return q.with_format(Quantity::Format::kDecimalSI); }
Quantity as_memory(const Quantity& q) {
  return q.truncated().with_format(Quantity::Format::kBinarySI);
}

std::optional<Quantity> annotated(const json& object, const std::string& key) {
  const json annotations =
      object.value("metadata", json::object()).value("annotations", json::object());
  auto it = annotations.find(key);
  if (it == annotations.end() || !it->is_string()) return std::nullopt;
  return Quantity::parse(it->get<std::string>());
}

bool is_running(const json& pod) {
  return pod.value("status", json::object()).value("phase", "") == "Running";
}

json metrics_meta(const json& object, const std::string& now) {
  const json& meta = object["metadata"];
  json out = {{"name", meta["name"]}};
  if (meta.contains("namespace")) out["namespace"] = meta["namespace"];
  out["creationTimestamp"] = now;
  if (meta.contains("labels") && !meta["labels"].empty()) out["labels"] = meta["labels"];
  return out;
}

json pod_metrics(const json& pod, const std::string& now) {
  json containers = json::array();
  for (const auto& c : pod_containers(pod)) {
    auto [cpu, memory] = container_usage(pod, c);
    containers.push_back(
        {{"name", c.value("name", "")}, {"usage", {{"cpu", cpu.str()}, {"memory", memory.str()}}}});
  }
  return {{"metadata", metrics_meta(pod, now)},
          {"timestamp", now},
          {"window", kWindow},
          {"containers", containers}};
}

json node_metrics(const ObjectStore& store, const json& node, const std::string& now) {
  Quantity cpu = system_cpu();
  Quantity memory = system_memory();
  const std::string name = node["metadata"].value("name", "");
  for (const json* pod : store.list("pods", "")) {
    if (!is_running(*pod) || (*pod).value("spec", json::object()).value("nodeName", "") != name)
      continue;
    for (const auto& c : pod_containers(*pod)) {
      auto [c_cpu, c_memory] = container_usage(*pod, c);
      cpu += c_cpu;
      memory += c_memory;
    }
  }
  cpu = annotated(node, kUsageCpu).value_or(cpu);
  memory = annotated(node, kUsageMemory).value_or(memory);
  return {{"metadata", metrics_meta(node, now)},
          {"timestamp", now},
          {"window", kWindow},
          {"usage", {{"cpu", as_cpu(cpu).str()}, {"memory", as_memory(memory).str()}}}};
}

ApiResponse metrics_list(const std::string& kind, json items) {
  return ApiResponse::json(200, {{"kind", kind + "List"},
                                 {"apiVersion", std::string(kMetricsGroup) + "/v1beta1"},
                                 {"metadata", json::object()},
                                 {"items", std::move(items)}});
}

ApiResponse metrics_object(const std::string& kind, json object) {
  json out = {{"kind", kind}, {"apiVersion", std::string(kMetricsGroup) + "/v1beta1"}};
  out.update(object);
  return ApiResponse::json(200, out);
}

}  // namespace

std::pair<Quantity, Quantity> container_usage(const json& pod, const json& container) {
  const std::string name = container.value("name", "");
  auto usage = [&](const char* key, const std::string& resource, const Quantity& idle) -> Quantity {
    if (auto q = annotated(pod, std::string(key) + "." + name)) return *q;
    if (auto q = annotated(pod, key)) return *q;
    for (const char* section : {"requests", "limits"}) {
      const ResourceList list = container_resources(container, section);
      if (auto it = list.find(resource); it != list.end()) return it->second.divided(2);
    }
    return idle;
  };
  return {as_cpu(usage(kUsageCpu, "cpu", idle_cpu())),
          as_memory(usage(kUsageMemory, "memory", idle_memory()))};
}

ApiResponse serve_metrics(const ObjectStore& store, const ApiRequest& request,
                          const ResourceRequest& target, const std::string& now) {
  const bool pods = target.type->plural == "pods";
  const std::string kind = target.type->kind;
  if (target.verb == "get") {
    // metrics-server looks the object up in its informer first: a pod that is not Running
    // is unknown to it, and so answers as the pod lister does.
    const json* object =
        pods ? store.get("pods", target.ns, target.name) : store.get("nodes", "", target.name);
    if (object == nullptr || (pods && !is_running(*object))) {
      return not_found(ResourceName{pods ? "pods" : "nodes", ""}, target.name);
    }
    return metrics_object(kind,
                          pods ? pod_metrics(*object, now) : node_metrics(store, *object, now));
  }
  LabelSelector labels;
  FieldSelector fields;
  if (auto error = parse_selectors(request, *target.type, labels, fields)) return *error;
  json items = json::array();
  for (const json* object : store.list(pods ? "pods" : "nodes", pods ? target.ns : "")) {
    if (pods && !is_running(*object)) continue;
    if (!labels.matches((*object)["metadata"].value("labels", json())) ||
        !fields.matches(*object)) {
      continue;
    }
    items.push_back(pods ? pod_metrics(*object, now) : node_metrics(store, *object, now));
  }
  return metrics_list(kind, std::move(items));
}

}  // namespace kraft::testing
