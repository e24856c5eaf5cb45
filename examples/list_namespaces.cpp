// Lists the namespaces of whatever cluster the current kubeconfig points to, the way kubectl
// would find it: $KUBECONFIG, ~/.kube/config, or the in-cluster service account.
//
//   ./example_list_namespaces            # current context
//   ./example_list_namespaces prod       # another context
#include <kraft/api/client.h>
#include <kraft/config/loading.h>
#include <kraft/core/error.h>

#include <iostream>
#include <nlohmann/json.hpp>

int main(int argc, char** argv) {
  try {
    kraft::config::Overrides overrides;
    if (argc > 1) overrides.context = argv[1];
    auto config = kraft::config::load_client_config(kraft::config::LoadingRules::from_environment(),
                                                    overrides);
    auto client = kraft::api::Client::connect(config);
    auto list = client.list(kraft::api::resources::namespaces(), "");
    for (const auto& ns : list["items"]) {
      std::cout << ns["metadata"]["name"].get<std::string>() << "\n";
    }
    return 0;
  } catch (const kraft::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return static_cast<int>(e.exit_code());
  }
}
