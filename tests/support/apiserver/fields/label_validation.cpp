#include "fields/label_validation.h"

#include <cstdio>
#include <regex>

namespace kraft::testing {

namespace {

const char* const kQualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const char* const kQualifiedNameMsg =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character";
const char* const kLabelValueMsg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character";
const char* const kSubdomainFmt =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const char* const kSubdomainMsg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character";

// validation.RegexError: the message, examples, and the regex.
std::string regex_error(const std::string& message, const std::string& fmt,
                        const std::vector<std::string>& examples) {
  std::string out = message + " (e.g. ";
  for (size_t i = 0; i < examples.size(); ++i) {
    if (i > 0) out += " or ";
    out += "'" + examples[i] + "', ";
  }
  return out + "regex used for validation is '" + fmt + "')";
}

std::string max_len_error(size_t length) {
  return "must be no more than " + std::to_string(length) + " characters";
}

bool full_match(const std::string& text, const char* fmt) {
  return std::regex_match(text, std::regex(fmt));
}

}  // namespace

std::vector<std::string> qualified_name_errors(const std::string& key) {
  std::vector<std::string> errors;
  std::string name = key;
  size_t slash = key.find('/');
  if (slash != std::string::npos) {
    if (key.find('/', slash + 1) != std::string::npos) {
      return {"a qualified name " +
              regex_error(kQualifiedNameMsg, kQualifiedNameFmt, {"MyName", "my.name", "123-abc"}) +
              " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"};
    }
    std::string prefix = key.substr(0, slash);
    name = key.substr(slash + 1);
    if (prefix.empty()) {
      errors.push_back("prefix part must be non-empty");
    } else {
      if (prefix.size() > 253) errors.push_back("prefix part " + max_len_error(253));
      if (!full_match(prefix, kSubdomainFmt)) {
        errors.push_back("prefix part " +
                         regex_error(kSubdomainMsg, kSubdomainFmt, {"example.com"}));
      }
    }
  }
  if (name.empty()) {
    errors.push_back("name part must be non-empty");
  } else if (name.size() > 63) {
    errors.push_back("name part " + max_len_error(63));
  }
  if (!full_match(name, kQualifiedNameFmt)) {
    errors.push_back("name part " + regex_error(kQualifiedNameMsg, kQualifiedNameFmt,
                                                {"MyName", "my.name", "123-abc"}));
  }
  return errors;
}

std::vector<std::string> label_value_errors(const std::string& value) {
  std::vector<std::string> errors;
  if (value.size() > 63) errors.push_back(max_len_error(63));
  std::string fmt = std::string("(") + kQualifiedNameFmt + ")?";
  if (!full_match(value, fmt.c_str())) {
    errors.push_back(regex_error(kLabelValueMsg, fmt, {"MyValue", "my_value", "12345"}));
  }
  return errors;
}

std::string go_quote(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

}  // namespace kraft::testing
