// Comparing two values of a checked type: shared by the tree walker and the
// bytecode loop. Internal to lang/eval.
#pragma once

#include "lang/eval/program.hpp"

namespace bao {

// -1, 0 or 1; `comparable` is false for two durations with no order (1 month
// and 30 days). For `bits` and `text`, only equality: 0 or 1.
inline int compare(const Value& x, const Value& y, CmpKind kind, bool& comparable) {
  comparable = true;
  switch (kind) {
    case CmpKind::integer:
      return (x.i > y.i) - (x.i < y.i);
    case CmpKind::decimal:
      return (x.d > y.d) - (x.d < y.d);
    case CmpKind::date:
      return (x.date > y.date) - (x.date < y.date);
    case CmpKind::duration: {
      auto o = compare_durations(x.dur, y.dur);
      if (!o) {
        comparable = false;
        return 0;
      }
      return *o < 0 ? -1 : *o > 0 ? 1 : 0;
    }
    case CmpKind::bits:
      return x.d == y.d ? 0 : 1;
    case CmpKind::text:
      return *x.text == *y.text ? 0 : 1;
  }
  return 0;
}

// The truth of `x op y` given compare's result.
inline bool holds(BinaryOp op, int c) {
  switch (op) {
    case BinaryOp::eq:
      return c == 0;
    case BinaryOp::ne:
      return c != 0;
    case BinaryOp::lt:
      return c < 0;
    case BinaryOp::le:
      return c <= 0;
    case BinaryOp::gt:
      return c > 0;
    default:
      return c >= 0;
  }
}

// x * y, exact as decimal_ops' mul: when one side is whole fen and the other
// a multiple of 10^-10 (every percentage), the product needs no rounding and
// one 64×64-bit multiply gives it.
inline ArithStatus mul_fast(Decimal x, Decimal y, Decimal& out) {
  constexpr int64_t kFen = 10'000'000'000;
  if (detail::fits_i64(x.raw()) && detail::fits_i64(y.raw())) {
    auto a = static_cast<int64_t>(x.raw()), b = static_cast<int64_t>(y.raw());
    if (a % kFen == 0 && b % 100 == 0) {
      out = Decimal::from_raw(static_cast<Decimal::Raw>(a / kFen) * (b / 100));
      return ArithStatus::ok;
    }
    if (b % kFen == 0 && a % 100 == 0) {
      out = Decimal::from_raw(static_cast<Decimal::Raw>(b / kFen) * (a / 100));
      return ArithStatus::ok;
    }
  }
  return mul(x, y, out);
}

}  // namespace bao
