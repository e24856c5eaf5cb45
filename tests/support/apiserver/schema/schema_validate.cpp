// kube-openapi's validate.SchemaValidator over JSON values. Per node the validators run in its
// order: type, allOf/anyOf/oneOf/not, string (first of maxLength, minLength, pattern), format,
// number (multipleOf, minimum, maximum), array (items, minItems, maxItems, uniqueItems), enum,
// object (additionalProperties, properties, required). Go iterates properties in random map
// order; we use sorted order so results are stable.
#include "schema/schema_validate.h"

#include <cmath>
#include <regex>

#include "schema/field_error.h"

namespace kraft::testing::schema_detail {
namespace {

using nlohmann::json;
using Causes = std::vector<FieldCause>;

// The error path names kube-openapi builds, converted the way ValidateCustomResource does:
// a leading "." (from the root) is dropped.
std::string trim_dot(const std::string& path) {
  return !path.empty() && path[0] == '.' ? path.substr(1) : path;
}
std::string prop_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

// The JSON type name and Go format kube-openapi infers for a decoded value.
std::pair<std::string, std::string> type_of(const json& v) {
  if (v.is_boolean()) return {"boolean", ""};
  if (v.is_string()) return {"string", ""};
  if (v.is_number_integer()) return {"integer", "int64"};
  if (v.is_number_float()) return {"number", "double"};
  if (v.is_array()) return {"array", ""};
  return {"object", ""};
}

std::string must_be_of_type(const std::string& path, const std::string& type,
                            const std::string& actual) {
  return trim_dot(path) + " in body must be of type " + type + ": " + go_quote(actual);
}

bool is_integral(double d) { return std::isfinite(d) && std::floor(d) == d; }

// RFC 3339 date-time as strfmt.IsDateTime accepts it.
bool is_date_time(const std::string& s) {
  if (s.size() < 4) return false;
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const size_t t = lower.find('t');
  if (t == std::string::npos) return false;
  static const std::regex date_re(R"(^(\d{4})-(\d{2})-(\d{2})$)");
  std::smatch d;
  const std::string date = lower.substr(0, t);
  if (!std::regex_match(date, d, date_re)) return false;
  const int year = std::stoi(d[1]), month = std::stoi(d[2]), day = std::stoi(d[3]);
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return false;
  std::string rest = lower.substr(t + 1);
  const size_t next_t = rest.find('t');
  if (next_t != std::string::npos) rest = rest.substr(0, next_t);
  static const std::regex time_re(
      R"(^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$)");
  std::smatch m;
  if (!std::regex_search(rest, m, time_re)) return false;
  return m[1].str() <= "23" && m[2].str() <= "59" && m[3].str() <= "59";
}

bool enum_equal(const json& value, const json& allowed) {
  if (value.is_number() && allowed.is_number()) return value.get<double>() == allowed.get<double>();
  return value == allowed;
}

class Validator {
 public:
  Causes run(const SchemaNode& node, const json& value, const std::string& path) {
    Causes out;
    if (value.is_null()) {
      check_type(node, value, path, out);
      check_enum(node, value, path, out);
      return out;
    }
    check_type(node, value, path, out);
    check_combinators(node, value, path, out);
    if (value.is_string()) {
      check_string(node, value.get_ref<const std::string&>(), path, out);
      check_format(node, value.get_ref<const std::string&>(), path, out);
    }
    if (value.is_number()) check_number(node, value, path, out);
    if (value.is_array()) check_array(node, value, path, out);
    check_enum(node, value, path, out);
    if (value.is_object()) check_object(node, value, path, out);
    return out;
  }

 private:
  static void check_type(const SchemaNode& node, const json& value, const std::string& path,
                         Causes& out) {
    if (node.type.empty() && node.format.empty()) return;
    if (value.is_null()) {
      if (!node.type.empty() && !node.nullable) {
        out.push_back(
            type_invalid(trim_dot(path), "null", must_be_of_type(path, node.type, "null")));
      }
      return;
    }
    const auto [sch_type, format] = type_of(value);
    const bool is_float_int =
        sch_type == "number" && is_integral(value.get<double>()) && node.type == "integer";
    const bool is_int_float = sch_type == "integer" && node.type == "number";
    const bool string_or_slice = value.is_string() || value.is_array();
    if (!string_or_slice && !node.format.empty() &&
        !(node.type == sch_type || format == node.format || is_float_int || is_int_float)) {
      out.push_back(
          type_invalid(trim_dot(path), format, must_be_of_type(path, node.format, format)));
      return;
    }
    if (node.type != "number" && node.type != "integer" && !node.format.empty() &&
        string_or_slice) {
      return;
    }
    if (!(node.type == sch_type || is_float_int || is_int_float)) {
      out.push_back(
          type_invalid(trim_dot(path), sch_type, must_be_of_type(path, node.type, sch_type)));
    }
  }

  void check_combinators(const SchemaNode& node, const json& value, const std::string& path,
                         Causes& out) {
    const std::string quoted = go_quote(path);
    if (!node.any_of.empty()) {
      std::optional<Causes> best_failure;
      bool succeeded = false;
      for (const auto& sub : node.any_of) {
        Causes r = run(sub, value, path);
        if (r.empty()) {
          succeeded = true;
          best_failure.reset();
          break;
        }
        if (!best_failure) best_failure = std::move(r);  // ties keep the first, as MatchCount does
      }
      if (!succeeded)
        out.push_back(invalid("", "", quoted + " must validate at least one schema (anyOf)"));
      if (best_failure) out.insert(out.end(), best_failure->begin(), best_failure->end());
    }
    if (!node.one_of.empty()) {
      int valid = 0;
      std::optional<Causes> best_failure;
      for (const auto& sub : node.one_of) {
        Causes r = run(sub, value, path);
        if (r.empty()) {
          ++valid;
          best_failure.reset();
        } else if (valid == 0 && !best_failure) {
          best_failure = std::move(r);
        }
      }
      if (valid != 1) {
        const std::string why = valid == 0
                                    ? "Found none valid"
                                    : "Found " + std::to_string(valid) + " valid alternatives";
        out.push_back(
            invalid("", "", quoted + " must validate one and only one schema (oneOf). " + why));
        if (best_failure) out.insert(out.end(), best_failure->begin(), best_failure->end());
      }
    }
    if (!node.all_of.empty()) {
      size_t valid = 0;
      for (const auto& sub : node.all_of) {
        Causes r = run(sub, value, path);
        if (r.empty()) ++valid;
        out.insert(out.end(), r.begin(), r.end());
      }
      if (valid != node.all_of.size()) {
        out.push_back(invalid("", "",
                              quoted + " must validate all the schemas (allOf)" +
                                  (valid == 0 ? ". None validated" : "")));
      }
    }
    if (node.not_schema && run(*node.not_schema, value, path).empty()) {
      out.push_back(invalid("", "", quoted + " must not validate the schema (not)"));
    }
  }

  static void check_string(const SchemaNode& node, const std::string& s, const std::string& path,
                           Causes& out) {
    int64_t runes = 0;
    for (unsigned char c : s) runes += (c & 0xC0) != 0x80 ? 1 : 0;
    const std::string p = trim_dot(path);
    if (node.max_length && runes > *node.max_length) {
      out.push_back(too_long(p, *node.max_length));
    } else if (node.min_length && runes < *node.min_length) {
      out.push_back(invalid(
          p, s,
          p + " in body should be at least " + std::to_string(*node.min_length) + " chars long"));
    } else if (node.pattern_regex && !std::regex_search(s, *node.pattern_regex)) {
      out.push_back(invalid(p, s, p + " in body should match '" + node.pattern + "'"));
    }
  }

  static void check_format(const SchemaNode& node, const std::string& s, const std::string& path,
                           Causes& out) {
    if (node.format != "date-time" && node.format != "datetime") return;  // others: see report
    if (!is_date_time(s)) {
      out.push_back(type_invalid(trim_dot(path), s, must_be_of_type(path, node.format, s)));
    }
  }

  // minimum/maximum: an integer value is compared as int64 and the bound printed as one; a
  // float value is compared and printed as float64 (Go's %v).
  static void check_number(const SchemaNode& node, const json& value, const std::string& path,
                           Causes& out) {
    const std::string p = trim_dot(path);
    const bool is_int = value.is_number_integer();
    auto bound_text = [&](double bound) {
      return is_int && std::fabs(bound) < 9.2e18 ? std::to_string(static_cast<int64_t>(bound))
                                                 : go_float(bound);
    };
    const double v = value.get<double>();
    if (node.multiple_of && *node.multiple_of > 0) {
      const double m = *node.multiple_of;
      if (!is_integral(v / m)) {
        out.push_back(invalid(p, value, p + " in body should be a multiple of " + go_float(m)));
      }
    }
    // Go compares an int64 value with int64(bound) and a float64 value as float64.
    auto below = [&](double bound, bool exclusive) {
      if (is_int && std::fabs(bound) < 9.2e18) {
        const auto x = value.get<int64_t>(), b = static_cast<int64_t>(bound);
        return exclusive ? x <= b : x < b;
      }
      return exclusive ? v <= bound : v < bound;
    };
    auto above = [&](double bound, bool exclusive) {
      if (is_int && std::fabs(bound) < 9.2e18) {
        const auto x = value.get<int64_t>(), b = static_cast<int64_t>(bound);
        return exclusive ? x >= b : x > b;
      }
      return exclusive ? v >= bound : v > bound;
    };
    if (node.minimum && below(*node.minimum, node.exclusive_minimum)) {
      out.push_back(invalid(p, value,
                            p + " in body should be greater than " +
                                (node.exclusive_minimum ? "" : "or equal to ") +
                                bound_text(*node.minimum)));
    }
    if (node.maximum && above(*node.maximum, node.exclusive_maximum)) {
      out.push_back(invalid(p, value,
                            p + " in body should be less than " +
                                (node.exclusive_maximum ? "" : "or equal to ") +
                                bound_text(*node.maximum)));
    }
  }

  void check_array(const SchemaNode& node, const json& value, const std::string& path,
                   Causes& out) {
    if (node.items) {
      for (size_t i = 0; i < value.size(); ++i) {
        Causes r = run(*node.items, value[i], path + "[" + std::to_string(i) + "]");
        out.insert(out.end(), r.begin(), r.end());
      }
    }
    const std::string p = trim_dot(path);
    const auto size = static_cast<int64_t>(value.size());
    if (node.min_items && size < *node.min_items) {
      out.push_back(invalid(
          p, size,
          p + " in body should have at least " + std::to_string(*node.min_items) + " items"));
    }
    if (node.max_items && size > *node.max_items) out.push_back(too_many(p, size, *node.max_items));
    if (node.unique_items) {
      for (size_t i = 0; i < value.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
          if (value[i] == value[j]) {
            out.push_back(invalid(p, "", p + " in body shouldn't contain duplicates"));
            return;
          }
        }
      }
    }
  }

  static void check_enum(const SchemaNode& node, const json& value, const std::string& path,
                         Causes& out) {
    if (node.enum_values.empty()) return;
    std::vector<std::string> supported;
    for (const auto& allowed : node.enum_values) {
      if (enum_equal(value, allowed)) return;
      supported.push_back(allowed.is_string() ? allowed.get<std::string>() : allowed.dump());
    }
    out.push_back(not_supported(trim_dot(path), value, supported));
  }

  void check_object(const SchemaNode& node, const json& value, const std::string& path,
                    Causes& out) {
    const std::string p = trim_dot(path);
    const auto count = static_cast<int64_t>(value.size());
    if (node.min_properties && count < *node.min_properties) {
      out.push_back(invalid(p, *node.min_properties,
                            p + " in body should have at least " +
                                std::to_string(*node.min_properties) + " properties"));
      return;
    }
    if (node.max_properties && count > *node.max_properties) {
      out.push_back(too_many(p, count, *node.max_properties));
      return;
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (node.properties.count(it.key()) != 0) continue;
      if (node.additional_properties_allows == false) {
        out.push_back(
            invalid(p, it.key(), path + "." + it.key() + " in body is a forbidden property"));
      } else if (node.additional_properties) {
        Causes r = run(*node.additional_properties, *it, path + "." + it.key());
        out.insert(out.end(), r.begin(), r.end());
      }
    }
    for (const auto& [name, prop] : node.properties) {
      auto it = value.find(name);
      if (it == value.end()) continue;
      Causes r = run(*prop, *it, prop_path(path, name));
      out.insert(out.end(), r.begin(), r.end());
    }
    for (const auto& name : node.required) {
      if (!value.contains(name)) out.push_back(required(trim_dot(path + "." + name)));
    }
  }
};

}  // namespace

std::vector<FieldCause> validate_openapi(const SchemaNode& root, const nlohmann::json& value) {
  return Validator().run(root, value, "");
}

}  // namespace kraft::testing::schema_detail
