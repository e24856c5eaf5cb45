#include "schema/field_error.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace kraft::testing {
namespace {

using nlohmann::json;
using schema_detail::go_float;
using schema_detail::go_quote;
using schema_detail::go_value;

TEST(FieldError, QuotesLikeGoStrconvQuote) {
  EXPECT_EQ(go_quote("shared"), "\"shared\"");
  EXPECT_EQ(go_quote("a\"b\\c\n\t"), "\"a\\\"b\\\\c\\n\\t\"");
  EXPECT_EQ(go_quote(std::string("\x01", 1)), "\"\\x01\"");
  EXPECT_EQ(go_quote("Grüße"), "\"Grüße\"");
}

TEST(FieldError, FormatsFloatsLikeGoPercentV) {
  EXPECT_EQ(go_float(1), "1");
  EXPECT_EQ(go_float(0.5), "0.5");
  EXPECT_EQ(go_float(123456), "123456");
  EXPECT_EQ(go_float(1e6), "1e+06");
  EXPECT_EQ(go_float(1.5e-5), "1.5e-05");
  EXPECT_EQ(go_float(-2.25), "-2.25");
  EXPECT_EQ(go_float(9223372036854775807.0), "9.223372036854776e+18");
}

TEST(FieldError, PrintsBadValuesLikeFieldError) {
  EXPECT_EQ(go_value(nullptr), "\"null\"");
  EXPECT_EQ(go_value(0), "0");
  EXPECT_EQ(go_value(json::parse("7")), "7");
  EXPECT_EQ(go_value(true), "true");
  EXPECT_EQ(go_value(json{{"b", 1}, {"a", "x"}}), "map[string]interface {}{\"a\":\"x\", \"b\":1}");
  EXPECT_EQ(go_value(json::array({1, nullptr})), "[]interface {}{1, interface {}(nil)}");
}

TEST(FieldError, CelRuntimeErrorsAndMissingMessagesUseApiserverWording) {
  auto schema = Schema::compile(json::parse(R"({"type": "object", "properties": {
      "spec": {"type": "object", "properties": {"a": {"type": "integer"}},
               "x-kubernetes-validations": [{"rule": "self.a > 1"}, {"rule": " self.size() == 9 "},
                                            {"rule": "self.a > 0", "message": "a must be positive"}]}}})"));
  const auto causes = schema->validate(json{{"spec", json::object()}}, nullptr);
  ASSERT_EQ(causes.size(), 3u);
  EXPECT_EQ(causes[0].message,
            "Invalid value: \"object\": no such key: a evaluating rule: self.a > 1");
  EXPECT_EQ(causes[1].message, "Invalid value: \"object\": failed rule: self.size() == 9");
  EXPECT_EQ(causes[2].message,
            "Invalid value: \"object\": no such key: a evaluating rule: a must be positive");
  EXPECT_EQ(causes[0].field, "spec");
}

TEST(FieldError, RootRulesReportTheNilField) {
  auto schema = Schema::compile(json{
      {"type", "object"},
      {"x-kubernetes-validations", json::array({{{"rule", "has(self.spec)"}, {"message", "m"}}})}});
  const auto causes = schema->validate(json::object(), nullptr);
  ASSERT_EQ(causes.size(), 1u);
  EXPECT_EQ(causes[0].field, "<nil>");
  EXPECT_EQ(causes[0].message, "Invalid value: \"object\": m");
}

TEST(FieldError, UnsupportedSchemaKeywordsAndRuleFieldsAreRejected) {
  EXPECT_THROW(Schema::compile(json::parse(R"({"type": "object", "patternProperties": {}})")),
               std::invalid_argument);
  EXPECT_THROW(Schema::compile(json::parse(R"({"type": "object", "x-kubernetes-validations":
      [{"rule": "true", "messageExpression": "'x'"}]})")),
               std::invalid_argument);
  EXPECT_THROW(Schema::compile(json::parse(R"({"type": "strange"})")), std::invalid_argument);
}

}  // namespace
}  // namespace kraft::testing
