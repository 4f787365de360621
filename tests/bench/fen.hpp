// Whole-fen arithmetic for the hand-written int64 baselines: amounts are
// plain int64_t fen, rates are int64_t basis points (1 bp = 0.01 %, so every
// rate the bench policies use is exact), and a product is formed in __int128
// and rounded to the fen once, half_up (ties away from zero), exactly as the
// policies' `rounding half_up` rounds a money value when it is produced.
// An unrounded product (a `let`, a schedule application) stays in "fen·bp"
// units (fen × 10⁻⁴) until the rule that uses it rounds.
#pragma once

#include <cstdint>

namespace bao_bench {

using Fen = int64_t;
using Bp = int64_t;  // basis points: 7000 = 70 %
using Wide = __int128;

inline constexpr Bp kBpOne = 10000;  // 100 %

// x / 10⁴ rounded half-up (ties away from zero), for any sign.
inline constexpr Fen round_bp(Wide x) {
  Wide q = x / kBpOne, r = x % kBpOne;
  if (r < 0) r = -r;
  if (2 * r >= kBpOne) q += x < 0 ? -1 : 1;
  return static_cast<Fen>(q);
}

// A money × rate product in fen·bp (exact, unrounded).
inline constexpr Wide mul_exact(Fen f, Bp r) {
  return static_cast<Wide>(f) * r;
}
// The same product rounded to the fen.
inline constexpr Fen mul_round(Fen f, Bp r) {
  return round_bp(mul_exact(f, r));
}

inline constexpr Fen fen_max(Fen a, Fen b) {
  return a > b ? a : b;
}
inline constexpr Fen fen_min(Fen a, Fen b) {
  return a < b ? a : b;
}
inline constexpr Fen pos(Fen a) {  // max(a, 0 yuan)
  return a > 0 ? a : 0;
}

}  // namespace bao_bench
