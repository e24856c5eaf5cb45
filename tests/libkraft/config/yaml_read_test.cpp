// read_yaml, the libyaml bridge under the kubeconfig reader: what each scalar becomes, tags,
// aliases, documents, encodings, and the lines it remembers for error messages.
#include <gtest/gtest.h>
#include <kraft/core/error.h>

#include <string>

#include "config/yaml_json.h"

namespace kraft::config::detail {
namespace {

using nlohmann::json;

json read(const std::string& yaml) { return read_yaml(yaml, "/k/config").value; }

std::string error_of(const std::string& yaml) {
  try {
    read_yaml(yaml, "/k/config");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ReadYaml, PlainScalarsResolveLikeTheCoreSchema) {
  const json j = read(
      "n1: ~\nn2: null\nn3:\nt: true\nf: False\ni: -42\nplus: +7\nlead: 007\nx: 1.5\n"
      "e: 1e3\ndot: .5\nbig: 123456789012345678901234567890\ninf: .inf\nyes: yes\n"
      "hex: 0x1F\ns: hello world\n");
  EXPECT_TRUE(j["n1"].is_null());
  EXPECT_TRUE(j["n2"].is_null());
  EXPECT_TRUE(j["n3"].is_null());
  EXPECT_EQ(j["t"], true);
  EXPECT_EQ(j["f"], false);
  EXPECT_EQ(j["i"], -42);
  EXPECT_EQ(j["plus"], 7);
  EXPECT_EQ(j["lead"], 7);
  EXPECT_EQ(j["x"], 1.5);
  EXPECT_EQ(j["e"], 1000.0);
  EXPECT_EQ(j["dot"], 0.5);
  // Neither fits a JSON number, so they keep their text.
  EXPECT_EQ(j["big"], "123456789012345678901234567890");
  EXPECT_EQ(j["inf"], ".inf");
  // YAML 1.2: only true/false are booleans, and 0x1F is not an int.
  EXPECT_EQ(j["yes"], "yes");
  EXPECT_EQ(j["hex"], "0x1F");
  EXPECT_EQ(j["s"], "hello world");
}

TEST(ReadYaml, QuotedAndBlockScalarsStayStrings) {
  const json j = read("a: '1'\nb: \"true\"\nc: |\n  12\nd: >\n  null\ne: ''\n");
  EXPECT_EQ(j["a"], "1");
  EXPECT_EQ(j["b"], "true");
  EXPECT_EQ(j["c"], "12\n");
  EXPECT_EQ(j["d"], "null\n");
  EXPECT_EQ(j["e"], "");
}

TEST(ReadYaml, ExplicitTagsDecide) {
  const json j = read("a: !!str 123\nb: ! true\nc: !!int \"12\"\nd: !!str\n");
  EXPECT_EQ(j["a"], "123");
  EXPECT_EQ(j["b"], "true");  // `!` is the non-specific tag: a string
  EXPECT_EQ(j["c"], 12);
  EXPECT_EQ(j["d"], "");
}

TEST(ReadYaml, KeysAreTheirText) {
  const json j = read("1: a\ntrue: b\n~: c\n\"q\": d\n");
  EXPECT_EQ(j, (json{{"1", "a"}, {"true", "b"}, {"~", "c"}, {"q", "d"}}));
}

TEST(ReadYaml, AKeyThatIsACollectionIsAnError) {
  EXPECT_EQ(error_of("? [a, b]\n: c\n"),
            "/k/config:1:3: malformed YAML: a mapping key must be a string, not a list or a "
            "mapping");
}

TEST(ReadYaml, AliasesExpandToCopiesOfTheirAnchor) {
  const json j = read("base: &b {x: 1, y: [a]}\nk: &k name\none: *b\n*k : 2\n");
  EXPECT_EQ(j["one"], (json{{"x", 1}, {"y", {"a"}}}));
  EXPECT_EQ(j["name"], 2);
}

TEST(ReadYaml, MergeKeysAreOrdinaryKeysAsInJson) {
  const json j = read("base: &b {x: 1}\nthing:\n  <<: *b\n  y: 2\n");
  EXPECT_EQ(j["thing"], (json{{"<<", {{"x", 1}}}, {"y", 2}}));
}

TEST(ReadYaml, AnUndefinedAliasNamesItsLine) {
  EXPECT_EQ(error_of("a: 1\nb: *nope\n"),
            "/k/config:2:4: malformed YAML: found undefined alias *nope");
}

TEST(ReadYaml, NestingIsBoundedInBlockStyleToo) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += std::string(static_cast<size_t>(i) * 2, ' ') + "k:\n";
  EXPECT_NO_THROW(read(deep));  // the root and 100 levels below it
  deep += std::string(200, ' ') + "k: v\n";
  EXPECT_EQ(error_of(deep), "kubeconfig /k/config: YAML nesting too deep");
}

TEST(ReadYaml, OnlyTheFirstDocumentCounts) {
  EXPECT_EQ(read("---\na: 1\n---\nb: 2\n"), (json{{"a", 1}}));
  EXPECT_TRUE(read("").is_null());
  EXPECT_TRUE(read("# only a comment\n").is_null());
  EXPECT_TRUE(read("---\n").is_null());
}

TEST(ReadYaml, RepeatedKeysKeepTheLastValue) { EXPECT_EQ(read("a: 1\na: 2\n"), (json{{"a", 2}})); }

TEST(ReadYaml, ReadsJson) {
  EXPECT_EQ(read(R"({"a": [1, "x", null], "b": {"c": true}})"),
            (json{{"a", {1, "x", nullptr}}, {"b", {{"c", true}}}}));
}

TEST(ReadYaml, ReadsUnicodeAndLongLines) {
  const std::string cert(100000, 'Q');
  const json j = read("名前: \"値 😀\"\nplain: héllo wörld\ndata: " + cert + "\n");
  EXPECT_EQ(j["名前"], "値 😀");
  EXPECT_EQ(j["plain"], "héllo wörld");
  EXPECT_EQ(j["data"], cert);
}

TEST(ReadYaml, BadEncodingNamesTheLine) {
  EXPECT_EQ(error_of("a: 1\nb: \xff\n"),
            "/k/config:2: malformed YAML: invalid leading UTF-8 octet");
}

TEST(ReadYaml, RemembersWhereValuesStartAfterTheJsonMoves) {
  YamlDocument doc =
      read_yaml("top: 1\nlist:\n- name: a\n  inner: {k: v}\n- name: b\n  inner:\n    k: w\n", "");
  const json moved = std::move(doc.value);  // what the kubeconfig reader does with entries
  const YamlSpots& spots = doc.spots;
  EXPECT_EQ(spots.root_line, 1);
  EXPECT_EQ(spots.line(moved["top"]), 1);
  EXPECT_EQ(spots.line(moved["list"]), 3);
  EXPECT_EQ(spots.line(moved["list"][0]), 3);
  EXPECT_EQ(spots.line(moved["list"][0]["inner"]["k"]), 4);
  EXPECT_EQ(spots.line(moved["list"][1]), 5);
  EXPECT_EQ(spots.line(moved["list"][1]["inner"]), 7);
  EXPECT_EQ(spots.line(moved["list"][1]["inner"]["k"]), 7);
  const json elsewhere = json::object();
  EXPECT_EQ(spots.line(elsewhere), 0);
}

TEST(ReadYaml, KeepsTheTextOfPlainScalarsThatAreNotStrings) {
  const YamlDocument doc = read_yaml("pin: 0123\nf: 1.50\nb: True\ns: text\n", "");
  ASSERT_NE(doc.spots.plain_text(doc.value["pin"]), nullptr);
  EXPECT_EQ(*doc.spots.plain_text(doc.value["pin"]), "0123");
  EXPECT_EQ(*doc.spots.plain_text(doc.value["f"]), "1.50");
  EXPECT_EQ(*doc.spots.plain_text(doc.value["b"]), "True");
  EXPECT_EQ(doc.spots.plain_text(doc.value["s"]), nullptr);
}

}  // namespace
}  // namespace kraft::config::detail
