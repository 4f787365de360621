// bao_bench_suite: the benchmarks of issue 11 beyond bao_bench (which keeps
// the assistance policy against its Decimal and int64 baselines). Each one
// first proves the interpreter and the hand-written int64 code agree on
// every output of every case, fen for fen (exit 1 on any mismatch), then
// times both in this process and prints medians and ratios.
//
//   bao_bench_suite settlement [--cases N] [--reps N] [--quick]
//       tests/bench/settlement.bao, one claim through three layers, typed
//       inputs by handle, Session::evaluate + output_fen(handle)
//   bao_bench_suite year [--persons N] [--reps N] [--quick] [--only interpreter|explain]
//       tests/bench/year/settlement.bao: four layers through policy calls and
//       `scan`, a generated population of persons with 1–12 claims; ns/claim;
//       also with RunOptions.explain (recorded, not rendered, as in bao_bench)
//   bao_bench_suite json [--cases N] [--reps N] [--quick]
//       assistance.bao per claim: JSON in → JSON out
//   bao_bench_suite load [--reps N] [--quick]
//       Policy::from_file of each bench policy, median of N loads
//   bao_bench_suite threads [--cases N] [--reps N] [--quick]
//       evaluations/s with 1 and 2 threads sharing one Policy
//   bao_bench_suite all [--quick]
//
// Exit status: 0 when everything agreed, 1 on a mismatch or an evaluation
// error, 2 on a usage error or a policy that does not load. Targets are
// printed, never enforced (timings vary between machines).
#include <cstdio>
#include <ctime>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>

#include "tests/bench/assist_cases.hpp"
#include "tests/bench/bench_util.hpp"
#include "tests/bench/prepared.hpp"

#ifndef BAO_BENCH_DIR
#define BAO_BENCH_DIR "tests/bench"
#endif

namespace {

using namespace bao_bench;

const std::string kDir = BAO_BENCH_DIR;

struct Args {
  long long cases = -1, persons = -1, reps = -1;
  bool quick = false;
  std::string only;  // year: "interpreter" or "explain", that loop alone
  size_t n(size_t full, size_t small) const {
    return cases > 0 ? static_cast<size_t>(cases) : quick ? small : full;
  }
  int r() const { return reps > 0 ? static_cast<int>(reps) : quick ? 3 : 7; }
};

const char* verdict(bool met) {
  return met ? "met" : "MISSED";
}

struct Measured {
  double ratio = 0;        // interpreter / hand-written, time
  double ns_per_unit = 0;  // interpreter, per claim
};

// Proves agreement on every case (and the full Result of the first `full`),
// then times the interpreter and the hand-written code. With `explain`, also
// proves and times evaluations that record an explanation (RunOptions.explain;
// the timed loop records it but does not render it, as bao_bench). Returns the
// exit status.
int compare(const Prepared& p, const Args& a, size_t full, Measured& m, bool explain = false) {
  bao::Session s(p.policy);
  const size_t n = p.inputs.size();
  bao::RunOptions explained;
  explained.explain = true;
  size_t bad = verify(p, s, full);
  // Explained: every output of every case; the full Result (rendering the
  // explanation) of the first 200.
  size_t bad_explain = explain ? verify(p, s, std::min<size_t>(full, 200), explained) : 0;
  if (bad || bad_explain) {
    std::fprintf(stderr, "bao_bench_suite %s: FAILED: %zu of %zu cases differ (%zu with explain)\n",
                 p.what.c_str(), bad, n, bad_explain);
    return 1;
  }
  std::printf(
      "  verified: interpreter == hand-written int64 on all %zu cases, %zu outputs each, "
      "fen by fen%s\n",
      n, p.outputs.size(), explain ? " (and with explain)" : "");
  Timing ti, th, te;
  bool ok = time_reps(a.r(), ti, [&](uint64_t& h) { return interpreter_pass(p, s, h); });
  ok = ok && time_reps(a.r(), th, p.hand_pass);
  if (explain)
    ok = ok &&
         time_reps(a.r(), te, [&](uint64_t& h) { return interpreter_pass(p, s, h, explained); });
  if (!ok || ti.checksum != th.checksum || (explain && te.checksum != th.checksum)) {
    std::fprintf(stderr, "bao_bench_suite: FAILED: a timed pass failed or its checksum differed\n");
    return 1;
  }
  std::printf("  medians of %d reps (%zu evaluations each):\n", a.r(), n);
  print_row("interpreter", ti, n);
  print_row("hand-written (int64 fen)", th, n);
  if (explain) print_row("interpreter + explain", te, n);
  if (p.units != n)
    std::printf("  per claim (%zu claims): interpreter %.1f ns, hand-written %.1f ns\n", p.units,
                ti.median() / p.units * 1e9, th.median() / p.units * 1e9);
  m.ratio = ti.median() / th.median();
  m.ns_per_unit = ti.median() / p.units * 1e9;
  std::printf("  ratio interpreter / hand-written int64 (time): %.2f\n", m.ratio);
  if (explain) {
    double r = te.median() / ti.median();
    std::printf("  ratio explain / interpreter (time):  %.2f\n", r);
    std::printf("  issue 11 target: explain / interpreter <= 2 (%s)\n", verdict(r <= 2));
  }
  return 0;
}

int run_settlement(const Args& a) {
  Prepared p;
  const size_t n = a.n(100000, 5000);
  if (std::string why = prepare_claim(kDir + "/settlement.bao", n, p); !why.empty()) {
    std::cerr << "bao_bench_suite settlement: " << why << "\n";
    return 2;
  }
  std::printf("settlement: %s, %zu cases, one thread\n", p.path.c_str(), n);
  Measured m;
  int rc = compare(p, a, 0, m);
  if (rc == 0)
    std::printf("  issue 11 target: interpreter / int64 <= 10 (%s)\n", verdict(m.ratio <= 10));
  return rc;
}

int run_year(const Args& a) {
  Prepared p;
  const size_t n = a.persons > 0 ? static_cast<size_t>(a.persons) : a.quick ? 300 : 20000;
  if (std::string why = prepare_year(kDir + "/year/settlement.bao", n, p); !why.empty()) {
    std::cerr << "bao_bench_suite year: " << why << "\n";
    return 2;
  }
  std::printf("year: %s, %zu persons, %zu claims, one thread\n", p.path.c_str(), n, p.units);
  if (!a.only.empty()) {  // for a profiler: no verification, that loop alone
    bao::Session s(p.policy);
    bao::RunOptions options;
    options.explain = a.only == "explain";
    Timing t;
    if (!time_reps(a.r(), t, [&](uint64_t& h) { return interpreter_pass(p, s, h, options); }))
      return 1;
    std::printf("  not verified (--only); medians of %d reps:\n", a.r());
    print_row(a.only.c_str(), t, n);
    return 0;
  }
  Measured m;
  int rc = compare(p, a, n, m, true);  // every person's list of claims checked too
  if (rc != 0) return rc;
  std::printf("  issue 11 targets: <= 1.5 us per claim (%s), <= 15x hand-written (%s)\n",
              verdict(m.ns_per_unit <= 1500), verdict(m.ratio <= 15));
  return 0;
}

int run_json(const Args& a) {
  Prepared p;
  const size_t n = a.n(20000, 2000);
  if (std::string why = prepare_assistance(kDir + "/assistance.bao", n, p); !why.empty()) {
    std::cerr << "bao_bench_suite json: " << why << "\n";
    return 2;
  }
  const std::vector<Case> cases = generate(n, kSeed);
  std::vector<std::string> json(n);
  for (size_t i = 0; i < n; ++i)
    json[i] = to_json(cases[i]);
  std::printf("json: %s, %zu cases, one thread\n", p.path.c_str(), n);
  // Agreement: the JSON path's outputs against the hand-written code.
  size_t bad = 0;
  const size_t k = p.outputs.size();
  for (size_t i = 0; i < n; ++i) {
    bao::Result r = p.policy.evaluate_json(json[i]);
    std::string why = r.ok() ? "" : " " + r.render_error(bao::Format::text);
    for (size_t j = 0; why.empty() && j < k; ++j) {
      bao::Typed<int64_t> got = r.output_fen(kOutputNames[kMoneyOutputs[j]]);
      if (!got.ok() || *got.value != p.expected[i * k + j])
        why = std::string(" ") + kOutputNames[kMoneyOutputs[j]] + " differs";
    }
    if (why.empty() && r.to_json().find("\"outputs\"") == std::string::npos) why = " no outputs";
    if (!why.empty() && ++bad <= 10)
      std::cerr << "MISMATCH json case " << i << " [" << describe(cases[i]) << "]:" << why << "\n";
  }
  if (bad) {
    std::fprintf(stderr, "bao_bench_suite json: FAILED: %zu of %zu cases differ\n", bad, n);
    return 1;
  }
  std::printf("  verified: evaluate_json == hand-written int64 on all %zu cases, fen by fen\n", n);
  auto fold = [](uint64_t h, const std::string& s) {
    return mix(h, static_cast<int64_t>(s.size()));
  };
  Timing t_policy, t_session;
  bool ok = time_reps(a.r(), t_policy, [&](uint64_t& h) {
    h = kChecksumStart;
    for (const std::string& j : json)
      h = fold(h, p.policy.evaluate_json(j).to_json());
    return true;
  });
  bao::Inputs in(p.policy);
  bao::Session s(p.policy);
  ok = ok && time_reps(a.r(), t_session, [&](uint64_t& h) {
         h = kChecksumStart;
         for (const std::string& j : json) {
           if (!in.set_json(j).empty() || !s.evaluate(in)) return false;
           h = fold(h, s.result().to_json());
         }
         return true;
       });
  if (!ok || t_policy.checksum != t_session.checksum) {
    std::fprintf(stderr, "bao_bench_suite json: FAILED: a timed pass failed or differed\n");
    return 1;
  }
  std::printf("  medians of %d reps (%zu claims each):\n", a.r(), n);
  print_row("Policy::evaluate_json", t_policy, n);
  std::printf("    (+ Result::to_json per claim)\n");
  print_row("set_json+Session+to_json", t_session, n);
  std::printf("  issue 11 target: JSON in -> JSON out <= 2 us per claim (%s)\n",
              verdict(t_policy.median() / n <= 2e-6));
  return 0;
}

int run_load(const Args& a) {
  const int loads = a.reps > 0 ? static_cast<int>(a.reps) : a.quick ? 5 : 31;
  std::printf("load: Policy::from_file, median of %d loads each\n", loads);
  for (const char* file : {"year/settlement.bao", "settlement.bao", "assistance.bao"}) {
    const std::string path = kDir + "/" + file;
    Timing t;
    bool ok = time_reps(loads, t, [&](uint64_t& h) {
      bao::Policy policy = bao::Policy::from_file(path);
      h = policy.ok() ? policy.output_names().size() : 0;
      return policy.ok();
    });
    if (!ok) {
      std::cerr << "bao_bench_suite load: " << path << " does not load\n";
      return 2;
    }
    std::printf("  %-22s %9.1f us   (median; min %.1f us, max %.1f us)\n", file, t.median() * 1e6,
                t.min() * 1e6, t.max() * 1e6);
  }
  return 0;
}

// Every thread evaluates every case with its own Session; wall time. Each
// thread also reads its own CPU time: when the 2-thread pass takes more CPU
// per evaluation than the 1-thread one, the threads contend (shared cache
// lines, the allocator); when only the wall time grows, a neighbour took the
// second core.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

bool threaded_pass(const Prepared& p, int threads, uint64_t& checksum, Timing& cpu) {
  std::vector<uint64_t> sums(threads);
  std::vector<char> oks(threads, 0);
  std::vector<double> cpus(threads, 0);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      bao::Session s(p.policy);
      const double c0 = thread_cpu_seconds();
      oks[t] = interpreter_pass(p, s, sums[t]);
      cpus[t] = thread_cpu_seconds() - c0;
    });
  for (std::thread& th : pool)
    th.join();
  for (int t = 0; t < threads; ++t) {
    if (!oks[t] || sums[t] != sums[0]) return false;
    cpu.seconds.push_back(cpus[t]);
  }
  checksum = sums[0];
  return true;
}

int run_threads(const Args& a) {
  std::printf(
      "threads: one Policy shared, one Session per thread, each thread evaluates every "
      "case (hardware threads: %u)\n",
      std::thread::hardware_concurrency());
  for (int which = 0; which < 3; ++which) {
    Prepared p;
    const size_t n = which == 2 ? a.n(5000, 200) : a.n(50000, 2000);
    std::string why = which == 0   ? prepare_assistance(kDir + "/assistance.bao", n, p)
                      : which == 1 ? prepare_claim(kDir + "/settlement.bao", n, p)
                                   : prepare_year(kDir + "/year/settlement.bao", n, p);
    if (!why.empty()) {
      std::cerr << "bao_bench_suite threads: " << why << "\n";
      return 2;
    }
    bao::Session s(p.policy);
    if (size_t bad = verify(p, s, 0)) {
      std::fprintf(stderr, "bao_bench_suite threads: FAILED: %zu cases differ\n", bad);
      return 1;
    }
    Timing t1, t2, cpu1, cpu2;
    bool ok = time_reps(a.r(), t1, [&](uint64_t& h) { return threaded_pass(p, 1, h, cpu1); });
    ok = ok && time_reps(a.r(), t2, [&](uint64_t& h) { return threaded_pass(p, 2, h, cpu2); });
    if (!ok || t1.checksum != t2.checksum) {
      std::fprintf(stderr, "bao_bench_suite threads: FAILED: a pass failed or differed\n");
      return 1;
    }
    const double r1 = n / t1.median(), r2 = 2 * n / t2.median();
    std::printf(
        "  %-10s verified on %zu cases; 1 thread %10.0f evals/s, 2 threads %10.0f "
        "evals/s, speed-up %.2f (issue 11 target >= 1.8: %s)\n",
        p.what.c_str(), n, r1, r2, r2 / r1, verdict(r2 / r1 >= 1.8));
    std::printf("  %-10s CPU time per evaluation and thread: 1 thread %.0f ns, 2 threads %.0f ns\n",
                "", cpu1.median() / n * 1e9, cpu2.median() / n * 1e9);
  }
  return 0;
}

int usage() {
  std::fprintf(stderr,
               "usage: bao_bench_suite settlement|year|json|load|threads|all [--cases N] "
               "[--persons N] [--reps N] [--quick]\n"
               "  year --only interpreter|explain: that loop alone, not verified (for a "
               "profiler)\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string_view what = argv[1];
  Args a;
  for (int i = 2; i < argc; ++i) {
    std::string_view s = argv[i];
    bool has_value = i + 1 < argc;
    if (s == "--quick")
      a.quick = true;
    else if (s == "--cases" && has_value && parse_count(argv[i + 1], a.cases))
      ++i;
    else if (s == "--persons" && has_value && parse_count(argv[i + 1], a.persons))
      ++i;
    else if (s == "--reps" && has_value && parse_count(argv[i + 1], a.reps))
      ++i;
    else if (s == "--only" && has_value && what == "year" &&
             (std::string_view(argv[i + 1]) == "interpreter" ||
              std::string_view(argv[i + 1]) == "explain"))
      a.only = argv[++i];
    else
      return usage();
  }
  if (what == "settlement") return run_settlement(a);
  if (what == "year") return run_year(a);
  if (what == "json") return run_json(a);
  if (what == "load") return run_load(a);
  if (what == "threads") return run_threads(a);
  if (what == "all") {
    for (auto run : {run_settlement, run_year, run_json, run_load, run_threads})
      if (int rc = run(a)) return rc;
    return 0;
  }
  return usage();
}
