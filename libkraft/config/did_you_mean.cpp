#include "config/did_you_mean.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <kraft/config/loading.h>

#include <algorithm>
#include <cctype>

namespace kraft::config {
namespace {

// Optimal string alignment distance: Levenshtein plus adjacent transpositions, so "prdo" is one
// edit from "prod". Case differences cost nothing ("Prod" is "prod" to a tired user).
size_t edit_distance(const std::string& a, const std::string& b) {
  auto eq = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  };
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = eq(a[i - 1], b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && eq(a[i - 1], b[j - 2]) && eq(a[i - 2], b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string closest_match(const std::string& wanted, const std::vector<std::string>& candidates) {
  // Like ninja's SpellcheckString: allow about one edit per three characters (at most 3), and
  // never suggest a name that shares nothing with the wanted one ("a" for "b").
  const size_t allowed = std::clamp<size_t>(wanted.size() / 3, 1, 3);
  std::string best;
  size_t best_distance = allowed + 1;
  for (const auto& candidate : candidates) {
    const size_t d = edit_distance(wanted, candidate);
    if (d < best_distance && d < std::max(wanted.size(), candidate.size())) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

namespace detail {

std::string not_found_message(const std::string& kind, const std::string& name,
                              const std::string& where, const std::vector<std::string>& names,
                              const std::string& referrer) {
  constexpr size_t kMaxListed = 20;
  std::string listed;
  if (names.empty()) {
    listed = fmt::format("no {}s", kind);
  } else {
    std::vector<std::string> shown(names.begin(),
                                   names.begin() + std::min(names.size(), kMaxListed));
    listed = fmt::format("{}s: {}", kind, fmt::join(shown, ", "));
    if (names.size() > kMaxListed)
      listed += fmt::format(", ... ({} more)", names.size() - kMaxListed);
  }
  std::string message =
      fmt::format("{} \"{}\"{}{} not found in {} ({})", kind, name, referrer.empty() ? "" : " ",
                  referrer, where.empty() ? "the kubeconfig" : where, listed);
  const std::string suggestion = closest_match(name, names);
  if (!suggestion.empty()) message += fmt::format("; did you mean \"{}\"?", suggestion);
  return message;
}

}  // namespace detail
}  // namespace kraft::config
