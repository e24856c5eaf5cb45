// resource.Quantity's syntax, as the pattern in K3k's CRDs (and kube-openapi) writes it:
//   ^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$
// checked by hand: libstdc++'s std::regex recurses once per character and overflowed the stack
// on a --storage-size of ~100,000 digits. fuzz/quantity_fuzzer.cpp holds the two to the same
// answers.
#include <kraft/k3k/cluster_request.h>

#include <string_view>

namespace kraft::k3k {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Where ([0-9]+(\.[0-9]*)?)|(\.[0-9]+) ends when it starts at s[i], or npos. Nothing that may
// follow a number (a suffix, an exponent) starts with a digit or a dot, so the longest match is
// the only one that can lead to a match of the whole.
std::size_t number_end(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && is_digit(s[j])) ++j;
  const bool int_part = j > i;
  if (j < s.size() && s[j] == '.') {
    const std::size_t fraction = ++j;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (!int_part && j == fraction) return std::string_view::npos;  // "." alone
    return j;
  }
  return int_part ? j : std::string_view::npos;
}

std::size_t signed_number_end(std::string_view s, std::size_t i) {
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  return number_end(s, i);
}

}  // namespace

bool is_quantity(std::string_view s) {
  const std::size_t end = signed_number_end(s, 0);
  if (end == std::string_view::npos) return false;
  const std::string_view suffix = s.substr(end);
  constexpr std::string_view kBinary = "KMGTPE";
  constexpr std::string_view kDecimal = "numkMGTPE";
  if (suffix.empty()) return true;
  if (suffix.size() == 2 && suffix[1] == 'i' && kBinary.find(suffix[0]) != std::string_view::npos) {
    return true;
  }
  if (suffix.size() == 1 && kDecimal.find(suffix[0]) != std::string_view::npos) return true;
  if (suffix[0] != 'e' && suffix[0] != 'E') return false;
  return signed_number_end(suffix, 1) == suffix.size();
}

}  // namespace kraft::k3k
