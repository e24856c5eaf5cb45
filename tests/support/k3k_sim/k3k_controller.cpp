// What K3k's cluster controller does (pkg/controller/cluster in github.com/rancher/k3k), in
// the order it does it: a new Cluster first gets phase Provisioning, then its finalizer, then
// a reconcile that checks the namespace's policy (Pending on a mode it does not allow),
// creates the host objects and fills in the status; Ready follows once the server is up.
#include "k3k_controller.h"

#include <iostream>
#include <random>
#include <set>

#include "k3k_names.h"
#include "k3k_objects.h"
#include "k3k_policy.h"
#include "k3k_workloads.h"
#include "quantity.h"
#include "text_codec.h"

namespace kraft::testing {

using nlohmann::json;

namespace {

const char* const kFinalizer = "cluster.k3k.io/finalizer";
const char* const kClusters = "clusters.k3k.io";

std::string random_token() {
  std::random_device rd;
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) out += kHex[rd() % 16];
  return out;
}

std::string policy_label(const json& ns_object) {
  return ns_object["metadata"].value("labels", json::object()).value(kPolicyNameLabel, "");
}

/// k3s puts CoreDNS at .10 of the service range.
std::string cluster_dns(const std::string& service_cidr) {
  const auto slash = service_cidr.find('/');
  std::string base = service_cidr.substr(0, slash);
  const auto dot = base.rfind('.');
  return base.substr(0, dot) + ".10";
}

/// status.tlsSANs: what K3k has k3s put in its certificate (the spec's names, the Service's
/// ClusterIP and its two DNS names; K3k's buildServerConfig).
json tls_sans(const json& cluster, const std::string& service_ip) {
  const std::string name = cluster["metadata"]["name"];
  const std::string ns = cluster["metadata"]["namespace"];
  json sans = cluster.value("spec", json::object()).value("tlsSANs", json::array());
  for (const auto& extra :
       {service_ip, k3k_name(name, {"service"}), k3k_name(name, {"service"}) + "." + ns}) {
    if (!extra.empty()) sans.push_back(extra);
  }
  return sans;
}

/// List items may come without apiVersion and kind, so pods are addressed by name.
std::string pod_path(const std::string& ns, const json& pod) {
  return "/api/v1/namespaces/" + ns + "/pods/" + pod["metadata"]["name"].get<std::string>();
}

}  // namespace

K3kController::K3kController(Registry& registry, K3kSimulatorOptions options)
    : registry_(registry), options_(std::move(options)) {}

void K3kController::detach() {
  std::lock_guard lock(mu_);
  detached_ = true;
  for (auto& [key, state] : clusters_) state.live.reset();
}

void K3kController::set_fail_times(const std::string& ns, const std::string& name, int times) {
  std::lock_guard lock(mu_);
  auto it = clusters_.find({ns, name});
  if (it != clusters_.end()) {
    it->second.fails_left = times;
  } else {
    fail_plan_[{ns, name}] = times;
  }
}

std::optional<VirtualClusterPki> K3kController::pki(const std::string& ns,
                                                    const std::string& name) {
  std::lock_guard lock(mu_);
  auto it = clusters_.find({ns, name});
  if (it == clusters_.end()) return std::nullopt;
  return it->second.pki;
}

std::optional<int> K3kController::live_port(const std::string& ns, const std::string& name) {
  std::lock_guard lock(mu_);
  auto it = clusters_.find({ns, name});
  if (it == clusters_.end() || !it->second.live) return std::nullopt;
  return it->second.live->port;
}

void K3kController::on_event(const StoredEvent& event) {
  std::lock_guard lock(mu_);
  if (detached_) return;
  if (event.type_id == kClusters) on_cluster(event);
  if (event.type_id == "namespaces" && event.type != "DELETED") on_namespace(event);
  if (event.type_id == "virtualclusterpolicies.k3k.io") on_policy(event);
}

void K3kController::on_cluster(const StoredEvent& event) {
  const json& meta = event.object["metadata"];
  const Key key{event.ns, meta["name"].get<std::string>()};
  if (event.type == "DELETED") {
    clusters_.erase(key);
    return;
  }
  auto it = clusters_.find(key);
  if (meta.contains("deletionTimestamp")) {
    ClusterState& state = clusters_[key];
    if (state.deleting) return;
    state.deleting = true;
    ++state.epoch;
    const std::string uid = meta.value("uid", "");
    later(options_.delete_delay, [key, uid](K3kController& c) { c.finalize(key, uid); });
    return;
  }
  if (it == clusters_.end() || it->second.uid != meta.value("uid", "")) {
    start(key, event.object);
    return;
  }
  // Status and metadata writes keep the generation; only a spec change needs a reconcile.
  if (meta.value("generation", int64_t{0}) != it->second.generation) reconcile(key);
}

void K3kController::on_namespace(const StoredEvent& event) {
  // K3k's policy controller reconciles a namespace created with a policy label or whose label
  // changed; the cluster controller re-reconciles its clusters on a change.
  const std::string label = policy_label(event.object);
  const bool created = event.prev.is_null();
  if (created ? label.empty() : policy_label(event.prev) == label) return;
  const std::string ns = event.object["metadata"]["name"];
  reconcile_policy_namespace(registry_, ns);
  if (created) return;
  std::vector<Key> keys;
  for (const auto& [key, state] : clusters_) {
    if (key.first == ns && !state.deleting) keys.push_back(key);
  }
  for (const auto& key : keys) reconcile(key);
}

void K3kController::on_policy(const StoredEvent& event) {
  if (event.type == "DELETED") return;  // the garbage collector takes its quota and limits
  const std::string policy = event.object["metadata"]["name"];
  reconcile_policy(registry_, policy);
  std::vector<Key> keys;
  for (const auto& [key, state] : clusters_) {
    if (state.policy == policy && !state.deleting) keys.push_back(key);
  }
  for (const auto& key : keys) reconcile(key);
}

void K3kController::start(const Key& key, const json& object) {
  ClusterState fresh;
  fresh.uid = object["metadata"].value("uid", "");
  auto plan = fail_plan_.find(key);
  if (plan != fail_plan_.end()) {
    fresh.fails_left = plan->second;
    fail_plan_.erase(plan);
  }
  clusters_[key] = std::move(fresh);
  set_phase(key, "Provisioning", "False", "Provisioning", "Cluster is being provisioned");
  if (auto c = cluster(key)) {
    json finalizers = (*c)["metadata"].value("finalizers", json::array());
    bool present = false;
    for (const auto& f : finalizers) present |= f == kFinalizer;
    if (!present) {
      finalizers.push_back(kFinalizer);
      registry_.call("PATCH", object_path(*c),
                     json{{"metadata", {{"finalizers", finalizers}}}}.dump(),
                     "application/merge-patch+json", "k3k");
    }
  }
  reconcile(key);
}

void K3kController::reconcile(const Key& key) {
  auto c = cluster(key);
  if (!c || (*c)["metadata"].contains("deletionTimestamp")) return;
  ClusterState& state = clusters_[key];
  ++state.epoch;
  state.generation = (*c)["metadata"].value("generation", int64_t{0});

  auto ns_object = registry_.get("namespaces", "", key.first);
  state.policy = ns_object ? policy_label(*ns_object) : "";
  const json policy_name = state.policy.empty() ? json(nullptr) : json(state.policy);
  if (!state.policy.empty()) {
    auto policy = registry_.get("virtualclusterpolicies.k3k.io", "", state.policy);
    if (!policy) {
      set_phase(key, "Failed", "False", "ProvisioningFailed",
                "virtualclusterpolicies.k3k.io \"" + state.policy + "\" not found",
                {{"policyName", policy_name}});
      return;
    }
    const std::string allowed =
        (*policy).value("spec", json::object()).value("allowedMode", std::string("shared"));
    const std::string mode = cluster_mode(*c);
    if (allowed != mode) {
      // K3k's wording (ErrClusterValidation wrapped in validate()).
      set_phase(key, "Pending", "False", "ValidationFailed",
                "cluster validation error: mode \"" + mode + "\" is not allowed by the policy \"" +
                    state.policy + "\"",
                {{"policyName", policy_name}});
      return;
    }
  }
  provision(key, *c, state);
}

void K3kController::provision(const Key& key, const json& c, ClusterState& state) {
  const std::string name = key.second;
  const json spec = c.value("spec", json::object());
  const bool virtual_mode = cluster_mode(c) == "virtual";

  if (!state.pki) state.pki = VirtualClusterPki::generate();
  const json service = apply_service(key, c, state);
  const std::string service_ip = service.value("spec", json::object()).value("clusterIP", "");
  apply(headless_service(c));

  const json sts = apply(server_statefulset(c));
  std::vector<json> wanted;
  const int servers = cluster_servers(c);
  for (int i = 0; i < servers; ++i) wanted.push_back(server_pod(c, sts, i));
  if (auto workload = agent_workload(c)) {
    const json live = apply(*workload);
    if (!live.is_null()) {
      for (auto& p : agent_pods(c, live)) wanted.push_back(std::move(p));
    }
  }
  sync_pods(c, wanted);
  if (has_dynamic_persistence(c)) {
    for (int i = 0; i < servers; ++i) {
      json pvc = server_pvc(c, i);
      if (!registry_.get("persistentvolumeclaims", key.first, pvc["metadata"]["name"])) {
        apply(pvc);
      }
    }
  }

  if (auto ingress = server_ingress(c)) {
    apply(*ingress);
  } else {
    registry_.call("DELETE", "/apis/networking.k8s.io/v1/namespaces/" + key.first + "/ingresses/" +
                                 k3k_name(name, {"ingress"}));
  }

  if (state.token.empty()) state.token = random_token();
  apply(cluster_secret(c, k3k_name(name, {"token"}), "token", state.token));
  apply(cluster_secret(c, k3k_name(name, {"bootstrap"}), "bootstrap",
                       bootstrap_json(*state.pki, rfc3339_now())));
  apply(cluster_secret(c, k3k_name(name, {"kubeconfig"}), "kubeconfig.yaml",
                       admin_kubeconfig_yaml(*state.pki, "https://" + service_ip + ":443")));

  int ready = 0;
  for (int i = 0; i < servers; ++i) {
    auto pod =
        registry_.get("pods", key.first, k3k_name(name, {"server"}) + "-" + std::to_string(i));
    if (pod && (*pod)["status"].value("phase", "") == "Running") ++ready;
  }
  patch_status(sts, {{"replicas", servers},
                     {"readyReplicas", ready},
                     {"observedGeneration", sts["metadata"].value("generation", 1)}});

  const std::string service_cidr =
      spec.value("serviceCIDR", std::string(virtual_mode ? "10.53.0.0/16" : "10.43.0.0/16"));
  const json sans = tls_sans(c, service_ip);
  set_phase(key, "Provisioning", "False", "Provisioning", "Cluster is being provisioned",
            {{"hostVersion", options_.host_version},
             {"clusterCIDR", spec.value("clusterCIDR", std::string(virtual_mode ? "10.52.0.0/16"
                                                                                : "10.42.0.0/16"))},
             {"serviceCIDR", service_cidr},
             {"clusterDNS", spec.value("clusterDNS", cluster_dns(service_cidr))},
             {"tlsSANs", sans},
             {"policyName", state.policy.empty() ? json(nullptr) : json(state.policy)}});
  const int epoch = state.epoch;
  later(options_.provision_delay, [key, epoch](K3kController& k) { k.finish(key, epoch); });
}

json K3kController::apply_service(const Key& key, const json& c, ClusterState& state) {
  const std::optional<int> live_port =
      state.live ? std::optional<int>(state.live->port) : std::nullopt;
  json service = apply(server_service(c, live_port));
  if (service.is_null()) return service;
  const json spec = service.value("spec", json::object());
  const std::string type = spec.value("type", "");
  const bool exposed = type == "NodePort" || type == "LoadBalancer";
  if (options_.live_clusters && exposed) {
    serve_live(key, state,
               tls_sans(c, spec.value("clusterIP", "")).get<std::vector<std::string>>());
    if (state.live && state.live->port != live_port) {
      service = apply(server_service(c, state.live->port));
      if (service.is_null()) return service;
    }
  } else {
    state.live.reset();  // no longer exposed: nothing outside the host reaches it
  }
  if (type == "LoadBalancer" && options_.load_balancer_delay.count() >= 0) {
    const std::string ip = state.live ? "127.0.0.1" : options_.load_balancer_ip;
    const json lb_status = {{"loadBalancer", {{"ingress", {{{"ip", ip}}}}}}};
    if (options_.load_balancer_delay.count() == 0) {
      patch_status(service, lb_status);
    } else {
      later(options_.load_balancer_delay, [key, lb_status](K3kController& k) {
        if (auto svc = k.registry_.get("services", key.first, k3k_name(key.second, {"service"}))) {
          k.patch_status(*svc, lb_status);
        }
      });
    }
  }
  return service;
}

void K3kController::serve_live(const Key& key, ClusterState& state,
                               const std::vector<std::string>& sans) {
  auto c = cluster(key);
  if (!c) return;
  // A NodePort the spec names is where k3s must answer; otherwise keep the port it has.
  const json node_port = c->value("spec", json::object())
                             .value("expose", json::object())
                             .value("nodePort", json::object());
  int port = state.live ? state.live->port : 0;
  if (node_port.contains("serverPort")) port = node_port["serverPort"].get<int>();
  if (state.live && state.live->port == port && state.live->sans == sans) return;
  state.live.reset();  // K3k restarts k3s with the new names: frees the port first
  try {
    state.live = std::make_shared<LiveCluster>(start_live_cluster(*state.pki, sans, port));
  } catch (const std::exception& e) {
    std::cerr << "k3k-sim: cannot serve cluster " << key.first << "/" << key.second << ": "
              << e.what() << "\n";
  }
}

void K3kController::sync_pods(const json& c, const std::vector<json>& wanted) {
  const std::string ns = c["metadata"]["namespace"];
  std::set<std::string> names;
  for (const auto& p : wanted) {
    names.insert(p["metadata"]["name"].get<std::string>());
    if (!registry_.get("pods", ns, p["metadata"]["name"])) apply(p);
  }
  // Scaling down: the StatefulSet (or Deployment) controller removes pods past the count.
  const std::string name = c["metadata"]["name"];
  ApiResponse r =
      registry_.call("GET", "/api/v1/namespaces/" + ns + "/pods?labelSelector=cluster=" + name);
  if (r.status != 200) return;
  const json list = json::parse(r.body);
  for (const auto& p : list["items"]) {
    const json labels = p["metadata"].value("labels", json::object());
    const bool ours = labels.value("role", "") == "server" || labels.value("type", "") == "agent";
    if (ours && !names.count(p["metadata"]["name"].get<std::string>())) {
      registry_.call("DELETE", pod_path(ns, p));
    }
  }
}

void K3kController::finish(const Key& key, int epoch) {
  auto it = clusters_.find(key);
  if (it == clusters_.end() || it->second.epoch != epoch || it->second.deleting) return;
  auto c = cluster(key);
  if (!c || (*c)["metadata"].contains("deletionTimestamp")) return;
  if (it->second.fails_left > 0) {
    // What K3k reports while the server pod crash-loops on start; then it tries again.
    --it->second.fails_left;
    set_phase(key, "Failed", "False", "ProvisioningFailed",
              "server pod " + k3k_name(key.second, {"server"}) + "-0 is not ready");
    later(options_.provision_delay, [key, epoch](K3kController& k) { k.reprovision(key, epoch); });
    return;
  }
  become_ready(key, *c);
}

void K3kController::reprovision(const Key& key, int epoch) {
  auto it = clusters_.find(key);
  if (it == clusters_.end() || it->second.epoch != epoch || it->second.deleting) return;
  set_phase(key, "Provisioning", "False", "Provisioning", "Cluster is being provisioned");
  later(options_.provision_delay, [key, epoch](K3kController& k) { k.finish(key, epoch); });
}

void K3kController::become_ready(const Key& key, const json& c) {
  const std::string ns = key.first;
  ApiResponse r = registry_.call(
      "GET", "/api/v1/namespaces/" + ns + "/pods?labelSelector=cluster=" + key.second);
  if (r.status == 200) {
    int n = 0;
    const json list = json::parse(r.body);
    for (const auto& p : list["items"]) {
      json conditions = json::array({{{"type", "Ready"}, {"status", "True"}}});
      registry_.call("PATCH", pod_path(ns, p) + "/status",
                     json{{"status",
                           {{"phase", "Running"},
                            {"podIP", "10.42.0." + std::to_string(10 + n++)},
                            {"conditions", conditions}}}}
                         .dump(),
                     "application/merge-patch+json", "k3k");
    }
  }
  const int servers = cluster_servers(c);
  if (auto sts = registry_.get("statefulsets.apps", ns, k3k_name(key.second, {"server"}))) {
    patch_status(*sts, {{"replicas", servers},
                        {"readyReplicas", servers},
                        {"currentReplicas", servers},
                        {"availableReplicas", servers},
                        {"observedGeneration", (*sts)["metadata"].value("generation", 1)}});
  }
  if (auto ds = registry_.get("daemonsets.apps", ns, k3k_name(key.second, {"kubelet"}))) {
    patch_status(*ds, {{"desiredNumberScheduled", 1},
                       {"currentNumberScheduled", 1},
                       {"numberReady", 1},
                       {"numberAvailable", 1}});
  }
  if (auto dep = registry_.get("deployments.apps", ns, k3k_name(key.second, {"agent"}))) {
    const int agents = cluster_agents(c);
    patch_status(*dep,
                 {{"replicas", agents}, {"readyReplicas", agents}, {"availableReplicas", agents}});
  }
  set_phase(key, "Ready", "True", "Provisioned", "Cluster successfully provisioned");
  if (options_.workloads_per_cluster > 0) start_workloads(key, c);
}

void K3kController::start_workloads(const Key& key, const json& c) {
  const int n = options_.workloads_per_cluster;
  if (cluster_mode(c) == "shared") {
    for (int i = 0; i < n; ++i) {
      const WorkloadPod pod = default_workload_pod(i);
      if (registry_.get("pods", key.first, workload_host_pod(c, pod)["metadata"]["name"])) continue;
      try {
        create_workload_pod(registry_, c, pod);
      } catch (const std::exception& e) {
        std::cerr << "k3k-sim: " << e.what() << "\n";
      }
    }
    return;
  }
  // Virtual mode: the workloads run inside the agent pods, which use what they would.
  const int agents = cluster_agents(c);
  if (agents == 0) return;
  const WorkloadPod sample = default_workload_pod(0);
  Quantity cpu;
  Quantity memory;
  for (int i = 0; i < n; ++i) {
    cpu += Quantity::parse(sample.cpu_request)->divided(2);
    memory += Quantity::parse(sample.memory_request)->divided(2);
  }
  const json usage = {
      {"metadata",
       {{"annotations",
         {{"kraft.test/usage-cpu", cpu.divided(agents).str()},
          {"kraft.test/usage-memory",
           memory.divided(agents).truncated().with_format(Quantity::Format::kBinarySI).str()}}}}}};
  ApiResponse r = registry_.call("GET", "/api/v1/namespaces/" + key.first +
                                            "/pods?labelSelector=type=agent,cluster=" + key.second);
  if (r.status != 200) return;
  const json list = json::parse(r.body);
  for (const auto& p : list["items"]) {
    registry_.call("PATCH", pod_path(key.first, p), usage.dump(), "application/merge-patch+json",
                   "k3k");
  }
}

void K3kController::finalize(const Key& key, const std::string& uid) {
  auto c = cluster(key);
  if (!c || (*c)["metadata"].value("uid", "") != uid) return;
  // The server pods are gone before K3k lets the Cluster go: stop serving first, so whoever
  // sees the Cluster deleted finds nothing answering.
  if (auto it = clusters_.find(key); it != clusters_.end()) it->second.live.reset();
  // Its virtual kubelet's pods go with it (they have no owner the garbage collector knows).
  registry_.call("DELETE", "/api/v1/namespaces/" + key.first +
                               "/pods?labelSelector=k3k.io/clusterName=" + key.second);
  json kept = json::array();
  for (const auto& f : (*c)["metadata"].value("finalizers", json::array())) {
    if (f != kFinalizer) kept.push_back(f);
  }
  registry_.call("PATCH", object_path(*c), json{{"metadata", {{"finalizers", kept}}}}.dump(),
                 "application/merge-patch+json", "k3k");
}

void K3kController::later(std::chrono::milliseconds delay,
                          std::function<void(K3kController&)> task) {
  registry_.schedule(delay, [self = shared_from_this(), task = std::move(task)] {
    std::lock_guard lock(self->mu_);
    if (!self->detached_) task(*self);
  });
}

std::optional<json> K3kController::cluster(const Key& key) {
  return registry_.get(kClusters, key.first, key.second);
}

json K3kController::apply(const json& object) {
  ApiResponse r = registry_.call("PATCH", object_path(object) + "?fieldManager=k3k&force=true",
                                 object.dump(), "application/apply-patch+yaml", "k3k");
  if (r.status >= 300) {
    // Usually the namespace is terminating: nothing to do, as for the real controller.
    std::cerr << "k3k-sim: apply " << object_path(object) << ": " << r.status << " " << r.body
              << "\n";
    return nullptr;
  }
  return json::parse(r.body);
}

void K3kController::patch_status(const json& object, const json& status) {
  if (object.is_null()) return;
  registry_.call("PATCH", object_path(object) + "/status", json{{"status", status}}.dump(),
                 "application/merge-patch+json", "k3k");
}

void K3kController::set_phase(const Key& key, const std::string& phase,
                              const std::string& condition_status, const std::string& reason,
                              const std::string& message, json extra) {
  auto c = cluster(key);
  if (!c) return;
  json condition = {{"type", "Ready"},
                    {"status", condition_status},
                    {"reason", reason},
                    {"message", message},
                    {"lastTransitionTime", rfc3339_now()},
                    {"observedGeneration", (*c)["metadata"].value("generation", 1)}};
  extra["phase"] = phase;
  extra["conditions"] = json::array({condition});
  patch_status(*c, extra);
}

}  // namespace kraft::testing
