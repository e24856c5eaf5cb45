#include "cluster_args.h"

#include <kraft/api/label_selector.h>
#include <kraft/config/yaml_text.h>
#include <kraft/core/error.h>

#include <nlohmann/json.hpp>

#include "command_context.h"
#include "output.h"

namespace kraft::cli {
namespace {

// The object to print: what the server sent, or the typed value for a Cluster made in code.
nlohmann::json object_of(const k3k::Cluster& cluster) {
  return cluster.raw().empty() ? cluster.to_json() : cluster.raw();
}

// Pretty JSON of `value` appended to `out` as if it sat `depth` spaces deep in a document:
// nlohmann's own printer (the one dump(2) uses) writing straight into `out`, so a List of
// thousands is printed without building it (a copy of every cluster) or a second pass.
void append_pretty_json(std::string& out, const nlohmann::json& value, unsigned depth) {
  nlohmann::detail::serializer<nlohmann::json> printer(
      nlohmann::detail::output_adapter<char, std::string>(out), ' ');
  printer.dump(value, true, false, 2, depth);
}

// A cluster as JSON at `depth`: what the server sent, printed in place (a ?: choosing between
// raw() and to_json() would copy it), or the typed value for a Cluster made in code.
void append_cluster_json(std::string& out, const k3k::Cluster& cluster, unsigned depth) {
  if (cluster.raw().empty()) {
    append_pretty_json(out, cluster.to_json(), depth);
  } else {
    append_pretty_json(out, cluster.raw(), depth);
  }
}

void require_format(std::string_view format) {
  require_output_format(std::string(format), kClusterObjectFormats);
}

}  // namespace

k3k::ClusterRef cluster_ref(const CommandContext& ctx, std::string_view arg) {
  return k3k::resolve_cluster_ref(arg, ctx.flags().ns);
}

std::size_t check_label_selector(std::string_view selector) {
  try {
    return api::parse_label_selector(selector).size();
  } catch (const ValidationError& e) {
    throw ValidationError(std::string(e.what()) +
                          " (-l takes KEY=VALUE, KEY!=VALUE, 'KEY in (V1,V2)', "
                          "'KEY notin (V1,V2)', KEY or !KEY, joined by ',')");
  }
}

bool is_cluster_object_format(std::string_view format) {
  for (const char* f : kClusterObjectFormats) {
    if (format == f) return true;
  }
  return false;
}

std::string cluster_output_name(const k3k::ClusterRef& ref) { return "cluster/" + ref.str(); }

std::string cluster_output_name(const k3k::Cluster& cluster) {
  return cluster_output_name(k3k::ClusterRef{cluster.namespace_name(), cluster.name()});
}

void render_cluster(std::string& out, const k3k::Cluster& cluster, std::string_view format) {
  require_format(format);
  if (format == "name") {
    out += cluster_output_name(cluster) + "\n";
  } else if (format == "json") {
    append_cluster_json(out, cluster, 0);
    out += '\n';
  } else {
    out += config::to_yaml_text(object_of(cluster));
  }
}

void render_cluster_list(std::string& out, const std::vector<k3k::Cluster>& clusters,
                         std::string_view format) {
  require_format(format);
  if (format == "name") {
    for (const auto& c : clusters) out += cluster_output_name(c) + "\n";
  } else if (format == "json") {
    // Byte for byte what to_json_text() of the List would print (a unit test holds it to
    // that), written piece by piece: kubectl's key order, items at depth 4.
    out += "{\n  \"apiVersion\": \"v1\",\n  \"items\": [";
    for (std::size_t i = 0; i < clusters.size(); ++i) {
      out += i == 0 ? "\n    " : ",\n    ";
      append_cluster_json(out, clusters[i], 4);
    }
    out += clusters.empty() ? "]" : "\n  ]";
    out += ",\n  \"kind\": \"List\"\n}\n";
  } else {
    nlohmann::json list = {
        {"apiVersion", "v1"}, {"kind", "List"}, {"items", nlohmann::json::array()}};
    auto& items = list["items"];
    items.get_ref<nlohmann::json::array_t&>().reserve(clusters.size());
    for (const auto& c : clusters) items.push_back(object_of(c));
    out += config::to_yaml_text(list);
  }
}

k3k::Cluster without_managed_fields(const k3k::Cluster& cluster) {
  const auto meta = cluster.raw().find("metadata");
  if (meta == cluster.raw().end() || !meta->is_object() || !meta->contains("managedFields")) {
    return cluster;
  }
  nlohmann::json object = cluster.raw();
  object["metadata"].erase("managedFields");
  return k3k::Cluster::from_json(std::move(object));
}

void print_cluster(const k3k::Cluster& cluster, std::string_view format) {
  std::string out;
  render_cluster(out, cluster, format);
  write_stdout(out);
}

}  // namespace kraft::cli
