// Redaction for logs. Hand-written scanners rather than std::regex: bodies can be megabytes and
// libstdc++'s recursive regex engine overflows the stack on long matches.
#include "redact.h"

#include <kraft/http/transport.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <nlohmann/json.hpp>

namespace kraft::http {

namespace detail {

namespace {

constexpr std::string_view kRedacted = "<redacted>";

std::string normalized(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '-' || c == '_') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

bool iequals_at(std::string_view text, size_t pos, std::string_view word) {
  if (pos + word.size() > text.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[pos + i])) != word[i]) return false;
  }
  return true;
}

// PEM private key blocks ("-----BEGIN RSA PRIVATE KEY-----", "EC", "ENCRYPTED", PKCS#8), also
// when a truncated body cuts the block before its END line.
std::string mask_pem_keys(std::string_view text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t begin = text.find("-----BEGIN ", pos);
    if (begin == std::string_view::npos) break;
    size_t label_end = text.find("-----", begin + 11);
    if (label_end == std::string_view::npos) break;
    std::string_view label = text.substr(begin + 11, label_end - begin - 11);
    if (label.find("PRIVATE KEY") == std::string_view::npos || label.find('\n') != label.npos) {
      out.append(text.substr(pos, label_end + 5 - pos));
      pos = label_end + 5;
      continue;
    }
    out.append(text.substr(pos, begin - pos));
    out.append("<redacted private key>");
    size_t end = text.find("-----END ", label_end + 5);
    size_t end_close = end == std::string_view::npos ? end : text.find("-----", end + 9);
    pos = end_close == std::string_view::npos ? text.size() : end_close + 5;
  }
  out.append(text.substr(std::min(pos, text.size())));
  return out;
}

// "Bearer abc.def" → "Bearer <redacted>" wherever it appears (header dumps, error bodies).
std::string mask_bearer(std::string_view text) {
  std::string out;
  size_t pos = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!iequals_at(text, i, "bearer ") || (i > 0 && is_word_char(text[i - 1]))) continue;
    size_t start = i + 7;
    while (start < text.size() && text[start] == ' ') ++start;
    size_t end = start;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
           text[end] != '"' && text[end] != '\'' && text[end] != ',') {
      ++end;
    }
    if (end == start) continue;
    out.append(text.substr(pos, start - pos));
    out.append(kRedacted);
    pos = end;
    i = end - 1;
  }
  out.append(text.substr(pos));
  return out;
}

// `"token": "x"`, `token: x`, `password=x`: the value after a secret-named key. Values that open
// an object or list are left to the JSON walk.
std::string mask_key_values(std::string_view text) {
  std::string out;
  size_t pos = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (!is_word_char(text[i]) || (i > 0 && is_word_char(text[i - 1]))) {
      ++i;
      continue;
    }
    size_t word_end = i;
    while (word_end < text.size() && is_word_char(text[word_end])) ++word_end;
    std::string_view word = text.substr(i, word_end - i);
    size_t j = word_end;
    if (!is_secret_name(word)) {
      i = word_end;
      continue;
    }
    if (j < text.size() && (text[j] == '"' || text[j] == '\'')) ++j;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
    if (j >= text.size() || (text[j] != ':' && text[j] != '=')) {
      i = word_end;
      continue;
    }
    ++j;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
    if (j >= text.size() || text[j] == '{' || text[j] == '[' || text[j] == '\n') {
      i = word_end;
      continue;
    }
    size_t value_start = j;
    size_t value_end = j;
    if (text[j] == '"' || text[j] == '\'') {
      char quote = text[j];
      value_start = j + 1;
      value_end = value_start;
      while (value_end < text.size() && text[value_end] != quote) {
        value_end += text[value_end] == '\\' ? 2 : 1;
      }
      value_end = std::min(value_end, text.size());
    } else {
      // "Authorization: Bearer x" keeps its scheme, as redact_header does.
      for (std::string_view scheme : {"bearer ", "basic "}) {
        if (iequals_at(text, value_start, scheme)) value_start += scheme.size();
      }
      value_end = value_start;
      while (value_end < text.size() &&
             !std::isspace(static_cast<unsigned char>(text[value_end])) && text[value_end] != ',' &&
             text[value_end] != '}' && text[value_end] != '&' && text[value_end] != ';') {
        ++value_end;
      }
    }
    out.append(text.substr(pos, value_start - pos));
    out.append(kRedacted);
    pos = value_end;
    i = value_end;
  }
  out.append(text.substr(std::min(pos, text.size())));
  return out;
}

void mask_values(nlohmann::ordered_json& object) {
  if (!object.is_object()) return;
  for (auto& [key, value] : object.items()) value = std::string(kRedacted);
}

bool has_kind(const nlohmann::ordered_json& j, std::string_view kind) {
  auto it = j.find("kind");
  return it != j.end() && it->is_string() && it->get_ref<const std::string&>() == kind;
}

void walk(nlohmann::ordered_json& j) {
  if (j.is_string()) {
    j = redact_text(j.get_ref<const std::string&>());
    return;
  }
  if (j.is_array()) {
    for (auto& item : j) walk(item);
    return;
  }
  if (!j.is_object()) return;
  // A Secret's data and stringData hold tokens, keys and kubeconfigs (base64 or plain); list
  // items carry no kind of their own.
  if (has_kind(j, "Secret")) {
    if (j.contains("data")) mask_values(j["data"]);
    if (j.contains("stringData")) mask_values(j["stringData"]);
  }
  if (has_kind(j, "SecretList") && j.contains("items") && j["items"].is_array()) {
    for (auto& item : j["items"]) {
      if (!item.is_object()) continue;
      if (item.contains("data")) mask_values(item["data"]);
      if (item.contains("stringData")) mask_values(item["stringData"]);
    }
  }
  for (auto& [key, value] : j.items()) {
    if (is_secret_name(key) && (value.is_string() || value.is_number())) {
      value = std::string(kRedacted);
    } else {
      walk(value);
    }
  }
}

}  // namespace

bool is_secret_name(std::string_view name) {
  static constexpr std::array<std::string_view, 16> kNames = {
      "token",     "accesstoken", "idtoken", "refreshtoken",  "bearertoken",
      "password",  "passwd",      "secret",  "clientsecret",  "clientkeydata",
      "clientkey", "privatekey",  "apikey",  "authorization", "proxyauthorization",
      "cookie"};
  std::string n = normalized(name);
  return std::find(kNames.begin(), kNames.end(), n) != kNames.end();
}

std::string redact_text(std::string_view text) {
  return mask_key_values(mask_bearer(mask_pem_keys(text)));
}

std::string redact_body(std::string_view body) {
  std::string out;
  size_t pos = 0;
  // Watch streams are one JSON document per line; redact each line on its own.
  while (pos <= body.size()) {
    size_t nl = body.find('\n', pos);
    std::string_view line = body.substr(pos, nl == std::string_view::npos ? body.npos : nl - pos);
    auto doc = nlohmann::ordered_json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_discarded() && (doc.is_object() || doc.is_array())) {
      walk(doc);
      out.append(doc.dump());
    } else {
      out.append(redact_text(line));
    }
    if (nl == std::string_view::npos) break;
    out.push_back('\n');
    pos = nl + 1;
  }
  return out;
}

std::string redact_url(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  size_t host_start = scheme + 3;
  size_t path = url.find_first_of("/?#", host_start);
  size_t at = url.rfind('@', path == std::string_view::npos ? url.size() : path);
  if (at == std::string_view::npos || at < host_start) return std::string(url);
  return std::string(url.substr(0, host_start)) + std::string(url.substr(at + 1));
}

}  // namespace detail

std::string redact_header(std::string_view name, std::string_view value) {
  std::string n = detail::normalized(name);
  if (n == "authorization" || n == "proxyauthorization") {
    // Keep the scheme: "Bearer <redacted>" tells a reader which credential was sent.
    size_t space = value.find(' ');
    if (space == std::string_view::npos) return std::string(detail::kRedacted);
    return std::string(value.substr(0, space)) + " " + std::string(detail::kRedacted);
  }
  if (n == "cookie" || n == "setcookie" || n.find("token") != std::string::npos ||
      n.find("password") != std::string::npos || n.find("secret") != std::string::npos ||
      n.find("apikey") != std::string::npos) {
    return std::string(detail::kRedacted);
  }
  return detail::redact_text(value);
}

}  // namespace kraft::http
