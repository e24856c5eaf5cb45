#pragma once
// What every cluster command (create, list, get, describe, scale, delete) shares: which
// cluster a positional NAME or NAMESPACE/NAME means, and how clusters print for
// -o json|yaml|name. Output goes to stdout in one write.
//
//   auto ref = cluster_ref(ctx, flags->name);          // NAME | NS/NAME, -n, k3k-NAME
//   std::string out;
//   render_cluster(out, cluster, flags->output);       // "json", "yaml" or "name"
//   write_stdout(out);                                  // output.h
#include <kraft/k3k/cluster.h>
#include <kraft/k3k/cluster_ref.h>

#include <string>
#include <string_view>
#include <vector>

namespace kraft::cli {

class CommandContext;

/// The cluster `arg` (NAME or NAMESPACE/NAME) means, with the global -n (GlobalFlags::ns) and
/// K3k's default namespace k3k-NAME. Throws ValidationError (exit 2) for an invalid name,
/// more than one '/', or NS/NAME that contradicts -n.
k3k::ClusterRef cluster_ref(const CommandContext& ctx, std::string_view arg);

/// Checks -l/--selector before anything is sent (the API server's grammar, see
/// kraft/api/label_selector.h) and returns how many requirements it has (0: it selects
/// everything). ValidationError (exit 2) naming the flag and showing the syntax.
std::size_t check_label_selector(std::string_view selector);

/// The -o formats render_cluster and render_cluster_list handle.
inline constexpr std::initializer_list<const char*> kClusterObjectFormats = {"json", "yaml",
                                                                             "name"};
/// Whether `format` is one of kClusterObjectFormats.
bool is_cluster_object_format(std::string_view format);

/// -o name's line, without newline: "cluster/NS/NAME".
std::string cluster_output_name(const k3k::ClusterRef& ref);
std::string cluster_output_name(const k3k::Cluster& cluster);

/// Appends one cluster: json (2-space indent) and yaml print the object as the server sent it
/// (as built, for a Cluster made in code such as a client dry run); name prints
/// "cluster/NS/NAME". Each ends in a newline. ValidationError for another format.
void render_cluster(std::string& out, const k3k::Cluster& cluster, std::string_view format);

/// Appends several clusters: json and yaml as a kubectl-style List
/// {"apiVersion": "v1", "items": [...], "kind": "List"} (exactly these keys, items as the
/// server sent them, even when empty); name as one line per cluster.
void render_cluster_list(std::string& out, const std::vector<k3k::Cluster>& clusters,
                         std::string_view format);

/// The cluster as kubectl prints objects by default: without metadata.managedFields.
k3k::Cluster without_managed_fields(const k3k::Cluster& cluster);

/// render_cluster then write_stdout: one cluster printed as -o asks.
void print_cluster(const k3k::Cluster& cluster, std::string_view format);

}  // namespace kraft::cli
