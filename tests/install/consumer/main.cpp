// Uses the installed SDK through <kraft/kraft.h> alone: the version, a kubeconfig parsed and
// resolved, its raw JSON (nlohmann_json comes with kraft::kraft), and an error thrown by
// libkraft caught as its kraft::Error type. Prints one line that install_test.cmake checks.
#include <kraft/kraft.h>

#include <iostream>
#include <string>

int main() {
  const kraft::config::Kubeconfig config = kraft::config::parse_kubeconfig(R"(apiVersion: v1
kind: Config
clusters:
- {name: demo, cluster: {server: "https://demo.example:6443", x-unknown: kept}}
contexts:
- {name: demo, context: {cluster: demo, namespace: team}}
current-context: demo
)",
                                                                           "consumer.yaml");
  const kraft::config::ClientConfig client = kraft::config::resolve(config, {});
  const std::string kept = config.clusters.at(0).raw.value("x-unknown", "");
  std::string error;
  try {
    kraft::config::parse_kubeconfig("clusters: [", "broken.yaml");
  } catch (const kraft::ConfigError& e) {
    error = e.exit_code() == kraft::ExitCode::kError ? "ConfigError" : "wrong exit code";
  }
  std::cout << "libkraft " << kraft::version() << " (header " << KRAFT_VERSION_STRING
            << "): " << client.server << " " << client.ns << " " << kept << " " << error << "\n";
  return 0;
}
