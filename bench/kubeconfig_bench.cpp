// Reading and writing big kubeconfigs (issue 5: `kraft kubeconfig merge` of two files of 500
// contexts each, certificates embedded, >= 10x faster than `kubectl config view --flatten`).
// The files are made here: 500 clusters, users and contexts, each cluster with an EC CA and
// each user with an EC client certificate chain and key, base64-encoded in *-data fields
// (1.4 MB per file, as `kraft` writes them). Run from a Release build:
//   cmake --preset bench && cmake --build --preset bench --target kraft_bench_kubeconfig
//   build/bench/bench/kraft_bench_kubeconfig
#include <benchmark/benchmark.h>
#include <kraft/config/kubeconfig.h>
#include <kraft/config/loading.h>

#include <string>
#include <vector>

namespace {

using kraft::config::Kubeconfig;

// Real EC P-256 certificates (a throwaway test CA and a client certificate it signed).
const char* const kCaPem =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBhTCCASugAwIBAgIUMLCCpHPNxEMNYdZmi714oZp8jvwwCgYIKoZIzj0EAwIw\n"
    "GDEWMBQGA1UEAwwNazNzLWNsaWVudC1jYTAeFw0yNjExMjExMDQzNDBaFw0zNjEx\n"
    "MTgxMDQzNDBaMBgxFjAUBgNVBAMMDWszcy1jbGllbnQtY2EwWTATBgcqhkjOPQIB\n"
    "BggqhkjOPQMBBwNCAATuiPszZ15IlVwRoyM2d6dj79ewq7Z+1vN/FhNGMOG1zbCK\n"
    "TVm4bol6y5IoHm7Z28903reF8VRelureNKsTgZYko1MwUTAdBgNVHQ4EFgQU+3TI\n"
    "hVJcSNX3U03F3BylLBXo8HEwHwYDVR0jBBgwFoAU+3TIhVJcSNX3U03F3BylLBXo\n"
    "8HEwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiBaTBGXODfpxJ5X\n"
    "xeLEZklaHuGcaojvlp2Nvd5t4nm66QIhAOWt54b2ZJJrwd/bQIGfW27iPpl9ch9C\n"
    "Ni83mGR/dwRn\n"
    "-----END CERTIFICATE-----\n";

const char* const kClientLeafPem =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBQjCB6QIUG2AaXDWM8BfC94pC5RBWTQ6SO5wwCgYIKoZIzj0EAwIwGDEWMBQG\n"
    "A1UEAwwNazNzLWNsaWVudC1jYTAeFw0yNjExMjExMDQzNDBaFw0yNzExMjExMDQz\n"
    "NDBaMDAxFTATBgNVBAMMDHN5c3RlbTphZG1pbjEXMBUGA1UECgwOc3lzdGVtOm1h\n"
    "c3RlcnMwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATcPo8oqTmYdj6aseutRktA\n"
    "x1HbTTv5DE9YRASGx6qhis2KIHvJ32L6V9W2E+XJU6AZAYw+aKkwENI6M+GklVWM\n"
    "MAoGCCqGSM49BAMCA0gAMEUCIBH60T6xyMlejbMvldJde9sGdszws8E+CSaoYZL1\n"
    "mxOkAiEAvkfTuScBapHm0oCDf8X4+K6Kh5tecXCD/0femIqFAHs=\n"
    "-----END CERTIFICATE-----\n";

// The leaf followed by its CA, as kraft kubeconfig get writes client-certificate-data.
const std::string kClientChainPem = std::string(kClientLeafPem) + kCaPem;

// The shape and size of an EC P-256 private key in PEM (227 bytes), made of filler so that no
// key-like text is committed.
const std::string kKeyShapedPem = "-----BEGIN EC PRIVATE KEY-----\n" + std::string(64, 'A') +
                                  "\n" + std::string(64, 'B') + "\n" + std::string(36, 'C') +
                                  "==\n-----END EC PRIVATE KEY-----\n";

Kubeconfig generate(const std::string& prefix, int contexts) {
  Kubeconfig config;
  for (int i = 0; i < contexts; ++i) {
    const std::string name = "kraft-" + prefix + "-" + std::to_string(i);
    kraft::config::Named<kraft::config::ClusterInfo> cluster;
    cluster.name = name;
    cluster.value.server = "https://" + prefix + "-" + std::to_string(i) + ".example.com:6443";
    cluster.value.certificate_authority_data = kCaPem;
    config.clusters.push_back(cluster);
    kraft::config::Named<kraft::config::AuthInfo> user;
    user.name = name;
    user.value.client_certificate_data = kClientChainPem;
    user.value.client_key_data = kraft::Secret(kKeyShapedPem);
    config.users.push_back(user);
    config.contexts.push_back({name, {name, name, "default"}, {}, ""});
  }
  config.current_context = "kraft-" + prefix + "-0";
  return config;
}

const std::string& file_a() {
  static const std::string text = kraft::config::to_yaml(generate("a", 500));
  return text;
}
const std::string& file_b() {
  static const std::string text = kraft::config::to_yaml(generate("b", 500));
  return text;
}

// One 500-context file (~1.4 MB). Goal: <= 10 ms.
void BM_ParseKubeconfig(benchmark::State& state) {
  const std::string& text = file_a();
  for (auto _ : state) {
    benchmark::DoNotOptimize(kraft::config::parse_kubeconfig(text, "/bench/a.yaml"));
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ParseKubeconfig)->Unit(benchmark::kMillisecond);

void BM_MergeKubeconfigs(benchmark::State& state) {
  const Kubeconfig a = kraft::config::parse_kubeconfig(file_a(), "/bench/a.yaml");
  const Kubeconfig b = kraft::config::parse_kubeconfig(file_b(), "/bench/b.yaml");
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Kubeconfig> files{a, b};
    state.ResumeTiming();
    benchmark::DoNotOptimize(kraft::config::merge(std::move(files)));
  }
}
BENCHMARK(BM_MergeKubeconfigs)->Unit(benchmark::kMillisecond);

// The merge of both files (1,000 contexts, ~2.8 MB of YAML). Goal: <= 15 ms.
void BM_ToYaml(benchmark::State& state) {
  const Kubeconfig merged =
      kraft::config::merge({kraft::config::parse_kubeconfig(file_a(), "/bench/a.yaml"),
                            kraft::config::parse_kubeconfig(file_b(), "/bench/b.yaml")});
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = kraft::config::to_yaml(merged);
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ToYaml)->Unit(benchmark::kMillisecond);

// What `kraft kubeconfig merge a b` does between reading the files and writing the result.
void BM_ParseMergeWrite(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<Kubeconfig> files;
    files.push_back(kraft::config::parse_kubeconfig(file_a(), "/bench/a.yaml"));
    files.push_back(kraft::config::parse_kubeconfig(file_b(), "/bench/b.yaml"));
    benchmark::DoNotOptimize(kraft::config::to_yaml(kraft::config::merge(std::move(files))));
  }
}
BENCHMARK(BM_ParseMergeWrite)->Unit(benchmark::kMillisecond);

}  // namespace
