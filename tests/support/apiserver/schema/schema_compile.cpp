// Compiles openAPIV3Schema JSON into SchemaNode trees, rejecting what the test server cannot
// enforce rather than ignoring it.
#include <set>
#include <stdexcept>

#include "schema/schema_node.h"

namespace kraft::testing::schema_detail {
namespace {

using nlohmann::json;

// Keywords that only describe (documentation, printing) and need no enforcement.
const std::set<std::string> kDescriptive = {"description",  "title",   "example",
                                            "externalDocs", "$schema", "id"};

// Formats kube-apiserver keeps after StripUnsupportedFormatsPostProcess (compared without '-');
// every other format (int32, int64, double, ...) is dropped and never validated.
const std::set<std::string> kSupportedFormats = {
    "bsonobjectid", "uri",    "email",    "hostname",   "ipv4",     "ipv6",
    "cidr",         "mac",    "uuid",     "uuid3",      "uuid4",    "uuid5",
    "isbn",         "isbn10", "isbn13",   "creditcard", "ssn",      "hexcolor",
    "rgbcolor",     "byte",   "password", "date",       "duration", "datetime"};

std::string normalized_format(const std::string& format) {
  std::string out;
  for (char c : format) {
    if (c != '-') out += c;
  }
  return out;
}

[[noreturn]] void fail(const std::string& pointer, const std::string& what) {
  throw std::invalid_argument("schema at " + (pointer.empty() ? "/" : pointer) + ": " + what);
}

std::optional<int64_t> get_int(const json& raw, const char* key, const std::string& pointer) {
  auto it = raw.find(key);
  if (it == raw.end()) return std::nullopt;
  if (!it->is_number_integer()) fail(pointer, std::string(key) + " must be an integer");
  return it->get<int64_t>();
}

std::optional<double> get_number(const json& raw, const char* key, const std::string& pointer) {
  auto it = raw.find(key);
  if (it == raw.end()) return std::nullopt;
  if (!it->is_number()) fail(pointer, std::string(key) + " must be a number");
  return it->get<double>();
}

void compile_rules(SchemaNode& node, const json& rules, const std::string& pointer) {
  if (!rules.is_array()) fail(pointer, "x-kubernetes-validations must be a list");
  for (const auto& r : rules) {
    CelRule rule;
    for (auto it = r.begin(); it != r.end(); ++it) {
      if (it.key() != "rule" && it.key() != "message") {
        fail(pointer, "x-kubernetes-validations field '" + it.key() +
                          "' is not supported by kube-apiserver v1.26");
      }
    }
    rule.rule = r.value("rule", "");
    rule.message = r.value("message", "");
    try {
      rule.program = cel::Program::compile(rule.rule);
    } catch (const std::invalid_argument& e) {
      fail(pointer, "CEL rule '" + rule.rule + "' is outside the supported subset: " + e.what());
    }
    node.rules.push_back(std::move(rule));
  }
}

std::vector<SchemaNode> compile_list(const json& raw, const char* key, const std::string& pointer) {
  std::vector<SchemaNode> out;
  const auto& list = raw.at(key);
  if (!list.is_array()) fail(pointer, std::string(key) + " must be a list");
  for (size_t i = 0; i < list.size(); ++i) {
    out.push_back(compile_node(list[i], pointer + "/" + key + "/" + std::to_string(i)));
  }
  return out;
}

}  // namespace

SchemaNode compile_node(const json& raw, const std::string& pointer) {
  if (!raw.is_object()) fail(pointer, "a schema must be an object");
  SchemaNode node;
  node.raw = &raw;
  for (auto it = raw.begin(); it != raw.end(); ++it) {
    const std::string& key = it.key();
    const json& value = it.value();
    if (kDescriptive.count(key) != 0) continue;
    if (key == "type") {
      node.type = value.get<std::string>();
      static const std::set<std::string> kTypes = {"object",  "array",  "string",
                                                   "integer", "number", "boolean"};
      if (kTypes.count(node.type) == 0) fail(pointer, "unknown type '" + node.type + "'");
    } else if (key == "format") {
      const auto format = value.get<std::string>();
      if (kSupportedFormats.count(normalized_format(format)) != 0) node.format = format;
    } else if (key == "nullable") {
      node.nullable = value.get<bool>();
    } else if (key == "properties") {
      for (auto p = value.begin(); p != value.end(); ++p) {
        node.properties[p.key()] = std::make_unique<SchemaNode>(
            compile_node(p.value(), pointer + "/properties/" + p.key()));
      }
    } else if (key == "additionalProperties") {
      if (value.is_boolean()) {
        node.additional_properties_allows = value.get<bool>();
      } else {
        node.additional_properties =
            std::make_unique<SchemaNode>(compile_node(value, pointer + "/additionalProperties"));
      }
    } else if (key == "items") {
      if (!value.is_object()) fail(pointer, "items must be a single schema");
      node.items = std::make_unique<SchemaNode>(compile_node(value, pointer + "/items"));
    } else if (key == "required") {
      node.required = value.get<std::vector<std::string>>();
    } else if (key == "enum") {
      node.enum_values = value.get<std::vector<json>>();
    } else if (key == "default") {
      node.default_value = value;
    } else if (key == "minimum") {
      node.minimum = get_number(raw, "minimum", pointer);
    } else if (key == "maximum") {
      node.maximum = get_number(raw, "maximum", pointer);
    } else if (key == "multipleOf") {
      node.multiple_of = get_number(raw, "multipleOf", pointer);
    } else if (key == "exclusiveMinimum") {
      node.exclusive_minimum = value.get<bool>();
    } else if (key == "exclusiveMaximum") {
      node.exclusive_maximum = value.get<bool>();
    } else if (key == "minLength") {
      node.min_length = get_int(raw, "minLength", pointer);
    } else if (key == "maxLength") {
      node.max_length = get_int(raw, "maxLength", pointer);
    } else if (key == "minItems") {
      node.min_items = get_int(raw, "minItems", pointer);
    } else if (key == "maxItems") {
      node.max_items = get_int(raw, "maxItems", pointer);
    } else if (key == "minProperties") {
      node.min_properties = get_int(raw, "minProperties", pointer);
    } else if (key == "maxProperties") {
      node.max_properties = get_int(raw, "maxProperties", pointer);
    } else if (key == "uniqueItems") {
      node.unique_items = value.get<bool>();
    } else if (key == "pattern") {
      node.pattern = value.get<std::string>();
      try {
        // Go RE2 and ECMAScript agree on the patterns CRDs use (classes, groups, anchors).
        node.pattern_regex.emplace(node.pattern, std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        fail(pointer, "pattern '" + node.pattern + "' does not compile: " + e.what());
      }
    } else if (key == "allOf") {
      node.all_of = compile_list(raw, "allOf", pointer);
    } else if (key == "anyOf") {
      node.any_of = compile_list(raw, "anyOf", pointer);
    } else if (key == "oneOf") {
      node.one_of = compile_list(raw, "oneOf", pointer);
    } else if (key == "not") {
      node.not_schema = std::make_unique<SchemaNode>(compile_node(value, pointer + "/not"));
    } else if (key == "x-kubernetes-int-or-string") {
      node.int_or_string = value.get<bool>();
    } else if (key == "x-kubernetes-preserve-unknown-fields") {
      node.preserve_unknown_fields = value.get<bool>();
    } else if (key == "x-kubernetes-embedded-resource") {
      node.embedded_resource = value.get<bool>();
    } else if (key == "x-kubernetes-list-type") {
      node.list_type = value.get<std::string>();
    } else if (key == "x-kubernetes-list-map-keys") {
      node.list_map_keys = value.get<std::vector<std::string>>();
    } else if (key == "x-kubernetes-map-type") {
      node.map_type = value.get<std::string>();
    } else if (key == "x-kubernetes-validations") {
      compile_rules(node, value, pointer);
    } else {
      fail(pointer, "keyword '" + key + "' is not supported");
    }
  }
  return node;
}

}  // namespace kraft::testing::schema_detail
