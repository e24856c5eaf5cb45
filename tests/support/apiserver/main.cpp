// kraft-test-apiserver: the test API server as a program, for trying kraft (or kubectl) by
// hand, for scripts/demo and for the benchmarks. Prints a kubeconfig on stdout and serves in
// the foreground until SIGINT or SIGTERM.
#include <fcntl.h>
#include <fmt/core.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "k3k_seed.h"
#include "k3k_simulator.h"
#include "test_apiserver.h"

namespace {

using std::chrono::milliseconds;

void usage(std::FILE* out) {
  fmt::print(
      out,
      "Usage: kraft-test-apiserver [--port N] [--print-kubeconfig] [--kubeconfig-out FILE]\n"
      "                            [--crd FILE]... [--no-default-crds] [--metrics-api]\n"
      "                            [--simulate-k3k] [--provision-delay D] [--delete-delay D]\n"
      "                            [--live-clusters] [--load-balancer-delay D]\n"
      "                            [--seed-clusters N[:NAMESPACES]] [--nodes N] [--run-pods]\n"
      "                            [--simulate-workloads N]\n"
      "A strict stand-in for kube-apiserver v1.26 with the K3k CRDs, for tests and demos.\n"
      "Serves in the foreground until SIGINT or SIGTERM.\n"
      "  --simulate-k3k         run a simulated K3k controller: new Clusters go\n"
      "                         Provisioning -> Ready, deleted ones are finalized\n"
      "  --provision-delay D    Provisioning -> Ready takes D (default 1500ms)\n"
      "  --delete-delay D       deletion -> finalizer removed takes D (default 1s)\n"
      "  --live-clusters        serve each NodePort/LoadBalancer cluster's own API server on\n"
      "                         127.0.0.1 (its NodePort), so its kubeconfigs work\n"
      "  --load-balancer-delay D  a LoadBalancer gets its address after D (default 0;\n"
      "                         \"never\": no load-balancer controller)\n"
      "  --metrics-api          serve metrics.k8s.io/v1beta1 like metrics-server (usage\n"
      "                         computed from the pods: half their requests by default)\n"
      "  --nodes N              N Nodes node-0.. (4 CPU, 16Gi each); new pods are bound to\n"
      "                         them round-robin (default 0; 3 with --simulate-k3k)\n"
      "  --run-pods             start bound pods like a kubelet (phase Running)\n"
      "  --simulate-workloads N with --simulate-k3k: each Ready shared-mode cluster gets N\n"
      "                         workload pods; virtual-mode agents report their usage\n"
      "  --seed-clusters N[:M]  start with N Ready Clusters vc-0..vc-N-1 spread over\n"
      "                         namespaces tenant-1..tenant-M (default M: 10)\n"
      "Durations: 250ms, 1.5s, 2m, or plain seconds.\n"
      "Examples:\n"
      "  kraft-test-apiserver --port 0 --print-kubeconfig > /tmp/kc &\n"
      "  KUBECONFIG=/tmp/kc kubectl get clusters.k3k.io -A\n"
      "  kraft-test-apiserver --simulate-k3k --kubeconfig-out /tmp/kc\n");
}

[[noreturn]] void usage_error(const std::string& message) {
  fmt::print(stderr, "error: {}\n", message);
  usage(stderr);
  std::exit(2);
}

/// "250ms", "1.5s", "2m" or a plain number of seconds; nullopt when malformed or negative.
std::optional<milliseconds> parse_duration(const std::string& text) {
  size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  const std::string unit = text.substr(used);
  double scale = 0;
  if (unit == "ms") {
    scale = 1;
  } else if (unit.empty() || unit == "s") {
    scale = 1000;
  } else if (unit == "m") {
    scale = 60'000;
  }
  if (scale == 0 || value < 0) return std::nullopt;
  return milliseconds(static_cast<long long>(value * scale + 0.5));
}

/// A non-negative integer that is the whole of `text`.
std::optional<int> parse_count(const std::string& text) {
  size_t used = 0;
  int value = -1;
  try {
    value = std::stoi(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (used != text.size() || value < 0) return std::nullopt;
  return value;
}

/// Writes `content` to a file only its owner may read: a kubeconfig holds a private key.
void write_private_file(const std::string& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || ::fchmod(fd, 0600) != 0 ||
      ::write(fd, content.data(), content.size()) != static_cast<ssize_t>(content.size())) {
    const std::string reason = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot write " + path + ": " + reason);
  }
  ::close(fd);
}

struct ProgramOptions {
  kraft::testing::TestApiServerOptions server;
  bool print_kubeconfig = false;
  std::string kubeconfig_out;
  bool simulate_k3k = false;
  kraft::testing::K3kSimulatorOptions k3k{.provision_delay = milliseconds(1500),
                                          .delete_delay = milliseconds(1000)};
  kraft::testing::SeedOptions seed;
  std::optional<int> nodes;  ///< --nodes; unset: 3 with --simulate-k3k, else none
};

ProgramOptions parse_args(int argc, char** argv) {
  ProgramOptions o;
  std::vector<std::string> crds;
  bool default_crds = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(a + " needs a value");
      return argv[++i];
    };
    auto duration = [&]() {
      const std::string v = value();
      auto d = parse_duration(v);
      if (!d) usage_error(a + " needs a duration such as 1500ms or 2s, not \"" + v + "\"");
      return *d;
    };
    if (a == "--port") {
      const std::string v = value();
      auto port = parse_count(v);
      if (!port || *port > 65535) usage_error("--port needs a port number, not \"" + v + "\"");
      o.server.port = *port;
    } else if (a == "--print-kubeconfig") {
      o.print_kubeconfig = true;
    } else if (a == "--kubeconfig-out") {
      o.kubeconfig_out = value();
    } else if (a == "--crd") {
      crds.push_back(value());
    } else if (a == "--no-default-crds") {
      default_crds = false;
    } else if (a == "--metrics-api") {
      o.server.metrics_api = true;
    } else if (a == "--simulate-k3k") {
      o.simulate_k3k = true;
    } else if (a == "--provision-delay") {
      o.k3k.provision_delay = duration();
    } else if (a == "--delete-delay") {
      o.k3k.delete_delay = duration();
    } else if (a == "--live-clusters") {
      o.k3k.live_clusters = true;
    } else if (a == "--load-balancer-delay") {
      if (i + 1 < argc && std::string(argv[i + 1]) == "never") {
        ++i;
        o.k3k.load_balancer_delay = milliseconds(-1);
      } else {
        o.k3k.load_balancer_delay = duration();
      }
    } else if (a == "--seed-clusters") {
      const std::string v = value();
      const auto colon = v.find(':');
      auto clusters = parse_count(v.substr(0, colon));
      auto namespaces = colon == std::string::npos ? std::optional<int>(o.seed.namespaces)
                                                   : parse_count(v.substr(colon + 1));
      if (!clusters || !namespaces || *namespaces == 0) {
        usage_error("--seed-clusters needs N or N:NAMESPACES (e.g. 5000:50), not \"" + v + "\"");
      }
      o.seed.clusters = *clusters;
      o.seed.namespaces = *namespaces;
    } else if (a == "--nodes" || a == "--simulate-workloads") {
      const std::string v = value();
      auto n = parse_count(v);
      if (!n || *n > 1000) usage_error(a + " needs a count from 0 to 1000, not \"" + v + "\"");
      if (a == "--nodes") {
        o.nodes = *n;
      } else {
        o.k3k.workloads_per_cluster = *n;
      }
    } else if (a == "--run-pods") {
      o.server.nodes.run_pods = true;
    } else if (a == "-h" || a == "--help") {
      usage(stdout);
      std::exit(0);
    } else {
      usage_error("unknown argument " + a);
    }
  }
  if (!default_crds) o.server.crd_files.clear();
  o.server.crd_files.insert(o.server.crd_files.end(), crds.begin(), crds.end());
  if ((o.k3k.live_clusters || o.k3k.load_balancer_delay.count() != 0 ||
       o.k3k.workloads_per_cluster != 0) &&
      !o.simulate_k3k) {
    usage_error(
        "--live-clusters, --load-balancer-delay and --simulate-workloads need --simulate-k3k");
  }
  o.server.nodes.count = o.nodes.value_or(o.simulate_k3k ? 3 : 0);
  if (o.server.nodes.run_pods && o.server.nodes.count == 0) {
    usage_error("--run-pods needs nodes to run them on (--nodes N)");
  }
  if (o.seed.clusters > 0 && o.server.crd_files.empty()) {
    usage_error("--seed-clusters needs the K3k CRDs (drop --no-default-crds or add them by --crd)");
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const ProgramOptions options = parse_args(argc, argv);

  // Block the stop signals before any thread starts (threads inherit the mask), then wait for
  // them synchronously: a handler plus pause() can miss a signal delivered to another thread.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  try {
    kraft::testing::TestApiServer server(options.server);
    if (options.seed.clusters > 0) {
      const auto start = std::chrono::steady_clock::now();
      kraft::testing::SeedOptions seed = options.seed;
      seed.finalizer = options.simulate_k3k;
      seed.host_version = options.k3k.host_version;
      kraft::testing::seed_ready_clusters(server.registry(), seed);
      fmt::print(stderr,
                 "kraft-test-apiserver: seeded {} Ready clusters in {} namespaces ({} ms)\n",
                 seed.clusters, seed.namespaces,
                 std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start)
                     .count());
    }
    // After seeding: the simulator reacts to writes, and the seeded Clusters are finished ones.
    std::unique_ptr<kraft::testing::K3kSimulator> k3k;
    if (options.simulate_k3k) {
      k3k = std::make_unique<kraft::testing::K3kSimulator>(server, options.k3k);
      fmt::print(
          stderr,
          "kraft-test-apiserver: simulating K3k (provisioning takes {} ms, deletion {} ms)\n",
          options.k3k.provision_delay.count(), options.k3k.delete_delay.count());
    }
    // The kubeconfig comes last, so whoever reads it finds the server ready and seeded.
    if (!options.kubeconfig_out.empty())
      write_private_file(options.kubeconfig_out, server.kubeconfig());
    if (options.print_kubeconfig) {
      fmt::print("{}", server.kubeconfig());
      std::fflush(stdout);
    }
    fmt::print(stderr, "kraft-test-apiserver listening on {}\n", server.url());

    int received = 0;
    sigwait(&stop_signals, &received);
    fmt::print(stderr, "kraft-test-apiserver: {}, shutting down\n",
               received == SIGINT ? "interrupted" : "terminated");
    k3k.reset();  // detach the controller before the server it writes to goes away
    server.stop();
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  return 0;
}
