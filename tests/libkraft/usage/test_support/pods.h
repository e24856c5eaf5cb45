#pragma once
// JSON fixtures for the usage tests: pods, containers, PVCs and quotas as the API server
// returns them, built from the few fields each test cares about.
#include <kraft/k3k/cluster.h>

#include <nlohmann/json.hpp>
#include <string>

namespace kraft::usage::testing {

using nlohmann::json;

/// A container with these requests and limits (objects; {} leaves them out).
inline json container(const std::string& name, json requests = json::object(),
                      json limits = json::object()) {
  json c = {{"name", name}, {"image", "busybox"}};
  if (!requests.empty()) c["resources"]["requests"] = std::move(requests);
  if (!limits.empty()) c["resources"]["limits"] = std::move(limits);
  return c;
}

/// The same container as a sidecar (an init container with restartPolicy Always).
inline json sidecar(json c) {
  c["restartPolicy"] = "Always";
  return c;
}

/// A pod in `ns` with `labels`, `containers` and a phase ("" leaves status out).
inline json pod(const std::string& ns, const std::string& name, json labels, json containers,
                const std::string& phase = "Running", json init_containers = json::array()) {
  json p = {{"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", name}, {"namespace", ns}, {"labels", std::move(labels)}}},
            {"spec", {{"containers", std::move(containers)}}}};
  if (!init_containers.empty()) p["spec"]["initContainers"] = std::move(init_containers);
  if (!phase.empty()) p["status"]["phase"] = phase;
  return p;
}

/// A shared-mode workload pod of cluster `cluster`: the virtual pod VNS/VNAME.
inline json workload_pod(const std::string& ns, const std::string& cluster, const std::string& name,
                         json containers, const std::string& phase = "Running",
                         const std::string& virtual_ns = "default") {
  json p = pod(ns, name, {{"k3k.io/clusterName", cluster}}, std::move(containers), phase);
  p["metadata"]["annotations"] = {{"k3k.io/name", name}, {"k3k.io/namespace", virtual_ns}};
  return p;
}

/// K3k's server pod `index` of `cluster`.
inline json server_pod(const std::string& ns, const std::string& cluster, json containers,
                       int index = 0) {
  return pod(ns, "k3k-" + cluster + "-server-" + std::to_string(index),
             {{"cluster", cluster}, {"role", "server"}}, std::move(containers));
}

/// A PVC requesting `storage`.
inline json claim(const std::string& ns, const std::string& name, json labels,
                  const std::string& storage) {
  return {{"apiVersion", "v1"},
          {"kind", "PersistentVolumeClaim"},
          {"metadata", {{"name", name}, {"namespace", ns}, {"labels", std::move(labels)}}},
          {"spec",
           {{"accessModes", {"ReadWriteOnce"}},
            {"resources", {{"requests", {{"storage", storage}}}}}}}};
}

/// A Cluster as the API server returns it, with status.policyName when `policy` is given.
inline k3k::Cluster cluster(const std::string& ns, const std::string& name,
                            const std::string& policy = "", const std::string& mode = "") {
  json object = {{"apiVersion", "k3k.io/v1beta1"},
                 {"kind", "Cluster"},
                 {"metadata", {{"name", name}, {"namespace", ns}}},
                 {"spec", json::object()}};
  if (!mode.empty()) object["spec"]["mode"] = mode;
  if (!policy.empty()) object["status"] = {{"policyName", policy}};
  return k3k::Cluster::from_json(object);
}

}  // namespace kraft::usage::testing
