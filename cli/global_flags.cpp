#include "global_flags.h"

#include <kraft/api/client.h>
#include <kraft/core/error.h>
#include <kraft/core/text.h>

#include <CLI/CLI.hpp>
#include <cctype>
#include <charconv>
#include <system_error>

#include "int_flags.h"

namespace kraft::cli {

void GlobalFlags::add_to(CLI::App& app) {
  app.add_option("--kubeconfig", kubeconfig, "Path to the kubeconfig file to use")
      ->group("Connection");
  app.add_option("--context", context, "The kubeconfig context to use")->group("Connection");
  app.add_option("--cluster", cluster, "The kubeconfig cluster to use")->group("Connection");
  app.add_option("--user", user, "The kubeconfig user to use")->group("Connection");
  app.add_option("-n,--namespace", ns, "The namespace (default: the context's)")
      ->group("Connection");
  app.add_option("-s,--server", server, "The address and port of the Kubernetes API server")
      ->group("Connection");
  app.add_flag("--insecure-skip-tls-verify", insecure_skip_tls_verify,
               "Do not verify the server's certificate (insecure)")
      ->group("Connection");
  app.add_option("--request-timeout", request_timeout,
                 "Time to wait for one request: 0 (none), seconds, or 30s, 5m")
      ->group("Connection");
  add_int_option(app, "-v,--v", verbosity,
                 "Log level: 6 requests, 7 headers, 8 bodies (secrets are redacted)", 6)
      ->group("Connection");
  app.add_option("--cache-dir", cache_dir,
                 "Cache directory (default: $KUBECACHEDIR, else ~/.kube/cache); kraft keeps "
                 "what the server serves in DIR/kraft/discovery for 6 hours")
      ->type_name("DIR")
      ->group("Connection");
  app.add_option_function<std::string>(
         "--qps", [this](const std::string& text) { qps = parse_qps_flag(text, "--qps"); },
         "Requests per second to the API server, on average (default 50; 0: no client-side "
         "limit)")
      ->type_name("NUMBER")
      ->group("Connection");
  app.add_option_function<std::string>(
         "--burst",
         [this](const std::string& text) {
           burst = parse_int_flag(text, "--burst", 300);
           if (burst < 1) {
             throw ValidationError("--burst " + text + " is less than 1 (e.g. --burst 300)");
           }
         },
         "Requests that may be sent at once before --qps applies (default 300)")
      ->type_name("INT")
      ->group("Connection");
}

std::string GlobalFlags::discovery_cache_dir() const {
  // As kubectl, an empty --cache-dir means the default.
  return cache_dir.empty() ? api::default_cache_dir() : cache_dir;
}

double parse_qps_flag(const std::string& text, const std::string& flag) {
  const std::string shown = "\"" + sanitize_text(text, 40) + "\"";
  auto bad = [&](const std::string& why) {
    return ValidationError(flag + " " + shown + " " + why + " (e.g. " + flag + " 50)");
  };
  if (text.empty()) throw ValidationError(flag + " needs a number (e.g. " + flag + " 50)");
  const std::size_t dot = text.find('.');
  const bool digits_only =
      text.find_first_not_of("0123456789.") == std::string::npos && text.front() != '.' &&
      text.back() != '.' &&
      (dot == std::string::npos || text.find('.', dot + 1) == std::string::npos);
  if (!digits_only) throw bad("is not a decimal number");
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) throw bad("is not a decimal number");
  if (value > 100000) throw bad("is more than 100000");
  return value;
}

config::LoadingRules GlobalFlags::loading_rules() const {
  return config::LoadingRules::from_environment(kubeconfig);
}

config::Overrides GlobalFlags::overrides() const {
  config::Overrides o;
  if (!context.empty()) o.context = context;
  if (!cluster.empty()) o.cluster = cluster;
  if (!user.empty()) o.user = user;
  if (!ns.empty()) o.ns = ns;
  if (!server.empty()) o.server = server;
  o.insecure_skip_tls_verify = insecure_skip_tls_verify;
  auto timeout = parse_duration(request_timeout, "--request-timeout");
  if (timeout.count() > 0) o.request_timeout = timeout;
  return o;
}

std::chrono::milliseconds parse_duration(const std::string& text, const std::string& flag) {
  auto bad = [&] {
    return ValidationError("invalid " + flag + " \"" + text +
                           "\": use 0, a number of seconds, or a duration such as 30s, 5m, 1h");
  };
  // A day of timeout is far beyond any request; the bound keeps the arithmetic exact.
  constexpr double kMaxMs = 24.0 * 3600 * 1000;
  auto number = [&](size_t from, size_t to) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data() + from, text.data() + to, value);
    if (ec != std::errc() || end != text.data() + to || value < 0) throw bad();
    return value;
  };
  if (text.empty()) throw bad();
  if (text.find_first_not_of("0123456789") == std::string::npos) {
    double seconds = number(0, text.size());
    if (seconds * 1000 > kMaxMs) throw bad();
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
  }
  double total_ms = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) {
      ++i;
    }
    if (i == start) throw bad();
    double value = number(start, i);
    size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string unit = text.substr(unit_start, i - unit_start);
    if (unit == "ms") {
      total_ms += value;
    } else if (unit == "s") {
      total_ms += value * 1000;
    } else if (unit == "m") {
      total_ms += value * 60'000;
    } else if (unit == "h") {
      total_ms += value * 3'600'000;
    } else {
      throw bad();
    }
    if (total_ms > kMaxMs) throw bad();
  }
  return std::chrono::milliseconds(static_cast<long long>(total_ms));
}

}  // namespace kraft::cli
