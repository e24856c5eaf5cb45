#pragma once
// Syntax tree of the CEL subset that CRD x-kubernetes-validations rules use here.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kraft::testing::cel {

struct Expr {
  enum class Kind {
    kLiteral,  ///< int, string, bool or null literal in `literal`
    kIdent,    ///< `name`: self, oldSelf or a macro variable
    kSelect,   ///< args[0].name
    kHas,      ///< has(args[0].name): presence test, never an error for a missing key
    kList,     ///< [args...]
    kUnary,    ///< `name` is "!" or "-"
    kBinary,   ///< `name` is the operator, args[0] op args[1]
    kTernary,  ///< args[0] ? args[1] : args[2]
    kCall,     ///< name(args...) or, with is_method, args[0].name(args[1..])
    kMacro,    ///< args[0].name(var, args[1]) for filter/all/exists/exists_one/map
  };
  Kind kind = Kind::kLiteral;
  nlohmann::json literal;
  std::string name;
  std::string var;
  bool is_method = false;
  std::vector<std::unique_ptr<Expr>> args;
};

using ExprPtr = std::unique_ptr<Expr>;

}  // namespace kraft::testing::cel
