#pragma once
// Compares what the test API server answered with what a real kube-apiserver answered in a
// transcript, honouring the transcripts' placeholders (tests/data/kube-transcripts/README.md):
//
//   <uid>                any UUID               <time>   any RFC 3339 timestamp
//   <rv:N>, <continue:N> bind to the first value seen; equal N equal values, distinct N
//                        distinct values
//   tr-gen-<rand5>       tr-gen- and 5 characters, bound like <rv:N>
//   <gitCommit>, <server-address>  anything
//
// Placeholders also match inside longer strings ("too old resource version: 1 (<rv:3>)").
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kraft::testing {

/// The placeholder values bound so far in one scenario.
class PlaceholderBindings {
 public:
  /// Binds `placeholder` ("<rv:2>") to `value`, or checks it against the earlier binding.
  /// Fails when the value is already bound to another placeholder of the same family.
  bool bind(const std::string& placeholder, const std::string& value, std::string& why);
  /// The bound value, or nullptr.
  const std::string* find(const std::string& placeholder) const;

 private:
  std::map<std::string, std::string> values_;  ///< "<rv:2>" -> "1004"
  std::map<std::string, std::string> owners_;  ///< "rv 1004" -> "<rv:2>"
};

/// One difference, at a JSON-pointer-like path ("/metadata/managedFields/0/time").
struct Mismatch {
  std::string path;
  std::string expected;  ///< JSON text, or "(absent)"
  std::string actual;
  std::string why;  ///< extra explanation (a placeholder bound to something else), or empty
};

/// Compares `expected` (with placeholders) against `actual`: objects by key set (order
/// ignored), arrays element by element (order kept). Binds placeholders as it goes and returns
/// every difference found, in document order.
std::vector<Mismatch> match_json(const nlohmann::json& expected, const nlohmann::json& actual,
                                 PlaceholderBindings& bindings, const std::string& path = "");

/// Whether `actual` matches the string `expected` with its placeholders; binds them.
bool match_string(const std::string& expected, const std::string& actual,
                  PlaceholderBindings& bindings, std::string& why);

/// Replaces the bound <rv:N>, <continue:N> and tr-gen-<rand5> placeholders in `text`.
std::string substitute_bound(const std::string& text, const PlaceholderBindings& bindings);

/// A readable report of the first few mismatches (the first one is what matters).
std::string describe(const std::vector<Mismatch>& mismatches, size_t limit = 5);

}  // namespace kraft::testing
