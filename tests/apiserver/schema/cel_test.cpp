#include <gtest/gtest.h>

#include <stdexcept>

#include "schema/cel_program.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

bool eval(const std::string& rule, const json& self, const json* old_self = nullptr) {
  return cel::Program::compile(rule)->evaluate(self, old_self);
}

TEST(CelProgram, ComparesIntegersWithLiterals) {
  EXPECT_TRUE(eval("self >= 1", 1));
  EXPECT_FALSE(eval("self >= 1", 0));
  EXPECT_TRUE(eval("self < 3 && self != 2", 1));
  EXPECT_TRUE(eval("self > -1", 0));
}

TEST(CelProgram, ParsedJsonUnsignedIntegersAreCelInts) {
  EXPECT_TRUE(eval("self == 3", json::parse("3")));
  EXPECT_TRUE(eval("self.a <= 3", json::parse(R"({"a": 3})")));
}

TEST(CelProgram, CountsPresentFieldsWithFilterAndSize) {
  const std::string rule =
      "[has(self.ingress), has(self.loadBalancer), has(self.nodePort)].filter(x, x).size() <= 1";
  EXPECT_TRUE(eval(rule, json::object()));
  EXPECT_TRUE(eval(rule, json{{"nodePort", json::object()}}));
  EXPECT_FALSE(eval(rule, json{{"ingress", json::object()}, {"nodePort", json::object()}}));
}

TEST(CelProgram, TransitionRuleComparesWithOldSelf) {
  auto program = cel::Program::compile("self == oldSelf");
  EXPECT_TRUE(program->is_transition());
  const json old_value = "shared";
  EXPECT_TRUE(program->evaluate("shared", &old_value));
  EXPECT_FALSE(program->evaluate("virtual", &old_value));
  EXPECT_FALSE(cel::Program::compile("self >= 1")->is_transition());
}

TEST(CelProgram, EqualityIsDeepForObjectsAndLists) {
  const json old_value = json::parse(R"({"a": [1, {"b": "c"}]})");
  EXPECT_TRUE(eval("self == oldSelf", json::parse(R"({"a": [1, {"b": "c"}]})"), &old_value));
  EXPECT_FALSE(eval("self == oldSelf", json::parse(R"({"a": [1, {"b": "d"}]})"), &old_value));
}

TEST(CelProgram, SupportsLogicTernaryInAndMacros) {
  EXPECT_TRUE(eval("!(self.a == 1) || self.b", json{{"a", 1}, {"b", true}}));
  EXPECT_TRUE(eval("self.size() == 2 ? 'two' == 'two' : false", json::array({1, 2})));
  EXPECT_TRUE(eval("'x' in self", json::array({"x", "y"})));
  EXPECT_TRUE(eval("self.all(v, v > 0) && self.exists(v, v == 2)", json::array({1, 2})));
  EXPECT_TRUE(eval("self.exists_one(v, v == 2)", json::array({1, 2})));
  EXPECT_TRUE(eval("self.map(v, v * 2)[1] == 4", json::array({1, 2})));
  EXPECT_TRUE(eval("size(self) == 3 && self + 'd' == 'abcd'", "abc"));
}

TEST(CelProgram, MissingFieldIsANoSuchKeyErrorButHasIsFalse) {
  EXPECT_FALSE(eval("has(self.x)", json::object()));
  try {
    eval("self.x == 1", json::object());
    FAIL() << "expected an evaluation error";
  } catch (const cel::EvalError& e) {
    EXPECT_STREQ(e.what(), "no such key: x");
  }
}

TEST(CelProgram, OrAbsorbsAnErrorWhenTheOtherSideIsTrue) {
  EXPECT_TRUE(eval("self.x == 1 || true", json::object()));
  EXPECT_FALSE(eval("self.x == 1 && false", json::object()));
  EXPECT_THROW(eval("self.x == 1 || false", json::object()), cel::EvalError);
}

TEST(CelProgram, MismatchedOperandsAreNoSuchOverload) {
  EXPECT_THROW(eval("self < 1", "a"), cel::EvalError);
  EXPECT_THROW(eval("self", 1), cel::EvalError);  // a rule must yield a bool
}

TEST(CelProgram, RejectsRulesOutsideTheSubset) {
  EXPECT_THROW(cel::Program::compile("self.startsWith('a')"), std::invalid_argument);
  EXPECT_THROW(cel::Program::compile("matches(self, '^a$')"), std::invalid_argument);
  EXPECT_THROW(cel::Program::compile("self == 1.5"), std::invalid_argument);
  EXPECT_THROW(cel::Program::compile("{'a': 1} == self"), std::invalid_argument);
  EXPECT_THROW(cel::Program::compile("other == 1"), std::invalid_argument);
  EXPECT_THROW(cel::Program::compile("self >="), std::invalid_argument);
  EXPECT_THROW(cel::Program::compile("self.filter(x, y)"), std::invalid_argument);
}

}  // namespace
}  // namespace kraft::testing
