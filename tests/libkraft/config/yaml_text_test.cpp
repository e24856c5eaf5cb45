// to_yaml_text, the YAML emitter the kubeconfig writer and the CLI share: its layout, its
// quoting, and that libkraft's reader gets back exactly what it was given.
#include <gtest/gtest.h>
#include <kraft/config/yaml_text.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/yaml_json.h"

namespace kraft::config {
namespace {

TEST(ToYamlText, QuotesStringsAYaml11ReaderWouldRetype) {
  const nlohmann::json doc = {{"a", "yes"}, {"b", "0755"}, {"c", "0x1F"}, {"d", "plain"},
                              {"e", 3},     {"f", true},   {"g", "on"},   {"h", "12"}};
  EXPECT_EQ(
      to_yaml_text(doc),
      "a: \"yes\"\nb: \"0755\"\nc: \"0x1F\"\nd: plain\ne: 3\nf: true\ng: \"on\"\nh: \"12\"\n");
}

TEST(ToYamlText, WritesBlockStyleWithEmptyCollectionsInFlowStyle) {
  const nlohmann::json doc = {{"list", {1, "x"}}, {"map", {{"k", nullptr}}}, {"none", {}}};
  EXPECT_EQ(to_yaml_text(doc), "list:\n  - 1\n  - x\nmap:\n  k: ~\nnone: ~\n");
  EXPECT_EQ(to_yaml_text(nlohmann::json::object()), "{}\n");
}

TEST(ToYamlText, ListsInListsStartOnTheirOwnLine) {
  const nlohmann::json doc = {{"a", {{1, 2}, {{"k", "v"}, {"l", {3}}}}}};
  EXPECT_EQ(to_yaml_text(doc), "a:\n  -\n    - 1\n    - 2\n  - k: v\n    l:\n      - 3\n");
}

TEST(ToYamlText, NeverFoldsLongStrings) {
  const std::string cert(20000, 'A');
  EXPECT_EQ(to_yaml_text({{"data", cert}}), "data: " + cert + "\n");
  const std::string words = std::string(5000, 'w') + " and " + std::string(5000, 'x');
  EXPECT_EQ(to_yaml_text({{"text", words}}), "text: " + words + "\n");
}

TEST(ToYamlText, WritesUnicodeAsIs) {
  EXPECT_EQ(to_yaml_text({{"名前", "値 😀 héllo"}}), "名前: 値 😀 héllo\n");
}

TEST(ToYamlText, QuotesWhatAPlainScalarCannotHold) {
  const nlohmann::json doc = {{"a", "x: y"},        {"b", "x #y"},       {"c", "- x"},
                              {"d", "line\nbreak"}, {"e", "tab\there"},  {"f", "bell\x07"},
                              {"g", "del\x7f"},     {"h", "ls\u2028ps"}, {"i", "&anchor"}};
  EXPECT_EQ(to_yaml_text(doc),
            "a: \"x: y\"\nb: \"x #y\"\nc: \"- x\"\nd: \"line\\nbreak\"\ne: \"tab\\there\"\n"
            "f: \"bell\\x07\"\ng: \"del\\x7f\"\nh: \"ls\\u2028ps\"\ni: \"&anchor\"\n");
}

// Unicode non-characters are well-formed text that YAML holds only escaped (U+FFFE, U+FFFF) or
// that readers may refuse raw: escaped, not replaced by U+FFFD (found by fuzz/).
TEST(ToYamlText, EscapesNonCharactersInsteadOfReplacingThem) {
  EXPECT_EQ(to_yaml_text("\uFFFE\uFFFF\uFDD0\uFDEF\U0001FFFE\U0010FFFF"),
            "\"\\ufffe\\uffff\\ufdd0\\ufdef\\U0001fffe\\U0010ffff\"\n");
}

// Bytes that are not UTF-8 (a stray continuation byte, a truncated or overlong sequence, an
// encoded surrogate) cannot be written as YAML: each becomes U+FFFD.
TEST(ToYamlText, ReplacesWhatIsNotUtf8) {
  EXPECT_EQ(to_yaml_text(std::string("a\x80") + "b"), "\"a\uFFFDb\"\n");
  EXPECT_EQ(detail::read_yaml(to_yaml_text("\xc0\xaf"), "").value, "\uFFFD");
  EXPECT_EQ(detail::read_yaml(to_yaml_text("\xed\xa0\x80"), "").value, "\uFFFD");
  EXPECT_EQ(detail::read_yaml(to_yaml_text("x\xe2\x82"), "").value, "x\uFFFD");
}

TEST(ToYamlText, KeysLongerThanYamlAllowsUseTheExplicitForm) {
  const std::string key(1500, 'k');
  EXPECT_EQ(to_yaml_text({{key, 1}}), "? " + key + "\n: 1\n");
}

TEST(ToYamlText, TheReaderGetsBackWhatWasWritten) {
  // clang-format off
  const std::vector<std::string> strings = {
      "", " ", "yes", "No", "on", "0755", "0x1F", "1_000", "1e3", ".5", "~", "null", "true",
      "---", "--- x", "...", "- x", "-x", "? x", "?x", ": x", ":x", "x:", "x: y", "a:b",
      "#x", "x #y", "x#y", "'q'", "\"q\"", "\\", "{x}", "[x]", "*x", "&x", "!x", "|x", ">x",
      "%x", "@x", "`x", "x ", " x", "a\tb", "a\nb\n", "a\rb", "\x01", "\x7f", "\xc2\x85",
      "\xc2\xa0", "\xef\xbb\xbf" "bom", "\xe2\x80\xa8", "é", "日本", "😀", "<<", "=",
      std::string(1100, '\x01')};
  // clang-format on
  nlohmann::json doc = nlohmann::json::object();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : strings) {
    doc["k" + s] = s;
    list.push_back({{s, s}});
  }
  doc["list"] = list;
  doc["numbers"] = {0, -1, 1.5, 1e100, true, nullptr};
  EXPECT_TRUE(detail::read_yaml(to_yaml_text(doc), "").value == doc);
  for (const auto& s : strings) {
    EXPECT_EQ(detail::read_yaml(to_yaml_text(s), "").value, s) << to_yaml_text(s);
  }
}

}  // namespace
}  // namespace kraft::config
