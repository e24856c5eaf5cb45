#include "config/yaml_json.h"

#include <fmt/format.h>
#include <kraft/core/error.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <regex>

namespace kraft::config::detail {
namespace {

using nlohmann::json;

bool is_null_word(const std::string& s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::optional<bool> bool_word(const std::string& s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

const std::regex& int_re() {
  static const std::regex re("[-+]?[0-9]+");
  return re;
}
const std::regex& float_re() {
  static const std::regex re(
      R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))");
  return re;
}

json resolve_plain(const std::string& s) {
  if (is_null_word(s)) return nullptr;
  if (auto b = bool_word(s)) return *b;
  if (std::regex_match(s, int_re())) {
    long long v = 0;
    const char* begin = s.data() + (s[0] == '+' ? 1 : 0);
    auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), v);
    if (ec == std::errc() && ptr == s.data() + s.size()) return v;
    return s;  // too large for an int64: keep the text
  }
  if (std::regex_match(s, float_re()) && s.find_first_of("0123456789") != std::string::npos) {
    try {
      return std::stod(s);
    } catch (const std::exception&) {
      return s;
    }
  }
  return s;
}

}  // namespace

namespace {

struct Expansion {
  const std::string& source;
  long nodes = 0;

  [[noreturn]] void fail(const char* what) const {
    throw ConfigError(fmt::format("kubeconfig{}{}: {}", source.empty() ? "" : " ", source, what));
  }
};

json to_json(const YAML::Node& node, int depth, Expansion& budget) {
  // Checked before recursing: a cyclic alias would otherwise overflow the stack.
  if (depth > kMaxYamlDepth) budget.fail("YAML nesting too deep");
  if (++budget.nodes > kMaxYamlNodes) budget.fail("YAML aliases expand too much");
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Scalar:
      // yaml-cpp tags quoted scalars "!" and plain ones "?".
      if (node.Tag() == "!") return node.Scalar();
      return resolve_plain(node.Scalar());
    case YAML::NodeType::Sequence: {
      json arr = json::array();
      for (const auto& item : node) arr.push_back(to_json(item, depth + 1, budget));
      return arr;
    }
    case YAML::NodeType::Map: {
      json obj = json::object();
      for (const auto& kv : node) obj[kv.first.Scalar()] = to_json(kv.second, depth + 1, budget);
      return obj;
    }
  }
  return nullptr;
}

}  // namespace

json yaml_to_json(const YAML::Node& node, const std::string& source) {
  Expansion budget{source};
  return to_json(node, 0, budget);
}

bool needs_quotes(const std::string& text) {
  if (text.empty()) return true;
  if (!resolve_plain(text).is_string()) return true;
  // go-yaml v2 (behind sigs.k8s.io/yaml) still reads YAML 1.1 booleans.
  static const std::array<const char*, 18> kYaml11Words = {"y",  "Y",   "yes", "Yes", "YES", "n",
                                                           "N",  "no",  "No",  "NO",  "on",  "On",
                                                           "ON", "off", "Off", "OFF", "=",   "<<"};
  static const std::regex kOtherInts("0x[0-9a-fA-F_]+|0o?[0-7_]+|[-+]?[0-9][0-9_]*");
  return std::find(kYaml11Words.begin(), kYaml11Words.end(), text) != kYaml11Words.end() ||
         std::regex_match(text, kOtherInts) ||
         std::isspace(static_cast<unsigned char>(text.front())) ||
         std::isspace(static_cast<unsigned char>(text.back()));
}

void emit_json(YAML::Emitter& out, const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      out << YAML::Null;
      break;
    case json::value_t::boolean:
      out << (value.get<bool>() ? "true" : "false");
      break;
    case json::value_t::number_integer:
      out << value.get<long long>();
      break;
    case json::value_t::number_unsigned:
      out << value.get<unsigned long long>();
      break;
    case json::value_t::number_float:
      out << value.dump();
      break;
    case json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (needs_quotes(s)) out << YAML::DoubleQuoted;
      out << s;
      break;
    }
    case json::value_t::array:
      if (value.empty()) {
        out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
        break;
      }
      out << YAML::BeginSeq;
      for (const auto& item : value) emit_json(out, item);
      out << YAML::EndSeq;
      break;
    case json::value_t::object:
      if (value.empty()) {
        out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
        break;
      }
      out << YAML::BeginMap;
      for (const auto& [k, v] : value.items()) {
        out << YAML::Key;
        if (needs_quotes(k)) out << YAML::DoubleQuoted;
        out << k << YAML::Value;
        emit_json(out, v);
      }
      out << YAML::EndMap;
      break;
    default:
      out << YAML::Null;
  }
}

int line_of(const YAML::Node& node) {
  if (!node.IsDefined()) return 0;
  const auto mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

}  // namespace kraft::config::detail
