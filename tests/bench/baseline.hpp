// The benchmark's baseline: tests/bench/assistance.bao written by hand in
// plain C++. It uses the same exact arithmetic as the interpreter (bao::Decimal
// from lang/base/decimal.hpp) and rounds to the fen, half_up, exactly where the
// policy does: every rule, output, param and table cell of type money when it
// is produced; `let` values and schedule applications are not rounded. No
// interpretation: structs in, structs out. Change it together with the policy.
#pragma once

#include <cstdint>

#include "lang/base/date.hpp"

namespace bao_bench {

enum class Recipient : uint8_t { tekun, orphan, dibao, dibao_edge, ill_poor, monitored, other };
enum class Visit : uint8_t { outpatient, chronic, inpatient };

inline constexpr int kRecipients = 7;
inline constexpr int kVisits = 3;
const char* recipient_name(Recipient r);  // the policy's variant names
const char* visit_name(Visit v);

// One case, every amount in whole fen.
struct Case {
  Recipient recipient = Recipient::other;
  Visit visit = Visit::outpatient;
  bao::Date date;
  int64_t total = 0;
  int64_t in_scope = 0;
  int64_t basic_paid = 0;
  int64_t critical_paid = 0;
  int64_t ytd_assistance_paid = 0;
  int64_t ytd_outpatient_paid = 0;
  int64_t ytd_self_pay = 0;
};

// The policy's outputs, money in whole fen.
struct Outputs {
  bool eligible = false;
  int64_t assistance = 0;
  int64_t personal_burden = 0;
  int64_t fund_total = 0;
  int64_t ytd_assistance = 0;
  int64_t cap_remaining = 0;
};

// False when the policy would stop with an evaluation error: arithmetic
// overflow, or a dated param read on a date no version covers.
bool baseline(const Case& c, Outputs& out);

// The same policy on plain int64 fen (baseline_int64.cpp): same outputs,
// same failures on a date no version covers; no overflow checks.
bool baseline_int64(const Case& c, Outputs& out);

}  // namespace bao_bench
