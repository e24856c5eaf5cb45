#include "output.h"

#include <kraft/core/error.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

namespace kraft::cli {

namespace {

void emit(YAML::Emitter& out, const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::object:
      out << YAML::BeginMap;
      for (const auto& [k, item] : v.items()) {
        out << YAML::Key << k << YAML::Value;
        emit(out, item);
      }
      out << YAML::EndMap;
      break;
    case nlohmann::json::value_t::array:
      out << YAML::BeginSeq;
      for (const auto& item : v) emit(out, item);
      out << YAML::EndSeq;
      break;
    case nlohmann::json::value_t::string: {
      // yaml-cpp quotes strings that would read back as another type (true, 1, null).
      out << v.get<std::string>();
      break;
    }
    case nlohmann::json::value_t::boolean:
      out << v.get<bool>();
      break;
    case nlohmann::json::value_t::null:
      out << YAML::Null;
      break;
    default:
      out << v.dump();
      break;
  }
}

}  // namespace

std::string to_json_text(const nlohmann::json& value) { return value.dump(2) + "\n"; }

std::string to_yaml_text(const nlohmann::json& value) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::Block;
  emit(out, value);
  std::string text = out.c_str();
  if (text.empty() || text.back() != '\n') text.push_back('\n');
  return text;
}

void require_output_format(const std::string& format, std::initializer_list<const char*> allowed) {
  std::string list;
  for (const char* a : allowed) {
    if (format == a) return;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  throw ValidationError("unknown output format \"" + format + "\": use one of " + list);
}

}  // namespace kraft::cli
