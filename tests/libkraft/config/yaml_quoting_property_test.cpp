// The emitter's quoting against both readers a kubeconfig meets: every string kraft writes, as
// a value and as a key, reads back as the same string in libkraft's reader (YAML 1.2 core
// schema) and in kubectl's (go-yaml v2, YAML 1.1 rules). The strings are every form of YAML
// 1.1's types plus seeded random ones; the specs' own regexps are checked here with std::regex,
// independently of the emitter's hand-written checks, and kubectl has the last word when it is
// installed.
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig.h>
#include <kraft/config/yaml_text.h>

#include <algorithm>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "config/test_support/config_fixtures.h"
#include "config/yaml_json.h"
#include "process/process.h"

namespace kraft::config {
namespace {

using nlohmann::json;

// Every form of yaml.org/type/{bool,null,int,float,timestamp,merge,value}.html, go-yaml v2's
// extras (0o, 0B, +0x, '_' anywhere after a digit or sign), and strings that only look close.
std::vector<std::string> corpus() {
  // clang-format off
  return {
      "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
      "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "yEs", "oN",
      "~", "null", "Null", "NULL", "nULL", "", "<<", "=", "<", "==",
      "0", "-0", "+0", "7", "-7", "+7", "007", "017", "08", "09", "0999", "0_17", "-017",
      "1_000", "1__0", "1_", "+_1", "-_1", "_1", "1_000_000", "123456789012345678901234567890",
      "9223372036854775807", "9223372036854775808", "-9223372036854775809",
      "18446744073709551616", "0b101", "0B101", "-0b101", "+0b1", "0b", "0b102", "0b_1",
      "0x1F", "0X1F", "0x1f", "+0x1", "-0x1", "0x_1F", "0x", "0xG", "0x1p3",
      "0xFFFFFFFFFFFFFFFFFFFF", "0o17", "0O17", "-0o17", "0o8", "0o",
      "1:20", "190:20:30", "190:20:30.15", "-1:20", "+1:20", "1:20.5", "1:2:3", "01:20",
      "1:60", "10:30", "1:", ":20", "1::2", "1:a",
      "1.0", "1.", ".5", "-.5", "+.5", "1.5e3", "1e3", "1E+3", "1e-3", "1e+3", "6.8523015e+5",
      "685.230_15e+03", "685_230.15", "1_000.5", ".5_5", "._5", "1e400", "1e-400", "-1e400",
      "1.2.3", "10.0.0.1", ".", "..", "...", "-.", "+.", ".e+1", "1e", "1e+", "e3", "E3",
      ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf", "+.Inf", "+.INF", ".iNf",
      ".nan", ".NaN", ".NAN", "-.nan", "+.NaN", "inf", "-inf", "Infinity", "nan", "NaN",
      "2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43.10-05:00",
      "2001-12-14 21:59:43.10 -5", "2001-12-15 2:59:43.10", "2001-12-15T02:59:43.1Z",
      "2002-12-14", "2002-1-2", "2002-12-14x", "2002-12-14-backup", "2024-prod", "20021214",
      "-", "--", "---", "--- x", "...", "... x", "- x", "-x", "? x", "?x", ": x", ":x", "x:",
      "x: y", "a:b", "#x", "x #y", "x#y", "'q'", "\"q\"", " x", "x ", " ", "\t", "a\tb",
      "a\nb", "\\", "{x}", "[x]", "*x", "&x", "!x", "|x", ">x", "%x", "@x", "`x", ",x",
      "é", "日本", "😀", "1é", "٣", "１", "\xc2\xa0", "1\xc2\xa0",
  };
  // clang-format on
}

// Strings built from pieces rich in what numbers, dates and specials are made of. std::mt19937
// with a fixed seed gives the same sequence everywhere; the modulo keeps it independent of the
// standard library's distributions.
std::vector<std::string> random_strings(size_t count) {
  static const std::vector<std::string> kPieces = {
      "0",   "1",   "7",  "9",  "5",  "_",  ".",  ":",  "e", "E", "+", "-", "x", "X", "o",
      "O",   "b",   "B",  "n",  "a",  "i",  "f",  "y",  "N", "I", "F", "T", "t", "Z", " ",
      "inf", "nan", "0x", "0b", "0o", "12", "00", "60", "é", "😀", "#", "~", "<", "=", "2001-"};
  std::mt19937 rng(20240611);
  std::vector<std::string> out;
  for (size_t n = 0; n < count; ++n) {
    std::string s;
    for (auto pieces = 1 + rng() % 6; pieces > 0; --pieces) s += kPieces[rng() % kPieces.size()];
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> all_strings() {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto strings = corpus();
  auto more = random_strings(2000);
  strings.insert(strings.end(), more.begin(), more.end());
  for (auto& s : strings) {
    if (seen.insert(s).second) out.push_back(std::move(s));
  }
  return out;
}

// Compiled once each: the checks below run on every string.
bool matches(const std::string& s, const char* pattern) {
  static std::map<const char*, std::regex> compiled;
  auto it = compiled.find(pattern);
  if (it == compiled.end()) it = compiled.emplace(pattern, std::regex(pattern)).first;
  return std::regex_match(s, it->second);
}

std::string without_underscores(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
  return s;
}

// The regexps of yaml.org/type/*.html (YAML 1.1), as published.
bool yaml11_spec_non_string(const std::string& s) {
  static const char* const kTypes[] = {
      // bool
      "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
      // null, merge, value
      "~|null|Null|NULL|", "<<", "=",
      // int
      "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
      "|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+",
      // float
      "[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*"
      "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)",
      // timestamp
      "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}"
      ":[0-9]{2}(\\.[0-9]*)?(([ \\t]*)Z|[-+][0-9]{1,2}(:[0-9]{2})?)?"};
  return std::any_of(std::begin(kTypes), std::end(kTypes),
                     [&](const char* p) { return matches(s, p); });
}

// go-yaml v2's resolve() (resolve.go, branch v2) and the base-60 forms its writer quotes, with
// Go's strconv approximated by regexps that accept at least what it does.
bool go_yaml_v2_non_string(const std::string& s) {
  static const std::set<std::string> kTable = {
      "y",    "Y",    "yes",  "Yes",   "YES",   "true",  "True",  "TRUE",  "on",    "On",
      "ON",   "n",    "N",    "no",    "No",    "NO",    "false", "False", "FALSE", "off",
      "Off",  "OFF",  "",     "~",     "null",  "Null",  "NULL",  ".nan",  ".NaN",  ".NAN",
      ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<"};
  if (kTable.count(s) != 0) return true;
  if (s[0] == '.') return matches(without_underscores(s), "\\.[0-9]+([eE][-+]?[0-9]+)?");
  if (s[0] != '+' && s[0] != '-' && (s[0] < '0' || s[0] > '9')) return false;
  if (matches(s,
              "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}"
              "(\\.[0-9]*)?(Z|[-+][0-9]{1,2}(:[0-9]{2})?)?)?")) {
    return true;
  }
  const std::string plain = without_underscores(s);
  return matches(plain, "[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)") ||
         matches(plain, "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?") ||
         matches(s, "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?");
}

// YAML 1.2's core schema (spec 1.2.2, 10.3.2).
bool yaml12_core_non_string(const std::string& s) {
  return matches(s,
                 "null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+"
                 "|0x[0-9a-fA-F]+|[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?"
                 "|[-+]?(\\.inf|\\.Inf|\\.INF)|\\.nan|\\.NaN|\\.NAN|");
}

// `kubectl config view --raw` of one file: its JSON, or (format "yaml") its text; null when it
// fails.
json kubectl_view(const std::string& kubectl, const std::string& file,
                  const std::string& format = "json") {
  const auto r = kraft::testing::run_process(
      kubectl, {"config", "view", "-o", format, "--raw", "--kubeconfig", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  if (r.exit_code != 0) return nullptr;
  return format == "json" ? json::parse(r.out) : json(r.out);
}

bool written_plain(const std::string& s) { return to_yaml_text({{"k", s}}) == "k: " + s + "\n"; }

std::string list(const std::vector<std::string>& strings) {
  std::string out;
  for (size_t i = 0; i < strings.size() && i < 30; ++i) out += "\n  [" + strings[i] + "]";
  return out;
}

TEST(YamlQuoting, EveryStringReadsBackTheSameAsValueKeyAndListItem) {
  const auto strings = all_strings();
  json doc = json::object();
  json keys = json::object();
  json items = json::array();
  for (size_t i = 0; i < strings.size(); ++i) {
    doc["v" + std::to_string(i)] = strings[i];
    keys[strings[i]] = i;
    items.push_back(strings[i]);
    items.push_back({{strings[i], strings[i]}});
  }
  doc["keys"] = keys;
  doc["items"] = items;
  const json back = detail::read_yaml(to_yaml_text(doc), "").value;
  std::vector<std::string> wrong;
  for (size_t i = 0; i < strings.size(); ++i) {
    if (back["v" + std::to_string(i)] != strings[i]) wrong.push_back(strings[i]);
  }
  EXPECT_TRUE(wrong.empty()) << "values read back differently:" << list(wrong);
  EXPECT_EQ(back["keys"], keys);
  EXPECT_EQ(back["items"], items);
}

TEST(YamlQuoting, PlainScalarsAreStringsToEveryResolver) {
  std::vector<std::string> wrong;
  size_t plain = 0;
  for (const auto& s : all_strings()) {
    if (!written_plain(s)) continue;
    ++plain;
    if (yaml11_spec_non_string(s) || go_yaml_v2_non_string(s) || yaml12_core_non_string(s)) {
      wrong.push_back(s);
    }
  }
  EXPECT_TRUE(wrong.empty()) << "written plain, but not strings to a YAML reader:" << list(wrong);
  EXPECT_GT(plain, 500u);  // the generator still makes strings that need no quotes
}

// The check above is only as good as go_yaml_v2_non_string: every string it calls a string,
// written plain (where YAML's syntax allows), must be one to kubectl too.
TEST(YamlQuoting, TheGoYamlModelHereAgreesWithKubectl) {
  const auto kubectl = kraft::testing::find_on_path("kubectl");
  if (!kubectl) GTEST_SKIP() << "kubectl is not installed: the go-yaml model is not checked";
  std::vector<std::string> strings;
  std::string args;
  for (const auto& s : all_strings()) {
    if (s.empty() || !detail::plain_is_safe(s) || go_yaml_v2_non_string(s)) continue;
    strings.push_back(s);
    args += "      - " + s + "\n";
  }
  kraft::testing::TempDir dir;
  const std::string file = dir.write(
      "plain.yaml",
      "apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    exec:\n"
      "      apiVersion: client.authentication.k8s.io/v1\n      command: c\n      args:\n" +
          args);
  const json view = kubectl_view(*kubectl, file);
  ASSERT_FALSE(view.is_null());
  EXPECT_EQ(view["users"][0]["user"]["exec"]["args"], json(strings));
}

TEST(YamlQuoting, QuotesTheFormsTheIssueNamed) {
  for (const std::string s :
       {".inf", "-.Inf", ".nan", "0b101", "+0x1", "1_000.5", "1:20", "190:20:30.15",
        "2001-12-14t21:59:43.10-05:00", "2002-12-14", "0o17", "017", "-_1", "1.2.3", "=", "<<"}) {
    EXPECT_EQ(to_yaml_text({{"k", s}}), "k: \"" + s + "\"\n");
    EXPECT_EQ(to_yaml_text({{s, 1}}), "\"" + s + "\": 1\n");
  }
}

TEST(YamlQuoting, OrdinaryStringsStayPlain) {
  for (const std::string s : {"kraft-ns-name",
                              "https://10.0.0.1:6443",
                              "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==",
                              "v1.2.3",
                              "2024-prod",
                              "2002-12-14-backup",
                              "1.2.3-rc1",
                              "10.0.0.1:6443",
                              "_1",
                              "infra",
                              "nano",
                              "yesterday",
                              "one",
                              "x=y",
                              "a<<b",
                              "e3",
                              "0xG",
                              "1:a",
                              "k3k.io/v1beta1",
                              "client.authentication.k8s.io/v1",
                              "arn:aws:eks:eu-west-1:1:cluster/x",
                              "日本"}) {
    EXPECT_TRUE(written_plain(s)) << s;
  }
}

// A kubeconfig holding every string as a name, a string field, an auth-provider config key and
// value, and an exec argument.
json kubeconfig_of(const std::vector<std::string>& strings) {
  json clusters = json::array(), users = json::array(), contexts = json::array();
  json config = json::object(), args = json::array();
  for (const auto& s : strings) {
    clusters.push_back(
        {{"name", s}, {"cluster", {{"server", "https://h"}, {"tls-server-name", s}}}});
    users.push_back({{"name", s}, {"user", {{"token", s}}}});
    contexts.push_back({{"name", s}, {"context", {{"cluster", s}, {"user", s}, {"namespace", s}}}});
    config[s] = s;
    args.push_back(s);
  }
  users.push_back({{"name", "kraft-test-auth-provider"},
                   {"user", {{"auth-provider", {{"name", "p"}, {"config", config}}}}}});
  users.push_back({{"name", "kraft-test-exec"},
                   {"user",
                    {{"exec",
                      {{"apiVersion", "client.authentication.k8s.io/v1"},
                       {"command", "kraft-test-plugin"},
                       {"args", args}}}}}});
  return {{"apiVersion", "v1"}, {"kind", "Config"},     {"clusters", clusters},
          {"users", users},     {"contexts", contexts}, {"current-context", strings.front()}};
}

json list_by_name(const json& view, const char* list) {
  json out = json::object();
  for (const auto& e : view.value(list, json::array())) out[e["name"].get<std::string>()] = e;
  return out;
}

// The strings kubectl does not read back as written (empty ones are left out: kubectl omits
// empty fields).
std::vector<std::string> misread_by_kubectl(const json& view,
                                            const std::vector<std::string>& strings) {
  const json clusters = list_by_name(view, "clusters"), users = list_by_name(view, "users"),
             contexts = list_by_name(view, "contexts");
  const json config = users["kraft-test-auth-provider"]["user"]["auth-provider"]["config"];
  const json args = users["kraft-test-exec"]["user"]["exec"]["args"];
  std::vector<std::string> wrong;
  for (size_t i = 0; i < strings.size(); ++i) {
    const std::string& s = strings[i];
    const json context = contexts.value(s, json::object()).value("context", json::object());
    const bool right =
        clusters.value(s, json::object()).value("cluster", json::object())["tls-server-name"] ==
            s &&
        users.value(s, json::object()).value("user", json::object())["token"] == s &&
        context["cluster"] == s && context["user"] == s && context["namespace"] == s &&
        config.value(s, json()) == s && args.size() == strings.size() && args[i] == s;
    if (!right) wrong.push_back(s);
  }
  return wrong;
}

std::vector<std::string> non_empty_strings() {
  auto strings = all_strings();
  strings.erase(std::remove(strings.begin(), strings.end(), ""), strings.end());
  return strings;
}

TEST(YamlQuoting, KubectlReadsEveryStringKraftWrites) {
  const auto kubectl = kraft::testing::find_on_path("kubectl");
  if (!kubectl) GTEST_SKIP() << "kubectl is not installed: kraft's YAML is not checked against it";
  const auto strings = non_empty_strings();
  kraft::testing::TempDir dir;
  // Straight from the emitter, and through the kubeconfig model and writer.
  const std::string emitted = dir.write("emitted.yaml", to_yaml_text(kubeconfig_of(strings)));
  const std::string written = dir.write(
      "written.yaml", to_yaml(parse_kubeconfig(kraft::testing::bytes_of(emitted), emitted)));

  const json view = kubectl_view(*kubectl, emitted);
  ASSERT_FALSE(view.is_null());
  const auto wrong = misread_by_kubectl(view, strings);
  EXPECT_TRUE(wrong.empty()) << wrong.size()
                             << " strings kubectl reads differently:" << list(wrong);
  EXPECT_EQ(kubectl_view(*kubectl, written), view);
}

TEST(YamlQuoting, KraftReadsWhatKubectlWritesAsKubectlDoes) {
  const auto kubectl = kraft::testing::find_on_path("kubectl");
  if (!kubectl) GTEST_SKIP() << "kubectl is not installed: its YAML is not read here";
  const auto strings = non_empty_strings();
  kraft::testing::TempDir dir;
  const std::string file = dir.write("config.json", kubeconfig_of(strings).dump());
  const json view = kubectl_view(*kubectl, file);
  ASSERT_FALSE(view.is_null());
  ASSERT_TRUE(misread_by_kubectl(view, strings).empty());

  // kubectl's YAML (go-yaml v2's writer) read by kraft is kubectl's JSON, and so is the file
  // kraft writes from it.
  const std::string yaml = kubectl_view(*kubectl, file, "yaml").get<std::string>();
  EXPECT_EQ(detail::read_yaml(yaml, "").value, view);
  const std::string rewritten = dir.write("rewritten.yaml", to_yaml(parse_kubeconfig(yaml, "")));
  EXPECT_EQ(kubectl_view(*kubectl, rewritten), view);
}

}  // namespace
}  // namespace kraft::config
