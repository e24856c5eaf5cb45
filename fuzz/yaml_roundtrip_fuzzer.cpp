// The YAML bridge (libkraft/config/yaml_*) on arbitrary bytes, two properties:
//  1. whatever read_yaml makes of the input (or a ConfigError), kraft's emitter writes YAML
//     that read_yaml reads back as the same JSON, and writing that again gives the same text;
//  2. any string taken from the input, written as a scalar (the whole document, a key at the
//     top, a key and a value deeper down, a list item), reads back as the same string when it
//     is UTF-8 (the emitter writes U+FFFD for bytes that are not), and reads back at all when
//     it is not.
#include <kraft/config/yaml_text.h>
#include <kraft/core/error.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/yaml_json.h"
#include "fuzz_check.h"

namespace {

using kraft::config::to_yaml_text;
using kraft::config::detail::read_yaml;
using kraft::fuzz::fail;
using nlohmann::json;

json read_back(const std::string& yaml, const char* what) {
  try {
    return read_yaml(yaml, "").value;
  } catch (const kraft::Error& e) {
    fail(what, std::string(e.what()) + "\n--- YAML:\n" + yaml);
  }
}

void json_round_trip(const std::string& text) {
  json value;
  try {
    value = read_yaml(text, "").value;
  } catch (const kraft::Error&) {
    return;  // refused with a message: fine
  }
  const std::string yaml = to_yaml_text(value);
  const json again = read_back(yaml, "read_yaml refuses what to_yaml_text wrote");
  if (again != value) {
    fail("to_yaml_text then read_yaml changed the value",
         "before: " + value.dump() + "\nafter:  " + again.dump() + "\n--- YAML:\n" + yaml);
  }
  if (to_yaml_text(again) != yaml) fail("to_yaml_text is not a fixed point", yaml);
}

void string_round_trip(const std::string& s) {
  // The root scalar, a key at the top (document markers matter there), and deeper spots.
  const json scalar = s;
  const json doc =
      json::object({{s, s},
                    {"list", json::array({s, json::object({{s, json::array({s})}})})},
                    {"map", json::object({{"k", json::object({{s, json::object()}})}})}});
  const bool utf8 = kraft::fuzz::is_utf8(s);
  for (const json* value : {&scalar, &doc}) {
    const std::string yaml = to_yaml_text(*value);
    const json again = read_back(yaml, "read_yaml refuses a string to_yaml_text wrote");
    if (utf8 && again != *value) {
      fail("a string written by to_yaml_text reads back different",
           "string: " + json(s).dump() + "\nread:   " + again.dump() + "\n--- YAML:\n" + yaml);
    }
    if (!utf8 && !again.is_string() && value == &scalar) {
      fail("a string that is not UTF-8 does not read back as a string", yaml);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  json_round_trip(text);

  // The input as one string, and its pieces between 0xFF bytes (never part of UTF-8), so that
  // mutations of one piece keep the others well-formed.
  string_round_trip(text);
  std::size_t start = 0;
  for (int pieces = 0; pieces < 8 && start <= text.size(); ++pieces) {
    const std::size_t end = std::min(text.find('\xff', start), text.size());
    if (start == 0 && end == text.size()) break;  // no 0xFF: done above
    string_round_trip(text.substr(start, end - start));
    start = end + 1;
  }
  return 0;
}
