// Host collision checks for ingress and traefik exposure: every IngressRouteTCP (HostSNI rules)
// and every Ingress (rules[].host) in every namespace.
#include "k3k/host_routes.h"

#include <kraft/api/errors.h>
#include <kraft/api/json_view.h>
#include <kraft/core/error.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/names.h>

#include <nlohmann/json.hpp>

namespace kraft::k3k::detail {
namespace {

using nlohmann::json;

// The list, or nullopt when this user may not list it cluster-wide (the check is a courtesy:
// the ingress controller is the authority) or the kind is not served.
std::optional<json> list_if_allowed(const api::Client& client, const api::ResourceInfo& r) {
  try {
    return client.list(r, "");
  } catch (const api::ApiError& e) {
    if (e.is_forbidden() || e.is_not_found()) return std::nullopt;
    throw;
  }
}

bool owned_by(const json& object, const ClusterRef& owner, const std::string& name) {
  return api::metadata_string(object, "namespace") == owner.ns &&
         api::metadata_string(object, "name") == name;
}

// spec[key] as an array (empty when missing).
const json& spec_array(const json& object, const char* key) {
  static const json empty = json::array();
  const json* items = api::child(api::child(&object, "spec"), key);
  return items != nullptr && items->is_array() ? *items : empty;
}

[[noreturn]] void collide(const std::string& host, const std::string& kind, const json& object) {
  const std::string ns(api::metadata_string(object, "namespace"));
  const std::string name(api::metadata_string(object, "name"));
  throw HostInUseError(
      "host \"" + host + "\" is already routed by " + kind + " " + ns + "/" + name +
          "; hosts are shared by every cluster on the ingress, choose another host name",
      host,
      {kind == "Ingress" ? "ingresses.networking.k8s.io" : "ingressroutetcps.traefik.io", ns,
       name});
}

}  // namespace

std::vector<std::string> hosts_in_sni_rule(const std::string& rule) {
  std::vector<std::string> hosts;
  const std::string call = "HostSNI(";
  for (std::size_t at = rule.find(call); at != std::string::npos; at = rule.find(call, at)) {
    at += call.size();
    const std::size_t close = rule.find(')', at);
    const std::string args = rule.substr(at, close == std::string::npos ? close : close - at);
    for (std::size_t open = args.find('`'); open != std::string::npos;) {
      const std::size_t end = args.find('`', open + 1);
      if (end == std::string::npos) break;
      hosts.push_back(args.substr(open + 1, end - open - 1));
      open = args.find('`', end + 1);
    }
  }
  return hosts;
}

void require_free_host(const api::Client& client, const std::string& host,
                       const ClusterRef& owner) {
  if (client.serves(ingress_route_tcps().api_version())) {
    if (auto routes = list_if_allowed(client, ingress_route_tcps())) {
      for (const json& route : (*routes)["items"]) {
        if (owned_by(route, owner, traefik_route_name(owner.name))) continue;
        for (const json& r : spec_array(route, "routes")) {
          for (const auto& routed : hosts_in_sni_rule(std::string(api::string_at(r, "match")))) {
            if (routed == host) collide(host, "IngressRouteTCP", route);
          }
        }
      }
    }
  }
  if (auto list = list_if_allowed(client, api::resources::ingresses())) {
    for (const json& ingress : (*list)["items"]) {
      if (owned_by(ingress, owner, ingress_name(owner.name))) continue;
      for (const json& rule : spec_array(ingress, "rules")) {
        if (api::string_at(rule, "host") == host) collide(host, "Ingress", ingress);
      }
    }
  }
}

}  // namespace kraft::k3k::detail
