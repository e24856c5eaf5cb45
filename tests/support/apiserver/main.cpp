// kraft-test-apiserver: the test API server as a program, for trying kraft (or kubectl) by
// hand. Prints a kubeconfig on stdout and serves until interrupted.
#include <fmt/core.h>

#include <unistd.h>

#include <csignal>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "test_apiserver.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

void usage(std::FILE* out) {
  fmt::print(out,
             "Usage: kraft-test-apiserver [--port N] [--print-kubeconfig] [--kubeconfig-out FILE]\n"
             "                            [--crd FILE]... [--no-default-crds]\n"
             "A strict stand-in for kube-apiserver v1.26 with the K3k CRDs, for tests and demos.\n"
             "Examples:\n"
             "  kraft-test-apiserver --port 0 --print-kubeconfig > /tmp/kc &\n"
             "  KUBECONFIG=/tmp/kc kubectl get clusters.k3k.io -A\n");
}

}  // namespace

int main(int argc, char** argv) {
  kraft::testing::TestApiServerOptions options;
  bool print_kubeconfig = false;
  std::string kubeconfig_out;
  std::vector<std::string> crds;
  bool default_crds = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        fmt::print(stderr, "error: {} needs a value\n", a);
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--port") {
      try {
        options.port = std::stoi(value());
      } catch (const std::exception&) {
        fmt::print(stderr, "error: --port needs a number\n");
        return 2;
      }
    } else if (a == "--print-kubeconfig") {
      print_kubeconfig = true;
    } else if (a == "--kubeconfig-out") {
      kubeconfig_out = value();
    } else if (a == "--crd") {
      crds.push_back(value());
    } else if (a == "--no-default-crds") {
      default_crds = false;
    } else if (a == "-h" || a == "--help") {
      usage(stdout);
      return 0;
    } else {
      fmt::print(stderr, "error: unknown argument {}\n", a);
      usage(stderr);
      return 2;
    }
  }
  if (!default_crds) options.crd_files.clear();
  options.crd_files.insert(options.crd_files.end(), crds.begin(), crds.end());

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  try {
    kraft::testing::TestApiServer server(options);
    if (print_kubeconfig) {
      fmt::print("{}", server.kubeconfig());
      std::fflush(stdout);
    }
    if (!kubeconfig_out.empty()) {
      std::ofstream f(kubeconfig_out);
      f << server.kubeconfig();
    }
    fmt::print(stderr, "kraft-test-apiserver listening on {}\n", server.url());
    while (!g_stop) pause();
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  return 0;
}
