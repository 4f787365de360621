// Exact decimal numbers and money: the value type (public: bao.hpp uses it);
// the checked arithmetic is in decimal_ops.hpp. Policies compute with
// percentages and yuan amounts that must reproduce a clerk's arithmetic to the
// fen, so values are fixed-point integers (12 fractional digits) with checked
// arithmetic and explicit rounding modes; binary floating point is never used.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lang/base/export.hpp"

namespace bao {

// half_up: ties away from zero (四舍五入); half_even: ties to the even digit;
// down: toward zero (truncate); up: away from zero.
enum class Rounding : uint8_t { half_up, half_even, down, up };
enum class ArithStatus : uint8_t { ok, overflow, division_by_zero };

BAO_API std::string_view rounding_name(Rounding mode);
BAO_API std::optional<Rounding> parse_rounding(std::string_view name);

// value = raw / 10^12. Twelve digits leave room for rates such as 0.0035%
// multiplied by shares and still exact to the fen; a 128-bit raw keeps about
// 26 integer digits, far beyond any insurance amount.
class BAO_API Decimal {
 public:
  static constexpr int kScale = 12;
  using Raw = __int128;
  static constexpr Raw kOne = 1'000'000'000'000;  // raw of 1

  constexpr Decimal() = default;
  static constexpr Decimal from_raw(Raw r) {
    Decimal d;
    d.raw_ = r;
    return d;
  }
  static Decimal from_int(int64_t v);    // always fits
  static Decimal from_fen(int64_t fen);  // fen / 100, always fits
  constexpr Raw raw() const { return raw_; }

  // Accepts an optional leading '-', digits, then optionally '.' and digits.
  // Rejects exponents, '+', spaces, a bare or leading '.', more than 12
  // fractional digits and values that do not fit. *frac_digits receives the
  // number of fractional digits as written (so "1.50" gives 2).
  static std::optional<Decimal> parse(std::string_view s, int* frac_digits = nullptr);
  // Whether `s` is a number too large for a Decimal, also when written with
  // an exponent ("1e30", "-2.5E+40"), which parse never accepts: tells "out
  // of range" from "malformed" when parse fails.
  static bool out_of_range(std::string_view s);

  // Minimal fractional digits, padded with zeros to at least min_frac
  // (clamped to 0..12). Zero never prints a sign.
  std::string to_string(int min_frac = 0) const;

  bool is_zero() const { return raw_ == 0; }
  bool is_negative() const { return raw_ < 0; }
  bool is_whole_fen() const;  // nothing beyond the second decimal
  bool is_integer() const;
  // The integer part (truncated toward zero), or nullopt when it does not
  // fit in int64.
  std::optional<int64_t> to_int64() const;
  // The value in whole fen, or nullopt when it has digits beyond the fen or
  // does not fit in int64.
  std::optional<int64_t> to_fen() const;

  friend auto operator<=>(Decimal, Decimal) = default;
  friend bool operator==(Decimal, Decimal) = default;

 private:
  Raw raw_ = 0;
};

static_assert(sizeof(Decimal) == 16);

// ---- money as whole fen ----

// Always exactly two decimals: 123450 -> "1234.50", -5 -> "-0.05".
BAO_API std::string fen_to_string(int64_t fen);

// Money text with at most two decimals ("12", "12.5", "12.50", "-3.05").
// The check is on the text: "1.230" is too_many_decimals even though the
// value is whole fen, because such input usually signals a unit mistake.
enum class MoneyParse : uint8_t { ok, malformed, too_many_decimals, overflow };
BAO_API MoneyParse parse_fen(std::string_view s, int64_t& fen);

}  // namespace bao
