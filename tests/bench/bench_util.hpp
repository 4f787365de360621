// What every benchmark of tests/bench/ shares: a deterministic PRNG for the
// generated cases, medians of timed repetitions, a checksum that keeps the
// timed work from being optimised away, and the printed row. Header only.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace bao_bench {

// SplitMix64: fixed seed in, the same cases out on every machine.
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

inline constexpr uint64_t kChecksumStart = 0xCBF29CE484222325ull;
inline uint64_t mix(uint64_t h, int64_t v) {
  return (h ^ static_cast<uint64_t>(v)) * 0x100000001B3ull;
}

// One untimed warm-up pass, then `reps` timed ones; every pass must succeed
// and give the warm-up's checksum. `pass(uint64_t& checksum) -> bool`.
template <typename Pass>
bool time_reps(int reps, Timing& t, Pass pass) {
  uint64_t warm = 0;
  if (!pass(warm)) return false;
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

inline void print_row(const char* what, const Timing& t, size_t n) {
  std::printf("  %-24s %14.0f evals/s   %9.1f ns/eval   (median %.4f s; min %.4f s, max %.4f s)\n",
              what, n / t.median(), t.median() / n * 1e9, t.median(), t.min(), t.max());
}

// A count on the command line: 1 .. 10⁸.
inline bool parse_count(const char* s, long long& out) {
  char* end = nullptr;
  long long v = std::strtoll(s, &end, 10);
  if (!s[0] || *end || v < 1 || v > 100'000'000) return false;
  out = v;
  return true;
}

// The median over `runs` of the nanoseconds per call of f(0) .. f(n - 1).
template <class F>
double median_ns(int n, int runs, F&& f) {
  std::vector<double> per;
  for (int r = 0; r < runs; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i)
      f(i);
    auto t1 = std::chrono::steady_clock::now();
    per.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count() / n);
  }
  std::sort(per.begin(), per.end());
  return per[per.size() / 2];
}

}  // namespace bao_bench
