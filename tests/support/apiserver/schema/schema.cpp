// Schema: the compiled openAPIV3Schema of one CRD version and the operations the apiserver
// performs with it.
#include "schema/schema.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "schema/field_error.h"
#include "schema/schema_node.h"
#include "schema/schema_validate.h"

namespace kraft::testing {
namespace {

using schema_detail::SchemaNode;

class CompiledSchema final : public Schema {
 public:
  CompiledSchema(std::shared_ptr<const nlohmann::json> raw, SchemaNode root)
      : raw_(std::move(raw)), root_(std::move(root)) {}

  void apply_defaults(nlohmann::json& object) const override {
    schema_detail::apply_defaults(&root_, object);
  }

  std::vector<std::string> prune(nlohmann::json& object) const override {
    std::vector<std::string> unknown;
    schema_detail::prune(&root_, object, /*is_resource_root=*/true, unknown);
    schema_detail::prune_nulls(&root_, object);
    std::sort(unknown.begin(), unknown.end());
    return unknown;
  }

  std::vector<FieldCause> validate(const nlohmann::json& object,
                                   const nlohmann::json* old_object) const override {
    auto causes = validate_schema(object);
    if (blocks_rules(causes)) {
      causes.push_back(rules_not_checked_cause());
      return causes;
    }
    auto rules = validate_rules(object, old_object);
    causes.insert(causes.end(), rules.begin(), rules.end());
    return causes;
  }

  std::vector<FieldCause> validate_schema(const nlohmann::json& object) const override {
    auto causes = schema_detail::validate_openapi(root_, object);
    auto lists = schema_detail::validate_list_types(root_, object);
    causes.insert(causes.end(), lists.begin(), lists.end());
    return causes;
  }

  std::vector<FieldCause> validate_rules(const nlohmann::json& object,
                                         const nlohmann::json* old_object) const override {
    return schema_detail::validate_cel(root_, object, old_object);
  }

  const nlohmann::json* raw_at(const std::vector<std::string>& path) const override {
    const SchemaNode* node = &root_;
    for (const auto& segment : path) {
      // "[]" (or "*") steps into array items; other segments are properties or map values.
      node = (segment == "[]" || segment == "*") ? node->items.get() : node->child(segment);
      if (node == nullptr) return nullptr;
    }
    return node->raw;
  }

 private:
  std::shared_ptr<const nlohmann::json> raw_;  // owns the JSON the nodes point into
  SchemaNode root_;
};

}  // namespace

std::shared_ptr<const Schema> Schema::compile(const nlohmann::json& openapi_v3_schema) {
  auto raw = std::make_shared<const nlohmann::json>(openapi_v3_schema);
  try {
    return std::make_shared<CompiledSchema>(raw, schema_detail::compile_node(*raw, ""));
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("malformed schema: ") + e.what());
  }
}

bool blocks_rules(const std::vector<FieldCause>& causes) {
  static const std::set<std::string> kBlocking = {"FieldValueNotSupported", "FieldValueRequired",
                                                  "FieldValueTooLong", "FieldValueTooMany",
                                                  "FieldValueTypeInvalid"};
  return std::any_of(causes.begin(), causes.end(),
                     [](const FieldCause& c) { return kBlocking.count(c.reason) != 0; });
}

FieldCause rules_not_checked_cause() {
  return schema_detail::invalid("", nullptr,
                                "some validation rules were not checked because the object was "
                                "invalid; correct the existing errors to complete validation");
}

std::string invalid_message(const std::string& qualified_kind, const std::string& name,
                            const std::vector<FieldCause>& causes) {
  std::vector<std::string> parts;
  std::set<std::string> seen;
  for (const auto& c : causes) {
    std::string text = c.field + ": " + c.message;
    if (seen.insert(text).second) parts.push_back(std::move(text));
  }
  std::string joined;
  for (size_t i = 0; i < parts.size(); ++i) joined += (i ? ", " : "") + parts[i];
  if (parts.size() != 1) joined = "[" + joined + "]";
  return qualified_kind + " " + schema_detail::go_quote(name) + " is invalid: " + joined;
}

}  // namespace kraft::testing
