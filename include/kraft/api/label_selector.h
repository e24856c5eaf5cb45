#pragma once
// Label selectors checked before they are sent, with Kubernetes' grammar
// (k8s.io/apimachinery/pkg/labels/selector.go) and its key and value rules
// (pkg/util/validation): a selector the API server would refuse fails here, in one line that
// says what is wrong where, instead of a 400 from the server.
//
//   parse_label_selector("team=dev,env notin (prod),!legacy");   // three requirements
//   parse_label_selector("!!!bad");   // ValidationError: invalid label selector "!!!bad":
//                                     // expected a label key after '!', found '!'
#include <string>
#include <string_view>
#include <vector>

namespace kraft::api {

/// One comma-separated term of a label selector.
struct LabelRequirement {
  enum class Operator {
    kExists,        ///< key
    kDoesNotExist,  ///< !key
    kEquals,        ///< key=value, key==value
    kNotEquals,     ///< key!=value
    kIn,            ///< key in (a,b)
    kNotIn,         ///< key notin (a,b)
    kGreaterThan,   ///< key>5 (an integer)
    kLessThan,      ///< key<5 (an integer)
  };
  std::string key;
  Operator op = Operator::kExists;
  std::vector<std::string> values;  ///< sorted, without duplicates; empty for (Does)Exist
};

/// Parses `selector` as the API server does: `key`, `!key`, `key=v`, `key==v`, `key!=v`,
/// `key in (a,b)`, `key notin (a,b)`, `key>n`, `key<n`, joined by commas, blanks allowed
/// between tokens; keys are qualified names, values label values (empty allowed). An empty
/// or blank selector has no requirements (it selects everything). Requirements come in the
/// order written. Throws ValidationError: `invalid label selector "S": REASON`.
std::vector<LabelRequirement> parse_label_selector(std::string_view selector);

/// Why `key` is not a label key (a qualified name: an optional DNS-subdomain prefix of at most
/// 253 characters and '/', then a name of at most 63 letters, digits, '-', '_' and '.' that
/// starts and ends alphanumeric); empty when it is one.
std::string label_key_problem(std::string_view key);

/// Why `value` is not a label value (empty, or at most 63 letters, digits, '-', '_' and '.'
/// that starts and ends alphanumeric); empty when it is one.
std::string label_value_problem(std::string_view value);

}  // namespace kraft::api
