#pragma once
// A compiled CEL rule from x-kubernetes-validations and its evaluation over JSON values.
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "schema/cel_ast.h"

namespace kraft::testing::cel {

/// A runtime error of CEL, spelled as cel-go spells it ("no such key: ingress",
/// "no such overload", "division by zero").
class EvalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Program {
 public:
  /// Parses and checks `rule`. Throws std::invalid_argument when it is outside the subset.
  static std::shared_ptr<const Program> compile(const std::string& rule);

  /// True when the rule refers to oldSelf: it runs on update only, with an old value present.
  bool is_transition() const { return transition_; }

  /// Evaluates the rule with `self` (and `oldSelf`, may be null for non-transition rules).
  /// Returns the rule's boolean result; throws EvalError for runtime errors and when the result
  /// is not a bool.
  bool evaluate(const nlohmann::json& self, const nlohmann::json* old_self) const;

 private:
  ExprPtr root_;
  bool transition_ = false;
};

}  // namespace kraft::testing::cel
