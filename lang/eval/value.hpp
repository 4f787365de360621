// A runtime value: 32 bytes, no tag beyond `none`, because the checker has
// already proven every type. Records and lists live in an arena and are
// addressed by offset, so values copy without allocating.
#pragma once

#include <cstdint>
#include <string>

#include "lang/base/date.hpp"
#include "lang/base/decimal_ops.hpp"

namespace bao {

struct Aggregate {
  uint32_t offset;  // first element; kRuntimeBit set: in the evaluation's arena
  uint32_t count;
  static constexpr uint32_t kRuntimeBit = 0x80000000u;
};

struct Value {
  union {
    int64_t i;         // int
    Decimal::Raw d;    // decimal, rate, money (scaled by 10^12)
    int32_t date;      // days since 1970-01-01
    Duration dur;      // months and days
    bool b;            // bool
    uint32_t variant;  // enum
    Aggregate agg;     // record fields or list items
    const std::string* text;
  };
  bool none = false;  // an absent optional

  Value() : d(0) {}
  static Value of_int(int64_t v) {
    Value x;
    x.i = v;
    return x;
  }
  static Value of_dec(Decimal v) {
    Value x;
    x.d = v.raw();
    return x;
  }
  static Value of_bool(bool v) {
    Value x;
    x.d = 0;
    x.b = v;
    return x;
  }
  static Value of_date(Date v) {
    Value x;
    x.d = 0;
    x.date = v.days();
    return x;
  }
  static Value of_duration(Duration v) {
    Value x;
    x.d = 0;
    x.dur = v;
    return x;
  }
  static Value of_variant(uint32_t v) {
    Value x;
    x.d = 0;
    x.variant = v;
    return x;
  }
  static Value of_none() {
    Value x;
    x.none = true;
    return x;
  }
  Decimal dec() const { return Decimal::from_raw(d); }
  Date as_date() const { return Date::from_days(date); }
};

}  // namespace bao
