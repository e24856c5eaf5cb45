// Label selectors after k8s.io/apimachinery/pkg/labels/selector.go: the same lexer (special
// characters = ! ( ) , < > and blanks end a word; "in" and "notin" are keywords only where an
// operator is expected), the same recursive descent and NewRequirement's checks, so kraft
// accepts exactly what the API server accepts. The messages are kraft's: one line naming the
// token that is wrong and what was expected instead.
#include <kraft/api/label_selector.h>
#include <kraft/core/error.h>
#include <kraft/core/text.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <set>

#include "core/ascii.h"

namespace kraft::api {
namespace {

using Op = LabelRequirement::Operator;

constexpr std::size_t kMaxNameLength = 63;
constexpr std::size_t kMaxPrefixLength = 253;

using kraft::detail::is_alnum;
using kraft::detail::is_lower_alnum;

// The name part of a key, and a value: alphanumeric at both ends, [-_.A-Za-z0-9] inside.
bool is_name_text(std::string_view s) {
  if (s.empty() || !is_alnum(s.front()) || !is_alnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; });
}

// IsDNS1123Subdomain: dot-separated [a-z0-9]([-a-z0-9]*[a-z0-9])? pieces (its regular
// expression; the 253 limit is checked by the caller).
bool is_dns1123_subdomain_text(std::string_view s) {
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = s.find('.', start);
    const std::string_view piece =
        s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (piece.empty() || !is_lower_alnum(piece.front()) || !is_lower_alnum(piece.back())) {
      return false;
    }
    for (char c : piece) {
      if (!is_lower_alnum(c) && c != '-') return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

enum class Token {
  kEnd,
  kIdentifier,
  kClosedPar,
  kComma,
  kNot,  // '!'
  kDoubleEquals,
  kEquals,
  kGreaterThan,
  kIn,
  kLessThan,
  kNotEquals,
  kNotIn,
  kOpenPar,
};

struct Item {
  Token token;
  std::string literal;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_special(char c) {
  return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
}

Token special_token(std::string_view s) {
  if (s == ")") return Token::kClosedPar;
  if (s == ",") return Token::kComma;
  if (s == "!") return Token::kNot;
  if (s == "==") return Token::kDoubleEquals;
  if (s == "=") return Token::kEquals;
  if (s == ">") return Token::kGreaterThan;
  if (s == "<") return Token::kLessThan;
  if (s == "!=") return Token::kNotEquals;
  if (s == "(") return Token::kOpenPar;
  return Token::kEnd;  // not a token
}

// The lexer: the longest run of special characters that spells a token ("!=" but "!" "!"),
// or a word up to the next special character or blank. A NUL ends the selector, as in Go.
std::vector<Item> scan(std::string_view text) {
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) text = text.substr(0, nul);
  std::vector<Item> items;
  std::size_t pos = 0;
  while (true) {
    while (pos < text.size() && is_blank(text[pos])) ++pos;
    if (pos >= text.size()) {
      items.push_back({Token::kEnd, ""});
      return items;
    }
    const std::size_t start = pos;
    if (is_special(text[pos])) {
      // Every single special character is a token, so this always finds one.
      std::size_t length = 1;
      if (pos + 1 < text.size() && special_token(text.substr(pos, 2)) != Token::kEnd) {
        length = 2;
      }
      items.push_back(
          {special_token(text.substr(pos, length)), std::string(text.substr(pos, length))});
      pos += length;
      continue;
    }
    while (pos < text.size() && !is_special(text[pos]) && !is_blank(text[pos])) ++pos;
    std::string word(text.substr(start, pos - start));
    const Token token = word == "in"      ? Token::kIn
                        : word == "notin" ? Token::kNotIn
                                          : Token::kIdentifier;
    items.push_back({token, std::move(word)});
  }
}

// Quoted before it is sanitized, so blanks at either end stay visible.
std::string quote_for_message(std::string_view text, std::size_t limit = 66) {
  return sanitize_text("\"" + std::string(text) + "\"", limit);
}

// How a message shows a token: 'X' for punctuation, "word" for a word, "the end".
std::string shown(const Item& item) {
  if (item.token == Token::kEnd) return "the end";
  if (item.token == Token::kIdentifier || item.token == Token::kIn || item.token == Token::kNotIn) {
    return quote_for_message(item.literal);
  }
  return "'" + item.literal + "'";
}

// strconv.ParseInt(v, 10, 64): an optional sign, then decimal digits, within int64.
bool is_int64(std::string_view v) {
  std::string_view digits = v;
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) digits.remove_prefix(1);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) {
    return false;
  }
  if (!v.empty() && v.front() == '+') v.remove_prefix(1);
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && end == v.data() + v.size();
}

class Parser {
 public:
  explicit Parser(std::string_view text) : items_(scan(text)) {}

  std::vector<LabelRequirement> parse() {
    std::vector<LabelRequirement> requirements;
    while (true) {
      const Item& next = lookahead();
      if (next.token == Token::kEnd) return requirements;
      if (next.token != Token::kIdentifier && next.token != Token::kNot) {
        fail("expected a label key or '!', found " + shown(next));
      }
      requirements.push_back(requirement());
      const Item after = consume();
      if (after.token == Token::kEnd) return requirements;
      if (after.token != Token::kComma) {
        fail("expected ',' or the end after " + written(requirements.back()) + ", found " +
             shown(after));
      }
      const Item& following = lookahead();
      if (following.token != Token::kIdentifier && following.token != Token::kNot) {
        fail("expected a label key after ',', found " + shown(following));
      }
    }
  }

 private:
  [[noreturn]] static void fail(const std::string& reason) { throw ValidationError(reason); }

  // Where values are read, "in" and "notin" are plain words (a key or value may be "in").
  static Item as_value(Item item) {
    if (item.token == Token::kIn || item.token == Token::kNotIn) item.token = Token::kIdentifier;
    return item;
  }
  Item lookahead() const { return as_value(items_[position_]); }
  Item consume() { return as_value(consume_keyword()); }
  Item consume_keyword() {
    const Item& item = items_[position_];
    if (position_ + 1 < items_.size()) ++position_;
    return item;
  }

  static std::string written(const LabelRequirement& r) {
    return quote_for_message((r.op == Op::kDoesNotExist ? "!" : "") + r.key);
  }

  LabelRequirement requirement() {
    LabelRequirement r;
    Item first = consume();
    const bool negated = first.token == Token::kNot;
    if (negated) first = consume();
    if (first.token != Token::kIdentifier) {
      fail(std::string("expected a label key") + (negated ? " after '!'" : "") + ", found " +
           shown(first));
    }
    if (std::string problem = label_key_problem(first.literal); !problem.empty()) {
      fail("label key " + quote_for_message(first.literal) + " is invalid: " + problem);
    }
    r.key = first.literal;
    const Token next = lookahead().token;
    if (negated) {
      r.op = Op::kDoesNotExist;
      return r;
    }
    if (next == Token::kEnd || next == Token::kComma) return r;  // exists

    const Item op = consume_keyword();
    switch (op.token) {
      case Token::kIn:
        r.op = Op::kIn;
        break;
      case Token::kNotIn:
        r.op = Op::kNotIn;
        break;
      case Token::kEquals:
      case Token::kDoubleEquals:
        r.op = Op::kEquals;
        break;
      case Token::kNotEquals:
        r.op = Op::kNotEquals;
        break;
      case Token::kGreaterThan:
        r.op = Op::kGreaterThan;
        break;
      case Token::kLessThan:
        r.op = Op::kLessThan;
        break;
      default:
        fail("expected an operator (=, ==, !=, in, notin, <, >) after " + quote_for_message(r.key) +
             ", found " + shown(op));
    }
    const std::set<std::string> values =
        r.op == Op::kIn || r.op == Op::kNotIn ? value_set(op) : exact_value(op);
    r.values.assign(values.begin(), values.end());
    check_values(r, op.literal);
    return r;
  }

  // "(" values ")": "()" and empty items (as in "(a,,b)") are the empty value.
  std::set<std::string> value_set(const Item& op) {
    const Item open = consume();
    if (open.token != Token::kOpenPar) {
      fail("expected '(' after '" + op.literal + "', found " + shown(open));
    }
    std::set<std::string> values;
    const Item first = lookahead();
    if (first.token == Token::kClosedPar) {
      consume();
      return {""};
    }
    if (first.token != Token::kIdentifier && first.token != Token::kComma) {
      fail("expected a value, ',' or ')' after '(', found " + shown(first));
    }
    while (true) {
      const Item item = consume();
      if (item.token == Token::kIdentifier) {
        values.insert(item.literal);
        const Item after = lookahead();
        if (after.token == Token::kClosedPar) break;
        if (after.token != Token::kComma) {
          fail("expected ',' or ')' after value " + quote_for_message(item.literal) + ", found " +
               shown(after));
        }
      } else if (item.token == Token::kComma) {
        if (values.empty()) values.insert("");  // "(,"
        const Token after = lookahead().token;
        if (after == Token::kClosedPar) {
          values.insert("");  // ",)"
          break;
        }
        if (after == Token::kComma) {
          consume();
          values.insert("");  // ",,"
        }
      } else {
        fail("expected a value, ',' or ')' in the list after '" + op.literal + "', found " +
             shown(item));
      }
    }
    consume();  // ')'
    return values;
  }

  std::set<std::string> exact_value(const Item& op) {
    const Token next = lookahead().token;
    if (next == Token::kEnd || next == Token::kComma) return {""};
    const Item value = consume();
    if (value.token != Token::kIdentifier) {
      fail("expected a value after '" + op.literal + "', found " + shown(value));
    }
    return {value.literal};
  }

  static void check_values(const LabelRequirement& r, const std::string& op) {
    for (const auto& value : r.values) {
      if ((r.op == Op::kGreaterThan || r.op == Op::kLessThan) && !is_int64(value)) {
        fail("the value of " + quote_for_message(r.key + op + value) + " must be an integer");
      }
      if (std::string problem = label_value_problem(value); !problem.empty()) {
        fail("label value " + quote_for_message(value) + " of " + quote_for_message(r.key) + " is invalid: " + problem);
      }
    }
  }

  std::vector<Item> items_;
  std::size_t position_ = 0;
};

}  // namespace

std::vector<LabelRequirement> parse_label_selector(std::string_view selector) {
  try {
    return Parser(selector).parse();
  } catch (const ValidationError& e) {
    throw ValidationError("invalid label selector " + quote_for_message(selector, kMessageTextLimit) + ": " +
                          e.what());
  }
}

std::string label_key_problem(std::string_view key) {
  std::string_view name = key;
  if (const auto slash = key.find('/'); slash != std::string_view::npos) {
    const std::string_view prefix = key.substr(0, slash);
    name = key.substr(slash + 1);
    if (name.find('/') != std::string_view::npos) {
      return "use [prefix/]name, with one '/' at most (e.g. example.com/team)";
    }
    if (prefix.empty()) return "the prefix before '/' is empty";
    if (prefix.size() > kMaxPrefixLength) {
      return "the prefix before '/' is longer than 253 characters";
    }
    if (!is_dns1123_subdomain_text(prefix)) {
      return "the prefix " + quote_for_message(prefix) +
             " is not a DNS subdomain (lowercase letters, digits, '-' and '.', e.g. "
             "example.com)";
    }
  }
  if (name.empty()) return "the name is empty";
  if (name.size() > kMaxNameLength) {
    return "the name is " + std::to_string(name.size()) +
           " characters long, at most 63 are allowed";
  }
  if (!is_name_text(name)) {
    return "use letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  }
  return "";
}

std::string label_value_problem(std::string_view value) {
  if (value.empty()) return "";
  if (value.size() > kMaxNameLength) {
    return "it is " + std::to_string(value.size()) + " characters long, at most 63 are allowed";
  }
  if (!is_name_text(value)) {
    return "use letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  }
  return "";
}

}  // namespace kraft::api
