#pragma once
// The collector's lists: one list per kind and label selector, over the namespaces of the
// selected clusters, that degrade instead of failing. A 403 on a list over every namespace
// falls back to one list per namespace; what still cannot be read becomes a Note and an
// Availability for that namespace, never an exception and never a silent zero.
#include <kraft/api/client.h>
#include <kraft/usage/report.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace kraft::usage {

/// Where the lists of one report look: one namespace, several, or every one (or, for
/// cluster-scoped kinds, the cluster).
struct ListScope {
  std::vector<std::string> namespaces;  ///< sorted, unique; empty: every namespace
};

class HostLists {
 public:
  HostLists(api::Client client, int page_size)
      : client_(std::move(client)), page_size_(page_size) {}

  /// Lists `r` with `selector` (and `field_selector`) over `scope`, adding the items not yet
  /// seen for `source` to items(source). Namespaces (or the whole scope) that failed before
  /// for `source` are not asked again.
  void list(Source source, const api::ResourceInfo& r, const ListScope& scope,
            const std::string& selector, const std::string& field_selector = "");

  /// Every item read for `source`, without duplicates (two selectors may match one object).
  nlohmann::json& items(Source source);
  /// Whether `source` could be read in namespace `ns` ("" for cluster-scoped kinds).
  Availability availability(Source source, const std::string& ns) const;
  /// Whether `source` could be read at all (kAvailable if at least one list succeeded).
  Availability overall(Source source) const;
  /// One Note per source and namespace that could not be read, in the order met.
  std::vector<Note> take_notes() { return std::move(notes_); }

 private:
  struct State {
    nlohmann::json items = nlohmann::json::array();
    std::set<std::pair<std::string, std::string>> seen;
    bool everywhere_forbidden = false;       // the all-namespaces list answered 403
    std::optional<Availability> everywhere;  // a failure that holds for every namespace
    std::map<std::string, Availability> by_namespace;
    bool any_read = false;
  };

  /// One list; records the failure (and returns false) instead of throwing.
  bool list_one(Source source, const api::ResourceInfo& r, const std::string& ns,
                const api::ListOptions& options, bool everywhere);
  void record(Source source, Availability availability, const std::string& ns,
              const std::string& text);

  api::Client client_;
  int page_size_;
  std::map<Source, State> state_;
  std::vector<Note> notes_;
};

/// metrics.k8s.io/v1beta1 PodMetrics and NodeMetrics (metrics-server's API).
const api::ResourceInfo& pod_metrics_resource();
const api::ResourceInfo& node_metrics_resource();
/// v1 ResourceQuotas and Nodes.
const api::ResourceInfo& resource_quotas_resource();
const api::ResourceInfo& nodes_resource();

}  // namespace kraft::usage
