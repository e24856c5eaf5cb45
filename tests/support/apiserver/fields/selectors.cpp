// Label selectors after k8s.io/apimachinery/pkg/labels/selector.go (lexer, recursive descent
// parser, NewRequirement's validation); field selectors after pkg/fields/selector.go.
#include "fields/selectors.h"

#include <algorithm>
#include <map>
#include <set>

#include "fields/label_validation.h"

namespace kraft::testing {

namespace {

enum class Token {
  kError,
  kEnd,
  kClosedPar,
  kComma,
  kDoesNotExist,
  kDoubleEquals,
  kEquals,
  kGreaterThan,
  kIdentifier,
  kIn,
  kLessThan,
  kNotEquals,
  kNotIn,
  kOpenPar,
};

const std::map<std::string, Token>& literal_tokens() {
  static const std::map<std::string, Token> tokens = {
      {")", Token::kClosedPar},     {",", Token::kComma},    {"!", Token::kDoesNotExist},
      {"==", Token::kDoubleEquals}, {"=", Token::kEquals},   {">", Token::kGreaterThan},
      {"in", Token::kIn},           {"<", Token::kLessThan}, {"!=", Token::kNotEquals},
      {"notin", Token::kNotIn},     {"(", Token::kOpenPar}};
  return tokens;
}

bool is_whitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_special(char c) {
  return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
}

struct Scanned {
  Token token;
  std::string literal;
};

std::vector<Scanned> scan(std::string_view text) {
  std::vector<Scanned> out;
  size_t pos = 0;
  while (true) {
    while (pos < text.size() && is_whitespace(text[pos])) ++pos;
    if (pos >= text.size()) {
      out.push_back({Token::kEnd, ""});
      return out;
    }
    if (is_special(text[pos])) {
      // The longest run of special characters that still spells a token.
      std::string buffer;
      Scanned last{Token::kError, ""};
      while (pos < text.size() && is_special(text[pos])) {
        buffer += text[pos++];
        auto it = literal_tokens().find(buffer);
        if (it != literal_tokens().end()) {
          last = {it->second, buffer};
        } else if (last.token != Token::kError) {
          --pos;
          break;
        }
      }
      if (last.token == Token::kError) {
        out.push_back({Token::kError, "error expected: keyword found '" + buffer + "'"});
      } else {
        out.push_back(last);
      }
      continue;
    }
    std::string buffer;
    while (pos < text.size() && !is_special(text[pos]) && !is_whitespace(text[pos])) {
      buffer += text[pos++];
    }
    auto it = literal_tokens().find(buffer);
    out.push_back({it != literal_tokens().end() ? it->second : Token::kIdentifier, buffer});
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : items_(scan(text)) {}

  std::vector<LabelSelector::Requirement> parse() {
    std::vector<LabelSelector::Requirement> requirements;
    while (true) {
      auto [token, literal] = lookahead(true);
      if (token == Token::kIdentifier || token == Token::kDoesNotExist) {
        requirements.push_back(parse_requirement());
        auto [next, next_literal] = consume(true);
        if (next == Token::kEnd) return requirements;
        if (next != Token::kComma)
          fail("found '" + next_literal + "', expected: ',' or 'end of string'");
        auto [after, after_literal] = lookahead(true);
        if (after != Token::kIdentifier && after != Token::kDoesNotExist) {
          fail("found '" + after_literal + "', expected: identifier after ','");
        }
      } else if (token == Token::kEnd) {
        return requirements;
      } else {
        fail("found '" + literal + "', expected: !, identifier, or 'end of string'");
      }
    }
  }

 private:
  [[noreturn]] static void fail(const std::string& message) { throw SelectorError(message); }
  [[noreturn]] static void fail_requirement(const std::string& message) {
    throw SelectorError("unable to parse requirement: " + message);
  }

  // In a value context "in" and "notin" are plain identifiers.
  Scanned lookahead(bool values) const {
    Scanned item = items_[position_];
    if (values && (item.token == Token::kIn || item.token == Token::kNotIn)) {
      item.token = Token::kIdentifier;
    }
    return item;
  }
  Scanned consume(bool values) {
    Scanned item = lookahead(values);
    if (position_ + 1 < items_.size()) ++position_;
    return item;
  }

  LabelSelector::Requirement parse_requirement() {
    LabelSelector::Requirement requirement;
    Scanned first = consume(true);
    bool negated = first.token == Token::kDoesNotExist;
    if (negated) first = consume(true);
    const auto& [token, literal] = first;
    if (token != Token::kIdentifier)
      fail_requirement("found '" + literal + "', expected: identifier");
    std::vector<std::string> key_errors = qualified_name_errors(literal);
    if (!key_errors.empty()) {
      fail_requirement("<nil>: Invalid value: " + go_quote(literal) + ": " +
                       join(key_errors, "; "));
    }
    requirement.key = literal;
    Token next = lookahead(true).token;
    if (negated || next == Token::kEnd || next == Token::kComma) {
      requirement.op = negated ? "!" : "exists";
      return requirement;
    }
    auto [op_token, op_literal] = consume(false);
    switch (op_token) {
      case Token::kIn:
        requirement.op = "in";
        break;
      case Token::kNotIn:
        requirement.op = "notin";
        break;
      case Token::kEquals:
      case Token::kDoubleEquals:
        requirement.op = "=";
        break;
      case Token::kNotEquals:
        requirement.op = "!=";
        break;
      case Token::kGreaterThan:
        requirement.op = "gt";
        break;
      case Token::kLessThan:
        requirement.op = "lt";
        break;
      default:
        fail_requirement("found '" + op_literal + "', expected: '=', '!=', '==', 'in', notin'");
    }
    std::set<std::string> values =
        requirement.op == "in" || requirement.op == "notin" ? parse_values() : parse_exact_value();
    requirement.values.assign(values.begin(), values.end());  // sets.String.List(): sorted
    validate(requirement);
    return requirement;
  }

  std::set<std::string> parse_values() {
    auto [token, literal] = consume(true);
    if (token != Token::kOpenPar) fail_requirement("found '" + literal + "' expected: '('");
    auto [next, next_literal] = lookahead(true);
    if (next == Token::kClosedPar) {
      consume(true);
      return {""};
    }
    if (next != Token::kIdentifier && next != Token::kComma) {
      fail_requirement("found '" + next_literal + "', expected: ',', ')' or identifier");
    }
    std::set<std::string> values = parse_identifiers();
    if (consume(true).token != Token::kClosedPar) {
      fail_requirement("found '" + next_literal + "', expected: ')'");
    }
    return values;
  }

  std::set<std::string> parse_identifiers() {
    std::set<std::string> values;
    while (true) {
      auto [token, literal] = consume(true);
      if (token == Token::kIdentifier) {
        values.insert(literal);
        auto [next, next_literal] = lookahead(true);
        if (next == Token::kComma) continue;
        if (next == Token::kClosedPar) return values;
        fail_requirement("found '" + next_literal + "', expected: ',' or ')'");
      } else if (token == Token::kComma) {
        if (values.empty()) values.insert("");  // "(,"
        Token next = lookahead(true).token;
        if (next == Token::kClosedPar) {
          values.insert("");  // ",)"
          return values;
        }
        if (next == Token::kComma) {
          consume(true);
          values.insert("");  // ",,"
        }
      } else {
        fail_requirement("found '" + literal + "', expected: ',', or identifier");
      }
    }
  }

  std::set<std::string> parse_exact_value() {
    Token next = lookahead(true).token;
    if (next == Token::kEnd || next == Token::kComma) return {""};
    auto [token, literal] = consume(true);
    if (token != Token::kIdentifier)
      fail_requirement("found '" + literal + "', expected: identifier");
    return {literal};
  }

  // NewRequirement: every problem, aggregated as "[a, b]" when there are several.
  static void validate(const LabelSelector::Requirement& requirement) {
    std::vector<std::string> errors;
    if ((requirement.op == "gt" || requirement.op == "lt")) {
      for (size_t i = 0; i < requirement.values.size(); ++i) {
        const std::string& v = requirement.values[i];
        bool integer = !v.empty() && std::all_of(v.begin() + (v[0] == '-' ? 1 : 0), v.end(),
                                                 [](char c) { return c >= '0' && c <= '9'; });
        if (!integer || v == "-") {
          errors.push_back("values[" + std::to_string(i) + "]: Invalid value: " + go_quote(v) +
                           ": for 'Gt', 'Lt' operators, the value must be an integer");
        }
      }
    }
    for (size_t i = 0; i < requirement.values.size(); ++i) {
      std::vector<std::string> problems = label_value_errors(requirement.values[i]);
      if (problems.empty()) continue;
      errors.push_back("values[" + std::to_string(i) + "][" + requirement.key +
                       "]: Invalid value: " + go_quote(requirement.values[i]) + ": " +
                       join(problems, "; "));
    }
    if (errors.size() == 1) fail_requirement(errors[0]);
    if (errors.size() > 1) fail_requirement("[" + join(errors, ", ") + "]");
  }

  static std::string join(const std::vector<std::string>& parts, const std::string& separator) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
    return out;
  }

  std::vector<Scanned> items_;
  size_t position_ = 0;
};

// Label values and field values as the selectors see them: strings as they are.
std::string as_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return value.dump();
}

}  // namespace

LabelSelector LabelSelector::parse(std::string_view text) {
  LabelSelector selector;
  selector.requirements_ = Parser(text).parse();
  std::stable_sort(selector.requirements_.begin(), selector.requirements_.end(),
                   [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
  return selector;
}

bool LabelSelector::matches(const nlohmann::json& labels) const {
  for (const Requirement& r : requirements_) {
    bool has = labels.is_object() && labels.contains(r.key);
    std::string value = has ? as_text(labels[r.key]) : "";
    bool listed = std::find(r.values.begin(), r.values.end(), value) != r.values.end();
    bool ok = true;
    if (r.op == "=" || r.op == "in") ok = has && listed;
    if (r.op == "!=" || r.op == "notin") ok = !has || !listed;
    if (r.op == "exists") ok = has;
    if (r.op == "!") ok = !has;
    if (r.op == "gt" || r.op == "lt") {
      try {
        size_t used = 0;
        long long label = std::stoll(value, &used);
        long long bound = std::stoll(r.values.at(0));
        ok = has && used == value.size() && (r.op == "gt" ? label > bound : label < bound);
      } catch (const std::exception&) {
        ok = false;
      }
    }
    if (!ok) return false;
  }
  return true;
}

namespace {

// fields.UnescapeValue: "\\", "\," and "\=" are escapes; a bare ',' or '=' is an error.
std::string unescape_field_value(const std::string& value) {
  std::string out;
  bool in_slash = false;
  for (char c : value) {
    if (in_slash) {
      if (c != '\\' && c != ',' && c != '=') {
        throw SelectorError("invalid field selector: invalid escape sequence: \\" +
                            std::string(1, c));
      }
      out += c;
      in_slash = false;
    } else if (c == '\\') {
      in_slash = true;
    } else if (c == ',' || c == '=') {
      throw SelectorError("invalid field selector: unescaped character in value: " +
                          std::to_string(static_cast<int>(c)));
    } else {
      out += c;
    }
  }
  if (in_slash) throw SelectorError("invalid field selector: invalid escape sequence: \\");
  return out;
}

}  // namespace

FieldSelector FieldSelector::parse(std::string_view text,
                                   const std::vector<std::string>& supported) {
  std::vector<std::string> parts;
  if (!text.empty()) {
    size_t start = 0;
    bool in_slash = false;
    for (size_t i = 0; i < text.size(); ++i) {
      if (in_slash) {
        in_slash = false;
      } else if (text[i] == '\\') {
        in_slash = true;
      } else if (text[i] == ',') {
        parts.emplace_back(text.substr(start, i - start));
        start = i + 1;
      }
    }
    parts.emplace_back(text.substr(start));
  }
  std::sort(parts.begin(), parts.end());
  FieldSelector selector;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    size_t at = std::string::npos;
    std::string op;
    for (size_t i = 0; i < part.size() && at == std::string::npos; ++i) {
      for (const char* candidate : {"!=", "==", "="}) {
        if (part.compare(i, std::string_view(candidate).size(), candidate) == 0) {
          at = i;
          op = candidate;
          break;
        }
      }
    }
    if (at == std::string::npos) {
      throw SelectorError("invalid selector: '" + std::string(text) + "'; can't understand '" +
                          part + "'");
    }
    Term term;
    term.field = part.substr(0, at);
    term.equals = op != "!=";
    term.value = unescape_field_value(part.substr(at + op.size()));
    selector.terms_.push_back(std::move(term));
  }
  for (const Term& term : selector.terms_) {
    if (std::find(supported.begin(), supported.end(), term.field) == supported.end()) {
      throw SelectorError("field label not supported: " + term.field);
    }
  }
  return selector;
}

bool FieldSelector::matches(const nlohmann::json& object) const {
  for (const Term& term : terms_) {
    const nlohmann::json* node = &object;
    size_t start = 0;
    while (node != nullptr && start <= term.field.size()) {
      size_t dot = term.field.find('.', start);
      std::string name = term.field.substr(start, dot == std::string::npos ? dot : dot - start);
      node = node->is_object() && node->contains(name) ? &(*node)[name] : nullptr;
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    std::string value = node ? as_text(*node) : "";
    if ((value == term.value) != term.equals) return false;
  }
  return true;
}

}  // namespace kraft::testing
