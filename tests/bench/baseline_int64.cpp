// tests/bench/assistance.bao by hand, a second time: plain int64 fen
// (tests/bench/fen.hpp), the physical limit of the policy's arithmetic. It
// rounds to the fen, half_up, where the policy does (every money rule,
// output, param and table cell when produced) and nowhere else: the two
// `let` schedule applications of progressive_raw stay exact (fen·bp) and
// their difference is rounded once. No overflow checks: the generated cases
// stay below 10¹² fen, and bao_bench compares every output with the
// interpreter before timing. Change it together with the policy.
#include "tests/bench/baseline.hpp"
#include "tests/bench/fen.hpp"

namespace bao_bench {

namespace {

constexpr Fen Y = 100;  // fen per yuan
constexpr Fen kOutpatientCap = 10000 * Y;
constexpr Fen kBand1 = 50000 * Y, kBand2 = 100000 * Y;
constexpr Bp kRate1 = 6000, kRate2 = 6500, kRate3 = 7000;

const int32_t k2023 = bao::Date::from_ymd(2023, 1, 1)->days();
const int32_t k2024 = bao::Date::from_ymd(2024, 1, 1)->days();

// schedule tiers on cumulative, exact, in fen·bp.
Wide tiers(Fen amount, Fen from) {
  Wide total = 0;
  Fen lo = fen_max(0, from), hi = fen_min(kBand1, amount);
  if (hi > lo) total += mul_exact(hi - lo, kRate1);
  lo = fen_max(kBand1, from), hi = fen_min(kBand2, amount);
  if (hi > lo) total += mul_exact(hi - lo, kRate2);
  lo = fen_max(kBand2, from), hi = amount;
  if (hi > lo) total += mul_exact(hi - lo, kRate3);
  return total;
}

}  // namespace

bool baseline_int64(const Case& k, Outputs& out) {
  const int32_t day = k.date.days();
  const bool eligible = k.recipient != Recipient::other;
  Fen assistance = 0, annual_cap = 0;
  if (eligible) {
    const bool dated = k.recipient == Recipient::dibao_edge || k.recipient == Recipient::ill_poor ||
                       k.recipient == Recipient::monitored;
    if (dated && day < k2023) return false;  // no version of the dated params
    const bool y2024 = day >= k2024;
    const Fen edge_threshold = y2024 ? 3000 * Y : 5000 * Y;
    // param ill_threshold = income_per_capita * 25%, rounded to the fen
    const Fen ill_threshold = mul_round(y2024 ? 3587330 : 3371100, 2500);
    Fen threshold = 0;
    Bp ratio = 0;
    bool progressive = false;
    switch (k.recipient) {
      case Recipient::tekun:
      case Recipient::orphan:
        threshold = 0, ratio = 10000, annual_cap = 200000 * Y;
        break;
      case Recipient::dibao:
        threshold = 0, ratio = 8000, annual_cap = 100000 * Y;
        break;
      case Recipient::dibao_edge:
        threshold = edge_threshold, ratio = 7000, annual_cap = 80000 * Y, progressive = true;
        break;
      case Recipient::ill_poor:
        threshold = ill_threshold, ratio = 6000, annual_cap = 60000 * Y, progressive = true;
        break;
      case Recipient::monitored:
        threshold = edge_threshold, ratio = 6500, annual_cap = 60000 * Y, progressive = true;
        break;
      case Recipient::other:
        break;
    }
    const Fen self_pay = pos(k.in_scope - k.basic_paid - k.critical_paid);  // rule self_pay
    const Fen threshold_left = pos(threshold - k.ytd_self_pay);             // rule threshold_left
    const Fen base = pos(self_pay - threshold_left);                        // rule base
    Fen raw;                                                                // rule raw
    if (k.visit != Visit::outpatient && progressive)  // rule progressive_raw: rounded once
      raw =
          round_bp(tiers(k.ytd_self_pay + self_pay, threshold) - tiers(k.ytd_self_pay, threshold));
    else
      raw = mul_round(base, ratio);
    const Fen annual_left = annual_cap - k.ytd_assistance_paid;  // a let: whole fen anyway
    const Fen cap_left = pos(k.visit == Visit::outpatient
                                 ? fen_min(annual_left, kOutpatientCap - k.ytd_outpatient_paid)
                                 : annual_left);
    assistance = fen_min(raw, cap_left);
  }
  out.eligible = eligible;
  out.assistance = assistance;
  out.personal_burden = k.total - k.basic_paid - k.critical_paid - assistance;
  out.fund_total = k.basic_paid + k.critical_paid + assistance;
  out.ytd_assistance = k.ytd_assistance_paid + assistance;
  out.cap_remaining = eligible ? pos(annual_cap - out.ytd_assistance) : 0;
  return true;
}

}  // namespace bao_bench
