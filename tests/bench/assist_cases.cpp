// The assistance cases: see assist_cases.hpp.
#include "tests/bench/assist_cases.hpp"

#include <algorithm>
#include <memory>
#include <optional>

#include "tests/bench/bench_util.hpp"
#include "tests/bench/prepared.hpp"

namespace bao_bench {

namespace {

constexpr int64_t Y = 100;  // fen per yuan

// Every threshold, band edge and cap of the policy, in fen.
constexpr std::array<int64_t, 5> kThresholds = {0, 3000 * Y, 5000 * Y, 842775, 896833};
constexpr std::array<int64_t, 2> kBandEdges = {50000 * Y, 100000 * Y};
constexpr std::array<int64_t, 5> kCaps = {200000 * Y, 100000 * Y, 80000 * Y, 60000 * Y, 10000 * Y};
constexpr std::array<int64_t, 5> kNudges = {-1, 0, 0, 1, 100};  // fen around an edge

int64_t annual_cap_of(Recipient r) {
  switch (r) {
    case Recipient::tekun:
    case Recipient::orphan:
      return 200000 * Y;
    case Recipient::dibao:
      return 100000 * Y;
    case Recipient::dibao_edge:
      return 80000 * Y;
    default:
      return 60000 * Y;
  }
}

int64_t nonneg(int64_t v) {
  return v < 0 ? 0 : v;
}

// The year's self-pay before this claim: zero, anywhere, or just around a
// threshold or a band edge.
int64_t gen_ytd_self_pay(SplitMix64& g) {
  switch (g.below(5)) {
    case 0:
      return 0;
    case 1:
      return g.between(0, 200000 * Y);
    case 2:
      return nonneg(g.pick(kThresholds) + g.pick(kNudges));
    case 3:
      return nonneg(g.pick(kBandEdges) + g.pick(kNudges));
    default:
      return g.between(0, 20000 * Y);
  }
}

// This claim's in-scope self-pay: small, large, or such that the year's total
// lands on a threshold or a band edge.
int64_t gen_self_pay(SplitMix64& g, int64_t ytd_self) {
  switch (g.below(6)) {
    case 0:
      return 0;
    case 1:
      return g.between(1, 5000 * Y);
    case 2:
      return g.between(0, 150000 * Y);
    case 3:
      return nonneg(g.pick(kThresholds) - ytd_self + g.pick(kNudges));
    case 4:
      return nonneg(g.pick(kBandEdges) - ytd_self + g.pick(kNudges));
    default:
      return g.between(0, 30000 * Y);
  }
}

// Assistance already paid this year: none, anywhere, or just around a cap.
int64_t gen_ytd_assistance(SplitMix64& g, Recipient r) {
  switch (g.below(5)) {
    case 0:
      return 0;
    case 1:
      return g.between(0, 220000 * Y);
    case 2:
      return nonneg(annual_cap_of(r) - g.between(0, 5000 * Y));
    case 3:
      return nonneg(g.pick(kCaps) + g.pick(kNudges));
    default:
      return g.between(0, 20000 * Y);
  }
}

bao::Date gen_date(SplitMix64& g) {
  static const int32_t first = bao::Date::from_ymd(2023, 1, 1)->days();
  static const int32_t last = bao::Date::from_ymd(2025, 12, 31)->days();
  static const int32_t edge = bao::Date::from_ymd(2024, 1, 1)->days();
  if (g.chance(8)) return bao::Date::from_days(edge - 1 + static_cast<int32_t>(g.below(2)));
  return bao::Date::from_days(static_cast<int32_t>(g.between(first, last)));
}

}  // namespace

std::vector<Case> generate(size_t n, uint64_t seed) {
  SplitMix64 g{seed};
  std::vector<Case> cases(n);
  for (size_t i = 0; i < n; ++i) {
    Case& c = cases[i];
    // Every (recipient, visit) pair once in each run of 21 cases.
    c.recipient = static_cast<Recipient>(i % kRecipients);
    c.visit = static_cast<Visit>((i / kRecipients) % kVisits);
    c.date = gen_date(g);
    c.ytd_self_pay = gen_ytd_self_pay(g);
    const int64_t self_pay = gen_self_pay(g, c.ytd_self_pay);
    c.basic_paid = g.chance(10) ? 0 : g.between(0, 200000 * Y);
    c.critical_paid = g.chance(2) ? 0 : g.between(0, 80000 * Y);
    c.in_scope = c.basic_paid + c.critical_paid + self_pay;
    // Now and then the funds paid more than the in-scope cost: self-pay is zero.
    if (g.chance(16)) c.in_scope = g.between(0, c.basic_paid + c.critical_paid);
    c.total = c.in_scope + (g.chance(3) ? 0 : g.between(0, 20000 * Y));
    c.ytd_assistance_paid = gen_ytd_assistance(g, c.recipient);
    switch (g.below(4)) {
      case 0:
        c.ytd_outpatient_paid = 0;
        break;
      case 1:  // around the outpatient sub-cap
        c.ytd_outpatient_paid = nonneg(10000 * Y + g.pick(kNudges) - g.between(0, 1000 * Y));
        break;
      default:
        c.ytd_outpatient_paid = g.between(0, std::min<int64_t>(c.ytd_assistance_paid, 12000 * Y));
    }
  }
  return cases;
}

std::string to_inputs(const Case& c, bao::Inputs& in) {
  std::string err;
  auto keep = [&err](const bao::Status& s) {
    if (err.empty() && !s.ok()) err = s.message;
  };
  keep(in.set_enum("person.recipient", recipient_name(c.recipient)));
  keep(in.set_date("claim.date", c.date));
  keep(in.set_enum("claim.visit", visit_name(c.visit)));
  keep(in.set_money("claim.total", c.total));
  keep(in.set_money("claim.in_scope", c.in_scope));
  keep(in.set_money("claim.basic_paid", c.basic_paid));
  keep(in.set_money("claim.critical_paid", c.critical_paid));
  keep(in.set_money("ytd.assistance_paid", c.ytd_assistance_paid));
  keep(in.set_money("ytd.outpatient_paid", c.ytd_outpatient_paid));
  keep(in.set_money("ytd.self_pay", c.ytd_self_pay));
  return err;
}

std::array<int64_t, o_count> money_of(const Outputs& o) {
  return {o.eligible,   o.assistance,     o.personal_burden,
          o.fund_total, o.ytd_assistance, o.cap_remaining};
}

std::string describe(const Case& c) {
  auto m = bao::fen_to_string;
  return std::string("recipient=") + recipient_name(c.recipient) + " visit=" + visit_name(c.visit) +
         " date=" + c.date.to_string() + " total=" + m(c.total) + " in_scope=" + m(c.in_scope) +
         " basic_paid=" + m(c.basic_paid) + " critical_paid=" + m(c.critical_paid) +
         " ytd.assistance_paid=" + m(c.ytd_assistance_paid) +
         " ytd.outpatient_paid=" + m(c.ytd_outpatient_paid) + " ytd.self_pay=" + m(c.ytd_self_pay);
}

std::string to_json(const Case& c) {
  auto m = [](int64_t fen) { return "\"" + bao::fen_to_string(fen) + "\""; };
  return std::string(R"({"person": {"recipient": ")") + recipient_name(c.recipient) +
         R"("}, "claim": {"date": ")" + c.date.to_string() + R"(", "visit": ")" +
         visit_name(c.visit) + R"(", "total": )" + m(c.total) + R"(, "in_scope": )" +
         m(c.in_scope) + R"(, "basic_paid": )" + m(c.basic_paid) + R"(, "critical_paid": )" +
         m(c.critical_paid) + R"(}, "ytd": {"assistance_paid": )" + m(c.ytd_assistance_paid) +
         R"(, "outpatient_paid": )" + m(c.ytd_outpatient_paid) + R"(, "self_pay": )" +
         m(c.ytd_self_pay) + "}}";
}

std::string load_assistance(const std::string& path, bao::Policy& policy) {
  policy = bao::Policy::from_file(path);
  if (!policy.ok()) return policy.render(bao::Format::text);
  std::vector<std::string> names = policy.output_names();
  if (names.size() == o_count &&
      std::equal(names.begin(), names.end(), kOutputNames.begin(), kOutputNames.end()))
    return "";
  std::string why = path + " does not declare the outputs the baseline computes, in this order:";
  for (const char* name : kOutputNames)
    why += std::string(" ") + name;
  return why + "\n";
}

std::string prepare_assistance(const std::string& path, size_t n, Prepared& p) {
  p.what = "assistance";
  p.path = path;
  if (std::string why = load_assistance(path, p.policy); !why.empty()) return why;
  std::vector<const char*> names;
  for (size_t k : kMoneyOutputs)
    names.push_back(kOutputNames[k]);
  if (std::string why = bind_outputs(p, names); !why.empty()) return why;
  auto cases = std::make_shared<std::vector<Case>>(generate(n, kSeed));
  p.inputs.clear();
  p.inputs.reserve(n);
  p.expected.clear();
  for (size_t i = 0; i < n; ++i) {
    p.inputs.emplace_back(p.policy);
    if (std::string err = to_inputs((*cases)[i], p.inputs.back()); !err.empty())
      return "case " + std::to_string(i) + ": " + err;
    Outputs o;
    if (!baseline_int64((*cases)[i], o)) return "case " + std::to_string(i) + ": baseline failed";
    auto v = money_of(o);
    for (size_t k : kMoneyOutputs)
      p.expected.push_back(v[k]);
  }
  p.units = n;
  p.hand_pass = [cases](uint64_t& checksum) {
    uint64_t h = kChecksumStart;
    Outputs o;
    for (const Case& c : *cases) {
      if (!baseline_int64(c, o)) return false;
      auto v = money_of(o);
      for (size_t k : kMoneyOutputs)
        h = mix(h, v[k]);
    }
    checksum = h;
    return true;
  };
  p.check_result = [cases](size_t i, const bao::Result& r) -> std::string {
    Outputs o;
    baseline_int64((*cases)[i], o);
    std::string want = o.eligible ? "true" : "false";
    std::optional<std::string> got = r.output("eligible");
    return got == want ? "" : " eligible: interpreter " + got.value_or("(none)") + ", hand " + want;
  };
  p.describe = [cases](size_t i) { return describe((*cases)[i]); };
  return "";
}

}  // namespace bao_bench
