#include "test_support/kraft_env.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

namespace kraft::testing {

KraftEnv::KraftEnv(TestApiServerOptions options) : server_(std::move(options)) {
  char tmpl[] = "/tmp/kraft-cli-XXXXXX";
  home_ = ::mkdtemp(tmpl);
  kubeconfig_ = write("kubeconfig", server_.kubeconfig());
}

KraftEnv::~KraftEnv() { std::filesystem::remove_all(home_); }

std::filesystem::path KraftEnv::write(const std::string& relative, const std::string& content) {
  auto path = home_ / relative;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << content;
  ::chmod(path.c_str(), 0600);
  return path;
}

ProcessResult KraftEnv::kraft(const std::vector<std::string>& args,
                              std::map<std::string, std::string> env) {
  return run_kraft(args, environment(std::move(env)));
}

std::map<std::string, std::string> KraftEnv::environment(
    std::map<std::string, std::string> env) const {
  env.emplace("HOME", home_.string());
  env.emplace("KUBECONFIG", kubeconfig_.string());
  env.emplace("KUBERNETES_SERVICE_HOST", "");
  // The discovery cache goes under the private HOME, whatever the developer's environment says.
  env.emplace("KUBECACHEDIR", "");
  return env;
}

}  // namespace kraft::testing
