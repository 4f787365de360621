// tests/bench/assistance.bao by hand. Each step names the rule it mirrors.
#include "tests/bench/baseline.hpp"

#include <algorithm>

#include "lang/base/decimal_ops.hpp"

namespace bao_bench {

namespace {

using bao::ArithStatus;
using bao::Decimal;

constexpr Decimal yuan(int64_t y) {
  return Decimal::from_raw(Decimal::Raw{y} * bao::detail::kOne);
}
constexpr Decimal fen(int64_t f) {
  return Decimal::from_raw(Decimal::Raw{f} * (bao::detail::kOne / 100));
}
constexpr Decimal percent(int64_t p) {
  return Decimal::from_raw(Decimal::Raw{p} * (bao::detail::kOne / 100));
}

// The policy's figures.
constexpr Decimal kOutpatientCap = yuan(10000);
constexpr Decimal kEdgeThreshold2023 = yuan(5000), kEdgeThreshold2024 = yuan(3000);
constexpr Decimal kIncome2023 = yuan(33711), kIncome2024 = fen(3587330);
constexpr Decimal kIllShare = percent(25);
constexpr Decimal kBand1 = yuan(50000), kBand2 = yuan(100000);
constexpr Decimal kRate1 = percent(60), kRate2 = percent(65), kRate3 = percent(70);

const bao::Date k2023_01_01 = *bao::Date::from_ymd(2023, 1, 1);
const bao::Date k2023_12_31 = *bao::Date::from_ymd(2023, 12, 31);
const bao::Date k2024_01_01 = *bao::Date::from_ymd(2024, 1, 1);

// Checked arithmetic: any fault clears `ok`, as an evaluation error would.
struct Calc {
  bool ok = true;
  Decimal add(Decimal a, Decimal b) {
    Decimal o;
    ok &= bao::add(a, b, o) == ArithStatus::ok;
    return o;
  }
  Decimal sub(Decimal a, Decimal b) {
    Decimal o;
    ok &= bao::sub(a, b, o) == ArithStatus::ok;
    return o;
  }
  Decimal mul(Decimal a, Decimal b) {
    Decimal o;
    ok &= bao::mul(a, b, o) == ArithStatus::ok;
    return o;
  }
  // A named money value: rounded to the fen by the policy's mode (half_up).
  Decimal money(Decimal a) {
    int64_t f = 0;
    ok &= bao::to_fen(a, bao::Rounding::half_up, f) == ArithStatus::ok;
    return Decimal::from_fen(f);
  }
  int64_t to_fen(Decimal a) {  // of a value already whole fen
    int64_t f = 0;
    ok &= bao::to_fen(a, bao::Rounding::half_up, f) == ArithStatus::ok;
    return f;
  }
};

// schedule tiers on cumulative: the part of [from, amount] inside each band
// at the band's rate; exact, not rounded.
Decimal tiers(Calc& c, Decimal amount, Decimal from) {
  struct Band {
    Decimal lower, upper, rate;
    bool open;
  };
  static constexpr Band kBands[] = {
      {Decimal{}, kBand1, kRate1, false},
      {kBand1, kBand2, kRate2, false},
      {kBand2, Decimal{}, kRate3, true},
  };
  Decimal total;
  for (const Band& b : kBands) {
    Decimal lo = std::max(b.lower, from);
    Decimal hi = b.open ? amount : std::min(b.upper, amount);
    if (hi <= lo) continue;
    total = c.add(total, c.mul(c.sub(hi, lo), b.rate));
  }
  return total;
}

// The dated params, by the as-of date (claim.date); false outside every version.
bool edge_threshold(bao::Date d, Decimal& out) {
  if (d >= k2024_01_01) return out = kEdgeThreshold2024, true;
  if (d >= k2023_01_01 && d <= k2023_12_31) return out = kEdgeThreshold2023, true;
  return false;
}
bool ill_threshold(Calc& c, bao::Date d, Decimal& out) {
  Decimal income;
  if (d >= k2024_01_01)
    income = kIncome2024;
  else if (d >= k2023_01_01 && d <= k2023_12_31)
    income = kIncome2023;
  else
    return false;
  out = c.money(c.mul(income, kIllShare));  // param ill_threshold
  return true;
}

}  // namespace

const char* recipient_name(Recipient r) {
  static constexpr const char* kNames[] = {"tekun",    "orphan",    "dibao", "dibao_edge",
                                           "ill_poor", "monitored", "other"};
  return kNames[static_cast<int>(r)];
}

const char* visit_name(Visit v) {
  static constexpr const char* kNames[] = {"outpatient", "chronic", "inpatient"};
  return kNames[static_cast<int>(v)];
}

bool baseline(const Case& k, Outputs& out) {
  Calc c;
  const Decimal total = Decimal::from_fen(k.total), in_scope = Decimal::from_fen(k.in_scope),
                basic = Decimal::from_fen(k.basic_paid),
                critical = Decimal::from_fen(k.critical_paid),
                ytd_assist = Decimal::from_fen(k.ytd_assistance_paid),
                ytd_outpatient = Decimal::from_fen(k.ytd_outpatient_paid),
                ytd_self = Decimal::from_fen(k.ytd_self_pay);

  // table terms
  const bool eligible = k.recipient != Recipient::other;
  Decimal threshold, ratio, annual_cap;
  bool progressive = false;
  Decimal assistance;
  if (eligible) {
    switch (k.recipient) {
      case Recipient::tekun:
      case Recipient::orphan:
        threshold = yuan(0), ratio = percent(100), annual_cap = yuan(200000);
        break;
      case Recipient::dibao:
        threshold = yuan(0), ratio = percent(80), annual_cap = yuan(100000);
        break;
      case Recipient::dibao_edge:
        if (!edge_threshold(k.date, threshold)) return false;
        ratio = percent(70), annual_cap = yuan(80000), progressive = true;
        break;
      case Recipient::ill_poor:
        if (!ill_threshold(c, k.date, threshold)) return false;
        ratio = percent(60), annual_cap = yuan(60000), progressive = true;
        break;
      case Recipient::monitored:
        if (!edge_threshold(k.date, threshold)) return false;
        ratio = percent(65), annual_cap = yuan(60000), progressive = true;
        break;
      case Recipient::other:
        break;
    }
    threshold = c.money(threshold);  // money cells are rounded too (already whole fen)

    const Decimal zero;
    // rule self_pay
    const Decimal self_pay = c.money(std::max(c.sub(c.sub(in_scope, basic), critical), zero));
    // rule threshold_left
    const Decimal threshold_left = c.money(std::max(c.sub(threshold, ytd_self), zero));
    // rule base
    const Decimal base = c.money(std::max(c.sub(self_pay, threshold_left), zero));
    // rule raw (and progressive_raw when taken)
    Decimal raw;
    if (k.visit != Visit::outpatient && progressive) {
      const Decimal before = tiers(c, ytd_self, threshold);
      const Decimal after = tiers(c, c.add(ytd_self, self_pay), threshold);
      raw = c.money(c.sub(after, before));
    } else {
      raw = c.money(c.mul(base, ratio));
    }
    // rule cap_left
    const Decimal annual_left = c.sub(annual_cap, ytd_assist);
    const Decimal room = k.visit == Visit::outpatient
                             ? std::min(annual_left, c.sub(kOutpatientCap, ytd_outpatient))
                             : annual_left;
    const Decimal cap_left = c.money(std::max(room, zero));
    // output assistance
    assistance = c.money(std::min(raw, cap_left));
  }

  // outputs
  const Decimal burden = c.money(c.sub(c.sub(c.sub(total, basic), critical), assistance));
  const Decimal fund = c.money(c.add(c.add(basic, critical), assistance));
  const Decimal ytd_after = c.money(c.add(ytd_assist, assistance));
  const Decimal cap_remaining =
      eligible ? c.money(std::max(c.sub(annual_cap, ytd_after), Decimal{})) : Decimal{};

  out.eligible = eligible;
  out.assistance = c.to_fen(assistance);
  out.personal_burden = c.to_fen(burden);
  out.fund_total = c.to_fen(fund);
  out.ytd_assistance = c.to_fen(ytd_after);
  out.cap_remaining = c.to_fen(cap_remaining);
  return c.ok;
}

}  // namespace bao_bench
