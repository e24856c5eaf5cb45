// Fetching what a virtual cluster's kubeconfig needs from the host: the Cluster, its
// bootstrap Secret and a server URL, waiting (bounded) for what K3k has not made yet.
#include <kraft/api/json_view.h>
#include <kraft/api/resource.h>
#include <kraft/core/error.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/kubeconfig.h>
#include <kraft/k3k/names.h>
#include <kraft/k3k/resources.h>
#include <kraft/k3k/server_url.h>

#include "core/base64.h"
#include "k3k/exposure.h"
#include "k3k/object_wait.h"

namespace kraft::k3k {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// The decoded `bootstrap` key of the Secret, or "" while it is absent or empty.
std::string bootstrap_value(const json* secret, const std::string& secret_ref) {
  const std::string_view encoded = api::string_at(api::child(secret, "data"), "bootstrap");
  if (encoded.empty()) return {};
  auto decoded = core::base64_decode(encoded);
  if (!decoded) {
    throw ConfigError("Secret " + secret_ref + ": its bootstrap value is not valid base64");
  }
  return std::move(*decoded);
}

std::string seconds_text(std::chrono::milliseconds d) {
  return std::to_string((d.count() + 999) / 1000) + "s";
}

}  // namespace

config::Kubeconfig fetch_kubeconfig(const api::Client& client, const ClusterRef& ref,
                                    const KubeconfigRequest& given) {
  // NodePorts are reached on the host API server's host: the one this client talks to, unless
  // the caller says otherwise.
  KubeconfigRequest request = given;
  if (request.url.host_server.empty()) request.url.host_server = client.config().server;
  const ClusterService service(client);
  Cluster cluster = service.get(ref);
  const auto deadline = Clock::now() + request.wait_timeout;
  bool announced = false;
  auto announce = [&](const std::string& what) {
    if (!announced && request.on_wait) request.on_wait(what);
    announced = true;
  };

  const std::string secret_name = bootstrap_secret_name(ref.name);
  const std::string secret_ref = ref.ns + "/" + secret_name;
  std::string bootstrap;
  const bool have_secret = detail::wait_for_object(
      client, api::resources::secrets(), ref.ns, secret_name, deadline, [&](const json* s) {
        bootstrap = bootstrap_value(s, secret_ref);
        if (bootstrap.empty()) {
          announce("waiting for Secret " + secret_ref +
                   " (K3k creates it while the cluster provisions)");
        }
        return !bootstrap.empty();
      });
  if (!have_secret) {
    throw WaitTimeoutError("Secret " + secret_ref + " did not appear within " +
                               seconds_text(request.wait_timeout) + "; is cluster \"" + ref.str() +
                               "\" provisioning? See `kraft describe " + ref.str() + "`",
                           ref.object());
  }
  const BootstrapCas cas = parse_bootstrap(bootstrap, secret_ref);

  ServerEndpoint server{request.server, request.server.empty() ? "" : request.tls_server_name};
  if (server.url.empty()) {
    const std::string service_name = k3k::service_name(ref.name);
    json service_object;
    bool first_look = true;
    const bool known = detail::wait_for_object(
        client, api::resources::services(), ref.ns, service_name, deadline, [&](const json* s) {
          if (s != nullptr) service_object = *s;
          // After a wait, status.tlsSANs may have changed too; at first the cluster is fresh.
          if (!first_look) cluster = service.get(ref);
          first_look = false;
          // The Service is the one in hand, not fetched again.
          const FetchedExposure exposure = fetch_exposure(client, cluster, false);
          const ExposedObjects objects{exposure.ingress ? &*exposure.ingress : nullptr,
                                       exposure.traefik_route ? &*exposure.traefik_route : nullptr,
                                       s};
          auto endpoint = server_url(cluster, objects, request.url);
          if (!endpoint) {
            announce("waiting for the address of Service " + ref.ns + "/" + service_name +
                     (api::string_at(api::child(s, "spec"), "type") == "LoadBalancer"
                          ? " (the load balancer has none yet)"
                          : ""));
          }
          if (endpoint) server = std::move(*endpoint);
          return endpoint.has_value();
        });
    if (!known) {
      throw WaitTimeoutError("the server URL of cluster \"" + ref.str() + "\" is not known after " +
                                 seconds_text(request.wait_timeout) + " (Service " + ref.ns + "/" +
                                 service_name + " has no address yet)",
                             ref.object());
    }
    if (is_cluster_internal(server, service_object) && request.on_warning) {
      request.on_warning("server " + server.url +
                         " is the Service's ClusterIP, reachable only from inside the host "
                         "cluster: the cluster is not exposed");
    }
  }
  return make_kubeconfig(ref, cas, server, request);
}

}  // namespace kraft::k3k
