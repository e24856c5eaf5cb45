#pragma once
// Recursive-descent parser for the CEL subset, following the grammar of the CEL language
// definition (conditional, ||, &&, relations, + -, * / %, unary, member, primary).
#include <string>

#include "schema/cel_ast.h"

namespace kraft::testing::cel {

/// Parses `source` into a tree. Throws std::invalid_argument for syntax outside the subset:
/// unknown functions, map/message literals, undeclared identifiers (only `self`, `oldSelf` and
/// macro variables are in scope).
ExprPtr parse(const std::string& source);

/// True when the expression refers to `oldSelf`, i.e. it is a transition rule.
bool refers_to_old_self(const Expr& expr);

}  // namespace kraft::testing::cel
