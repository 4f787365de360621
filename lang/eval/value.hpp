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

// Copied and written as four 64-bit words, never in smaller pieces or as
// 16-byte vectors: a value is often read back right after it was written, and
// a load the store buffer cannot forward (one that spans several smaller
// stores) stalls for a dozen cycles.
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
    uint64_t lo_hi_[2];
  };
  union {
    bool none;  // an absent optional
    uint64_t tag_;
  };
  uint64_t pad_ = 0;

  Value() : d(0), tag_(0) {}
  Value(const Value& o) noexcept { copy(o); }
  Value& operator=(const Value& o) noexcept {
    copy(o);
    return *this;
  }
  static Value of_int(int64_t v) {
    Value x;
    x.lo_hi_[0] = static_cast<uint64_t>(v);
    return x;
  }
  static Value of_dec(Decimal v) {
    Value x;
    x.d = v.raw();
    return x;
  }
  static Value of_bool(bool v) {
    Value x;
    x.lo_hi_[0] = v ? 1 : 0;
    return x;
  }
  static Value of_date(Date v) {
    Value x;
    x.lo_hi_[0] = static_cast<uint32_t>(v.days());
    return x;
  }
  static Value of_duration(Duration v) {
    Value x;
    x.dur = v;
    return x;
  }
  static Value of_variant(uint32_t v) {
    Value x;
    x.lo_hi_[0] = v;
    return x;
  }
  static Value of_none() {
    Value x;
    x.tag_ = 1;
    return x;
  }
  Decimal dec() const { return Decimal::from_raw(d); }
  Date as_date() const { return Date::from_days(date); }

 private:
  void copy(const Value& o) {
    // volatile-free word copies; the asm barrier keeps the compiler from
    // merging them into vector moves.
    uint64_t w0 = o.lo_hi_[0], w1 = o.lo_hi_[1], w2 = o.tag_, w3 = o.pad_;
    asm("" : "+r"(w0), "+r"(w1), "+r"(w2), "+r"(w3));
    lo_hi_[0] = w0;
    lo_hi_[1] = w1;
    tag_ = w2;
    pad_ = w3;
  }
};
static_assert(sizeof(Value) == 32);

}  // namespace bao
