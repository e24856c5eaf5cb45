// Hands out access to a virtual cluster: a kubeconfig with a new client certificate for user
// CN (group O) signed by the cluster's client CA, merged into a kubeconfig file under kubectl's
// lock, the way `kraft kubeconfig get NAME --merge --into FILE` does. Run it again and the
// entries it made are refreshed with a new certificate; entries of anything else are kept.
//
//   ./example_virtual_kubeconfig k3k-demo demo alice dev /tmp/team.yaml
//   ./example_virtual_kubeconfig k3k-demo demo alice dev     # into a new temporary directory
//
// The kubeconfig holds a private key: write it where you keep credentials, never into a
// source tree.
#include <kraft/api/client.h>
#include <kraft/config/loading.h>
#include <kraft/core/error.h>
#include <kraft/k3k/kubeconfig.h>
#include <kraft/k3k/kubeconfig_handout.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 5 && argc != 6) {
    std::cerr << "usage: example_virtual_kubeconfig NAMESPACE NAME USER GROUP [FILE]\n";
    return 2;
  }
  try {
    auto host =
        kraft::config::load_client_config(kraft::config::LoadingRules::from_environment(), {});
    auto client = kraft::api::Client::connect(host);

    kraft::k3k::KubeconfigRequest request;
    request.url.host_server = host.server;  // NodePorts are reached on the host's address
    request.certificate.common_name = argv[3];
    request.certificate.organizations = {argv[4]};
    request.certificate.validity_days = 30;
    request.entry_name = std::string(argv[2]) + "-" + argv[3];
    request.on_wait = [](const std::string& what) { std::cerr << what << "\n"; };
    const kraft::k3k::ClusterRef ref{argv[1], argv[2]};
    const auto issued = kraft::k3k::fetch_kubeconfig(client, ref, request);

    std::string path;
    if (argc == 6) {
      path = argv[5];
    } else {
      std::string dir = (std::filesystem::temp_directory_path() / "kraft-example-XXXXXX").string();
      if (mkdtemp(dir.data()) == nullptr) throw kraft::Error("cannot create a directory in /tmp");
      path = dir + "/kubeconfig";
    }
    const auto merged = kraft::k3k::merge_virtual_kubeconfig(path, issued);
    for (const auto& name : merged.report.added_contexts) {
      std::cout << "added context " << name << " to " << path << "\n";
    }
    // Run again, the context is usually identical and only the user (its new certificate) is
    // replaced: any replaced entry means this context was refreshed.
    if (merged.report.added_contexts.empty() && !merged.report.overwritten.empty()) {
      std::cout << "refreshed context " << request.entry_name << " in " << path << "\n";
    }
    return 0;
  } catch (const kraft::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return static_cast<int>(e.exit_code());
  }
}
