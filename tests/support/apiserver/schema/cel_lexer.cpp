#include "schema/cel_lexer.h"

#include <cctype>
#include <charconv>
#include <stdexcept>

namespace kraft::testing::cel {
namespace {

bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

[[noreturn]] void fail(const std::string& what, size_t offset) {
  throw std::invalid_argument(what + " at offset " + std::to_string(offset));
}

// Reads a quoted string starting at source[i] (the quote); only the simple escapes.
std::string read_string(const std::string& source, size_t& i) {
  const char quote = source[i];
  const size_t start = i++;
  std::string out;
  while (i < source.size() && source[i] != quote) {
    char c = source[i++];
    if (c == '\n') fail("newline in string literal", start);
    if (c != '\\') {
      out += c;
      continue;
    }
    if (i >= source.size()) break;
    char e = source[i++];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case '\\':
        out += '\\';
        break;
      case '\'':
        out += '\'';
        break;
      case '"':
        out += '"';
        break;
      default:
        fail(std::string("unsupported escape \\") + e, i - 2);
    }
  }
  if (i >= source.size()) fail("unterminated string literal", start);
  ++i;  // closing quote
  return out;
}

}  // namespace

std::vector<Token> tokenize(const std::string& source) {
  static const char* const kTwoCharOps[] = {"==", "!=", "<=", ">=", "&&", "||"};
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < source.size()) {
    const char c = source[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    Token tok;
    tok.offset = i;
    if (is_ident_start(c)) {
      size_t j = i;
      while (j < source.size() && is_ident_char(source[j])) ++j;
      tok.kind = Token::Kind::kIdent;
      tok.text = source.substr(i, j - i);
      i = j;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < source.size() && std::isdigit(static_cast<unsigned char>(source[j]))) ++j;
      if (j < source.size() && (source[j] == '.' || source[j] == 'e' || source[j] == 'E' ||
                                source[j] == 'u' || source[j] == 'U' || source[j] == 'x')) {
        fail("number literal outside the supported subset (only decimal int)", i);
      }
      auto [ptr, ec] = std::from_chars(source.data() + i, source.data() + j, tok.int_value);
      if (ec != std::errc() || ptr != source.data() + j) fail("integer literal out of range", i);
      tok.kind = Token::Kind::kInt;
      tok.text = source.substr(i, j - i);
      i = j;
    } else if (c == '"' || c == '\'') {
      if (source.compare(i, 3, std::string(3, c)) == 0) fail("triple-quoted strings", i);
      tok.kind = Token::Kind::kString;
      tok.text = read_string(source, i);
    } else {
      tok.kind = Token::Kind::kOperator;
      bool two = false;
      for (const char* op : kTwoCharOps) {
        if (source.compare(i, 2, op) == 0) {
          tok.text = op;
          i += 2;
          two = true;
          break;
        }
      }
      if (!two) {
        if (std::string("()[].,!<>?:+-*/%").find(c) == std::string::npos) {
          fail(std::string("unexpected character '") + c + "'", i);
        }
        tok.text = std::string(1, c);
        ++i;
      }
    }
    tokens.push_back(std::move(tok));
  }
  Token end;
  end.offset = source.size();
  tokens.push_back(end);
  return tokens;
}

}  // namespace kraft::testing::cel
