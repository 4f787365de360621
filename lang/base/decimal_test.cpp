// Tests for Decimal and money helpers. Expected values are worked by hand, so
// a failure here means the arithmetic disagrees with a clerk's calculation.
#include "lang/base/decimal_ops.hpp"

#include <initializer_list>

#include <doctest/doctest.h>

namespace bao {
namespace {

Decimal dec(std::string_view s) {
  auto d = Decimal::parse(s);
  REQUIRE_MESSAGE(d.has_value(), "bad test literal ", std::string(s));
  return *d;
}

// Runs a checked binary op and returns its printed result, or a status name.
template <typename Op>
std::string run(Op op, std::string_view a, std::string_view b) {
  Decimal out;
  switch (op(dec(a), dec(b), out)) {
    case ArithStatus::ok:
      return out.to_string();
    case ArithStatus::overflow:
      return "overflow";
    case ArithStatus::division_by_zero:
      return "division_by_zero";
  }
  return "?";
}

std::string mul_s(std::string_view a, std::string_view b) {
  return run(mul, a, b);
}
std::string div_s(std::string_view a, std::string_view b) {
  return run(div, a, b);
}

std::string round_s(std::string_view a, int digits, Rounding mode) {
  Decimal out;
  if (round_to(dec(a), digits, mode, out) != ArithStatus::ok) return "overflow";
  return out.to_string(digits > 0 ? digits : 0);
}

constexpr std::string_view kMax = "170141183460469231731687303.715884105727";
constexpr std::string_view kMin = "-170141183460469231731687303.715884105728";

TEST_CASE("decimal parse and print round trip") {
  for (std::string_view s : std::initializer_list<std::string_view>{
           "0", "123", "-0.5", "1234.5", "0.000000000001", "-0.000000000001", "7716.04375",
           "100000000000000000000", kMax, kMin}) {
    CHECK(dec(s).to_string() == s);
  }
  int frac = -1;
  auto d = Decimal::parse("1234.50", &frac);
  REQUIRE(d);
  CHECK(frac == 2);
  CHECK(d->to_string() == "1234.5");
  CHECK(d->to_string(2) == "1234.50");
  CHECK(d->raw() == Decimal::Raw{1234500000000000});
  CHECK(Decimal::parse("12", &frac));
  CHECK(frac == 0);
  CHECK(dec("0.7").to_string() == "0.7");
  CHECK(dec("0.7").to_string(2) == "0.70");
  CHECK(dec("5").to_string(2) == "5.00");
  CHECK(dec("5").to_string(99) == "5.000000000000");  // clamped to 12
  CHECK(dec("007.10").to_string() == "7.1");
  CHECK(dec("-0").to_string() == "0");
  CHECK(dec("-0.000").to_string(2) == "0.00");
  CHECK_FALSE(dec("-0").is_negative());
  CHECK(Decimal::from_int(INT64_MIN).to_string() == "-9223372036854775808");
  CHECK(Decimal::from_int(42) == dec("42"));
  CHECK(Decimal::from_fen(-5).to_string() == "-0.05");
  CHECK(Decimal::from_fen(123450) == dec("1234.5"));
}

TEST_CASE("decimal parse rejects malformed text and overflow") {
  for (std::string_view s : {"1.", ".5", "1e3", "+1", "1.2.3", "", "-", "-.5", " 1", "1 ", "1,000",
                             "0x10", "1.-2", "--1", "0.0000000000001", "1.1234567890123"}) {
    CHECK_MESSAGE(!Decimal::parse(s), "accepted: ", std::string(s));
  }
  CHECK(Decimal::parse("0.123456789012"));  // exactly 12 digits
  CHECK_FALSE(Decimal::parse("170141183460469231731687303.715884105728"));
  CHECK_FALSE(Decimal::parse("-170141183460469231731687303.715884105729"));
  CHECK_FALSE(Decimal::parse("170141183460469231731687304"));
  CHECK_FALSE(Decimal::parse("1000000000000000000000000000"));
  CHECK_FALSE(Decimal::parse("99999999999999999999999999999999999999999999"));
}

TEST_CASE("decimal predicates and ordering") {
  CHECK(dec("0").is_zero());
  CHECK(dec("-0.01").is_negative());
  CHECK(dec("12.34").is_whole_fen());
  CHECK_FALSE(dec("12.345").is_whole_fen());
  CHECK(dec("-12").is_integer());
  CHECK_FALSE(dec("12.1").is_integer());
  CHECK(dec("-1") < dec("-0.5"));
  CHECK(dec("0.1") < dec("0.10000000001"));
  CHECK(dec("2.50") == dec("2.5"));
  CHECK(dec(kMin) < dec(kMax));
}

TEST_CASE("decimal add and sub are exact and checked") {
  CHECK(run(add, "0.1", "0.2") == "0.3");
  CHECK(run(add, "12345.67", "-12345.67") == "0");
  CHECK(run(sub, "100", "0.01") == "99.99");
  CHECK(run(sub, "-0.5", "0.25") == "-0.75");
  CHECK(run(add, kMax, "0.000000000001") == "overflow");
  CHECK(run(sub, kMin, "0.000000000001") == "overflow");
  CHECK(run(add, kMax, kMin) == "-0.000000000001");
  Decimal out;
  CHECK(neg(dec("1.5"), out) == ArithStatus::ok);
  CHECK(out.to_string() == "-1.5");
  CHECK(neg(dec(kMin), out) == ArithStatus::overflow);
  CHECK(neg(dec(kMax), out) == ArithStatus::ok);
}

TEST_CASE("decimal mul exact products") {
  CHECK(mul_s("12345.67", "0.625") == "7716.04375");
  CHECK(mul_s("12345.67", "-0.625") == "-7716.04375");
  CHECK(mul_s("0.1", "0.1") == "0.01");
  CHECK(mul_s("-3", "-0.000001") == "0.000003");
  CHECK(mul_s("0.123456789012", "0.5") == "0.061728394506");
  CHECK(mul_s("0.000001", "0.000001") == "0.000000000001");
  CHECK(mul_s("99999", "0") == "0");
  Decimal out;
  CHECK(mul_int(dec("0.35"), 3, out) == ArithStatus::ok);
  CHECK(out.to_string() == "1.05");
  CHECK(mul_int(dec(kMax), 2, out) == ArithStatus::overflow);
}

TEST_CASE("decimal mul rounds beyond 12 digits half_even") {
  CHECK(mul_s("0.000001", "0.0000005") == "0");  // 0.5e-12 -> even 0
  CHECK(mul_s("0.000001", "0.0000015") == "0.000000000002");
  CHECK(mul_s("0.000001", "0.0000025") == "0.000000000002");
  CHECK(mul_s("0.000001", "0.0000014") == "0.000000000001");
  CHECK(mul_s("0.000001", "0.0000016") == "0.000000000002");
  CHECK(mul_s("-0.000001", "0.0000015") == "-0.000000000002");
  CHECK(mul_s("-0.000001", "0.0000025") == "-0.000000000002");
  CHECK(mul_s("0.123456789013", "0.5") == "0.061728394506");  // ...6.5 -> 6
  CHECK(mul_s("0.123456789015", "0.5") == "0.061728394508");  // ...7.5 -> 8
}

TEST_CASE("decimal mul with a 256-bit intermediate") {
  // (1e11 - 1e-12) * 1e4: the 24-digit intermediate is ~1e39, over int128.
  CHECK(mul_s("99999999999.999999999999", "10000") == "999999999999999.99999999");
  CHECK(mul_s("10000000000000", "1000000000000") == "10000000000000000000000000");
  CHECK(mul_s("-10000000000000", "1000000000000") == "-10000000000000000000000000");
  // (1e25 + 5)(1.0001e15) / 1e12 = 1.0001e28 + 5000.5 -> tie, even 5000.
  CHECK(mul_s("10000000000000.000000000005", "1000.1") == "10001000000000000.000000005");
  CHECK(mul_s("10000000000000.000000000005", "-1000.1") == "-10001000000000000.000000005");
  // ... + 15001.5 -> tie, even 15002.
  CHECK(mul_s("10000000000000.000000000015", "1000.1") == "10001000000000000.000000015002");
  CHECK(mul_s(kMin, "1") == kMin);
  CHECK(mul_s(kMax, "-1") == "-170141183460469231731687303.715884105727");
  CHECK(mul_s(kMin, "-1") == "overflow");
  CHECK(mul_s("100000000000000000000", "100000000000000000000") == "overflow");
  CHECK(mul_s("10000000000000", "100000000000000") == "overflow");  // 1e27
  CHECK(mul_s(kMax, kMax) == "overflow");
  CHECK(mul_s(kMin, kMin) == "overflow");
}

TEST_CASE("decimal div") {
  CHECK(div_s("1", "3") == "0.333333333333");
  CHECK(div_s("2", "3") == "0.666666666667");
  CHECK(div_s("-2", "3") == "-0.666666666667");
  CHECK(div_s("1", "-3") == "-0.333333333333");
  CHECK(div_s("-1", "-3") == "0.333333333333");
  CHECK(div_s("1", "8") == "0.125");
  CHECK(div_s("10", "4") == "2.5");
  CHECK(div_s("7716.04375", "0.625") == "12345.67");
  CHECK(div_s("0.000000000001", "2") == "0");               // tie -> even 0
  CHECK(div_s("0.000000000003", "2") == "0.000000000002");  // tie -> even 2
  CHECK(div_s("-0.000000000003", "2") == "-0.000000000002");
  CHECK(div_s("0.000000000005", "-2") == "-0.000000000002");
  CHECK(div_s("1", "0") == "division_by_zero");
  CHECK(div_s("0", "0") == "division_by_zero");
  // The scaled dividend 1e44 needs 256 bits; the quotient fits.
  CHECK(div_s("100000000000000000000", "4") == "25000000000000000000");
  CHECK(div_s("100000000000000000000", "3") == "33333333333333333333.333333333333");
  CHECK(div_s(kMax, "1") == kMax);
  CHECK(div_s(kMin, "-1") == "overflow");
  CHECK(div_s(kMax, "0.1") == "overflow");
  CHECK(div_s("1", kMin) == "0");
  CHECK(div_s(kMin, kMin) == "1");
  CHECK(div_s(kMax, kMin) == "-1");  // 0.999999...9999994 -> -1 at 12 digits
}

TEST_CASE("round_to at half a fen, both signs, every mode") {
  using R = Rounding;
  CHECK(round_s("0.005", 2, R::half_up) == "0.01");
  CHECK(round_s("0.005", 2, R::half_even) == "0.00");
  CHECK(round_s("0.005", 2, R::down) == "0.00");
  CHECK(round_s("0.005", 2, R::up) == "0.01");
  CHECK(round_s("-0.005", 2, R::half_up) == "-0.01");
  CHECK(round_s("-0.005", 2, R::half_even) == "0.00");
  CHECK(round_s("-0.005", 2, R::down) == "0.00");
  CHECK(round_s("-0.005", 2, R::up) == "-0.01");
  CHECK(round_s("0.015", 2, R::half_even) == "0.02");
  CHECK(round_s("-0.015", 2, R::half_even) == "-0.02");
  CHECK(round_s("0.025", 2, R::half_even) == "0.02");
  CHECK(round_s("-0.025", 2, R::half_even) == "-0.02");
  CHECK(round_s("0.015", 2, R::half_up) == "0.02");
  CHECK(round_s("0.0049999", 2, R::half_up) == "0.00");
  CHECK(round_s("0.0050001", 2, R::half_even) == "0.01");
  CHECK(round_s("-0.0050001", 2, R::half_even) == "-0.01");
  CHECK(round_s("0.001", 2, R::up) == "0.01");
  CHECK(round_s("-0.001", 2, R::up) == "-0.01");
  CHECK(round_s("0.009", 2, R::down) == "0.00");
  CHECK(round_s("-0.009", 2, R::down) == "0.00");
  CHECK(round_s("1.00", 2, R::up) == "1.00");
  Decimal out;
  REQUIRE(round_to(dec("-0.009"), 2, R::down, out) == ArithStatus::ok);
  CHECK(out.is_zero());
  CHECK_FALSE(out.is_negative());
}

TEST_CASE("round_to other precisions and large values") {
  using R = Rounding;
  CHECK(round_s("2.5", 0, R::half_even) == "2");
  CHECK(round_s("3.5", 0, R::half_even) == "4");
  CHECK(round_s("-2.5", 0, R::half_up) == "-3");
  CHECK(round_s("-2.5", 0, R::half_even) == "-2");
  CHECK(round_s("7716.04375", 4, R::half_even) == "7716.0438");
  CHECK(round_s("7716.04365", 4, R::half_even) == "7716.0436");
  CHECK(round_s("0.123456789012", 12, R::up) == "0.123456789012");
  CHECK(round_s("0.123456789012", 15, R::up) == "0.123456789012");
  CHECK(round_s("1250", -2, R::half_up) == "1300");
  CHECK(round_s("1250", -2, R::half_even) == "1200");
  CHECK(round_s("-1234.5", -2, R::down) == "-1200");
  CHECK(round_s("5", -27, R::down) == "overflow");  // precision not representable
  // Beyond int64 raw: the 128-bit path.
  CHECK(round_s("100000000000000000000.005", 2, R::half_up) == "100000000000000000000.01");
  CHECK(round_s("100000000000000000000.005", 2, R::half_even) == "100000000000000000000.00");
  CHECK(round_s("-100000000000000000000.015", 2, R::half_even) == "-100000000000000000000.02");
  CHECK(round_s(kMax, 0, R::up) == "overflow");
  CHECK(round_s(kMax, 0, R::down) == "170141183460469231731687303");
  CHECK(round_s(kMin, 0, R::half_up) == "overflow");
  CHECK(round_s(kMin, 0, R::down) == "-170141183460469231731687303");
}

TEST_CASE("to_fen") {
  int64_t fen = 0;
  CHECK(to_fen(dec("1234.565"), Rounding::half_up, fen) == ArithStatus::ok);
  CHECK(fen == 123457);
  CHECK(to_fen(dec("1234.565"), Rounding::half_even, fen) == ArithStatus::ok);
  CHECK(fen == 123456);
  CHECK(to_fen(dec("-0.005"), Rounding::half_up, fen) == ArithStatus::ok);
  CHECK(fen == -1);
  CHECK(to_fen(dec("-0.005"), Rounding::half_even, fen) == ArithStatus::ok);
  CHECK(fen == 0);
  CHECK(to_fen(dec("7716.04375"), Rounding::down, fen) == ArithStatus::ok);
  CHECK(fen == 771604);
  // 1e16 yuan: raw needs 128 bits, fen (1e18) still fits int64.
  CHECK(to_fen(dec("-10000000000000000.005"), Rounding::half_up, fen) == ArithStatus::ok);
  CHECK(fen == -1000000000000000001);
  CHECK(to_fen(dec("92233720368547758.07"), Rounding::half_up, fen) == ArithStatus::ok);
  CHECK(fen == INT64_MAX);
  CHECK(to_fen(dec("-92233720368547758.08"), Rounding::half_up, fen) == ArithStatus::ok);
  CHECK(fen == INT64_MIN);
  CHECK(to_fen(dec("92233720368547758.075"), Rounding::half_up, fen) == ArithStatus::overflow);
  CHECK(to_fen(dec("92233720368547758.071"), Rounding::down, fen) == ArithStatus::ok);
  CHECK(to_fen(dec("100000000000000000"), Rounding::down, fen) == ArithStatus::overflow);
  CHECK(to_fen(dec(kMin), Rounding::down, fen) == ArithStatus::overflow);
}

TEST_CASE("int64 ops are checked") {
  int64_t out = 0;
  CHECK(add_i64(INT64_MAX, 1, out) == ArithStatus::overflow);
  CHECK(add_i64(INT64_MAX, -1, out) == ArithStatus::ok);
  CHECK(out == INT64_MAX - 1);
  CHECK(sub_i64(INT64_MIN, 1, out) == ArithStatus::overflow);
  CHECK(sub_i64(0, INT64_MIN, out) == ArithStatus::overflow);
  CHECK(mul_i64(INT64_MAX / 2 + 1, 2, out) == ArithStatus::overflow);
  CHECK(mul_i64(-3, 7, out) == ArithStatus::ok);
  CHECK(out == -21);
  CHECK(div_i64(INT64_MIN, -1, out) == ArithStatus::overflow);
  CHECK(div_i64(7, 0, out) == ArithStatus::division_by_zero);
  CHECK(div_i64(-7, 2, out) == ArithStatus::ok);
  CHECK(out == -3);
  CHECK(div_i64(7, -2, out) == ArithStatus::ok);
  CHECK(out == -3);
}

TEST_CASE("fen_to_string") {
  CHECK(fen_to_string(0) == "0.00");
  CHECK(fen_to_string(5) == "0.05");
  CHECK(fen_to_string(-5) == "-0.05");
  CHECK(fen_to_string(-99) == "-0.99");
  CHECK(fen_to_string(-100) == "-1.00");
  CHECK(fen_to_string(123450) == "1234.50");
  CHECK(fen_to_string(-123456) == "-1234.56");
  CHECK(fen_to_string(INT64_MAX) == "92233720368547758.07");
  CHECK(fen_to_string(INT64_MIN) == "-92233720368547758.08");
}

TEST_CASE("parse_fen") {
  int64_t fen = 0;
  CHECK(parse_fen("12", fen) == MoneyParse::ok);
  CHECK(fen == 1200);
  CHECK(parse_fen("12.5", fen) == MoneyParse::ok);
  CHECK(fen == 1250);
  CHECK(parse_fen("12.50", fen) == MoneyParse::ok);
  CHECK(fen == 1250);
  CHECK(parse_fen("-0.05", fen) == MoneyParse::ok);
  CHECK(fen == -5);
  CHECK(parse_fen("-0", fen) == MoneyParse::ok);
  CHECK(fen == 0);
  CHECK(parse_fen("1.234", fen) == MoneyParse::too_many_decimals);
  CHECK(parse_fen("1.230", fen) == MoneyParse::too_many_decimals);
  for (std::string_view s : {"", "-", "1.", ".5", "1e3", "+1", "1.2.3", "¥12", "12 "}) {
    CHECK_MESSAGE(parse_fen(s, fen) == MoneyParse::malformed, "input: ", std::string(s));
  }
  CHECK(parse_fen("92233720368547758.07", fen) == MoneyParse::ok);
  CHECK(fen == INT64_MAX);
  CHECK(parse_fen("92233720368547758.08", fen) == MoneyParse::overflow);
  CHECK(parse_fen("-92233720368547758.08", fen) == MoneyParse::ok);
  CHECK(fen == INT64_MIN);
  CHECK(parse_fen("-92233720368547758.09", fen) == MoneyParse::overflow);
  CHECK(parse_fen("99999999999999999999999999999999999999999", fen) == MoneyParse::overflow);
}

TEST_CASE("rounding names") {
  for (Rounding m : {Rounding::half_up, Rounding::half_even, Rounding::down, Rounding::up}) {
    CHECK(parse_rounding(rounding_name(m)) == m);
  }
  CHECK(rounding_name(Rounding::half_even) == "half_even");
  CHECK_FALSE(parse_rounding("HALF_UP"));
  CHECK_FALSE(parse_rounding(""));
}

TEST_CASE("Decimal::to_fen and to_int64: exact or nothing, on both sides of int64 raw") {
  CHECK(*dec("1234.56").to_fen() == 123456);
  CHECK(*dec("-0.05").to_fen() == -5);
  CHECK_FALSE(dec("1234.565").to_fen().has_value());
  // 50 million yuan: the raw value no longer fits in int64.
  CHECK(*dec("50000000.01").to_fen() == 5000000001);
  CHECK_FALSE(dec("50000000.001").to_fen().has_value());
  CHECK_FALSE(dec("100000000000000000000").to_fen().has_value());  // 10^22 fen
  CHECK(*dec("-7.9").to_int64() == -7);
  CHECK(*dec("90000000000").to_int64() == 90000000000);
  CHECK_FALSE(dec("100000000000000000000").to_int64().has_value());
}

}  // namespace
}  // namespace bao
