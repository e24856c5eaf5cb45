#include "api/headers.h"

#include <string>

namespace kraft::api {

std::string warning_text(std::string_view value) {
  // warn-code SP warn-agent SP quoted-string [SP warn-date]
  auto space1 = value.find(' ');
  auto space2 = space1 == std::string_view::npos ? space1 : value.find(' ', space1 + 1);
  if (space2 == std::string_view::npos || space2 + 1 >= value.size() || value[space2 + 1] != '"') {
    return std::string(value);
  }
  std::string text;
  for (std::size_t i = space2 + 2; i < value.size(); ++i) {
    char c = value[i];
    if (c == '\\' && i + 1 < value.size()) {
      text += value[++i];
    } else if (c == '"') {
      return text;
    } else {
      text += c;
    }
  }
  return std::string(value);  // unterminated quote: better the raw header than half of it
}

}  // namespace kraft::api
