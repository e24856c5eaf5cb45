#include "test_apiserver.h"

#include <map>
#include <mutex>

#include "embedded_files.h"
#include "http_frontend.h"
#include "schema/crd.h"
#include "text_codec.h"

namespace kraft::testing {

namespace {

std::shared_ptr<const ResourceTypes> load_types(const std::vector<Crd>& crds, bool metrics) {
  auto types = std::make_shared<ResourceTypes>();
  for (const auto& crd : crds) types->install(crd);
  if (metrics) types->install_metrics_api();
  return types;
}

/// CRDs parsed once per process: tests start many servers, and parsing the K3k CRD YAML is
/// most of a server's start-up time. `name` is an embedded CRD's file name, else a path.
const Crd& cached_crd(const std::string& name) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<Crd>> cache;
  std::lock_guard lock(mu);
  auto& slot = cache[name];
  if (!slot) {
    const auto embedded = embedded_crd(name);
    slot = std::make_unique<Crd>(embedded ? load_crd_text(std::string(*embedded), name)
                                          : load_crd_file(name));
  }
  return *slot;
}

}  // namespace

std::vector<std::string> k3k_crd_files() {
  return {"k3k.io_clusters.yaml", "k3k.io_virtualclusterpolicies.yaml"};
}

std::vector<std::string> default_crd_files() {
  auto files = k3k_crd_files();
  files.push_back("traefik.io_ingressroutetcps.yaml");
  return files;
}

TestApiServer::TestApiServer(TestApiServerOptions options)
    : ca_(options.serving_ca ? TestCa::from_pem(options.serving_ca->cert_pem,
                                                options.serving_ca->key_pem)
                             : TestCa::generate("kraft-test-apiserver-ca")),
      client_ca_(TestCa::generate("kraft-test-client-ca")),
      admin_(client_ca_.issue_client("kraft-admin", {"system:masters"})) {
  std::vector<Crd> crds;
  for (const auto& f : options.crd_files) crds.push_back(cached_crd(f));
  options.registry.schedule_pods = options.registry.schedule_pods || options.nodes.count > 0;
  options.registry.run_pods = options.registry.run_pods || options.nodes.run_pods;
  registry_ = std::make_unique<Registry>(load_types(crds, options.metrics_api), options.registry);
  // The "default" and "kube-system" namespaces exist on every cluster.
  for (const char* ns : {"default", "kube-system"}) {
    registry_->call("POST", "/api/v1/namespaces",
                    std::string(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":")") +
                        ns + "\"}}",
                    "application/json", "kube-apiserver");
  }
  // Each Node registers itself, then reports its status (a separate write, as the kubelet's).
  for (int i = 0; i < options.nodes.count; ++i) {
    nlohmann::json node = node_object(i, options.nodes, rfc3339_now());
    const std::string path = "/api/v1/nodes/" + node["metadata"]["name"].get<std::string>();
    registry_->call("POST", "/api/v1/nodes", node.dump(), "application/json", "k3s");
    registry_->call("PATCH", path + "/status", nlohmann::json{{"status", node["status"]}}.dump(),
                    "application/merge-patch+json", "k3s");
  }
  // Installed CRDs are visible as objects too (kubectl get crd), as on a real cluster.
  for (const auto& crd : crds) {
    nlohmann::json object = crd.raw;
    object.erase("status");
    registry_->call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                    object.dump(), "application/json", "kube-apiserver");
  }
  TlsSettings tls;
  KeyPair serving = ca_.issue_server(options.serving_dns_names, options.serving_ips);
  tls.cert_pem = serving.cert_pem;
  tls.key_pem = serving.key_pem;
  tls.client_ca_pems.push_back(client_ca_.cert_pem());
  for (const auto& pem : options.extra_client_ca_pems) tls.client_ca_pems.push_back(pem);
  http_ = std::make_unique<HttpFrontend>(*registry_, access_, faults_, std::move(tls));
  port_ = http_->start(options.host, options.port);
}

TestApiServer::~TestApiServer() { stop(); }

void TestApiServer::stop() {
  if (http_) http_->stop();
}

std::string TestApiServer::url() const { return "https://127.0.0.1:" + std::to_string(port_); }

KeyPair TestApiServer::issue_client_cert(const std::string& user,
                                         const std::vector<std::string>& groups, int days) const {
  return client_ca_.issue_client(user, groups, days);
}

std::string TestApiServer::kubeconfig_for(const std::string& user_yaml) const {
  return "apiVersion: v1\n"
         "kind: Config\n"
         "clusters:\n"
         "- name: kraft-test\n"
         "  cluster:\n"
         "    server: " + url() + "\n"
         "    certificate-authority-data: " + base64_encode(ca_pem()) + "\n"
         "users:\n"
         "- name: kraft-test-admin\n"
         "  user:\n" + user_yaml +
         "contexts:\n"
         "- name: kraft-test\n"
         "  context:\n"
         "    cluster: kraft-test\n"
         "    user: kraft-test-admin\n"
         "current-context: kraft-test\n";
}

std::string TestApiServer::kubeconfig() const {
  return kubeconfig_for("    client-certificate-data: " + base64_encode(admin_.cert_pem) + "\n" +
                        "    client-key-data: " + base64_encode(admin_.key_pem) + "\n");
}

std::string TestApiServer::kubeconfig_with_token(const std::string& token) const {
  return kubeconfig_for("    token: " + token + "\n");
}

}  // namespace kraft::testing
