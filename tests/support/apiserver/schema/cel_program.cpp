#include "schema/cel_program.h"

#include <limits>
#include <optional>
#include <vector>

#include "schema/cel_parser.h"

namespace kraft::testing::cel {
namespace {

using nlohmann::json;

[[noreturn]] void no_overload() { throw EvalError("no such overload"); }

bool is_int(const json& v) { return v.is_number_integer(); }
int64_t as_int(const json& v) {
  return v.is_number_unsigned() ? static_cast<int64_t>(v.get<uint64_t>()) : v.get<int64_t>();
}

size_t utf8_length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// CEL equality: numbers compare by value across int/double, containers element-wise, values of
// different types are unequal.
bool cel_equal(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) {
    if (is_int(a) && is_int(b)) return as_int(a) == as_int(b);
    return a.get<double>() == b.get<double>();
  }
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!cel_equal(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !cel_equal(it.value(), *other)) return false;
    }
    return true;
  }
  return a == b;
}

// Three-way comparison for the ordered types (int, double, string, bool).
int cel_compare(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) {
    if (is_int(a) && is_int(b)) {
      int64_t x = as_int(a), y = as_int(b);
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    double x = a.get<double>(), y = b.get<double>();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a.is_string() && b.is_string()) {
    int c = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (a.is_boolean() && b.is_boolean()) return static_cast<int>(a.get<bool>()) - b.get<bool>();
  no_overload();
}

bool as_bool(const json& v) {
  if (!v.is_boolean()) no_overload();
  return v.get<bool>();
}

class Evaluator {
 public:
  Evaluator(const json& self, const json* old_self) : self_(self), old_self_(old_self) {}

  json eval(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::kLiteral:
        return e.literal;
      case Expr::Kind::kIdent:
        return lookup(e.name);
      case Expr::Kind::kSelect:
        return select(eval(*e.args[0]), e.name);
      case Expr::Kind::kHas: {
        json target = eval(*e.args[0]);
        if (!target.is_object()) no_overload();
        return target.contains(e.name);
      }
      case Expr::Kind::kList: {
        json out = json::array();
        for (const auto& a : e.args) out.push_back(eval(*a));
        return out;
      }
      case Expr::Kind::kUnary: {
        json v = eval(*e.args[0]);
        if (e.name == "!") return !as_bool(v);
        if (!is_int(v)) no_overload();
        if (as_int(v) == std::numeric_limits<int64_t>::min()) throw EvalError("integer overflow");
        return -as_int(v);
      }
      case Expr::Kind::kTernary:
        return as_bool(eval(*e.args[0])) ? eval(*e.args[1]) : eval(*e.args[2]);
      case Expr::Kind::kBinary:
        return binary(e);
      case Expr::Kind::kCall:
        return size(eval(*e.args[0]));
      case Expr::Kind::kMacro:
        return macro(e);
    }
    no_overload();
  }

 private:
  json lookup(const std::string& name) {
    for (auto it = vars_.rbegin(); it != vars_.rend(); ++it) {
      if (it->first == name) return it->second;
    }
    if (name == "self") return self_;
    if (name == "oldSelf" && old_self_ != nullptr) return *old_self_;
    throw EvalError("no such attribute: " + name);
  }

  static json select(const json& target, const std::string& field) {
    if (!target.is_object()) no_overload();
    auto it = target.find(field);
    if (it == target.end()) throw EvalError("no such key: " + field);
    return *it;
  }

  static json size(const json& v) {
    if (v.is_string()) return static_cast<int64_t>(utf8_length(v.get_ref<const std::string&>()));
    if (v.is_array() || v.is_object()) return static_cast<int64_t>(v.size());
    no_overload();
  }

  // && and || are commutative over errors as in CEL: a definite result on either side wins.
  json logical(const Expr& e, bool is_and) {
    std::optional<EvalError> left_error;
    try {
      if (as_bool(eval(*e.args[0])) != is_and) return !is_and;
    } catch (const EvalError& err) {
      left_error = err;
    }
    bool right = as_bool(eval(*e.args[1]));
    if (right != is_and) return !is_and;
    if (left_error) throw *left_error;
    return is_and;
  }

  json binary(const Expr& e) {
    if (e.name == "&&") return logical(e, true);
    if (e.name == "||") return logical(e, false);
    json a = eval(*e.args[0]);
    json b = eval(*e.args[1]);
    if (e.name == "==") return cel_equal(a, b);
    if (e.name == "!=") return !cel_equal(a, b);
    if (e.name == "<") return cel_compare(a, b) < 0;
    if (e.name == "<=") return cel_compare(a, b) <= 0;
    if (e.name == ">") return cel_compare(a, b) > 0;
    if (e.name == ">=") return cel_compare(a, b) >= 0;
    if (e.name == "in") return contains(b, a);
    if (e.name == "[]") return index(a, b);
    return arithmetic(e.name, a, b);
  }

  static bool contains(const json& container, const json& item) {
    if (container.is_array()) {
      for (const auto& v : container) {
        if (cel_equal(v, item)) return true;
      }
      return false;
    }
    if (container.is_object() && item.is_string()) {
      return container.contains(item.get_ref<const std::string&>());
    }
    no_overload();
  }

  static json index(const json& target, const json& key) {
    if (target.is_array() && is_int(key)) {
      int64_t i = as_int(key);
      if (i < 0 || static_cast<size_t>(i) >= target.size()) {
        throw EvalError("index out of bounds: " + std::to_string(i));
      }
      return target[static_cast<size_t>(i)];
    }
    if (target.is_object() && key.is_string()) return select(target, key.get<std::string>());
    no_overload();
  }

  static json arithmetic(const std::string& op, const json& a, const json& b) {
    if (op == "+" && a.is_string() && b.is_string()) {
      return a.get<std::string>() + b.get<std::string>();
    }
    if (op == "+" && a.is_array() && b.is_array()) {
      json out = a;
      for (const auto& v : b) out.push_back(v);
      return out;
    }
    if (!is_int(a) || !is_int(b)) no_overload();
    int64_t x = as_int(a), y = as_int(b), r = 0;
    bool overflow = false;
    if (op == "+") {
      overflow = __builtin_add_overflow(x, y, &r);
    } else if (op == "-") {
      overflow = __builtin_sub_overflow(x, y, &r);
    } else if (op == "*") {
      overflow = __builtin_mul_overflow(x, y, &r);
    } else {
      if (y == 0) throw EvalError(op == "/" ? "division by zero" : "modulus by zero");
      if (x == std::numeric_limits<int64_t>::min() && y == -1) throw EvalError("integer overflow");
      r = op == "/" ? x / y : x % y;
    }
    if (overflow) throw EvalError("integer overflow");
    return r;
  }

  json macro(const Expr& e) {
    json range = eval(*e.args[0]);
    std::vector<json> elems;
    if (range.is_array()) {
      elems.assign(range.begin(), range.end());
    } else if (range.is_object()) {
      for (auto it = range.begin(); it != range.end(); ++it) elems.emplace_back(it.key());
    } else {
      no_overload();
    }
    json out = json::array();
    size_t matches = 0;
    for (const auto& elem : elems) {
      vars_.emplace_back(e.var, elem);
      json v = eval(*e.args[1]);
      vars_.pop_back();
      if (e.name == "map") {
        out.push_back(std::move(v));
        continue;
      }
      bool ok = as_bool(v);
      if (e.name == "all" && !ok) return false;
      if (e.name == "exists" && ok) return true;
      if (ok) {
        ++matches;
        if (e.name == "filter") out.push_back(elem);
      }
    }
    if (e.name == "all") return true;
    if (e.name == "exists") return false;
    if (e.name == "exists_one") return matches == 1;
    return out;
  }

  const json& self_;
  const json* old_self_;
  std::vector<std::pair<std::string, json>> vars_;
};

}  // namespace

std::shared_ptr<const Program> Program::compile(const std::string& rule) {
  auto program = std::make_shared<Program>();
  program->root_ = parse(rule);
  program->transition_ = refers_to_old_self(*program->root_);
  return program;
}

bool Program::evaluate(const nlohmann::json& self, const nlohmann::json* old_self) const {
  json result = Evaluator(self, old_self).eval(*root_);
  if (!result.is_boolean()) throw EvalError("no such overload");
  return result.get<bool>();
}

}  // namespace kraft::testing::cel
