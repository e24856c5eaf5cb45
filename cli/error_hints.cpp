#include "error_hints.h"

#include <kraft/config/errors.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/core/error.h>
#include <kraft/core/executor.h>
#include <kraft/k3k/errors.h>

#include <string_view>
#include <utility>
#include <vector>

namespace kraft::cli {
namespace {

// ClusterRequest's and ScaleRequest's members (ValidationError::fields()) as `kraft create`
// and `kraft scale` spell them; resolve_cluster_ref's separate namespace is -n.
constexpr std::pair<std::string_view, std::string_view> kFlagOfField[] = {
    {"ns", "-n"},
    {"servers", "--servers"},
    {"agents", "--agents"},
    {"mode", "--mode"},
    {"version", "--version"},
    {"persistence", "--persistence"},
    {"storage_class", "--storage-class"},
    {"storage_size", "--storage-size"},
    {"expose", "--expose"},
    {"ingress_class", "--ingress-class"},
    {"host", "--host"},
    {"server_host", "--server-host"},
    {"tls_sans", "--tls-san"},
    {"policy", "--policy"},
};

std::string_view flag_of(std::string_view field) {
  for (const auto& [name, flag] : kFlagOfField) {
    if (name == field) return flag;
  }
  return {};
}

// " (--host, --expose)" for the fields that have a flag.
std::string flags_of(const std::vector<std::string>& fields) {
  std::string flags;
  for (const auto& field : fields) {
    const std::string_view flag = flag_of(field);
    if (flag.empty()) continue;
    flags += flags.empty() ? " (" : ", ";
    flags += flag;
  }
  return flags.empty() ? flags : flags + ")";
}

}  // namespace

std::string flag_hint(const std::exception& error) {
  if (const auto* e = dynamic_cast<const ValidationError*>(&error)) return flags_of(e->fields());
  if (dynamic_cast<const config::NotConfiguredError*>(&error)) return " (--kubeconfig)";
  if (dynamic_cast<const config::NoContextError*>(&error)) return "; choose one with --context";
  if (const auto* e = dynamic_cast<const config::EntryNotFoundError*>(&error)) {
    // Overrides' context, cluster and user are the flags of the same names.
    return e->from_overrides() ? " (from --" + e->kind() + ")" : "";
  }
  if (dynamic_cast<const config::MergeConflictError*>(&error)) {
    return " (--on-conflict rename|overwrite or --prefix)";
  }
  if (dynamic_cast<const k3k::NamespaceTerminatingError*>(&error)) return " (-n)";
  if (dynamic_cast<const k3k::HostInUseError*>(&error)) return " (--host)";
  if (const auto* e = dynamic_cast<const k3k::NotInstalledError*>(&error)) {
    return e->component() == "Traefik" ? " (--expose)" : "";
  }
  return "";
}

std::string error_text(const std::exception& error) { return error.what() + flag_hint(error); }

std::string error_text(const Failure& failure) {
  if (!failure.exception) return failure.message;
  try {
    std::rethrow_exception(failure.exception);
  } catch (const std::exception& e) {
    return failure.message + flag_hint(e);
  } catch (...) {
  }
  return failure.message;
}

}  // namespace kraft::cli
