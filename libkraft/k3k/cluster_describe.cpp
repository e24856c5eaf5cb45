// ClusterService::describe: the Cluster plus what K3k made for it on the host, and the
// namespace's recent Events, like `kubectl describe`. Objects K3k has not created (yet) are
// nullopt: a 404 is a normal answer here. The Ingress and IngressRouteTCP are fetched as
// fetch_server_url() does (exposure.h).
#include <kraft/api/errors.h>
#include <kraft/api/json_view.h>
#include <kraft/core/time.h>
#include <kraft/k3k/cluster_service.h>
#include <kraft/k3k/names.h>

#include <algorithm>
#include <chrono>
#include <string_view>
#include <utility>

#include "k3k/exposure.h"

namespace kraft::k3k {
namespace {

using api::child;
using api::string_at;

using WallClock = std::chrono::system_clock;

constexpr std::size_t kMaxEvents = 20;  // kubectl describe shows the recent ones, too

// When an event last happened: lastTimestamp (core/v1 writers), eventTime (events.k8s.io
// writers, whose lastTimestamp is empty), else when it was stored.
WallClock::time_point event_time(const nlohmann::json& event) {
  for (const char* key : {"lastTimestamp", "eventTime"}) {
    if (auto t = parse_rfc3339(string_at(event, key))) return *t;
  }
  if (auto t = parse_rfc3339(string_at(child(&event, "metadata"), "creationTimestamp"))) return *t;
  return WallClock::time_point::min();
}

// The last kMaxEvents events, oldest first.
std::vector<nlohmann::json> recent_events(nlohmann::json list) {
  std::vector<std::pair<WallClock::time_point, nlohmann::json>> timed;
  if (auto items = list.find("items"); items != list.end() && items->is_array()) {
    timed.reserve(items->size());
    for (auto& item : *items) {
      const auto when = event_time(item);
      timed.emplace_back(when, std::move(item));
    }
  }
  std::stable_sort(timed.begin(), timed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  const std::size_t skip = timed.size() > kMaxEvents ? timed.size() - kMaxEvents : 0;
  std::vector<nlohmann::json> events;
  events.reserve(timed.size() - skip);
  for (std::size_t i = skip; i < timed.size(); ++i) events.push_back(std::move(timed[i].second));
  return events;
}

}  // namespace

ClusterDetails ClusterService::describe(const ClusterRef& ref) const {
  ClusterDetails details;
  details.cluster = get(ref);
  const std::string& ns = ref.ns;
  details.server_statefulset =
      client_.get_opt(api::resources::stateful_sets(), ns, server_statefulset_name(ref.name));
  FetchedExposure exposure = fetch_exposure(client_, details.cluster);
  details.ingress = std::move(exposure.ingress);
  details.traefik_route = std::move(exposure.traefik_route);
  details.service = std::move(exposure.service);
  try {
    details.events = recent_events(client_.list(api::resources::events(), ns));
  } catch (const api::ApiError& e) {
    // Like kubectl describe: a user who may not read Events still gets the rest.
    if (!e.is_forbidden()) throw;
  }
  return details;
}

}  // namespace kraft::k3k
