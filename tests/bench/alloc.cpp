// bao_bench_alloc: heap allocations per evaluation after warm-up, counted by
// a replaced global operator new/delete (in this binary only), for the flat
// assistance policy, the 3-layer settlement and the whole-year settlement,
// plain and recording an explanation (RunOptions.explain, not rendered).
// Each is first verified against its hand-written code, fen for fen.
//
//   bao_bench_alloc [--quick] [--assert-zero]
//
// Exit status: 1 on a mismatch, or with --assert-zero when any evaluation
// (plain or explained) allocates after warm-up (CTest bench/allocations passes --assert-zero);
// 2 on a usage error or a policy that does not load; 0 otherwise, with the
// counts printed.
// BAO_ALLOC_TRACE=1 prints a backtrace of every allocation it counts.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <new>
#include <string>
#include <string_view>

#include <execinfo.h>

#include "tests/bench/prepared.hpp"

#ifndef BAO_BENCH_DIR
#define BAO_BENCH_DIR "tests/bench"
#endif

namespace {
std::atomic<uint64_t> g_allocations{0};
// BAO_ALLOC_TRACE=1: print a native backtrace of each allocation counted
// (after warm-up), to find where one comes from (symbolize with addr2line).
std::atomic<bool> g_trace{false};

void trace_allocation() {
  if (!g_trace.load(std::memory_order_relaxed)) return;
  g_trace = false;  // backtrace() may allocate on its first call
  void* frames[32];
  int n = backtrace(frames, 32);
  backtrace_symbols_fd(frames, n, 2);
  std::fputs("--\n", stderr);
  g_trace = true;
}

void* counted(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  trace_allocation();
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* counted_aligned(std::size_t n, std::align_val_t a) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  const std::size_t al = static_cast<std::size_t>(a);
  if (void* p = std::aligned_alloc(al, (n + al - 1) / al * al)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t n) {
  return counted(n);
}
void* operator new[](std::size_t n) {
  return counted(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n ? n : 1);
}
void* operator new(std::size_t n, std::align_val_t a) {
  return counted_aligned(n, a);
}
void* operator new[](std::size_t n, std::align_val_t a) {
  return counted_aligned(n, a);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}

int main(int argc, char** argv) {
  bool quick = false, assert_zero = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--quick") {
      quick = true;
    } else if (a == "--assert-zero") {
      assert_zero = true;
    } else {
      std::fprintf(stderr, "usage: bao_bench_alloc [--quick] [--assert-zero]\n");
      return 2;
    }
  }
  const std::string dir = BAO_BENCH_DIR;
  std::printf(
      "bao_bench_alloc: heap allocations (operator new) per evaluation, after one "
      "warm-up pass over every case\n");
  bool any = false;
  for (int which = 0; which < 3; ++which) {
    bao_bench::Prepared p;
    const size_t n = quick ? (which == 2 ? 200 : 2000) : (which == 2 ? 2000 : 20000);
    std::string why = which == 0   ? bao_bench::prepare_assistance(dir + "/assistance.bao", n, p)
                      : which == 1 ? bao_bench::prepare_claim(dir + "/settlement.bao", n, p)
                                   : bao_bench::prepare_year(dir + "/year/settlement.bao", n, p);
    if (!why.empty()) {
      std::cerr << "bao_bench_alloc: " << why << "\n";
      return 2;
    }
    bao::Session s(p.policy);
    if (size_t bad = bao_bench::verify(p, s, 0)) {
      std::fprintf(stderr, "bao_bench_alloc %s: FAILED: %zu of %zu cases differ\n", p.what.c_str(),
                   bad, n);
      return 1;
    }
    // Plain, then recording an explanation (not rendering it): each after
    // its own warm-up pass; neither may allocate.
    for (bool explain : {false, true}) {
      bao::RunOptions options;
      options.explain = explain;
      uint64_t sum = 0;
      if (!bao_bench::interpreter_pass(p, s, sum, options)) return 1;  // warm-up
      const uint64_t before = g_allocations.load();
      g_trace = std::getenv("BAO_ALLOC_TRACE") != nullptr;
      if (!bao_bench::interpreter_pass(p, s, sum, options)) return 1;
      g_trace = false;
      const uint64_t count = g_allocations.load() - before;
      any |= count != 0;
      std::string what = p.what + (explain ? " +explain" : "");
      std::printf(
          "  %-20s %7zu evaluations (%zu claims, verified): %10llu allocations, %.2f per "
          "evaluation, %.2f per claim\n",
          what.c_str(), n, p.units, static_cast<unsigned long long>(count),
          static_cast<double>(count) / n, static_cast<double>(count) / p.units);
    }
  }
  std::printf("  issue 11 target: zero allocations per evaluation: %s\n", any ? "MISSED" : "met");
  if (assert_zero && any) {
    std::fprintf(stderr, "bao_bench_alloc: FAILED: evaluations allocate after warm-up\n");
    return 1;
  }
  return 0;
}
