// tests/bench/settlement.bao (one inpatient claim, three layers) by hand on
// int64 fen (fen.hpp), its generated cases, and prepare_claim (prepared.hpp):
// the inputs set by handle through the typed API. Rounds half_up where the
// policy does — every money rule and output, the money cell `threshold_now`
// included — and rounds critical_raw's difference of two banded amounts once.
// Change it together with the policy.
#include <array>
#include <memory>

#include "tests/bench/bench_util.hpp"
#include "tests/bench/fen.hpp"
#include "tests/bench/prepared.hpp"

namespace bao_bench {

namespace {

constexpr Fen Y = 100;
constexpr uint64_t kSeedClaim = 0x5E771E3E17ull;

enum class Identity : uint8_t { tekun, dibao, edge, ordinary };
enum class Level : uint8_t { primary, secondary, tertiary };
const char* const kIdentities[] = {"tekun", "dibao", "edge", "ordinary"};
const char* const kLevels[] = {"primary", "secondary", "tertiary"};

struct Case {
  Identity identity = Identity::ordinary;
  Level level = Level::primary;
  Fen total = 0, in_scope = 0;
  int64_t admissions = 0;
  Fen basic_paid = 0, critical_self = 0, critical_paid = 0, assist_self = 0, assistance_paid = 0;
};
enum { o_basic, o_critical, o_assistance, o_personal, o_fund, o_count };
const std::vector<const char*> kOutputs = {"basic", "critical", "assistance", "personal",
                                           "fund_total"};
using Out = std::array<Fen, o_count>;

// on excess: the bands measured on amount − from; exact, in fen·bp.
Wide bands(Fen amount, Fen from, Bp low, Bp high) {
  const Fen excess = pos(amount - from);
  return mul_exact(fen_min(excess, 50000 * Y), low) + mul_exact(pos(excess - 50000 * Y), high);
}

Out settle(const Case& c) {
  // 1. basic
  static constexpr Fen kThreshold[] = {300 * Y, 800 * Y, 1300 * Y};
  static constexpr Bp kRatio[] = {8000, 7800, 7500};
  const int lv = static_cast<int>(c.level);
  const Fen threshold_now = c.admissions >= 1 ? mul_round(kThreshold[lv], 5000) : kThreshold[lv];
  const Fen basic = fen_min(mul_round(pos(c.in_scope - threshold_now), kRatio[lv]),
                            pos(250000 * Y - c.basic_paid));
  const Fen basic_self = c.in_scope - basic;
  // 2. critical
  const bool tilted = c.identity == Identity::tekun || c.identity == Identity::dibao;
  const Fen t = tilted ? 16800 * Y : 33600 * Y;
  const Bp low = tilted ? 6500 : 6000, high = tilted ? 7500 : 7000;
  const Fen raw = round_bp(bands(c.critical_self + basic_self, t, low, high) -
                           bands(c.critical_self, t, low, high));
  const Fen critical = fen_min(raw, pos(400000 * Y - c.critical_paid));
  // 3. assistance
  Fen assistance = 0;
  if (c.identity != Identity::ordinary) {
    static constexpr Fen kAThreshold[] = {0, 0, 3000 * Y};
    static constexpr Bp kARatio[] = {10000, 8500, 6500};
    static constexpr Fen kACap[] = {100000 * Y, 80000 * Y, 60000 * Y};
    const int id = static_cast<int>(c.identity);
    const Fen base = pos(basic_self - critical - pos(kAThreshold[id] - c.assist_self));
    assistance = fen_min(mul_round(base, kARatio[id]), pos(kACap[id] - c.assistance_paid));
  }
  return {basic, critical, assistance, c.total - basic - critical - assistance,
          basic + critical + assistance};
}

std::vector<Case> generate(size_t n, uint64_t seed) {
  SplitMix64 g{seed};
  constexpr std::array<Fen, 5> kNudges = {-1, 0, 0, 1, 100};
  constexpr std::array<Fen, 6> kCritEdges = {16800 * Y, 33600 * Y, 66800 * Y, 83600 * Y, 0, 0};
  std::vector<Case> cases(n);
  for (size_t i = 0; i < n; ++i) {
    Case& c = cases[i];
    c.identity = static_cast<Identity>(i % 4);
    c.level = static_cast<Level>((i / 4) % 3);
    c.admissions = g.chance(2) ? 0 : g.between(1, 6);
    switch (g.below(4)) {
      case 0:  // around the threshold of this stay
        c.in_scope = pos(std::array<Fen, 6>{15000, 30000, 40000, 65000, 80000, 130000}[g.below(6)] +
                         g.pick(kNudges));
        break;
      case 1:
        c.in_scope = g.between(0, 400000 * Y);
        break;
      default:
        c.in_scope = g.between(0, 80000 * Y);
    }
    c.total = c.in_scope + (g.chance(3) ? 0 : g.between(0, 30000 * Y));
    c.basic_paid =
        g.chance(4) ? pos(250000 * Y - g.between(0, 20000 * Y)) : g.between(0, 100000 * Y);
    c.critical_self = g.chance(2)
                          ? pos(g.pick(kCritEdges) + g.pick(kNudges) - g.between(0, 2000 * Y))
                          : g.between(0, 120000 * Y);
    c.critical_paid =
        g.chance(5) ? pos(400000 * Y - g.between(0, 20000 * Y)) : g.between(0, 50000 * Y);
    c.assist_self = g.chance(3) ? pos(3000 * Y + g.pick(kNudges) - g.between(0, 3000 * Y))
                                : g.between(0, 50000 * Y);
    c.assistance_paid = g.chance(4)
                            ? pos(std::array<Fen, 3>{100000 * Y, 80000 * Y, 60000 * Y}[g.below(3)] -
                                  g.between(0, 10000 * Y))
                            : g.between(0, 30000 * Y);
  }
  return cases;
}

std::string describe(const Case& c) {
  auto m = bao::fen_to_string;
  return std::string("identity=") + kIdentities[static_cast<int>(c.identity)] +
         " level=" + kLevels[static_cast<int>(c.level)] + " total=" + m(c.total) +
         " in_scope=" + m(c.in_scope) + " admissions=" + std::to_string(c.admissions) +
         " ytd.basic_paid=" + m(c.basic_paid) + " ytd.critical_self=" + m(c.critical_self) +
         " ytd.critical_paid=" + m(c.critical_paid) + " ytd.assist_self=" + m(c.assist_self) +
         " ytd.assistance_paid=" + m(c.assistance_paid);
}

}  // namespace

std::string prepare_claim(const std::string& path, size_t n, Prepared& p) {
  p.what = "settlement";
  p.path = path;
  p.policy = bao::Policy::from_file(path);
  if (!p.policy.ok()) return p.policy.render(bao::Format::text);
  if (std::string why = bind_outputs(p, kOutputs); !why.empty()) return why;
  // The inputs by handle, resolved once.
  static const char* const kPaths[] = {"person.identity",    "claim.level",       "claim.total",
                                       "claim.in_scope",     "ytd.admissions",    "ytd.basic_paid",
                                       "ytd.critical_self",  "ytd.critical_paid", "ytd.assist_self",
                                       "ytd.assistance_paid"};
  std::array<bao::InputHandle, 10> h;
  for (size_t k = 0; k < h.size(); ++k) {
    bao::Typed<bao::InputHandle> t = p.policy.input(kPaths[k]);
    if (!t.ok()) return path + ": " + t.status.message;
    h[k] = *t.value;
  }
  auto cases = std::make_shared<std::vector<Case>>(generate(n, kSeedClaim));
  p.inputs.clear();
  p.inputs.reserve(n);
  p.expected.clear();
  for (size_t i = 0; i < n; ++i) {
    const Case& c = (*cases)[i];
    bao::Inputs& in = p.inputs.emplace_back(p.policy);
    const bao::Status st[] = {in.set_enum(h[0], kIdentities[static_cast<int>(c.identity)]),
                              in.set_enum(h[1], kLevels[static_cast<int>(c.level)]),
                              in.set_money(h[2], c.total),
                              in.set_money(h[3], c.in_scope),
                              in.set_int(h[4], c.admissions),
                              in.set_money(h[5], c.basic_paid),
                              in.set_money(h[6], c.critical_self),
                              in.set_money(h[7], c.critical_paid),
                              in.set_money(h[8], c.assist_self),
                              in.set_money(h[9], c.assistance_paid)};
    for (const bao::Status& s : st)
      if (!s.ok()) return "case " + std::to_string(i) + ": " + s.message;
    for (Fen v : settle(c))
      p.expected.push_back(v);
  }
  p.units = n;
  p.hand_pass = [cases](uint64_t& checksum) {
    uint64_t hash = kChecksumStart;
    for (const Case& c : *cases)
      for (Fen v : settle(c))
        hash = mix(hash, v);
    checksum = hash;
    return true;
  };
  p.describe = [cases](size_t i) { return describe((*cases)[i]); };
  return "";
}

}  // namespace bao_bench
