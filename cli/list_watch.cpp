#include "list_watch.h"

#include <fmt/core.h>
#include <kraft/api/reflector.h>
#include <kraft/config/yaml_text.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/resources.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cluster_args.h"
#include "cluster_table.h"
#include "command_context.h"
#include "output.h"

namespace kraft::cli {
namespace {

// kubectl's EVENT column: as wide as its longest word, MODIFIED.
std::string with_event_column(const std::string& table, const std::string& first_word) {
  std::istringstream lines(table);
  std::string out;
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    out += fmt::format("{:<10}{}\n", first ? first_word : std::string(), line);
    first = false;
  }
  return out;
}

class WatchPrinter {
 public:
  explicit WatchPrinter(const ListWatchOptions& options) : options_(options) {}

  // The first list: one table (kubectl prints its header once), or one object each.
  void initial(std::vector<k3k::Cluster> clusters) {
    std::sort(clusters.begin(), clusters.end(), [](const auto& a, const auto& b) {
      return std::pair(a.namespace_name(), a.name()) < std::pair(b.namespace_name(), b.name());
    });
    if (clusters.empty()) {
      print_stderr("No virtual clusters found{}.\n",
                   options_.ns.empty() ? "" : fmt::format(" in namespace {}", options_.ns));
    }
    if (table() && !clusters.empty()) {
      std::string out;
      cluster_table(clusters, options_.output == "wide", std::chrono::system_clock::now())
          .render(out, options_.no_headers);
      if (options_.watch_events) {
        std::string rows;
        // Header line keeps "EVENT"; each row says ADDED.
        std::istringstream lines(out);
        std::string line;
        bool header = !options_.no_headers;
        while (std::getline(lines, line)) {
          rows += fmt::format("{:<10}{}\n", header ? "EVENT" : "ADDED", line);
          header = false;
        }
        out = rows;
      }
      write_stdout(out);
      return;
    }
    for (const auto& c : clusters) event("ADDED", c);
  }

  void event(const std::string& type, const k3k::Cluster& cluster) {
    const k3k::Cluster shown =
        options_.show_managed_fields ? cluster : without_managed_fields(cluster);
    std::string out;
    if (table()) {
      cluster_table({shown}, options_.output == "wide", std::chrono::system_clock::now())
          .render(out, /*no_headers=*/true);
      if (options_.watch_events) out = with_event_column(out, type);
    } else if (options_.output == "name") {
      out = (options_.watch_events ? type + " " : "") + cluster_output_name(shown) + "\n";
    } else if (options_.watch_events) {
      // kubectl's watch event: {"type": "ADDED", "object": {...}}.
      nlohmann::json e = {{"type", type}, {"object", shown.raw()}};
      out = options_.output == "json" ? to_json_text(e) : "---\n" + yaml_of(e);
    } else {
      render_cluster(out, shown, options_.output);
      if (options_.output == "yaml") out = "---\n" + out;
    }
    write_stdout(out);
  }

 private:
  bool table() const { return !is_cluster_object_format(options_.output); }
  static std::string yaml_of(const nlohmann::json& value) { return config::to_yaml_text(value); }

  const ListWatchOptions& options_;
};

}  // namespace

int run_list_watch(CommandContext& ctx, const ListWatchOptions& options) {
  const api::Client& client = ctx.client();
  k3k::require_k3k(client);  // "K3k is not installed" before anything else
  api::Reflector reflector(client, k3k::clusters(),
                           {.ns = options.ns, .label_selector = options.selector});
  WatchPrinter printer(options);
  bool listed = false;
  std::vector<k3k::Cluster> first;
  reflector.subscribe([&](const api::WatchEvent& e) {
    k3k::Cluster c = k3k::Cluster::from_json(*e.object);
    if (!listed) {
      first.push_back(std::move(c));
    } else {
      printer.event(e.type, c);
    }
  });
  reflector.run(
      [&] {
        if (!listed && reflector.synced()) {
          listed = true;
          printer.initial(std::move(first));
        }
        return false;  // until a signal ends kraft
      },
      std::nullopt);
  return 0;
}

}  // namespace kraft::cli
