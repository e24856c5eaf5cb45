// Schoolbook arithmetic on base 10^9 limbs (decimal_limbs.h). Every product of a limb and a
// 32-bit factor plus a carry stays below 2^64: (10^9 - 1) * (2^32 - 1) + 2^32 < 2^63.
#include "core/decimal_limbs.h"

#include <algorithm>
#include <cstddef>

namespace kraft::detail {
namespace {

constexpr std::uint32_t kBase = 1'000'000'000;
constexpr int kBaseDigits = 9;
constexpr std::uint32_t kPow10[kBaseDigits + 1] = {
    1, 10, 100, 1'000, 10'000, 100'000, 1'000'000, 10'000'000, 100'000'000, 1'000'000'000};

void trim(Limbs& a) {
  while (!a.empty() && a.back() == 0) a.pop_back();
}

int decimal_width(std::uint32_t limb) {
  int width = 1;
  while (width < kBaseDigits && limb >= kPow10[width]) ++width;
  return width;
}

}  // namespace

Limbs limbs_from_digits(std::string_view digits) {
  Limbs out;
  out.reserve(digits.size() / kBaseDigits + 1);
  // Nine digits at a time from the right: each group is one limb.
  for (std::size_t end = digits.size(); end > 0;) {
    const std::size_t begin = end > kBaseDigits ? end - kBaseDigits : 0;
    std::uint32_t limb = 0;
    for (std::size_t i = begin; i < end; ++i) limb = limb * 10 + (digits[i] - '0');
    out.push_back(limb);
    end = begin;
  }
  trim(out);
  return out;
}

Limbs limbs_from_u64(std::uint64_t value) {
  Limbs out;
  for (; value != 0; value /= kBase) out.push_back(static_cast<std::uint32_t>(value % kBase));
  return out;
}

std::optional<std::uint64_t> limbs_to_u64(const Limbs& a) {
  std::uint64_t value = 0;
  for (auto it = a.rbegin(); it != a.rend(); ++it) {
    if (__builtin_mul_overflow(value, kBase, &value) ||
        __builtin_add_overflow(value, *it, &value)) {
      return std::nullopt;
    }
  }
  return value;
}

std::string limbs_to_digits(const Limbs& a) {
  if (a.empty()) return "0";
  std::string out = std::to_string(a.back());
  out.reserve(out.size() + (a.size() - 1) * kBaseDigits);
  for (std::size_t i = a.size() - 1; i-- > 0;) {
    const std::string limb = std::to_string(a[i]);
    out.append(kBaseDigits - limb.size(), '0');
    out += limb;
  }
  return out;
}

std::int64_t limbs_digit_count(const Limbs& a) {
  if (a.empty()) return 0;
  return static_cast<std::int64_t>(a.size() - 1) * kBaseDigits + decimal_width(a.back());
}

std::int64_t limbs_trailing_zeros(const Limbs& a) {
  std::int64_t zeros = 0;
  for (const std::uint32_t limb : a) {
    if (limb == 0) {
      zeros += kBaseDigits;
      continue;
    }
    for (std::uint32_t v = limb; v % 10 == 0; v /= 10) ++zeros;
    return zeros;
  }
  return 0;
}

int limbs_compare(const Limbs& a, const Limbs& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t i = a.size(); i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

void limbs_add(Limbs& a, const Limbs& b) {
  if (a.size() < b.size()) a.resize(b.size(), 0);
  std::uint32_t carry = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::uint32_t sum = a[i] + (i < b.size() ? b[i] : 0) + carry;  // < 2 * 10^9 < 2^31
    carry = sum >= kBase ? 1 : 0;
    a[i] = sum - carry * kBase;
    if (carry == 0 && i >= b.size()) break;
  }
  if (carry != 0) a.push_back(carry);
}

void limbs_sub(Limbs& a, const Limbs& b) {
  std::uint32_t borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::uint32_t take = (i < b.size() ? b[i] : 0) + borrow;
    if (take == 0 && i >= b.size()) break;
    borrow = a[i] < take ? 1 : 0;
    a[i] = a[i] + borrow * kBase - take;
  }
  trim(a);
}

void limbs_mul_small(Limbs& a, std::uint32_t m) {
  if (m == 0) {
    a.clear();
    return;
  }
  std::uint64_t carry = 0;
  for (std::uint32_t& limb : a) {
    const std::uint64_t product = static_cast<std::uint64_t>(limb) * m + carry;
    limb = static_cast<std::uint32_t>(product % kBase);
    carry = product / kBase;
  }
  for (; carry != 0; carry /= kBase) a.push_back(static_cast<std::uint32_t>(carry % kBase));
}

std::uint32_t limbs_div_small(Limbs& a, std::uint32_t d) {
  std::uint64_t remainder = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    const std::uint64_t current = remainder * kBase + a[i];
    a[i] = static_cast<std::uint32_t>(current / d);
    remainder = current % d;
  }
  trim(a);
  return static_cast<std::uint32_t>(remainder);
}

void limbs_mul_pow10(Limbs& a, std::int64_t k) {
  if (a.empty() || k <= 0) return;
  a.insert(a.begin(), static_cast<std::size_t>(k / kBaseDigits), 0);
  limbs_mul_small(a, kPow10[k % kBaseDigits]);
}

bool limbs_div_pow10(Limbs& a, std::int64_t k) {
  if (k <= 0) return false;
  if (k / kBaseDigits >= static_cast<std::int64_t>(a.size())) {
    const bool dropped = !a.empty();
    a.clear();
    return dropped;
  }
  const auto end_of_whole_limbs = a.begin() + static_cast<std::ptrdiff_t>(k / kBaseDigits);
  const bool dropped =
      std::any_of(a.begin(), end_of_whole_limbs, [](std::uint32_t limb) { return limb != 0; });
  a.erase(a.begin(), end_of_whole_limbs);
  return limbs_div_small(a, kPow10[k % kBaseDigits]) != 0 || dropped;
}

}  // namespace kraft::detail
