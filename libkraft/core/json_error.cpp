#include "core/json_error.h"

#include <kraft/core/text.h>

#include <string_view>

namespace kraft::core {

std::string json_error_text(const nlohmann::json::exception& e) {
  std::string_view text = e.what();
  // "[json.exception.KIND.ID] " (nlohmann/detail/exceptions.hpp, exception::name).
  if (text.substr(0, 16) == "[json.exception.") {
    const auto close = text.find("] ");
    if (close != std::string_view::npos) text.remove_prefix(close + 2);
  }
  // parse_error's "; last read: '<input>'" quotes what it read (lexer::get_token_string).
  if (const auto quote = text.find("; last read: "); quote != std::string_view::npos) {
    text = text.substr(0, quote);
  }
  return sanitize_text(text);
}

}  // namespace kraft::core
