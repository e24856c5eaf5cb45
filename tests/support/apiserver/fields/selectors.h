#pragma once
// Label and field selectors with kube-apiserver's grammar and error messages.
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kraft::testing {

/// A selector that does not parse; what() is the apiserver's message, used in a 400 Status
/// (e.g. "unable to parse requirement: found '', expected: ',' or ')'").
class SelectorError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// labelSelector: =, ==, !=, in (...), notin (...), key, !key; comma means AND.
class LabelSelector {
 public:
  static LabelSelector parse(std::string_view text);  ///< throws SelectorError
  bool matches(const nlohmann::json& labels) const;   ///< labels: object or null
  bool empty() const { return requirements_.empty(); }

  struct Requirement {
    std::string key;
    std::string op;  ///< "=" (also "=="), "!=", "in", "notin", "exists", "!", "gt", "lt"
    std::vector<std::string> values;
  };

 private:
  std::vector<Requirement> requirements_;
};

/// fieldSelector: field=value, field==value, field!=value, comma means AND. Only the fields in
/// `supported` are accepted; others throw SelectorError("field label not supported: F").
class FieldSelector {
 public:
  static FieldSelector parse(std::string_view text, const std::vector<std::string>& supported);
  /// Values of `object` at dotted paths ("metadata.name", "status.phase").
  bool matches(const nlohmann::json& object) const;
  bool empty() const { return terms_.empty(); }

 private:
  struct Term {
    std::string field;
    bool equals = true;
    std::string value;
  };
  std::vector<Term> terms_;
};

}  // namespace kraft::testing
