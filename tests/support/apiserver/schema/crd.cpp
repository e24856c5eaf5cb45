// Loading CustomResourceDefinition YAML files into Crd values with compiled schemas.
#include "schema/crd.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kraft::testing {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open file");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> string_list(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  return it->get<std::vector<std::string>>();
}

Crd crd_from_json(nlohmann::json raw, const std::string& path) {
  if (raw.value("kind", "") != "CustomResourceDefinition" ||
      raw.value("apiVersion", "") != "apiextensions.k8s.io/v1") {
    throw std::runtime_error(path + ": not an apiextensions.k8s.io/v1 CustomResourceDefinition");
  }
  const auto& spec = raw.at("spec");
  const auto& names = spec.at("names");
  Crd crd;
  crd.group = spec.at("group").get<std::string>();
  crd.kind = names.at("kind").get<std::string>();
  crd.plural = names.at("plural").get<std::string>();
  // The apiserver fills these in: singular is the lower-cased kind, listKind is kind + "List".
  crd.list_kind = names.value("listKind", crd.kind + "List");
  std::string lower_kind;
  for (char c : crd.kind)
    lower_kind += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  crd.singular = names.value("singular", lower_kind);
  crd.short_names = string_list(names, "shortNames");
  crd.categories = string_list(names, "categories");
  const std::string scope = spec.at("scope").get<std::string>();
  if (scope != "Namespaced" && scope != "Cluster") {
    throw std::runtime_error(path + ": unknown scope '" + scope + "'");
  }
  crd.namespaced = scope == "Namespaced";
  for (const auto& v : spec.at("versions")) {
    CrdVersion version;
    version.name = v.at("name").get<std::string>();
    version.served = v.value("served", false);
    version.storage = v.value("storage", false);
    auto sub = v.find("subresources");
    version.status_subresource = sub != v.end() && sub->is_object() && sub->contains("status");
    try {
      version.schema = Schema::compile(v.at("schema").at("openAPIV3Schema"));
    } catch (const std::exception& e) {
      throw std::runtime_error(path + ": version " + version.name + ": " + e.what());
    }
    crd.versions.push_back(std::move(version));
  }
  crd.raw = std::move(raw);
  return crd;
}

}  // namespace

Crd load_crd_file(const std::string& path) { return load_crd_text(read_file(path), path); }

Crd load_crd_text(const std::string& text, const std::string& origin) {
  nlohmann::json raw;
  try {
    raw = yaml_to_json(text);
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(origin + ": malformed YAML: " + e.what());
  }
  try {
    return crd_from_json(std::move(raw), origin);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(origin + ": malformed CustomResourceDefinition: " + e.what());
  }
}

}  // namespace kraft::testing
