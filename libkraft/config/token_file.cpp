#include <kraft/config/token_file.h>

#include "config/files.h"

namespace kraft::config {

std::string read_token_file(const std::string& path, const std::string& what) {
  std::string token = detail::read_file(path, what, detail::kCredentialReadLimit);
  const auto end = token.find_last_not_of(" \t\r\n");
  token.erase(end == std::string::npos ? 0 : end + 1);
  return token;
}

}  // namespace kraft::config
