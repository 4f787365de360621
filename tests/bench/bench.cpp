// bao_bench: the interpreter against a hand-written C++ baseline on the same
// cases of tests/bench/assistance.bao.
//
//   bao_bench [--cases N] [--reps N] [--quick] [--policy PATH] [--only WHAT]
//
// 1. Generates N cases deterministically (fixed-seed PRNG, integer fen only)
//    and converts each once to bao::Inputs with the typed setters.
// 2. Verifies that for every case the interpreter (bao::Session), the
//    Decimal baseline (baseline.cpp) and the int64 baseline
//    (baseline_int64.cpp) give identical outputs, fen by fen; exits 1 on any
//    mismatch.
// 3. Times, on this one thread, R repetitions of: the interpreter evaluating
//    every case, the Decimal baseline on every case, the interpreter with
//    RunOptions.explain, and the int64 baseline. Prints the medians
//    (evaluations per second) and the ratios interpreter time / baseline time.
//
// The other benchmarks of issue 11 (the settlement policies, JSON, loading,
// threads) are in bao_bench_suite (suite.cpp); allocations in bao_bench_alloc.
//
// --only interpreter|baseline|int64|explain skips the verification and times that
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
#include "tests/bench/assist_cases.hpp"
#include "tests/bench/bench_util.hpp"

#ifndef BAO_BENCH_POLICY
#define BAO_BENCH_POLICY "tests/bench/assistance.bao"
#endif
#ifndef BAO_BENCH_BUILD_TYPE
#define BAO_BENCH_BUILD_TYPE "unknown"
#endif

namespace {

using namespace bao_bench;

// The acceptance target (docs/performance.md).
constexpr double kTargetRatio = 20.0;
constexpr double kTargetRate = 200'000.0;
// Issue 11's targets for the typed single-claim path.
constexpr double kTargetInt64 = 10.0;
constexpr double kTargetDecimal = 4.0;
constexpr double kTargetExplain = 2.0;  // recording an explanation, against a plain evaluation

// ---- the interpreter side ----

// Compares every output of every case through output_fen (what the timed loop
// reads) and, for the first `text_cases` cases, also through Result's text
// (which also carries `eligible`; with explain, Result renders the whole
// explanation, which is slow). Returns the number of mismatching cases.
size_t verify(const std::vector<Case>& cases, const std::vector<bao::Inputs>& inputs,
              bao::Session& session, const bao::RunOptions& options, size_t text_cases) {
  size_t bad = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    Outputs want, want64;
    bool base_ok = baseline(cases[i], want);
    bool base64_ok = baseline_int64(cases[i], want64);
    bool interp_ok = session.evaluate(inputs[i], options);
    std::string why;
    if (base64_ok != base_ok || (base_ok && money_of(want64) != money_of(want))) {
      why = " the int64 baseline differs from the Decimal one:";
      auto a = money_of(want), b = money_of(want64);
      for (size_t k = 0; k < o_count; ++k)
        if (a[k] != b[k])
          why += std::string(" ") + kOutputNames[k] + " Decimal " + std::to_string(a[k]) +
                 ", int64 " + std::to_string(b[k]);
    }
    if (!base_ok || !interp_ok) {
      why += std::string(" baseline ") + (base_ok ? "ok" : "failed") + ", interpreter " +
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

// One pass of the interpreter over every case; the checksum folds every money
// output so that nothing is optimised away and every rep must agree.
bool interpreter_pass(bao::Session& s, const std::vector<bao::Inputs>& inputs,
                      const bao::RunOptions& options, uint64_t& checksum) {
  uint64_t h = kChecksumStart;
  for (const bao::Inputs& in : inputs) {
    if (!s.evaluate(in, options)) return false;
    for (size_t k : kMoneyOutputs)
      h = mix(h, *s.output_fen(k));
  }
  checksum = h;
  return true;
}

template <bool (*Baseline)(const Case&, Outputs&)>
bool baseline_pass(const std::vector<Case>& cases, uint64_t& checksum) {
  uint64_t h = kChecksumStart;
  Outputs o;
  for (const Case& c : cases) {
    if (!Baseline(c, o)) return false;
    auto v = money_of(o);
    for (size_t k : kMoneyOutputs)
      h = mix(h, v[k]);
  }
  checksum = h;
  return true;
}

int usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s [--cases N] [--reps N] [--quick] [--policy PATH] [--only WHAT]\n"
               "  --cases N   cases generated (default 100000; --quick: 5000)\n"
               "  --reps N    timed repetitions of each measurement (default 7; --quick: 3)\n"
               "  --quick     small run: verification of every case and a tiny timing\n"
               "  --policy P  the policy (default %s)\n"
               "  --only WHAT interpreter, baseline, int64 or explain: no verification, that\n"
               "              loop alone (for a profiler)\n",
               argv0, BAO_BENCH_POLICY);
  return 2;
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
      if (only != "interpreter" && only != "baseline" && only != "int64" && only != "explain")
        return usage(argv[0]);
    } else {
      return usage(argv[0]);
    }
  }
  if (cases_n < 0) cases_n = quick ? 5000 : 100000;
  if (reps < 0) reps = quick ? 3 : 7;
  const size_t n = static_cast<size_t>(cases_n);

  bao::Policy policy;
  if (std::string why = load_assistance(policy_path, policy); !why.empty()) {
    std::cerr << (policy.ok() ? "bao_bench: " : "") << why;
    return 2;
  }

  // Cases, then inputs: converted once, outside every timed loop.
  const std::vector<Case> cases = generate(n, kSeed);
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
    const int r = static_cast<int>(reps);
    bool ok =
        only == "baseline"
            ? time_reps(r, t, [&](uint64_t& h) { return baseline_pass<baseline>(cases, h); })
        : only == "int64"
            ? time_reps(r, t, [&](uint64_t& h) { return baseline_pass<baseline_int64>(cases, h); })
            : time_reps(r, t, [&](uint64_t& h) {
                return interpreter_pass(session, inputs, only == "explain" ? explain : plain, h);
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
      "(and with explain)\n"
      "  verified: int64 baseline == Decimal baseline on all of them\n",
      n);

  // 2. Timing.
  Timing t_interp, t_base, t_int64, t_explain;
  int r = static_cast<int>(reps);
  bool ok = time_reps(r, t_interp,
                      [&](uint64_t& h) { return interpreter_pass(session, inputs, plain, h); });
  ok = ok && time_reps(r, t_base, [&](uint64_t& h) { return baseline_pass<baseline>(cases, h); });
  ok = ok &&
       time_reps(r, t_int64, [&](uint64_t& h) { return baseline_pass<baseline_int64>(cases, h); });
  ok = ok && time_reps(r, t_explain,
                       [&](uint64_t& h) { return interpreter_pass(session, inputs, explain, h); });
  if (!ok || t_interp.checksum != t_base.checksum || t_explain.checksum != t_base.checksum ||
      t_int64.checksum != t_base.checksum) {
    std::fprintf(stderr, "bao_bench: FAILED: a timed pass failed or its checksum differed\n");
    return 1;
  }

  const double rate = n / t_interp.median();
  const double ratio = t_interp.median() / t_base.median();
  std::printf("  medians of %d reps (%zu evaluations each):\n", r, n);
  print_row("interpreter", t_interp, n);
  print_row("baseline (hand C++)", t_base, n);
  print_row("interpreter + explain", t_explain, n);
  print_row("baseline (int64 fen)", t_int64, n);
  std::printf("  ratio interpreter / baseline (time): %.2f\n", ratio);
  std::printf("  ratio explain / interpreter (time):  %.2f\n",
              t_explain.median() / t_interp.median());
  bool met = ratio <= kTargetRatio && rate >= kTargetRate;
  std::printf("  target (ratio <= %.0f and >= %.0f evals/s): %s%s\n", kTargetRatio, kTargetRate,
              met ? "met" : "MISSED", quick ? " (quick run: indicative only)" : "");
  const double ratio64 = t_interp.median() / t_int64.median();
  std::printf("  ratio interpreter / int64 baseline (time): %.2f (issue 11 target <= %.0f: %s)\n",
              ratio64, kTargetInt64, ratio64 <= kTargetInt64 ? "met" : "MISSED");
  std::printf("  ratio interpreter / Decimal baseline (time): %.2f (issue 11 target <= %.0f: %s)\n",
              ratio, kTargetDecimal, ratio <= kTargetDecimal ? "met" : "MISSED");
  const double ratio_explain = t_explain.median() / t_interp.median();
  std::printf("  issue 11 target: explain / interpreter <= %.0f (%s)\n", kTargetExplain,
              ratio_explain <= kTargetExplain ? "met" : "MISSED");
  return 0;
}
