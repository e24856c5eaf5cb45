#pragma once
// A test API server plus a private HOME and kubeconfig file, for running the kraft binary.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "process/process.h"
#include "test_apiserver.h"

namespace kraft::testing {

class KraftEnv {
 public:
  explicit KraftEnv(TestApiServerOptions options = {});
  ~KraftEnv();

  TestApiServer& server() { return server_; }
  const std::filesystem::path& home() const { return home_; }
  const std::filesystem::path& kubeconfig() const { return kubeconfig_; }
  /// Writes a file under HOME (mode 0600) and returns its path.
  std::filesystem::path write(const std::string& relative, const std::string& content);

  /// Runs kraft with HOME set to the private home and KUBECONFIG to the server's kubeconfig.
  ProcessResult kraft(const std::vector<std::string>& args,
                      std::map<std::string, std::string> env = {});
  /// The variables kraft() sets (HOME, KUBECONFIG, no in-cluster config, KUBECACHEDIR unset),
  /// plus `env`.
  std::map<std::string, std::string> environment(std::map<std::string, std::string> env = {}) const;

 private:
  TestApiServer server_;
  std::filesystem::path home_;
  std::filesystem::path kubeconfig_;
};

}  // namespace kraft::testing
