// Top-level values several kubeconfigs set, merged at load time (merge()) by the rule
// `kubeconfig merge` shares (json_merge.h): the first value wins, objects merge key by key and
// `extensions` lists, which clientcmd holds as maps keyed by name, merge item by item.
#include "config/json_merge.h"

#include <gtest/gtest.h>
#include <kraft/config/loading.h>

namespace kraft::config {
namespace {

using nlohmann::json;

TEST(KubeconfigMergeExtensions, TopLevelAndPreferencesExtensionsMergeByName) {
  const Kubeconfig m = merge({
      parse_kubeconfig("extensions:\n- {name: a, extension: {v: 1}}\n"
                       "preferences: {extensions: [{name: p, extension: {v: 1}}]}\n",
                       "/one"),
      parse_kubeconfig(
          "extensions:\n- {name: a, extension: {v: 2}}\n- {name: b, extension: {v: 2}}\n"
          "preferences: {extensions: [{name: q, extension: {v: 2}}, {name: p}]}\n",
          "/two"),
      parse_kubeconfig("extensions:\n- {name: c, extension: {v: 3}}\n", "/three"),
  });
  EXPECT_EQ(m.extra["extensions"], json::parse(R"([{"name": "a", "extension": {"v": 1}},
                            {"name": "b", "extension": {"v": 2}},
                            {"name": "c", "extension": {"v": 3}}])"));
  EXPECT_EQ(m.extra["preferences"]["extensions"],
            json::parse(R"([{"name": "p", "extension": {"v": 1}},
                            {"name": "q", "extension": {"v": 2}}])"));
}

TEST(KubeconfigMergeExtensions, AnEmptyListIsFilledAndAMissingOneTaken) {
  const Kubeconfig m =
      merge({parse_kubeconfig("extensions: []\n", "/one"),
             parse_kubeconfig("extensions:\n- {name: a, extension: {}}\n", "/two")});
  EXPECT_EQ(m.extra["extensions"], json::parse(R"([{"name": "a", "extension": {}}])"));
}

TEST(MergeFirstWins, ElsewhereArraysAreValuesAndTheFirstWins) {
  json into = json::parse(R"({"x": {"extensions": [1]}, "preferences": {"colors": true}})");
  detail::merge_first_wins(
      into, json::parse(R"({"x": {"extensions": [2]}, "preferences": {"colors": false}})"));
  EXPECT_EQ(into, json::parse(R"({"x": {"extensions": [1]}, "preferences": {"colors": true}})"));
}

TEST(MergeFirstWins, ItemsWithoutANameShareTheEmptyName) {
  json into = json::parse(R"({"extensions": [{"extension": 1}]})");
  detail::merge_first_wins(into, json::parse(R"({"extensions": [{"extension": 2}, "odd"]})"));
  EXPECT_EQ(into, json::parse(R"({"extensions": [{"extension": 1}]})"));
}

}  // namespace
}  // namespace kraft::config
