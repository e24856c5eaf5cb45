#pragma once
// Tokenizer for the CEL subset (https://github.com/google/cel-spec/blob/master/doc/langdef.md).
#include <cstdint>
#include <string>
#include <vector>

namespace kraft::testing::cel {

struct Token {
  enum class Kind { kIdent, kInt, kString, kOperator, kEnd };
  Kind kind = Kind::kEnd;
  std::string text;  ///< identifier, operator spelling, or the unescaped string
  int64_t int_value = 0;
  size_t offset = 0;  ///< position in the source, for error messages
};

/// Splits a CEL expression into tokens. Throws std::invalid_argument on characters or literals
/// outside the subset (floats, bytes, raw strings, unsigned literals).
std::vector<Token> tokenize(const std::string& source);

}  // namespace kraft::testing::cel
