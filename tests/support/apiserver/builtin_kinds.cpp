// What kube-apiserver's strategies do for the built-in kinds the tests use. Only behaviour
// kraft can observe is modelled; the rest of each kind is stored as sent.
#include <openssl/rand.h>

#include "pod_resources.h"
#include "quantity.h"
#include "registry_impl.h"
#include "text_codec.h"

namespace kraft::testing {

namespace {

int random_between(int lo, int hi) {
  unsigned int r = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&r), sizeof r);
  return lo + static_cast<int>(r % static_cast<unsigned int>(hi - lo + 1));
}

/// A ResourceList as the decoder leaves it: Quantity re-encodes in canonical form
/// ("1000m" is stored as "1", "0.5Gi" as "512Mi").
void canonicalize_resource_list(json& list) {
  if (!list.is_object()) return;
  for (auto& [name, value] : list.items()) {
    if (value.is_string()) value = canonical_quantity(value.get<std::string>());
  }
}

/// The quantities a kind holds, at the paths the v1 types declare resource.Quantity.
void canonicalize_quantities(const std::string& kind, json& object) {
  json& spec = object["spec"];
  if (!spec.is_object()) return;
  auto each = [](json& parent, const char* field, auto&& fn) {
    if (parent.contains(field) && parent[field].is_array()) {
      for (auto& item : parent[field]) {
        if (item.is_object()) fn(item);
      }
    }
  };
  auto resources = [](json& holder) {
    if (!holder.contains("resources") || !holder["resources"].is_object()) return;
    for (const char* section : {"requests", "limits"}) {
      if (holder["resources"].contains(section)) {
        canonicalize_resource_list(holder["resources"][section]);
      }
    }
  };
  if (kind == "Pod") {
    each(spec, "containers", resources);
    each(spec, "initContainers", resources);
    if (spec.contains("overhead")) canonicalize_resource_list(spec["overhead"]);
  } else if (kind == "ResourceQuota") {
    if (spec.contains("hard")) canonicalize_resource_list(spec["hard"]);
  } else if (kind == "LimitRange") {
    each(spec, "limits", [](json& item) {
      for (const char* f : {"max", "min", "default", "defaultRequest", "maxLimitRequestRatio"}) {
        if (item.contains(f)) canonicalize_resource_list(item[f]);
      }
    });
  } else if (kind == "PersistentVolumeClaim") {
    resources(spec);
  }
}

}  // namespace

void apply_builtin_defaults(const ResourceType& type, json& object) {
  json& meta = object["metadata"];
  if (object.contains("spec") && !type.is_crd) canonicalize_quantities(type.kind, object);
  if (type.kind == "Pod") default_requests_from_limits(object);
  if (type.kind == "Namespace") {
    // Since v1.21 every namespace carries its own name as a label.
    meta["labels"]["kubernetes.io/metadata.name"] = meta.value("name", "");
  } else if (type.kind == "Secret") {
    if (object.contains("stringData") && object["stringData"].is_object()) {
      for (const auto& [k, v] : object["stringData"].items()) {
        if (v.is_string()) object["data"][k] = base64_encode(v.get<std::string>());
      }
      object.erase("stringData");
    }
    if (!object.contains("type")) object["type"] = "Opaque";
  } else if (type.kind == "Service") {
    json& spec = object["spec"];
    if (!spec.contains("type")) spec["type"] = "ClusterIP";
    if (!spec.contains("sessionAffinity")) spec["sessionAffinity"] = "None";
    if (spec.contains("ports")) {
      for (auto& p : spec["ports"]) {
        if (!p.contains("protocol")) p["protocol"] = "TCP";
        if (!p.contains("targetPort") && p.contains("port")) p["targetPort"] = p["port"];
      }
    }
  }
}

void prepare_builtin_for_create(const ResourceType& type, json& object) {
  if (type.kind == "Namespace") {
    object["spec"]["finalizers"] = json::array({"kubernetes"});
    object["status"] = {{"phase", "Active"}};
  } else if (type.kind == "ResourceQuota") {
    object["status"] = json::object();
  } else if (type.kind == "Pod") {
    object["status"] = {{"phase", "Pending"}, {"qosClass", pod_qos_class(object)}};
  } else if (type.kind == "PersistentVolumeClaim") {
    object["status"] = {{"phase", "Pending"}};
  } else if (type.kind == "Service") {
    json& spec = object["spec"];
    if (!spec.contains("clusterIP") && spec.value("type", "") != "ExternalName") {
      std::string ip = "10.43." + std::to_string(random_between(0, 255)) + "." +
                       std::to_string(random_between(1, 254));
      spec["clusterIP"] = ip;
      spec["clusterIPs"] = json::array({ip});
    }
    std::string svc_type = spec.value("type", "ClusterIP");
    if ((svc_type == "NodePort" || svc_type == "LoadBalancer") && spec.contains("ports")) {
      for (auto& p : spec["ports"]) {
        if (!p.contains("nodePort")) p["nodePort"] = random_between(30000, 32767);
      }
    }
    object["status"] = {{"loadBalancer", json::object()}};
  } else if (type.has_status && type.kind != "Node") {
    object["status"] = json::object();
  }
}

bool has_generation(const ResourceType& type) {
  return type.is_crd || type.group == "apps" || type.kind == "Ingress";
}

std::vector<std::string> selectable_fields(const ResourceType& type) {
  if (type.kind == "Pod") {
    return {"spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
            "spec.serviceAccountName", "status.phase", "status.podIP", "status.nominatedNodeName"};
  }
  if (type.kind == "Secret") return {"type"};
  if (type.kind == "Namespace") return {"status.phase"};
  if (type.kind == "Node") return {"spec.unschedulable"};
  if (type.kind == "Event") {
    return {"involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
            "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
            "involvedObject.fieldPath", "reason", "reportingComponent", "type"};
  }
  return {};
}

}  // namespace kraft::testing
