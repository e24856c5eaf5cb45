#pragma once
// A kubeconfig user's credential plugin, apart from the kubeconfig model (kubeconfig.h) so that
// ClientConfig, and with it api::Client, does not need the full nlohmann/json that the model
// holds.
#include <string>
#include <utility>
#include <vector>

namespace kraft::config {

/// users[].user.exec (client.authentication.k8s.io/v1 or v1beta1).
struct ExecConfig {
  std::string api_version;
  std::string command;
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  bool provide_cluster_info = false;
  std::string interactive_mode;  ///< Never, IfAvailable, Always
  std::string install_hint;
};

}  // namespace kraft::config
