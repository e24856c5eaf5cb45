#include "schema/cel_parser.h"

#include <set>
#include <stdexcept>
#include <utility>

#include "schema/cel_lexer.h"

namespace kraft::testing::cel {
namespace {

const std::set<std::string> kMacros = {"filter", "all", "exists", "exists_one", "map"};

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  ExprPtr parse_all() {
    auto e = parse_expr();
    if (peek().kind != Token::Kind::kEnd) fail("unexpected '" + peek().text + "'");
    return e;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }
  const Token& next() { return tokens_[pos_++]; }
  bool at_op(const char* op) const {
    return peek().kind == Token::Kind::kOperator && peek().text == op;
  }
  bool accept_op(const char* op) {
    if (!at_op(op)) return false;
    ++pos_;
    return true;
  }
  void expect_op(const char* op) {
    if (!accept_op(op)) fail(std::string("expected '") + op + "'");
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument(what + " at offset " + std::to_string(peek().offset));
  }

  static ExprPtr make(Expr::Kind kind, std::string name = {}) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->name = std::move(name);
    return e;
  }
  static ExprPtr binary(std::string op, ExprPtr lhs, ExprPtr rhs) {
    auto e = make(Expr::Kind::kBinary, std::move(op));
    e->args.push_back(std::move(lhs));
    e->args.push_back(std::move(rhs));
    return e;
  }

  ExprPtr parse_expr() {
    auto cond = parse_or();
    if (!accept_op("?")) return cond;
    auto e = make(Expr::Kind::kTernary);
    e->args.push_back(std::move(cond));
    e->args.push_back(parse_or());
    expect_op(":");
    e->args.push_back(parse_expr());
    return e;
  }
  ExprPtr parse_or() {
    auto lhs = parse_and();
    while (accept_op("||")) lhs = binary("||", std::move(lhs), parse_and());
    return lhs;
  }
  ExprPtr parse_and() {
    auto lhs = parse_relation();
    while (accept_op("&&")) lhs = binary("&&", std::move(lhs), parse_relation());
    return lhs;
  }
  ExprPtr parse_relation() {
    auto lhs = parse_addition();
    for (;;) {
      std::string op;
      for (const char* candidate : {"==", "!=", "<=", ">=", "<", ">"}) {
        if (at_op(candidate)) op = candidate;
      }
      if (op.empty() && peek().kind == Token::Kind::kIdent && peek().text == "in") op = "in";
      if (op.empty()) return lhs;
      ++pos_;
      lhs = binary(op, std::move(lhs), parse_addition());
    }
  }
  ExprPtr parse_addition() {
    auto lhs = parse_multiplication();
    for (;;) {
      if (accept_op("+")) {
        lhs = binary("+", std::move(lhs), parse_multiplication());
      } else if (accept_op("-")) {
        lhs = binary("-", std::move(lhs), parse_multiplication());
      } else {
        return lhs;
      }
    }
  }
  ExprPtr parse_multiplication() {
    auto lhs = parse_unary();
    for (;;) {
      std::string op;
      for (const char* candidate : {"*", "/", "%"}) {
        if (at_op(candidate)) op = candidate;
      }
      if (op.empty()) return lhs;
      ++pos_;
      lhs = binary(op, std::move(lhs), parse_unary());
    }
  }
  ExprPtr parse_unary() {
    for (const char* op : {"!", "-"}) {
      if (accept_op(op)) {
        auto e = make(Expr::Kind::kUnary, op);
        e->args.push_back(parse_unary());
        return e;
      }
    }
    return parse_member();
  }

  std::vector<ExprPtr> parse_args(const char* close) {
    std::vector<ExprPtr> args;
    if (accept_op(close)) return args;
    do {
      args.push_back(parse_expr());
    } while (accept_op(","));
    expect_op(close);
    return args;
  }

  ExprPtr parse_member() {
    auto e = parse_primary();
    for (;;) {
      if (accept_op(".")) {
        if (peek().kind != Token::Kind::kIdent) fail("expected a field name after '.'");
        std::string field = next().text;
        if (!accept_op("(")) {
          auto sel = make(Expr::Kind::kSelect, field);
          sel->args.push_back(std::move(e));
          e = std::move(sel);
          continue;
        }
        e = method_call(std::move(e), field, parse_args(")"));
      } else if (accept_op("[")) {
        auto idx = make(Expr::Kind::kBinary, "[]");
        idx->args.push_back(std::move(e));
        idx->args.push_back(parse_expr());
        expect_op("]");
        e = std::move(idx);
      } else {
        return e;
      }
    }
  }

  ExprPtr method_call(ExprPtr target, const std::string& name, std::vector<ExprPtr> args) {
    if (kMacros.count(name) != 0) {
      if (args.size() != 2 || args[0]->kind != Expr::Kind::kIdent) {
        fail(name + "() takes a variable name and an expression");
      }
      auto e = make(Expr::Kind::kMacro, name);
      e->var = args[0]->name;
      e->args.push_back(std::move(target));
      e->args.push_back(std::move(args[1]));
      return e;
    }
    if (name != "size" || !args.empty()) fail("unsupported method '" + name + "'");
    auto e = make(Expr::Kind::kCall, name);
    e->is_method = true;
    e->args.push_back(std::move(target));
    return e;
  }

  ExprPtr parse_primary() {
    const Token tok = next();
    switch (tok.kind) {
      case Token::Kind::kInt: {
        auto e = make(Expr::Kind::kLiteral);
        e->literal = tok.int_value;
        return e;
      }
      case Token::Kind::kString: {
        auto e = make(Expr::Kind::kLiteral);
        e->literal = tok.text;
        return e;
      }
      case Token::Kind::kIdent:
        return ident_or_call(tok.text);
      case Token::Kind::kOperator:
        if (tok.text == "(") {
          auto e = parse_expr();
          expect_op(")");
          return e;
        }
        if (tok.text == "[") {
          auto e = make(Expr::Kind::kList);
          e->args = parse_args("]");
          return e;
        }
        break;
      case Token::Kind::kEnd:
        break;
    }
    --pos_;
    fail("unexpected '" + tok.text + "'");
  }

  ExprPtr ident_or_call(const std::string& name) {
    if (name == "true" || name == "false" || name == "null") {
      auto e = make(Expr::Kind::kLiteral);
      e->literal = name == "null" ? nlohmann::json(nullptr) : nlohmann::json(name == "true");
      return e;
    }
    if (!accept_op("(")) return make(Expr::Kind::kIdent, name);
    auto args = parse_args(")");
    if (name == "has") {
      if (args.size() != 1 || args[0]->kind != Expr::Kind::kSelect) {
        fail("has() takes one field selection");
      }
      auto e = std::move(args[0]);
      e->kind = Expr::Kind::kHas;
      return e;
    }
    if (name != "size" || args.size() != 1) fail("undeclared reference to '" + name + "'");
    auto e = make(Expr::Kind::kCall, name);
    e->args = std::move(args);
    return e;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

// Rejects identifiers that are neither self/oldSelf nor bound by an enclosing macro, the way
// the CEL type checker does when the CRD is created.
void check_scope(const Expr& e, std::vector<std::string>& bound) {
  if (e.kind == Expr::Kind::kIdent) {
    if (e.name == "self" || e.name == "oldSelf") return;
    for (const auto& b : bound) {
      if (b == e.name) return;
    }
    throw std::invalid_argument("undeclared reference to '" + e.name + "'");
  }
  if (e.kind == Expr::Kind::kMacro) {
    check_scope(*e.args[0], bound);
    bound.push_back(e.var);
    check_scope(*e.args[1], bound);
    bound.pop_back();
    return;
  }
  for (const auto& a : e.args) check_scope(*a, bound);
}

}  // namespace

ExprPtr parse(const std::string& source) {
  auto expr = Parser(tokenize(source)).parse_all();
  std::vector<std::string> bound;
  check_scope(*expr, bound);
  return expr;
}

bool refers_to_old_self(const Expr& expr) {
  if (expr.kind == Expr::Kind::kIdent && expr.name == "oldSelf") return true;
  for (const auto& a : expr.args) {
    if (refers_to_old_self(*a)) return true;
  }
  return false;
}

}  // namespace kraft::testing::cel
