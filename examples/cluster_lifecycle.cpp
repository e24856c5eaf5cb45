// Creates a virtual cluster, waits until K3k reports it Ready, lists every cluster, and
// deletes it again (with its volumes and the namespace kraft made for it).
//
//   ./example_cluster_lifecycle demo          # cluster k3k-demo/demo on the current context
#include <kraft/api/client.h>
#include <kraft/config/loading.h>
#include <kraft/core/error.h>
#include <kraft/k3k/cluster_service.h>

#include <chrono>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  try {
    auto config = kraft::config::load_client_config(kraft::config::LoadingRules::from_environment(),
                                                    {});
    kraft::k3k::ClusterService clusters(kraft::api::Client::connect(config));

    kraft::k3k::ClusterRequest request;
    request.name = argc > 1 ? argv[1] : "demo";
    request.servers = 1;
    auto created = clusters.create(request);  // validates, then creates namespace and Cluster

    kraft::k3k::WaitOptions wait;
    wait.timeout = std::chrono::minutes(5);
    wait.on_change = [](const kraft::k3k::Cluster& c) {
      std::cerr << c.namespace_name() << "/" << c.name() << ": "
                << kraft::k3k::to_string(c.phase()) << "\n";
    };
    clusters.wait_ready(created.ref, wait);

    for (const auto& c : clusters.list()) {
      std::cout << c.namespace_name() << "/" << c.name() << " " << kraft::k3k::to_string(c.phase())
                << "\n";
    }
    auto removed = clusters.remove(created.ref);
    std::cout << "deleted " << created.ref.str()
              << (removed.namespace_deleted ? " and its namespace" : "") << "\n";
    return 0;
  } catch (const kraft::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return static_cast<int>(e.exit_code());
  }
}
