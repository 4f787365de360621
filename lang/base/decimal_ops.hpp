// Checked arithmetic on Decimal and whole fen, with explicit rounding: the
// evaluator's hot path, inline. Internal to the stages: the public API
// includes only decimal.hpp.
#pragma once

#include "lang/base/decimal.hpp"

namespace bao {

namespace detail {

constexpr auto make_pow10() {
  struct Table {
    Decimal::Raw v[39];
  } t{};
  Decimal::Raw p = 1;
  for (int i = 0; i < 39; ++i) {
    t.v[i] = p;
    if (i < 38) p *= 10;
  }
  return t;
}
inline constexpr auto kPow10 = make_pow10();  // 10^0 .. 10^38, all fit in int128
inline constexpr Decimal::Raw kOne = kPow10.v[Decimal::kScale];
static_assert(kOne == Decimal::kOne);

// Whether a truncated quotient moves one unit away from zero, given how the
// dropped remainder compares with what is left to the next unit (`vs_rest`:
// negative below half, zero at exactly half, positive above) and whether the
// truncated quotient is odd. The one rounding rule every path shares.
constexpr bool rounds_away(Rounding mode, int vs_rest, bool odd) {
  switch (mode) {
    case Rounding::down:
      return false;
    case Rounding::up:
      return true;
    case Rounding::half_up:
      return vs_rest >= 0;
    case Rounding::half_even:
      return vs_rest > 0 || (vs_rest == 0 && odd);
  }
  return false;
}

// n / d rounded by `mode`, for d > 0. Works for int64_t and __int128; the
// remainder is compared against d - |r| rather than doubled so that it cannot
// overflow even for d near the type's maximum.
template <typename T>
constexpr T round_quotient(T n, T d, Rounding mode) {
  T q = n / d;
  T r = n - q * d;  // saves a second 128-bit library division
  if (r == 0) return q;
  T ar = r < 0 ? -r : r;
  T rest = d - ar;
  if (rounds_away(mode, (ar > rest) - (ar < rest), (q & 1) != 0)) q += n < 0 ? -1 : 1;
  return q;
}

constexpr bool fits_i64(Decimal::Raw r) {
  return r >= INT64_MIN && r <= INT64_MAX;
}

// Slow paths, out of line: they need a 256-bit intermediate.
ArithStatus mul_wide(Decimal a, Decimal b, Decimal& out);

}  // namespace detail

// ---- checked arithmetic; on a non-ok status `out` is unspecified ----

inline ArithStatus add(Decimal a, Decimal b, Decimal& out) {
  Decimal::Raw r;
  if (__builtin_add_overflow(a.raw(), b.raw(), &r)) return ArithStatus::overflow;
  out = Decimal::from_raw(r);
  return ArithStatus::ok;
}

inline ArithStatus sub(Decimal a, Decimal b, Decimal& out) {
  Decimal::Raw r;
  if (__builtin_sub_overflow(a.raw(), b.raw(), &r)) return ArithStatus::overflow;
  out = Decimal::from_raw(r);
  return ArithStatus::ok;
}

inline ArithStatus neg(Decimal a, Decimal& out) {
  Decimal::Raw r;
  if (__builtin_sub_overflow(Decimal::Raw{0}, a.raw(), &r)) return ArithStatus::overflow;
  out = Decimal::from_raw(r);
  return ArithStatus::ok;
}

// The product is kept to 12 fractional digits; anything beyond the 12th is
// rounded half_even, so it is exact whenever the true product has at most 12
// fractional digits (every money × rate product in practice). A product whose
// 24-digit intermediate overflows 128 bits is redone in 256 bits, and only a
// final result that does not fit is reported as overflow.
inline ArithStatus mul(Decimal a, Decimal b, Decimal& out) {
  Decimal::Raw p;
  if (__builtin_mul_overflow(a.raw(), b.raw(), &p)) return detail::mul_wide(a, b, out);
  out = Decimal::from_raw(detail::round_quotient(p, detail::kOne, Rounding::half_even));
  return ArithStatus::ok;
}

inline ArithStatus mul_int(Decimal a, int64_t b, Decimal& out) {
  Decimal::Raw r;
  if (__builtin_mul_overflow(a.raw(), Decimal::Raw{b}, &r)) return ArithStatus::overflow;
  out = Decimal::from_raw(r);
  return ArithStatus::ok;
}

// Quotient to 12 fractional digits, rounded half_even at the 12th digit
// (computed exactly, in 256 bits when the scaled dividend needs it).
ArithStatus div(Decimal a, Decimal b, Decimal& out);

// Rounds to `digits` fractional digits. Ties follow the mode symmetrically in
// both signs. digits >= 12 returns `a` unchanged; negative digits round to
// tens, hundreds, ... down to -26 (10^38); below that the status is overflow.
inline ArithStatus round_to(Decimal a, int digits, Rounding mode, Decimal& out) {
  if (digits >= Decimal::kScale) {
    out = a;
    return ArithStatus::ok;
  }
  const int shift = Decimal::kScale - digits;
  if (shift > 38) return ArithStatus::overflow;
  const Decimal::Raw unit = detail::kPow10.v[shift];
  const Decimal::Raw raw = a.raw();
  if (shift <= 18 && detail::fits_i64(raw)) {
    // 64-bit division is several times faster than the 128-bit library call,
    // and amounts under ~9.2 million yuan take this path.
    const int64_t q = detail::round_quotient<int64_t>(static_cast<int64_t>(raw),
                                                      static_cast<int64_t>(unit), mode);
    out = Decimal::from_raw(Decimal::Raw{q} * unit);
    return ArithStatus::ok;
  }
  const Decimal::Raw q = detail::round_quotient(raw, unit, mode);
  Decimal::Raw r;
  if (__builtin_mul_overflow(q, unit, &r)) return ArithStatus::overflow;
  out = Decimal::from_raw(r);
  return ArithStatus::ok;
}

// Rounds to whole fen and returns the count of fen; overflow when it does not
// fit in int64.
inline ArithStatus to_fen(Decimal a, Rounding mode, int64_t& fen) {
  constexpr int64_t kFenUnit = 10'000'000'000;  // 10^(12-2)
  const Decimal::Raw raw = a.raw();
  if (detail::fits_i64(raw)) {
    fen = detail::round_quotient<int64_t>(static_cast<int64_t>(raw), kFenUnit, mode);
    return ArithStatus::ok;
  }
  const Decimal::Raw q = detail::round_quotient(raw, Decimal::Raw{kFenUnit}, mode);
  if (!detail::fits_i64(q)) return ArithStatus::overflow;
  fen = static_cast<int64_t>(q);
  return ArithStatus::ok;
}

// ---- the language's `int`: checked 64-bit ----

inline ArithStatus add_i64(int64_t a, int64_t b, int64_t& out) {
  return __builtin_add_overflow(a, b, &out) ? ArithStatus::overflow : ArithStatus::ok;
}
inline ArithStatus sub_i64(int64_t a, int64_t b, int64_t& out) {
  return __builtin_sub_overflow(a, b, &out) ? ArithStatus::overflow : ArithStatus::ok;
}
inline ArithStatus mul_i64(int64_t a, int64_t b, int64_t& out) {
  return __builtin_mul_overflow(a, b, &out) ? ArithStatus::overflow : ArithStatus::ok;
}
// Truncates toward zero, like C++.
inline ArithStatus div_i64(int64_t a, int64_t b, int64_t& out) {
  if (b == 0) return ArithStatus::division_by_zero;
  if (a == INT64_MIN && b == -1) return ArithStatus::overflow;
  out = a / b;
  return ArithStatus::ok;
}

}  // namespace bao
