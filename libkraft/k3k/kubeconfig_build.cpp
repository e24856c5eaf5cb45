// Building a virtual cluster's kubeconfig from its bootstrap CAs (no I/O): the bootstrap
// Secret's JSON, the entry names, the origin extension, and the entries themselves.
#include <kraft/core/error.h>
#include <kraft/k3k/kubeconfig.h>

#include <algorithm>
#include <cctype>

namespace kraft::k3k {
namespace {

using nlohmann::json;

// One PEM from the bootstrap JSON: {"serverCA": {"Timestamp": ..., "Content": PEM}, ...}.
std::string content_of(const json& doc, const char* key, const std::string& secret) {
  const auto it = doc.find(key);
  if (it == doc.end() || !it->is_object() || !it->contains("Content") ||
      !(*it)["Content"].is_string() || (*it)["Content"].get_ref<const std::string&>().empty()) {
    throw ConfigError("Secret " + secret + " has no " + key +
                      " in its bootstrap data; is it a K3k bootstrap secret?");
  }
  return (*it)["Content"].get<std::string>();
}

// {"extensions": [...]} naming the virtual cluster, on each of the three entries, so any one
// of them tells where it came from (prune, refreshing an entry on --merge). The user and
// context entries also name the certificate's user and groups: another identity for the
// same cluster is another entry, not a refresh.
json origin_extensions(const VirtualClusterOrigin& origin) {
  json extension = {{"host", origin.host}, {"namespace", origin.ref.ns}, {"name", origin.ref.name}};
  if (!origin.user.empty()) {
    extension["user"] = origin.user;
    extension["groups"] = origin.groups;
  }
  return {{"extensions", json::array({{{"name", std::string(kVirtualClusterExtension)},
                                       {"extension", std::move(extension)}}})}};
}

// A string member, "" when absent or not a string (hand-edited files).
std::string text_at(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

BootstrapCas parse_bootstrap(std::string_view bootstrap_json, const std::string& secret) {
  // No exceptions from the parser: its messages quote the input, which holds private keys.
  json doc = json::parse(bootstrap_json, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) {
    throw ConfigError("Secret " + secret + ": the bootstrap value is not a JSON object");
  }
  BootstrapCas cas;
  cas.server_ca = content_of(doc, "serverCA", secret);
  cas.client_ca = content_of(doc, "clientCA", secret);
  cas.client_ca_key = Secret(content_of(doc, "clientCAKey", secret));
  return cas;
}

std::string canonical_server_url(std::string_view url) {
  std::string out(url);
  while (!out.empty() && out.back() == '/') out.pop_back();
  // Scheme and host are case-insensitive; the path (rare in a server URL) is not.
  const auto scheme_end = out.find("://");
  const auto host_end =
      scheme_end == std::string::npos ? out.size() : out.find('/', scheme_end + 3);
  for (std::size_t i = 0; i < std::min(host_end, out.size()); ++i) {
    out[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[i])));
  }
  const std::string default_port = ":443";
  const auto authority_end = std::min(host_end, out.size());
  if (out.rfind("https://", 0) == 0 && authority_end >= default_port.size() &&
      out.compare(authority_end - default_port.size(), default_port.size(), default_port) == 0) {
    out.erase(authority_end - default_port.size(), default_port.size());
  }
  return out;
}

std::string kubeconfig_entry_name(const ClusterRef& ref) {
  return "kraft-" + ref.ns + "-" + ref.name;
}

std::optional<VirtualClusterOrigin> virtual_cluster_origin(const json& entry_raw) {
  if (!entry_raw.is_object()) return std::nullopt;
  const auto extensions = entry_raw.find("extensions");
  if (extensions == entry_raw.end() || !extensions->is_array()) return std::nullopt;
  for (const json& e : *extensions) {
    if (!e.is_object() || text_at(e, "name") != kVirtualClusterExtension) continue;
    const auto ext = e.find("extension");
    if (ext == e.end() || !ext->is_object()) return std::nullopt;
    VirtualClusterOrigin origin;
    origin.host = text_at(*ext, "host");
    origin.ref = {text_at(*ext, "namespace"), text_at(*ext, "name")};
    origin.user = text_at(*ext, "user");
    if (const auto groups = ext->find("groups"); groups != ext->end() && groups->is_array()) {
      for (const json& g : *groups) {
        if (g.is_string()) origin.groups.push_back(g.get<std::string>());
      }
    }
    if (origin.ref.ns.empty() || origin.ref.name.empty()) return std::nullopt;
    return origin;
  }
  return std::nullopt;
}

config::Kubeconfig make_kubeconfig(const ClusterRef& ref, const BootstrapCas& cas,
                                   const ServerEndpoint& server, const KubeconfigRequest& request,
                                   std::chrono::system_clock::time_point now) {
  const pki::IssuedCertificate issued =
      pki::issue_client_certificate(cas.client_ca, cas.client_ca_key, request.certificate, now);
  const std::string name =
      request.entry_name.empty() ? kubeconfig_entry_name(ref) : request.entry_name;

  config::Kubeconfig config;
  config::Named<config::ClusterInfo> cluster;
  cluster.name = name;
  cluster.value.server = server.url;
  cluster.value.tls_server_name = server.tls_server_name;
  cluster.value.certificate_authority_data = cas.server_ca;
  VirtualClusterOrigin origin{canonical_server_url(request.url.host_server), ref, "", {}};
  cluster.raw = origin_extensions(origin);
  config.clusters.push_back(std::move(cluster));

  config::Named<config::AuthInfo> user;
  user.name = name;
  user.value.client_certificate_data = issued.certificate_pem;
  user.value.client_key_data = issued.private_key_pem;
  VirtualClusterOrigin user_origin = origin;
  user_origin.user = request.certificate.common_name;
  user_origin.groups = request.certificate.organizations;
  user.raw = origin_extensions(user_origin);
  config.users.push_back(std::move(user));

  config::Named<config::ContextInfo> context;
  context.name = name;
  context.value = {name, name, request.context_namespace};
  context.raw = origin_extensions(user_origin);
  config.contexts.push_back(std::move(context));
  config.current_context = name;
  return config;
}

}  // namespace kraft::k3k
