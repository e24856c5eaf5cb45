// to_yaml_text, the YAML emitter the kubeconfig writer and the CLI share.
#include <gtest/gtest.h>
#include <kraft/config/yaml_text.h>

#include <nlohmann/json.hpp>

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

}  // namespace
}  // namespace kraft::config
