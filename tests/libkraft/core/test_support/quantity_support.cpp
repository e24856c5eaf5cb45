#include "core/test_support/quantity_support.h"

#include <string_view>

namespace kraft {

void PrintTo(const Quantity& q, std::ostream* os) {
  constexpr std::size_t kShown = 80;
  const std::string text = q.to_string();
  *os << (text.size() <= kShown
              ? text
              : text.substr(0, kShown) + "... (" + std::to_string(text.size()) + " characters)");
}

}  // namespace kraft

namespace kraft::testing {
namespace {

// "-" or "+" once in four each, else none.
std::string random_sign(std::mt19937_64& rng) {
  static constexpr const char* kSigns[] = {"-", "+", "", ""};
  return kSigns[rng() % 4];
}

std::string random_digits(std::mt19937_64& rng, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += static_cast<char>('0' + rng() % 10);
  return out;
}

}  // namespace

std::string random_quantity_text(std::mt19937_64& rng, int max_digits, int max_exponent) {
  std::string text = random_sign(rng);
  const auto count = [&] { return static_cast<int>(rng() % (max_digits + 1)); };
  std::string whole = random_digits(rng, count());
  std::string fraction = random_digits(rng, count());
  const unsigned shape = rng() % 6;  // "1", ".5", "1." (or "."+digits), else "1.5"
  if (shape == 0) fraction.clear();
  if (shape == 1) whole.clear();
  if (whole.empty() && fraction.empty()) whole = random_digits(rng, 1);
  text += whole;
  if (!fraction.empty() || shape == 2) text += '.' + fraction;
  // The last two start an exponent; the "E" before them is exa.
  static constexpr std::string_view kSuffixes[] = {"",   "n",  "u",  "m",  "k",  "M",
                                                   "G",  "T",  "P",  "E",  "Ki", "Mi",
                                                   "Gi", "Ti", "Pi", "Ei", "e",  "E"};
  const std::size_t pick = rng() % std::size(kSuffixes);
  text += kSuffixes[pick];
  if (pick + 2 >= std::size(kSuffixes)) {
    text += random_sign(rng);
    if (rng() % 8 == 0) text += '0';
    text += std::to_string(rng() % (max_exponent + 1));
  }
  return text;
}

std::string shift_decimal_point(const std::string& digits, int point) {
  if (point <= 0) return digits + std::string(-point, '0');
  std::string padded = digits;
  if (padded.size() <= static_cast<std::size_t>(point)) {
    padded.insert(0, point - padded.size() + 1, '0');
  }
  padded.insert(padded.size() - point, ".");
  return padded;
}

}  // namespace kraft::testing
