#pragma once
// A compiled OpenAPI v3 structural schema (as in a CRD's openAPIV3Schema), with the three
// things kube-apiserver does with one: apply defaults, prune unknown fields, validate
// (including the CEL rules of x-kubernetes-validations that the K3k/Traefik CRDs use).
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kraft::testing {

/// One entry of a Status's details.causes, exactly as kube-apiserver spells it.
struct FieldCause {
  std::string reason;   ///< FieldValueInvalid, FieldValueRequired, FieldValueTypeInvalid, ...
  std::string message;  ///< "Invalid value: \"string\": spec.servers in body must be ..."
  std::string field;    ///< "spec.servers", or "<nil>"
};

class Schema {
 public:
  /// Compiles an openAPIV3Schema. Throws std::invalid_argument naming the rule when a CEL rule
  /// is outside the supported subset (never skipped silently), or a keyword is not understood.
  static std::shared_ptr<const Schema> compile(const nlohmann::json& openapi_v3_schema);

  /// Fills `default:` values, top-down, as the apiserver does when decoding a request.
  virtual void apply_defaults(nlohmann::json& object) const = 0;

  /// Removes fields the schema does not know (respecting x-kubernetes-preserve-unknown-fields
  /// and additionalProperties); returns their paths ("spec.serverz", "spec.list[0].x") sorted,
  /// as the apiserver reports them. apiVersion, kind and metadata at the root are never pruned
  /// (ObjectMeta is left alone). Also drops nulls that the schema neither allows (nullable)
  /// nor defaults, as the apiserver does right after pruning.
  virtual std::vector<std::string> prune(nlohmann::json& object) const = 0;

  /// Validates types, enums, required, min/max, lengths, patterns, and CEL rules. `old_object`
  /// is the stored object on update (enables transition rules such as self == oldSelf), or
  /// nullptr on create. Causes come in the apiserver's order. Equivalent to validate_schema(),
  /// then either rules_not_checked_cause() (when a blocking error exists) or validate_rules().
  virtual std::vector<FieldCause> validate(const nlohmann::json& object,
                                           const nlohmann::json* old_object) const = 0;

  /// The OpenAPI part alone (types, enum, required, bounds, lengths, patterns, formats) plus the
  /// x-kubernetes-list-type uniqueness checks. For servers that add ObjectMeta errors before
  /// deciding whether CEL runs (the apiserver decides over all errors together).
  virtual std::vector<FieldCause> validate_schema(const nlohmann::json& object) const = 0;

  /// The x-kubernetes-validations rules alone.
  virtual std::vector<FieldCause> validate_rules(const nlohmann::json& object,
                                                 const nlohmann::json* old_object) const = 0;

  /// The sub-schema at a dotted path of properties ("spec.expose"), or nullptr. For apply and
  /// managedFields, which need x-kubernetes-list-type / list-map-keys.
  virtual const nlohmann::json* raw_at(const std::vector<std::string>& path) const = 0;

  virtual ~Schema() = default;
};

/// True when `causes` holds an error that stops CEL rules from running: a type error, a missing
/// required field, an enum mismatch, too long or too many (apiextensions' hasBlockingErr).
bool blocks_rules(const std::vector<FieldCause>& causes);

/// The cause the apiserver appends instead of running the rules:
/// `<nil>: Invalid value: "null": some validation rules were not checked ...`.
FieldCause rules_not_checked_cause();

/// The Status message of a 422: `Cluster.k3k.io "x" is invalid: spec.servers: ...`, with the
/// causes in brackets when there are several (duplicate messages once, as Go's aggregate does).
std::string invalid_message(const std::string& qualified_kind, const std::string& name,
                            const std::vector<FieldCause>& causes);

}  // namespace kraft::testing
