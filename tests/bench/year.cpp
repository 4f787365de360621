// The whole-year benchmark's half by hand: tests/bench/year/settlement.bao
// (four layers, each a policy of its own, over a person's claims sorted by
// date) settled on int64 fen (fen.hpp), a deterministic population of
// persons with 1–12 claims each, and prepare_year (prepared.hpp): one
// bao::Inputs per person, built once from JSON (the typed API has no setter
// for a list input). The check compares the five yearly totals by handle
// and, in the full Result, every claim's five amounts and its date.
// Rounds half_up where the layers do: every money rule and output (and the
// callee's money arguments, already whole fen); the banded difference of
// the critical layer once. Change it together with the policies.
#include <array>
#include <memory>

#include "tests/bench/bench_util.hpp"
#include "tests/bench/fen.hpp"
#include "tests/bench/prepared.hpp"

namespace bao_bench {

namespace {

constexpr Fen Y = 100;
constexpr uint64_t kSeedYear = 0x7EA25E771Eull;
constexpr size_t kMaxClaims = 12;

enum class Identity : uint8_t { tekun, dibao, edge, ordinary };
enum class Visit : uint8_t { outpatient, inpatient };
enum class Level : uint8_t { primary, secondary, tertiary };
const char* const kIdentities[] = {"tekun", "dibao", "edge", "ordinary"};
const char* const kVisits[] = {"outpatient", "inpatient"};
const char* const kLevels[] = {"primary", "secondary", "tertiary"};

struct Claim {
  bao::Date date;
  Visit visit = Visit::outpatient;
  Level level = Level::primary;
  Fen total = 0, in_scope = 0;
};
struct Person {
  Identity identity = Identity::ordinary;
  Fen income_per_head = 0;
  size_t n = 0;
  std::array<Claim, kMaxClaims> claims;  // in the order given, not by date
};

// What one claim settled, in date order.
enum { c_basic, c_critical, c_assistance, c_charity, c_personal, c_count };
const char* const kClaimFields[] = {"basic", "critical", "assistance", "charity", "personal"};
struct Settled {
  bao::Date date;
  std::array<Fen, c_count> v;
};
const std::vector<const char*> kOutputs = {"total_basic", "total_critical", "total_assistance",
                                           "total_charity", "total_personal"};

Wide bands(Fen amount, Fen from, Bp low, Bp high) {  // critical's on-excess bands
  const Fen excess = pos(amount - from);
  return mul_exact(fen_min(excess, 50000 * Y), low) + mul_exact(pos(excess - 50000 * Y), high);
}

// The year: `out` gets one Settled per claim, by date (stably, like scan);
// returns the five totals.
std::array<Fen, c_count> settle_year(const Person& p, std::array<Settled, kMaxClaims>& out) {
  std::array<uint8_t, kMaxClaims> order;
  for (size_t i = 0; i < p.n; ++i) {  // stable insertion sort by date
    size_t j = i;
    while (j > 0 && p.claims[order[j - 1]].date > p.claims[i].date) {
      order[j] = order[j - 1];
      --j;
    }
    order[j] = static_cast<uint8_t>(i);
  }
  static constexpr Fen kThreshold[] = {300 * Y, 800 * Y, 1300 * Y};
  static constexpr Bp kRatio[] = {8000, 7800, 7500};
  static constexpr Fen kAThreshold[] = {0, 0, 3000 * Y};
  static constexpr Bp kARatio[] = {10000, 8500, 6500};
  static constexpr Fen kACap[] = {100000 * Y, 80000 * Y, 60000 * Y};
  const int id = static_cast<int>(p.identity);
  const bool tilted = p.identity == Identity::tekun || p.identity == Identity::dibao;
  const Fen crit_t = tilted ? 16800 * Y : 33600 * Y;
  const Bp low = tilted ? 6500 : 6000, high = tilted ? 7500 : 7000;
  const bool charity_ok = p.identity != Identity::ordinary || p.income_per_head < 15000 * Y;

  int64_t admissions = 0;
  Fen out_in_scope = 0, ytd_basic = 0, ytd_cs = 0, ytd_crit = 0, ytd_as = 0, ytd_assist = 0,
      ytd_assist_out = 0, ytd_charity = 0;
  std::array<Fen, c_count> totals{};
  for (size_t i = 0; i < p.n; ++i) {
    const Claim& c = p.claims[order[i]];
    const bool inpatient = c.visit == Visit::inpatient;
    const int lv = static_cast<int>(c.level);
    // 1. basic
    const Fen thr = inpatient ? (admissions >= 1 ? mul_round(kThreshold[lv], 5000) : kThreshold[lv])
                              : pos(500 * Y - out_in_scope);
    const Bp ratio = inpatient ? kRatio[lv] : 5000;
    const Fen basic = fen_min(mul_round(pos(c.in_scope - thr), ratio), pos(250000 * Y - ytd_basic));
    const Fen self = c.in_scope - basic;
    // 2. critical
    const Fen raw =
        round_bp(bands(ytd_cs + self, crit_t, low, high) - bands(ytd_cs, crit_t, low, high));
    const Fen crit = fen_min(raw, pos(400000 * Y - ytd_crit));
    const Fen rem = self - crit;
    // 3. assistance
    Fen assist = 0;
    if (p.identity != Identity::ordinary) {
      const Fen base = pos(rem - pos(kAThreshold[id] - ytd_as));
      const Fen annual = pos(kACap[id] - ytd_assist);
      const Fen room = inpatient ? annual : fen_min(annual, pos(5000 * Y - ytd_assist_out));
      assist = fen_min(mul_round(base, kARatio[id]), room);
    }
    const Fen rem2 = rem - assist;
    // 4. charity
    const Fen charity =
        charity_ok ? fen_min(mul_round(pos(rem2 - 500 * Y), 5000), pos(5000 * Y - ytd_charity)) : 0;
    const Fen personal = rem2 - charity + (c.total - c.in_scope);
    // the state after this claim
    admissions += inpatient;
    if (!inpatient) out_in_scope += c.in_scope, ytd_assist_out += assist;
    ytd_basic += basic, ytd_cs += self, ytd_crit += crit, ytd_as += rem, ytd_assist += assist;
    ytd_charity += charity;
    out[i] = {c.date, {basic, crit, assist, charity, personal}};
    for (int k = 0; k < c_count; ++k)
      totals[k] += out[i].v[k];
  }
  return totals;
}

std::vector<Person> generate(size_t n, uint64_t seed) {
  SplitMix64 g{seed};
  const int32_t first = bao::Date::from_ymd(2025, 1, 1)->days();
  std::vector<Person> people(n);
  for (size_t i = 0; i < n; ++i) {
    Person& p = people[i];
    p.identity = static_cast<Identity>(i % 4);
    p.income_per_head = g.chance(8)   ? 15000 * Y + g.between(-1, 1)
                        : g.chance(3) ? g.between(3000 * Y, 15000 * Y)
                                      : g.between(15000 * Y, 80000 * Y);
    p.n = static_cast<size_t>(g.between(1, static_cast<int64_t>(kMaxClaims)));
    for (size_t k = 0; k < p.n; ++k) {
      Claim& c = p.claims[k];
      c.date = k > 0 && g.chance(6)
                   ? p.claims[k - 1].date
                   : bao::Date::from_days(first + static_cast<int32_t>(g.below(365)));
      c.visit = g.chance(3) ? Visit::inpatient : Visit::outpatient;
      c.level = static_cast<Level>(g.below(3));
      if (c.visit == Visit::inpatient)
        c.in_scope = g.chance(10) ? g.between(0, 400000 * Y) : g.between(0, 120000 * Y);
      else
        c.in_scope = g.chance(5) ? g.between(0, 500 * Y) : g.between(0, 8000 * Y);
      c.total = c.in_scope + (g.chance(3) ? 0 : g.between(0, c.in_scope / 5 + 1));
    }
  }
  return people;
}

std::string to_json(const Person& p) {
  auto m = [](Fen f) { return "\"" + bao::fen_to_string(f) + "\""; };
  std::string s = std::string(R"({"person": {"identity": ")") +
                  kIdentities[static_cast<int>(p.identity)] + R"(", "income_per_head": )" +
                  m(p.income_per_head) + R"(}, "claims": [)";
  for (size_t k = 0; k < p.n; ++k) {
    const Claim& c = p.claims[k];
    s += std::string(k ? ", " : "") + R"({"date": ")" + c.date.to_string() + R"(", "visit": ")" +
         kVisits[static_cast<int>(c.visit)] + R"(", "level": ")" +
         kLevels[static_cast<int>(c.level)] + R"(", "total": )" + m(c.total) + R"(, "in_scope": )" +
         m(c.in_scope) + "}";
  }
  return s + "]}";
}

// Every claim of the Result's `year` against the hand-written year.
std::string check_year(const Person& p, const bao::Result& r) {
  std::array<Settled, kMaxClaims> want;
  settle_year(p, want);
  bao::Typed<bao::OutputValue> year = r.output_value("year");
  if (!year.ok()) return " year: " + year.status.message;
  const std::vector<bao::OutputValue>& items = year.value->items;
  if (items.size() != p.n)
    return " year: " + std::to_string(items.size()) + " claims, want " + std::to_string(p.n);
  std::string why;
  for (size_t i = 0; i < p.n; ++i) {
    const bao::OutputValue* d = items[i].field("date");
    if (!d || d->date != want[i].date) why += " claim " + std::to_string(i) + ": date differs";
    for (int k = 0; k < c_count; ++k) {
      const bao::OutputValue* f = items[i].field(kClaimFields[k]);
      if (!f || f->integer != want[i].v[k])
        why += " claim " + std::to_string(i) + " " + kClaimFields[k] + ": interpreter " +
               (f ? bao::fen_to_string(f->integer) : "(none)") + ", hand-written " +
               bao::fen_to_string(want[i].v[k]);
    }
  }
  return why;
}

}  // namespace

std::string prepare_year(const std::string& path, size_t persons, Prepared& p) {
  p.what = "year";
  p.path = path;
  p.policy = bao::Policy::from_file(path);
  if (!p.policy.ok()) return p.policy.render(bao::Format::text);
  if (std::string why = bind_outputs(p, kOutputs); !why.empty()) return why;
  auto people = std::make_shared<std::vector<Person>>(generate(persons, kSeedYear));
  p.inputs.clear();
  p.inputs.reserve(persons);
  p.expected.clear();
  p.units = 0;
  std::array<Settled, kMaxClaims> scratch;
  for (size_t i = 0; i < persons; ++i) {
    const Person& person = (*people)[i];
    bao::Inputs& in = p.inputs.emplace_back(p.policy);
    std::vector<bao::Diagnostic> errs = in.set_json(to_json(person));
    if (!errs.empty()) return "person " + std::to_string(i) + ": " + errs[0].message;
    for (Fen v : settle_year(person, scratch))
      p.expected.push_back(v);
    p.units += person.n;
  }
  p.hand_pass = [people](uint64_t& checksum) {
    uint64_t h = kChecksumStart;
    std::array<Settled, kMaxClaims> out;
    for (const Person& person : *people)
      for (Fen v : settle_year(person, out))
        h = mix(h, v);
    checksum = h;
    return true;
  };
  p.check_result = [people](size_t i, const bao::Result& r) { return check_year((*people)[i], r); };
  p.describe = [people](size_t i) { return to_json((*people)[i]); };
  return "";
}

}  // namespace bao_bench
