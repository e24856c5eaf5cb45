#include "transcript_matcher.h"

#include <regex>
#include <set>

namespace kraft::testing {

using nlohmann::json;

namespace {

const std::regex& placeholder_re() {
  static const std::regex re(
      R"(<uid>|<rv:\d+>|<continue:\d+>|<time>|tr-gen-<rand5>|<gitCommit>|<server-address>)");
  return re;
}

/// What a placeholder may stand for, as a capture group.
std::string pattern_for(const std::string& placeholder) {
  if (placeholder == "<uid>") {
    return "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";
  }
  if (placeholder == "<time>") {
    return R"((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})))";
  }
  if (placeholder.rfind("<rv:", 0) == 0) return "([0-9]+)";
  if (placeholder.rfind("<continue:", 0) == 0) return "([A-Za-z0-9_=+/-]+)";
  if (placeholder == "tr-gen-<rand5>") return "(tr-gen-[a-z0-9]{5})";
  return "(.*)";  // <gitCommit>, <server-address>
}

/// Placeholders whose values are bound (the rest only have to look right).
bool is_binding(const std::string& placeholder) {
  return placeholder.rfind("<rv:", 0) == 0 || placeholder.rfind("<continue:", 0) == 0 ||
         placeholder == "tr-gen-<rand5>";
}

std::string family_of(const std::string& placeholder) {
  return placeholder.substr(0, placeholder.find_first_of(":-"));
}

std::string escape_regex(const std::string& literal) {
  static const std::string special = R"(\^$.|?*+()[]{}/)";
  std::string out;
  for (char c : literal) {
    if (special.find(c) != std::string::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string shorten(const std::string& text, size_t max = 400) {
  return text.size() <= max ? text : text.substr(0, max) + "...";
}

}  // namespace

bool PlaceholderBindings::bind(const std::string& placeholder, const std::string& value,
                               std::string& why) {
  if (auto it = values_.find(placeholder); it != values_.end()) {
    if (it->second == value) return true;
    why = placeholder + " was bound to \"" + it->second + "\" earlier";
    return false;
  }
  const std::string owner_key = family_of(placeholder) + " " + value;
  if (auto it = owners_.find(owner_key); it != owners_.end()) {
    why = "\"" + value + "\" is already bound to " + it->second + ", not " + placeholder;
    return false;
  }
  values_[placeholder] = value;
  owners_[owner_key] = placeholder;
  return true;
}

const std::string* PlaceholderBindings::find(const std::string& placeholder) const {
  auto it = values_.find(placeholder);
  return it == values_.end() ? nullptr : &it->second;
}

bool match_string(const std::string& expected, const std::string& actual,
                  PlaceholderBindings& bindings, std::string& why) {
  std::vector<std::string> placeholders;
  std::string pattern;
  auto begin = std::sregex_iterator(expected.begin(), expected.end(), placeholder_re());
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    pattern += escape_regex(expected.substr(last, static_cast<size_t>(it->position()) - last));
    placeholders.push_back(it->str());
    pattern += pattern_for(it->str());
    last = static_cast<size_t>(it->position() + it->length());
  }
  if (placeholders.empty()) return expected == actual;
  pattern += escape_regex(expected.substr(last));
  std::smatch m;
  if (!std::regex_match(actual, m, std::regex(pattern))) return false;
  for (size_t i = 0; i < placeholders.size(); ++i) {
    if (is_binding(placeholders[i]) && !bindings.bind(placeholders[i], m[i + 1].str(), why)) {
      return false;
    }
  }
  return true;
}

std::vector<Mismatch> match_json(const json& expected, const json& actual,
                                 PlaceholderBindings& bindings, const std::string& path) {
  std::vector<Mismatch> out;
  auto differ = [&](const std::string& why = "") {
    out.push_back(
        {path.empty() ? "/" : path, shorten(expected.dump()), shorten(actual.dump()), why});
  };
  if (expected.is_string()) {
    std::string why;
    if (!actual.is_string() ||
        !match_string(expected.get<std::string>(), actual.get<std::string>(), bindings, why)) {
      differ(why);
    }
    return out;
  }
  if (expected.is_object()) {
    if (!actual.is_object()) {
      differ();
      return out;
    }
    std::set<std::string> keys;
    for (const auto& [k, v] : expected.items()) keys.insert(k);
    for (const auto& [k, v] : actual.items()) keys.insert(k);
    for (const auto& k : keys) {
      const std::string child = path + "/" + pointer_token(k);
      if (!expected.contains(k)) {
        out.push_back({child, "(absent)", shorten(actual[k].dump()), ""});
      } else if (!actual.contains(k)) {
        out.push_back({child, shorten(expected[k].dump()), "(absent)", ""});
      } else {
        auto sub = match_json(expected[k], actual[k], bindings, child);
        out.insert(out.end(), sub.begin(), sub.end());
      }
    }
    return out;
  }
  if (expected.is_array()) {
    if (!actual.is_array()) {
      differ();
      return out;
    }
    const size_t n = std::min(expected.size(), actual.size());
    for (size_t i = 0; i < n; ++i) {
      auto sub = match_json(expected[i], actual[i], bindings, path + "/" + std::to_string(i));
      out.insert(out.end(), sub.begin(), sub.end());
    }
    for (size_t i = n; i < expected.size(); ++i) {
      out.push_back({path + "/" + std::to_string(i), shorten(expected[i].dump()), "(absent)", ""});
    }
    for (size_t i = n; i < actual.size(); ++i) {
      out.push_back({path + "/" + std::to_string(i), "(absent)", shorten(actual[i].dump()), ""});
    }
    return out;
  }
  if (expected != actual) differ();
  return out;
}

std::string substitute_bound(const std::string& text, const PlaceholderBindings& bindings) {
  std::string out;
  auto begin = std::sregex_iterator(text.begin(), text.end(), placeholder_re());
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    out += text.substr(last, static_cast<size_t>(it->position()) - last);
    const std::string* value = bindings.find(it->str());
    out += value != nullptr ? *value : it->str();
    last = static_cast<size_t>(it->position() + it->length());
  }
  return out + text.substr(last);
}

std::string describe(const std::vector<Mismatch>& mismatches, size_t limit) {
  std::string out;
  for (size_t i = 0; i < mismatches.size() && i < limit; ++i) {
    const Mismatch& m = mismatches[i];
    out +=
        "  at " + m.path + "\n    expected: " + m.expected + "\n    actual:   " + m.actual + "\n";
    if (!m.why.empty()) out += "    (" + m.why + ")\n";
  }
  if (mismatches.size() > limit) {
    out += "  ... and " + std::to_string(mismatches.size() - limit) + " more differences\n";
  }
  return out;
}

}  // namespace kraft::testing
