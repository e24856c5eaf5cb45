// Creates several virtual clusters in parallel (at most 8 at once), waits for all of them on
// one shared watch, and reports each one; a failure of one does not stop the others.
//
//   ./example_parallel_clusters ws-1 ws-2 ws-3
#include <kraft/api/client.h>
#include <kraft/config/loading.h>
#include <kraft/core/error.h>
#include <kraft/core/executor.h>
#include <kraft/k3k/cluster_service.h>

#include <chrono>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  try {
    auto config =
        kraft::config::load_client_config(kraft::config::LoadingRules::from_environment(), {});
    kraft::k3k::ClusterService clusters(kraft::api::Client::connect(config));

    std::vector<kraft::k3k::ClusterRequest> requests;
    for (int i = 1; i < argc; ++i) {
      kraft::k3k::ClusterRequest request;
      request.name = argv[i];
      requests.push_back(request);
    }
    if (requests.empty()) {
      std::cerr << "usage: example_parallel_clusters NAME...\n";
      return 2;
    }
    kraft::k3k::BatchOptions batch;
    batch.parallel = 8;
    auto created = clusters.create_many(requests, {}, batch);

    std::vector<kraft::k3k::ClusterRef> refs;
    for (std::size_t i = 0; i < created.size(); ++i) {
      if (created[i].ok()) {
        refs.push_back(created[i].value->ref);
      } else {
        std::cout << requests[i].name << ": " << created[i].failure->message << "\n";
      }
    }
    kraft::k3k::WaitOptions wait;
    wait.timeout = std::chrono::minutes(5);
    auto ready = clusters.wait_ready(refs, wait);  // one list and one watch for all
    for (std::size_t i = 0; i < ready.size(); ++i) {
      std::cout << refs[i].str() << ": " << (ready[i].ok() ? "Ready" : ready[i].failure->message)
                << "\n";
    }
    // 0 when all are Ready; else the failures' common exit code, or 1.
    std::vector<kraft::Outcome<bool>> all(created.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < created.size(); ++i) {
      if (!created[i].ok()) {
        all[i].failure = created[i].failure;
      } else if (!ready[k].ok()) {
        all[i].failure = ready[k++].failure;
      } else {
        all[i].value = true;
        ++k;
      }
    }
    return static_cast<int>(kraft::batch_exit_code(all));
  } catch (const kraft::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return static_cast<int>(e.exit_code());
  }
}
