// Cluster: reading, writing over the raw object, phase and readiness.
#include <kraft/core/error.h>
#include <kraft/k3k/cluster.h>

#include <array>
#include <utility>

#include "k3k/codec.h"

namespace kraft::k3k {
namespace {

constexpr std::array<std::pair<ClusterPhase, std::string_view>, 6> kPhaseNames{{
    {ClusterPhase::kUnknown, "Unknown"},
    {ClusterPhase::kPending, "Pending"},
    {ClusterPhase::kProvisioning, "Provisioning"},
    {ClusterPhase::kReady, "Ready"},
    {ClusterPhase::kFailed, "Failed"},
    {ClusterPhase::kTerminating, "Terminating"},
}};

std::string metadata_string(const json& metadata, const char* key) {
  auto it = metadata.find(key);
  return it != metadata.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string_view to_string(ClusterPhase phase) {
  for (const auto& [value, text] : kPhaseNames) {
    if (value == phase) return text;
  }
  return "Unknown";
}

ClusterPhase parse_cluster_phase(std::string_view text) {
  for (const auto& [value, name] : kPhaseNames) {
    if (name == text) return value;
  }
  return ClusterPhase::kUnknown;
}

Cluster::Cluster(const std::string& ns, const std::string& name) {
  metadata["name"] = name;
  metadata["namespace"] = ns;
}

Cluster Cluster::from_json(const json& object) {
  Cluster cluster;
  decode_object(object, kKind, cluster);
  cluster.raw_ = object;
  return cluster;
}

Cluster Cluster::from_json(json&& object) {
  Cluster cluster;
  decode_object(object, kKind, cluster);
  cluster.raw_ = std::move(object);
  return cluster;
}

json Cluster::to_json() const { return encode_object(raw_, kApiVersion, kKind, *this); }

std::string Cluster::name() const { return metadata_string(metadata, "name"); }

std::string Cluster::namespace_name() const { return metadata_string(metadata, "namespace"); }

bool Cluster::is_terminating() const {
  auto it = metadata.find("deletionTimestamp");
  return it != metadata.end() && !it->is_null();
}

ClusterPhase Cluster::phase() const {
  // K3k rarely stores Terminating: deletion shows only as metadata.deletionTimestamp.
  if (is_terminating()) return ClusterPhase::kTerminating;
  if (!status || !status->phase) return ClusterPhase::kUnknown;
  return parse_cluster_phase(*status->phase);
}

std::optional<Condition> Cluster::ready_condition() const {
  if (!status || !status->conditions) return std::nullopt;
  return find_condition(*status->conditions, "Ready");
}

}  // namespace kraft::k3k
