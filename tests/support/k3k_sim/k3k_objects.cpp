#include "k3k_objects.h"

#include <cctype>

#include "k3k_names.h"
#include "text_codec.h"

namespace kraft::testing {

using nlohmann::json;

namespace {

std::string name_of(const json& o) { return o["metadata"]["name"].get<std::string>(); }

json spec_of(const json& cluster) { return cluster.value("spec", json::object()); }

json server_labels(const json& cluster) {
  return {{"cluster", name_of(cluster)}, {"role", "server"}};
}

json agent_labels(const json& cluster) {
  return {{"cluster", name_of(cluster)}, {"type", "agent"}, {"mode", cluster_mode(cluster)}};
}

json meta(const json& cluster, const std::string& name, const json& labels) {
  json m = {{"name", name},
            {"namespace", cluster["metadata"]["namespace"]},
            {"ownerReferences", json::array({owner_reference(cluster)})}};
  if (!labels.is_null()) m["labels"] = labels;
  return m;
}

std::string k3s_image(const json& cluster) {
  return "rancher/k3s:" + spec_of(cluster).value("version", std::string("v1.26.4-k3s1"));
}

json pod(const std::string& name, const json& cluster, const json& labels, const json& owner,
         const std::string& container, const json& resources) {
  json c = {{"name", container}, {"image", k3s_image(cluster)}};
  if (resources.is_object() && !resources.empty()) c["resources"] = resources;
  json m = {{"name", name},
            {"namespace", cluster["metadata"]["namespace"]},
            {"labels", labels},
            {"ownerReferences", json::array({owner_reference(owner)})}};
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata", m},
          {"spec", {{"containers", json::array({c})}, {"restartPolicy", "Always"}}}};
}

}  // namespace

std::string cluster_mode(const json& cluster) {
  return spec_of(cluster).value("mode", std::string("shared"));
}
int cluster_servers(const json& cluster) { return spec_of(cluster).value("servers", 1); }
int cluster_agents(const json& cluster) { return spec_of(cluster).value("agents", 0); }

bool has_dynamic_persistence(const json& cluster) {
  const json spec = spec_of(cluster);
  return spec.contains("persistence") &&
         spec["persistence"].value("type", std::string("dynamic")) == "dynamic";
}

std::string object_path(const json& object) {
  const std::string api_version = object["apiVersion"];
  const std::string kind = object["kind"];
  std::string plural = kind == "PodMetrics" ? "pods" : kind;
  if (kind != "PodMetrics") {
    for (auto& ch : plural) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    plural += plural.back() == 's' ? "es" : "s";  // ingress → ingresses, service → services
  }
  const std::string base = api_version == "v1" ? "/api/v1" : "/apis/" + api_version;
  return base + "/namespaces/" + object["metadata"]["namespace"].get<std::string>() + "/" + plural +
         "/" + object["metadata"]["name"].get<std::string>();
}

json owner_reference(const json& owner) {
  return {{"apiVersion", owner["apiVersion"]},
          {"kind", owner["kind"]},
          {"name", owner["metadata"]["name"]},
          {"uid", owner["metadata"]["uid"]},
          {"controller", true},
          {"blockOwnerDeletion", true}};
}

json server_service(const json& cluster, std::optional<int> live_port) {
  const json expose = spec_of(cluster).value("expose", json::object());
  json server_port = {
      {"name", "k3s-server-port"}, {"protocol", "TCP"}, {"port", 443}, {"targetPort", 6443}};
  json etcd_port = {
      {"name", "k3s-etcd-port"}, {"protocol", "TCP"}, {"port", 2379}, {"targetPort", 2379}};
  std::string type = "ClusterIP";
  if (expose.contains("nodePort")) {
    type = "NodePort";
    const json np = expose["nodePort"];
    if (np.contains("serverPort")) {
      server_port["nodePort"] = np["serverPort"];
    } else if (live_port) {
      server_port["nodePort"] = *live_port;
    }
    if (np.contains("etcdPort")) etcd_port["nodePort"] = np["etcdPort"];
  } else if (expose.contains("loadBalancer")) {
    type = "LoadBalancer";
    const json lb = expose["loadBalancer"];
    if (lb.contains("serverPort")) server_port["port"] = lb["serverPort"];
    if (live_port) server_port["port"] = *live_port;
    if (lb.contains("etcdPort")) etcd_port["port"] = lb["etcdPort"];
  }
  return {{"apiVersion", "v1"},
          {"kind", "Service"},
          {"metadata", meta(cluster, k3k_name(name_of(cluster), {"service"}), nullptr)},
          {"spec",
           {{"type", type},
            {"selector", server_labels(cluster)},
            {"ports", json::array({server_port, etcd_port})}}}};
}

json headless_service(const json& cluster) {
  return {{"apiVersion", "v1"},
          {"kind", "Service"},
          {"metadata", meta(cluster, k3k_name(name_of(cluster), {"service", "headless"}), nullptr)},
          {"spec",
           {{"clusterIP", "None"},
            {"selector", server_labels(cluster)},
            {"ports", json::array({{{"name", "k3s-server-port"}, {"port", 6443}},
                                   {{"name", "k3s-etcd-port"}, {"port", 2379}}})}}}};
}

json server_statefulset(const json& cluster) {
  const std::string name = k3k_name(name_of(cluster), {"server"});
  json spec = {{"replicas", cluster_servers(cluster)},
               {"serviceName", k3k_name(name_of(cluster), {"service", "headless"})},
               {"selector", {{"matchLabels", server_labels(cluster)}}},
               {"template",
                {{"metadata", {{"labels", server_labels(cluster)}}},
                 {"spec",
                  {{"containers",
                    json::array({{{"name", "k3k-server"}, {"image", k3s_image(cluster)}}})}}}}}};
  if (has_dynamic_persistence(cluster)) {
    const json p = spec_of(cluster)["persistence"];
    spec["volumeClaimTemplates"] = json::array(
        {{{"metadata", {{"name", "varlibrancherk3s"}}},
          {"spec",
           {{"accessModes", json::array({"ReadWriteOnce"})},
            {"resources",
             {{"requests", {{"storage", p.value("storageRequestSize", std::string("2G"))}}}}}}}}});
  }
  return {{"apiVersion", "apps/v1"},
          {"kind", "StatefulSet"},
          {"metadata", meta(cluster, name, server_labels(cluster))},
          {"spec", spec}};
}

json server_pod(const json& cluster, const json& statefulset, int index) {
  json labels = server_labels(cluster);
  labels["apps.kubernetes.io/pod-index"] = std::to_string(index);
  return pod(name_of(statefulset) + "-" + std::to_string(index), cluster, labels, statefulset,
             "k3k-server", spec_of(cluster).value("serverResources", json::object()));
}

json server_pvc(const json& cluster, int index) {
  // Made by the StatefulSet controller from volumeClaimTemplates: no ownerReferences, so the
  // garbage collector leaves them behind when the Cluster goes (K3k's CLI deletes them).
  const std::string sts = k3k_name(name_of(cluster), {"server"});
  const std::string size =
      spec_of(cluster)["persistence"].value("storageRequestSize", std::string("2G"));
  return {{"apiVersion", "v1"},
          {"kind", "PersistentVolumeClaim"},
          {"metadata",
           {{"name", "varlibrancherk3s-" + sts + "-" + std::to_string(index)},
            {"namespace", cluster["metadata"]["namespace"]},
            {"labels", server_labels(cluster)}}},
          {"spec",
           {{"accessModes", json::array({"ReadWriteOnce"})},
            {"resources", {{"requests", {{"storage", size}}}}}}}};
}

std::optional<json> server_ingress(const json& cluster) {
  const json expose = spec_of(cluster).value("expose", json::object());
  if (!expose.contains("ingress")) return std::nullopt;
  const json in = expose["ingress"];
  json rule = {{"http",
                {{"paths", json::array({{{"path", "/"},
                                         {"pathType", "Prefix"},
                                         {"backend",
                                          {{"service",
                                            {{"name", k3k_name(name_of(cluster), {"service"})},
                                             {"port", {{"number", 443}}}}}}}}})}}}};
  // The host users dial is the first TLS SAN, the one the server certificate must carry.
  const json sans = spec_of(cluster).value("tlsSANs", json::array());
  if (!sans.empty()) rule["host"] = sans[0];
  json m = meta(cluster, k3k_name(name_of(cluster), {"ingress"}), nullptr);
  if (in.contains("annotations")) m["annotations"] = in["annotations"];
  json spec = {{"rules", json::array({rule})}};
  if (in.contains("ingressClassName")) spec["ingressClassName"] = in["ingressClassName"];
  return json{
      {"apiVersion", "networking.k8s.io/v1"}, {"kind", "Ingress"}, {"metadata", m}, {"spec", spec}};
}

json cluster_secret(const json& cluster, const std::string& name, const std::string& key,
                    const std::string& value) {
  return {{"apiVersion", "v1"},
          {"kind", "Secret"},
          {"metadata", meta(cluster, name, nullptr)},
          {"type", "Opaque"},
          {"data", {{key, base64_encode(value)}}}};
}

std::optional<json> agent_workload(const json& cluster) {
  const std::string mode = cluster_mode(cluster);
  if (mode != "shared" && mode != "virtual") return std::nullopt;
  const bool shared = mode == "shared";
  json tmpl = {
      {"metadata", {{"labels", agent_labels(cluster)}}},
      {"spec",
       {{"containers",
         json::array({{{"name", shared ? "k3k-kubelet" : "k3k-agent"},
                       {"image", shared ? "rancher/k3k-kubelet" : k3s_image(cluster)}}})}}}};
  json spec = {{"selector", {{"matchLabels", agent_labels(cluster)}}}, {"template", tmpl}};
  if (!shared) spec["replicas"] = cluster_agents(cluster);
  return json{{"apiVersion", "apps/v1"},
              {"kind", shared ? "DaemonSet" : "Deployment"},
              {"metadata", meta(cluster, k3k_name(name_of(cluster), {shared ? "kubelet" : "agent"}),
                                agent_labels(cluster))},
              {"spec", spec}};
}

std::vector<json> agent_pods(const json& cluster, const json& workload) {
  std::vector<json> pods;
  const bool shared = workload["kind"] == "DaemonSet";
  const int count = shared ? 1 : cluster_agents(cluster);
  const json resources =
      shared ? json::object() : spec_of(cluster).value("workerResources", json::object());
  for (int i = 0; i < count; ++i) {
    // Real names carry random suffixes; fixed ones keep scaling and tests deterministic.
    const std::string name = name_of(workload) + (shared ? "-node" : "-sim-") + std::to_string(i);
    pods.push_back(pod(name, cluster, agent_labels(cluster), workload,
                       shared ? "k3k-kubelet" : "k3k-agent", resources));
  }
  return pods;
}

}  // namespace kraft::testing
