// bao_bench: the interpreter against a hand-written C++ baseline on the same
// cases of tests/bench/assistance.bao.
//
//   bao_bench [--cases N] [--reps N] [--quick] [--policy PATH] [--only WHAT]
//
// 1. Generates N cases deterministically (fixed-seed PRNG, integer fen only)
//    and converts each once to bao::Inputs with the typed setters.
// 2. Verifies that for every case the interpreter (bao::Session) and the
//    baseline give identical outputs, fen by fen; exits 1 on any mismatch.
// 3. Times, on this one thread, R repetitions of: the interpreter evaluating
//    every case, the baseline on every case, and the interpreter with
//    RunOptions.explain. Prints the medians (evaluations per second) and the
//    ratio interpreter time / baseline time.
//
// --only interpreter|baseline|explain skips the verification and times that
// loop alone, for a profiler (valgrind --tool=callgrind, perf record).
//
// Exit status: 0 when everything agreed, 1 on a mismatch or an evaluation
// error, 2 on a usage error or a policy that does not load. Missing the
// performance target is reported, not an error (timings vary between machines).
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/api/bao.hpp"
#include "tests/bench/baseline.hpp"

#ifndef BAO_BENCH_POLICY
#define BAO_BENCH_POLICY "tests/bench/assistance.bao"
#endif
#ifndef BAO_BENCH_BUILD_TYPE
#define BAO_BENCH_BUILD_TYPE "unknown"
#endif

namespace {

using bao_bench::Case;
using bao_bench::Outputs;
using bao_bench::Recipient;
using bao_bench::Visit;

// The acceptance target (docs/performance.md).
constexpr double kTargetRatio = 20.0;
constexpr double kTargetRate = 200'000.0;

// ---- deterministic case generation ----

struct SplitMix64 {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int64_t below(int64_t n) { return static_cast<int64_t>(next() % static_cast<uint64_t>(n)); }
  int64_t between(int64_t lo, int64_t hi) { return lo + below(hi - lo + 1); }  // inclusive
  bool chance(int in) { return below(in) == 0; }                               // 1 in `in`
  template <typename T, size_t N>
  T pick(const std::array<T, N>& xs) {
    return xs[static_cast<size_t>(below(N))];
  }
};

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

std::vector<Case> generate(size_t n, uint64_t seed) {
  SplitMix64 g{seed};
  std::vector<Case> cases(n);
  for (size_t i = 0; i < n; ++i) {
    Case& c = cases[i];
    // Every (recipient, visit) pair once in each run of 21 cases.
    c.recipient = static_cast<Recipient>(i % bao_bench::kRecipients);
    c.visit = static_cast<Visit>((i / bao_bench::kRecipients) % bao_bench::kVisits);
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

// ---- the interpreter side ----

enum OutputIndex : size_t { o_eligible, o_assistance, o_burden, o_fund, o_ytd, o_cap, o_count };
constexpr std::array<const char*, o_count> kOutputNames = {
    "eligible", "assistance", "personal_burden", "fund_total", "ytd_assistance", "cap_remaining"};
constexpr std::array<size_t, 5> kMoneyOutputs = {o_assistance, o_burden, o_fund, o_ytd, o_cap};

std::string to_inputs(const Case& c, bao::Inputs& in) {
  std::string err;
  auto keep = [&err](const bao::Status& s) {
    if (err.empty() && !s.ok()) err = s.message;
  };
  keep(in.set_enum("person.recipient", bao_bench::recipient_name(c.recipient)));
  keep(in.set_date("claim.date", c.date));
  keep(in.set_enum("claim.visit", bao_bench::visit_name(c.visit)));
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
  return std::string("recipient=") + bao_bench::recipient_name(c.recipient) +
         " visit=" + bao_bench::visit_name(c.visit) + " date=" + c.date.to_string() +
         " total=" + m(c.total) + " in_scope=" + m(c.in_scope) + " basic_paid=" + m(c.basic_paid) +
         " critical_paid=" + m(c.critical_paid) +
         " ytd.assistance_paid=" + m(c.ytd_assistance_paid) +
         " ytd.outpatient_paid=" + m(c.ytd_outpatient_paid) + " ytd.self_pay=" + m(c.ytd_self_pay);
}

// Compares every output of every case through output_fen (what the timed loop
// reads) and, for the first `text_cases` cases, also through Result's text
// (which also carries `eligible`; with explain, Result renders the whole
// explanation, which is slow). Returns the number of mismatching cases.
size_t verify(const std::vector<Case>& cases, const std::vector<bao::Inputs>& inputs,
              bao::Session& session, const bao::RunOptions& options, size_t text_cases) {
  size_t bad = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    Outputs want;
    bool base_ok = bao_bench::baseline(cases[i], want);
    bool interp_ok = session.evaluate(inputs[i], options);
    std::string why;
    if (!base_ok || !interp_ok) {
      why = std::string("baseline ") + (base_ok ? "ok" : "failed") + ", interpreter " +
            (interp_ok ? "ok" : "failed");
      if (!interp_ok) why += ": " + session.result().render_error(bao::Format::text);
    } else {
      auto wanted = money_of(want);
      for (size_t k : kMoneyOutputs) {
        std::optional<int64_t> got = session.output_fen(k);
        if (got != wanted[k])
          why += std::string(" ") + kOutputNames[k] + ": interpreter " +
                 (got ? bao::fen_to_string(*got) : "(none)") + ", baseline " +
                 bao::fen_to_string(wanted[k]);
      }
      if (i < text_cases) {
        bao::Result r = session.result();
        for (size_t k = 0; k < o_count; ++k) {
          std::string want_text =
              k == o_eligible ? (want.eligible ? "true" : "false") : bao::fen_to_string(wanted[k]);
          std::optional<std::string> got = r.output(kOutputNames[k]);
          if (got != want_text)
            why += std::string(" ") + kOutputNames[k] + " (text): interpreter " +
                   got.value_or("(none)") + ", baseline " + want_text;
        }
      }
    }
    if (!why.empty()) {
      if (++bad <= 10)
        std::cerr << "MISMATCH case " << i << " [" << describe(cases[i]) << "]:" << why << "\n";
    }
  }
  return bad;
}

// ---- timing ----

using Clock = std::chrono::steady_clock;

struct Timing {
  std::vector<double> seconds;  // one per repetition
  uint64_t checksum = 0;
  double median() const {
    std::vector<double> s = seconds;
    std::sort(s.begin(), s.end());
    size_t n = s.size();
    return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
  double min() const { return *std::min_element(seconds.begin(), seconds.end()); }
  double max() const { return *std::max_element(seconds.begin(), seconds.end()); }
};

uint64_t mix(uint64_t h, int64_t v) {
  return (h ^ static_cast<uint64_t>(v)) * 0x100000001B3ull;
}

// One pass of the interpreter over every case; the checksum folds every money
// output so that nothing is optimised away and every rep must agree.
bool interpreter_pass(bao::Session& s, const std::vector<bao::Inputs>& inputs,
                      const bao::RunOptions& options, uint64_t& checksum) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (const bao::Inputs& in : inputs) {
    if (!s.evaluate(in, options)) return false;
    for (size_t k : kMoneyOutputs)
      h = mix(h, *s.output_fen(k));
  }
  checksum = h;
  return true;
}

bool baseline_pass(const std::vector<Case>& cases, uint64_t& checksum) {
  uint64_t h = 0xCBF29CE484222325ull;
  Outputs o;
  for (const Case& c : cases) {
    if (!bao_bench::baseline(c, o)) return false;
    auto v = money_of(o);
    for (size_t k : kMoneyOutputs)
      h = mix(h, v[k]);
  }
  checksum = h;
  return true;
}

template <typename Pass>
bool time_reps(int reps, Timing& t, Pass pass) {
  uint64_t warm = 0;
  if (!pass(warm)) return false;  // warm-up, untimed
  for (int r = 0; r < reps; ++r) {
    uint64_t sum = 0;
    auto t0 = Clock::now();
    bool ok = pass(sum);
    auto t1 = Clock::now();
    if (!ok || sum != warm) return false;
    t.seconds.push_back(std::chrono::duration<double>(t1 - t0).count());
  }
  t.checksum = warm;
  return true;
}

void print_row(const char* what, const Timing& t, size_t n) {
  std::printf("  %-24s %14.0f evals/s   %9.1f ns/eval   (median %.4f s; min %.4f s, max %.4f s)\n",
              what, n / t.median(), t.median() / n * 1e9, t.median(), t.min(), t.max());
}

int usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s [--cases N] [--reps N] [--quick] [--policy PATH] [--only WHAT]\n"
               "  --cases N   cases generated (default 100000; --quick: 5000)\n"
               "  --reps N    timed repetitions of each measurement (default 7; --quick: 3)\n"
               "  --quick     small run: verification of every case and a tiny timing\n"
               "  --policy P  the policy (default %s)\n"
               "  --only WHAT interpreter, baseline or explain: no verification, that loop\n"
               "              alone (for a profiler)\n",
               argv0, BAO_BENCH_POLICY);
  return 2;
}

bool parse_count(const char* s, long long& out) {
  char* end = nullptr;
  long long v = std::strtoll(s, &end, 10);
  if (!s[0] || *end || v < 1 || v > 100'000'000) return false;
  out = v;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  long long cases_n = -1, reps = -1;
  bool quick = false;
  std::string policy_path = BAO_BENCH_POLICY;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    bool has_value = i + 1 < argc;
    if (a == "--quick") {
      quick = true;
    } else if (a == "--cases" && has_value) {
      if (!parse_count(argv[++i], cases_n)) return usage(argv[0]);
    } else if (a == "--reps" && has_value) {
      if (!parse_count(argv[++i], reps)) return usage(argv[0]);
    } else if (a == "--policy" && has_value) {
      policy_path = argv[++i];
    } else if (a == "--only" && has_value) {
      only = argv[++i];
      if (only != "interpreter" && only != "baseline" && only != "explain") return usage(argv[0]);
    } else {
      return usage(argv[0]);
    }
  }
  if (cases_n < 0) cases_n = quick ? 5000 : 100000;
  if (reps < 0) reps = quick ? 3 : 7;
  const size_t n = static_cast<size_t>(cases_n);

  bao::Policy policy = bao::Policy::from_file(policy_path);
  if (!policy.ok()) {
    std::cerr << policy.render(bao::Format::text);
    return 2;
  }
  std::vector<std::string> names = policy.output_names();
  if (names.size() != o_count ||
      !std::equal(names.begin(), names.end(), kOutputNames.begin(), kOutputNames.end())) {
    std::cerr << "bao_bench: " << policy_path
              << " does not declare the outputs the baseline computes, in this order:";
    for (const char* name : kOutputNames)
      std::cerr << " " << name;
    std::cerr << "\n";
    return 2;
  }

  // Cases, then inputs: converted once, outside every timed loop.
  const std::vector<Case> cases = generate(n, 0xBA0BE4C4ull);
  std::vector<bao::Inputs> inputs;
  inputs.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    inputs.emplace_back(policy);
    std::string err = to_inputs(cases[i], inputs.back());
    if (!err.empty()) {
      std::cerr << "bao_bench: case " << i << ": " << err << "\n";
      return 2;
    }
  }

  bao::Session session(policy);
  bao::RunOptions plain, explain;
  explain.explain = true;

  std::printf("bao_bench: %s, %zu cases, %lld timed reps, one thread\n", policy_path.c_str(), n,
              reps);
#if defined(__clang__)
  const char* compiler = "Clang";
#elif defined(__GNUC__)
  const char* compiler = "GCC";
#else
  const char* compiler = "C++";
#endif
  std::printf("  build: %s, compiler %s %s\n", BAO_BENCH_BUILD_TYPE, compiler, __VERSION__);

  if (!only.empty()) {
    Timing t;
    bool ok = only == "baseline" ? time_reps(static_cast<int>(reps), t,
                                             [&](uint64_t& h) { return baseline_pass(cases, h); })
                                 : time_reps(static_cast<int>(reps), t, [&](uint64_t& h) {
                                     return interpreter_pass(
                                         session, inputs, only == "explain" ? explain : plain, h);
                                   });
    if (!ok) return 1;
    std::printf("  not verified (--only); medians of %lld reps:\n", reps);
    print_row(only.c_str(), t, n);
    return 0;
  }

  // 1. Verification: identical outputs on every case, plain and explained.
  size_t bad = verify(cases, inputs, session, plain, n);
  size_t bad_explain = verify(cases, inputs, session, explain, std::min<size_t>(n, 200));
  if (bad || bad_explain) {
    std::fprintf(stderr, "bao_bench: FAILED: %zu of %zu cases differ (%zu with explain)\n", bad, n,
                 bad_explain);
    return 1;
  }
  std::printf(
      "  verified: interpreter == baseline on all %zu cases, every output, fen by fen "
      "(and with explain)\n",
      n);

  // 2. Timing.
  Timing t_interp, t_base, t_explain;
  int r = static_cast<int>(reps);
  bool ok = time_reps(r, t_interp,
                      [&](uint64_t& h) { return interpreter_pass(session, inputs, plain, h); });
  ok = ok && time_reps(r, t_base, [&](uint64_t& h) { return baseline_pass(cases, h); });
  ok = ok && time_reps(r, t_explain,
                       [&](uint64_t& h) { return interpreter_pass(session, inputs, explain, h); });
  if (!ok || t_interp.checksum != t_base.checksum || t_explain.checksum != t_base.checksum) {
    std::fprintf(stderr, "bao_bench: FAILED: a timed pass failed or its checksum differed\n");
    return 1;
  }

  const double rate = n / t_interp.median();
  const double ratio = t_interp.median() / t_base.median();
  std::printf("  medians of %d reps (%zu evaluations each):\n", r, n);
  print_row("interpreter", t_interp, n);
  print_row("baseline (hand C++)", t_base, n);
  print_row("interpreter + explain", t_explain, n);
  std::printf("  ratio interpreter / baseline (time): %.2f\n", ratio);
  std::printf("  ratio explain / interpreter (time):  %.2f\n",
              t_explain.median() / t_interp.median());
  bool met = ratio <= kTargetRatio && rate >= kTargetRate;
  std::printf("  target (ratio <= %.0f and >= %.0f evals/s): %s%s\n", kTargetRatio, kTargetRate,
              met ? "met" : "MISSED", quick ? " (quick run: indicative only)" : "");
  return 0;
}
