// Text conversion and the rare wide-arithmetic paths of Decimal. Boost is
// confined to this file so the inline fast paths in the header stay free of it.
#include "lang/base/decimal_ops.hpp"

#include <algorithm>

#include <boost/multiprecision/cpp_int.hpp>

namespace bao {

namespace {

using Raw = Decimal::Raw;
using URaw = unsigned __int128;
using Wide = boost::multiprecision::int256_t;

constexpr Raw kRawMax = static_cast<Raw>(~URaw{0} >> 1);
constexpr Raw kRawMin = -kRawMax - 1;
constexpr URaw kMagMax = static_cast<URaw>(kRawMax);  // largest positive magnitude

URaw magnitude(Raw r) {
  return r < 0 ? URaw{0} - static_cast<URaw>(r) : static_cast<URaw>(r);
}

// Boost 1.74 does not convert to or from __int128 portably, so go via limbs.
Wide to_wide(Raw r) {
  URaw m = magnitude(r);
  Wide w = static_cast<uint64_t>(m >> 64);
  w <<= 64;
  w |= static_cast<uint64_t>(m);
  return r < 0 ? Wide(-w) : w;
}

bool from_wide(const Wide& w, Raw& out) {
  const bool negative = w < 0;
  Wide m = negative ? Wide(-w) : w;
  if ((m >> 128) != 0) return false;
  const uint64_t lo = static_cast<uint64_t>(m & Wide(UINT64_MAX));
  const uint64_t hi = static_cast<uint64_t>((m >> 64) & Wide(UINT64_MAX));
  const URaw u = (URaw{hi} << 64) | lo;
  if (negative) {
    if (u > kMagMax + 1) return false;
    out = static_cast<Raw>(URaw{0} - u);
  } else {
    if (u > kMagMax) return false;
    out = static_cast<Raw>(u);
  }
  return true;
}

// Same rounding rule as detail::round_quotient, for a divisor of either sign.
Wide round_quotient_wide(const Wide& n, const Wide& d, Rounding mode) {
  Wide q = n / d;  // cpp_int truncates toward zero, remainder takes n's sign
  Wide r = n % d;
  if (r == 0) return q;
  Wide ar = abs(r);
  Wide rest = abs(d) - ar;
  if (detail::rounds_away(mode, (ar > rest) - (ar < rest), bit_test(q, 0)))
    q += ((n < 0) != (d < 0)) ? -1 : 1;
  return q;
}

void append_digits(URaw v, std::string& s) {
  char buf[40];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  } while (v != 0);
  while (n > 0)
    s.push_back(buf[--n]);
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Splits "-ddd.fff" into its parts; false if the shape is wrong.
bool split_number(std::string_view s, bool& negative, std::string_view& int_part,
                  std::string_view& frac_part) {
  negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  size_t i = 0;
  while (i < s.size() && is_digit(s[i]))
    ++i;
  if (i == 0) return false;  // "", "-", ".5", "+1"
  int_part = s.substr(0, i);
  frac_part = {};
  if (i == s.size()) return true;
  if (s[i] != '.') return false;
  size_t j = i + 1;
  while (j < s.size() && is_digit(s[j]))
    ++j;
  if (j == i + 1 || j != s.size()) return false;  // "1.", "1.2.3", "1e3"
  frac_part = s.substr(i + 1);
  return true;
}

// Accumulates decimal digits into *acc, false on exceeding `limit`.
bool accumulate(std::string_view digits, URaw limit, URaw& acc) {
  for (char c : digits) {
    const URaw d = static_cast<URaw>(c - '0');
    if (acc > (limit - d) / 10) return false;
    acc = acc * 10 + d;
  }
  return true;
}

}  // namespace

std::string_view rounding_name(Rounding mode) {
  switch (mode) {
    case Rounding::half_up:
      return "half_up";
    case Rounding::half_even:
      return "half_even";
    case Rounding::down:
      return "down";
    case Rounding::up:
      return "up";
  }
  return "?";
}

std::optional<Rounding> parse_rounding(std::string_view name) {
  for (Rounding m : {Rounding::half_up, Rounding::half_even, Rounding::down, Rounding::up}) {
    if (rounding_name(m) == name) return m;
  }
  return std::nullopt;
}

Decimal Decimal::from_int(int64_t v) {
  return from_raw(Raw{v} * detail::kOne);
}

Decimal Decimal::from_fen(int64_t fen) {
  return from_raw(Raw{fen} * detail::kPow10.v[kScale - 2]);
}

std::optional<Decimal> Decimal::parse(std::string_view s, int* frac_digits) {
  bool negative;
  std::string_view int_part, frac_part;
  if (!split_number(s, negative, int_part, frac_part)) return std::nullopt;
  if (frac_part.size() > static_cast<size_t>(kScale)) return std::nullopt;
  const URaw limit = negative ? kMagMax + 1 : kMagMax;
  // Scaling the integer part first and adding the fraction keeps every
  // intermediate at most the final magnitude, so one limit check suffices.
  URaw int_value = 0;
  if (!accumulate(int_part, limit / static_cast<URaw>(detail::kOne), int_value))
    return std::nullopt;
  URaw frac_value = 0;
  accumulate(frac_part, ~URaw{0}, frac_value);  // at most 12 digits, cannot fail
  const int nfrac = static_cast<int>(frac_part.size());
  frac_value *= static_cast<URaw>(detail::kPow10.v[kScale - nfrac]);
  const URaw scaled = int_value * static_cast<URaw>(detail::kOne);
  if (scaled > limit - frac_value) return std::nullopt;
  const URaw mag = scaled + frac_value;
  if (frac_digits) *frac_digits = nfrac;
  return from_raw(negative ? static_cast<Raw>(URaw{0} - mag) : static_cast<Raw>(mag));
}

bool Decimal::out_of_range(std::string_view s) {
  const bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  auto digits_at = [&](size_t i) {
    size_t j = i;
    while (j < s.size() && is_digit(s[j]))
      ++j;
    return j - i;
  };
  const size_t nint = digits_at(0);
  if (nint == 0) return false;
  size_t i = nint, nfrac = 0;
  if (i < s.size() && s[i] == '.') {
    nfrac = digits_at(i + 1);
    if (nfrac == 0) return false;
    i += 1 + nfrac;
  }
  int64_t exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    const bool exp_negative = i < s.size() && s[i] == '-';
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const size_t n = digits_at(i);
    if (n == 0) return false;
    for (size_t k = i; k < i + n; ++k)
      exp = std::min<int64_t>(exp * 10 + (s[k] - '0'), 1'000'000);
    if (exp_negative) exp = -exp;
    i += n;
  }
  if (i != s.size()) return false;
  // The digits without the point; the value's integer digits are those from
  // the first non-zero one to the point, moved by the exponent.
  std::string all = std::string(s.substr(0, nint));
  if (nfrac > 0) all += s.substr(nint + 1, nfrac);
  const size_t lead = all.find_first_not_of('0');
  if (lead == std::string::npos) return false;  // zero
  const int64_t point = static_cast<int64_t>(nint) + exp;
  const int64_t whole = point - static_cast<int64_t>(lead);
  if (whole <= 0) return false;
  if (whole > 40) return true;
  // Written out without the exponent and with at most 12 decimals, it is out
  // of range exactly when parse refuses it.
  std::string plain;
  if (negative) plain.push_back('-');
  for (int64_t k = static_cast<int64_t>(lead); k < point; ++k)
    plain.push_back(k < static_cast<int64_t>(all.size()) ? all[k] : '0');
  if (point < static_cast<int64_t>(all.size())) {
    plain.push_back('.');
    plain.append(all, static_cast<size_t>(point), static_cast<size_t>(kScale));
  }
  return !parse(plain);
}

std::string Decimal::to_string(int min_frac) const {
  if (min_frac < 0) min_frac = 0;
  if (min_frac > kScale) min_frac = kScale;
  const URaw mag = magnitude(raw_);
  const URaw one = static_cast<URaw>(detail::kOne);
  uint64_t frac = static_cast<uint64_t>(mag % one);
  std::string s;
  if (raw_ < 0) s.push_back('-');
  append_digits(mag / one, s);
  int nfrac = kScale;
  while (nfrac > min_frac && frac % 10 == 0) {
    frac /= 10;
    --nfrac;
  }
  if (nfrac == 0) return s;
  s.push_back('.');
  const size_t start = s.size();
  s.append(static_cast<size_t>(nfrac), '0');
  for (size_t i = s.size(); i > start; --i) {
    s[i - 1] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  return s;
}

bool Decimal::is_whole_fen() const {
  return raw_ % detail::kPow10.v[kScale - 2] == 0;
}

bool Decimal::is_integer() const {
  return raw_ % detail::kOne == 0;
}

std::optional<int64_t> Decimal::to_int64() const {
  Raw q = raw_ / kOne;
  if (!detail::fits_i64(q)) return std::nullopt;
  return static_cast<int64_t>(q);
}

std::optional<int64_t> Decimal::to_fen() const {
  constexpr Raw kPerFen = kOne / 100;
  // Amounts under ~9.2 million yuan: 64-bit division, not the 128-bit library call
  // (Session::output_fen reads every money output through here).
  if (detail::fits_i64(raw_)) {
    constexpr int64_t kPerFen64 = static_cast<int64_t>(kPerFen);
    int64_t r = static_cast<int64_t>(raw_);
    if (r % kPerFen64 != 0) return std::nullopt;
    return r / kPerFen64;
  }
  if (raw_ % kPerFen != 0) return std::nullopt;
  Raw q = raw_ / kPerFen;
  if (!detail::fits_i64(q)) return std::nullopt;
  return static_cast<int64_t>(q);
}

namespace detail {

ArithStatus mul_wide(Decimal a, Decimal b, Decimal& out) {
  const Wide p = to_wide(a.raw()) * to_wide(b.raw());  // |p| < 2^254, fits
  Raw r;
  if (!from_wide(round_quotient_wide(p, to_wide(kOne), Rounding::half_even), r)) {
    return ArithStatus::overflow;
  }
  out = Decimal::from_raw(r);
  return ArithStatus::ok;
}

}  // namespace detail

ArithStatus div(Decimal a, Decimal b, Decimal& out) {
  const Raw d = b.raw();
  if (d == 0) return ArithStatus::division_by_zero;
  Raw n;
  if (d != kRawMin && !__builtin_mul_overflow(a.raw(), detail::kOne, &n)) {
    // n is a multiple of 10^12 and so never INT128_MIN: n / d cannot
    // overflow, and rounding one step away from zero cannot either.
    const Raw q = detail::round_quotient(n, d < 0 ? -d : d, Rounding::half_even);
    out = Decimal::from_raw(d < 0 ? -q : q);
    return ArithStatus::ok;
  }
  Raw r;
  const Wide wn = to_wide(a.raw()) * to_wide(detail::kOne);
  if (!from_wide(round_quotient_wide(wn, to_wide(d), Rounding::half_even), r)) {
    return ArithStatus::overflow;
  }
  out = Decimal::from_raw(r);
  return ArithStatus::ok;
}

std::string fen_to_string(int64_t fen) {
  const uint64_t mag =
      fen < 0 ? uint64_t{0} - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  std::string s;
  if (fen < 0) s.push_back('-');
  append_digits(mag / 100, s);
  s.push_back('.');
  s.push_back(static_cast<char>('0' + mag % 100 / 10));
  s.push_back(static_cast<char>('0' + mag % 10));
  return s;
}

MoneyParse parse_fen(std::string_view s, int64_t& fen) {
  bool negative;
  std::string_view int_part, frac_part;
  if (!split_number(s, negative, int_part, frac_part)) return MoneyParse::malformed;
  if (frac_part.size() > 2) return MoneyParse::too_many_decimals;
  const URaw limit = negative ? URaw{1} << 63 : static_cast<URaw>(INT64_MAX);
  URaw mag = 0;
  if (!accumulate(int_part, limit, mag)) return MoneyParse::overflow;
  // Append the fraction as exactly two digits ("12.5" is 1250 fen).
  char frac[2] = {'0', '0'};
  frac_part.copy(frac, frac_part.size());
  if (!accumulate(std::string_view(frac, 2), limit, mag)) return MoneyParse::overflow;
  fen = negative ? static_cast<int64_t>(uint64_t{0} - static_cast<uint64_t>(mag))
                 : static_cast<int64_t>(mag);
  return MoneyParse::ok;
}

}  // namespace bao
