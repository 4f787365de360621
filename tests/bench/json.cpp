// bao_bench_json: JSON in → JSON out for one claim of a single policy
// (`Policy::evaluate_json` then `Result::to_json`), and the pieces it is made
// of, timed on this one thread (docs/performance.md, "JSON in → JSON out").
//
//   bao_bench_json [--quick] [--cases N] [--n N] [--runs R] [--only WHAT]
//
// 1. Generates N cases of tests/bench/assistance.bao deterministically, each
//    as JSON text and as typed setters; checks that every case gives the same
//    JSON out both ways (evaluate_json vs Inputs by setters + evaluate), and
//    that the Suqian inpatient case (policies/cn/js/suqian/assistance.bao
//    with inpatient_dibao.json) gives its known outputs. Exits 1 on a
//    difference. --quick stops there (CTest's bench/json_smoke).
// 2. Times, for each of the two policies: evaluate_json + to_json per call;
//    set_json alone on a reused Inputs; set_json + Session::evaluate;
//    + result(); + to_json. Prints the median of R runs of n calls each.
//
// Allocations per call are counted by a replaced operator new.
//
// --only suqian|bench times the full call on that policy alone, for a
// profiler (perf record).
//
// Run from the repository root (the policies are read by relative path).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "lang/api/bao.hpp"
#include "tests/bench/bench_util.hpp"

#ifndef BAO_BENCH_ROOT
#define BAO_BENCH_ROOT "."
#endif

// Every allocation of the process, counted: allocations per call are printed
// beside the times.
static size_t g_allocations = 0;
void* operator new(size_t n) {
  ++g_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, size_t) noexcept {
  std::free(p);
}

namespace {

const std::string kRoot = BAO_BENCH_ROOT;

using bao_bench::median_ns;
using bao_bench::SplitMix64;

const char* const kRecipients[] = {"tekun",    "orphan",    "dibao", "dibao_edge",
                                   "ill_poor", "monitored", "other"};
const char* const kVisits[] = {"outpatient", "chronic", "inpatient"};

struct Case {
  const char* recipient;
  const char* visit;
  int year, month, day;
  int64_t fen[7];  // total, in_scope, basic_paid, critical_paid, ytd ×3
};
const char* const kMoney[] = {"claim.total",         "claim.in_scope",      "claim.basic_paid",
                              "claim.critical_paid", "ytd.assistance_paid", "ytd.outpatient_paid",
                              "ytd.self_pay"};

std::string yuan(int64_t fen) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(fen / 100),
                static_cast<long long>(fen % 100));
  return buf;
}

Case gen(SplitMix64& g) {
  Case c{};
  c.recipient = kRecipients[g.below(7)];
  c.visit = kVisits[g.below(3)];
  c.year = 2023 + static_cast<int>(g.below(2));
  c.month = 1 + static_cast<int>(g.below(12));
  c.day = 1 + static_cast<int>(g.below(28));
  int64_t total = g.below(20000000);
  int64_t in_scope = g.below(total + 1);
  int64_t basic = g.below(in_scope + 1);
  c.fen[0] = total;
  c.fen[1] = in_scope;
  c.fen[2] = basic;
  c.fen[3] = g.below(in_scope - basic + 1);
  c.fen[4] = g.below(12000000);
  c.fen[5] = g.below(1200000);
  c.fen[6] = g.below(25000000);
  return c;
}

// The case as a host would write it, one key order and spacing of several.
std::string json_of(const Case& c, int style) {
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", c.year, c.month, c.day);
  const char* sp = style % 2 ? "\n  " : "";
  std::string j = "{";
  j += sp;
  j += "\"person\": {\"recipient\": \"" + std::string(c.recipient) + "\"},";
  j += sp;
  j += "\"claim\": {\"date\": \"" + std::string(date) + "\", \"visit\": \"" + c.visit + "\"";
  // Money as a string or as a bare number, both read as the text written.
  for (int i = 0; i < 4; ++i) {
    const char* quote = style % 3 == 0 ? "" : "\"";
    j.append(", \"").append(kMoney[i] + 6).append("\": ").append(quote);
    j.append(yuan(c.fen[i])).append(quote);
  }
  j += "},";
  j += sp;
  j += "\"ytd\": {";
  for (int i = 6; i >= 4; --i)
    j.append("\"")
        .append(kMoney[i] + 4)
        .append("\": \"")
        .append(yuan(c.fen[i]))
        .append(i > 4 ? "\", " : "\"");
  j += "}";
  j += style % 2 ? "\n}\n" : "}";
  return j;
}

bool set_typed(const Case& c, bao::Inputs& in) {
  bool ok = in.set_enum("person.recipient", c.recipient).ok() &&
            in.set_date("claim.date", *bao::Date::from_ymd(c.year, c.month, c.day)).ok() &&
            in.set_enum("claim.visit", c.visit).ok();
  for (int i = 0; i < 7; ++i)
    ok = ok && in.set_money(kMoney[i], c.fen[i]).ok();
  return ok;
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// JSON in → JSON out on `cases` both ways; the number of differences.
int verify(const bao::Policy& p, const std::vector<Case>& cases) {
  int bad = 0;
  bao::Inputs typed(p);
  for (size_t i = 0; i < cases.size(); ++i) {
    std::string from_json = p.evaluate_json(json_of(cases[i], static_cast<int>(i))).to_json();
    if (!set_typed(cases[i], typed)) {
      std::fprintf(stderr, "case %zu: a typed setter refused its value\n", i);
      ++bad;
      continue;
    }
    std::string from_typed = p.evaluate(typed).to_json();
    if (from_json != from_typed) {
      if (bad++ < 3)
        std::fprintf(stderr, "case %zu differs:\n%s\nJSON in → JSON out:\n%s\ntyped:\n%s\n", i,
                     json_of(cases[i], static_cast<int>(i)).c_str(), from_json.c_str(),
                     from_typed.c_str());
    }
  }
  return bad;
}

const char* kSuqianOut = R"({
  "outputs": {
    "applied": "dibao",
    "cap_room": "63640.40",
    "eligible": true,
    "paid": "15159.60",
    "remaining": "3789.90"
  },
  "policy": "cn.js.suqian.assistance"
}
)";

void time_policy(const char* label, const bao::Policy& p, const std::vector<std::string>& jsons,
                 int n, int runs) {
  size_t sink = 0;
  size_t m = jsons.size();
  double full = median_ns(n, runs, [&](int i) {
    sink += p.evaluate_json(jsons[static_cast<size_t>(i) % m]).to_json().size();
  });
  size_t before = g_allocations;
  for (size_t i = 0; i < m; ++i)
    sink += p.evaluate_json(jsons[i]).to_json().size();
  double allocations = static_cast<double>(g_allocations - before) / static_cast<double>(m);
  bao::Inputs in(p);
  bao::Session s(p);
  double set = median_ns(
      n, runs, [&](int i) { sink += in.set_json(jsons[static_cast<size_t>(i) % m]).size(); });
  double eval = median_ns(n, runs, [&](int i) {
    in.set_json(jsons[static_cast<size_t>(i) % m]);
    sink += s.evaluate(in);
  });
  double result = median_ns(n, runs, [&](int i) {
    in.set_json(jsons[static_cast<size_t>(i) % m]);
    s.evaluate(in);
    sink += s.result().ok();
  });
  double out = median_ns(n, runs, [&](int i) {
    in.set_json(jsons[static_cast<size_t>(i) % m]);
    s.evaluate(in);
    sink += s.result().to_json().size();
  });
  std::printf("%s (%zu distinct cases), ns per call, median of %d runs × %d calls:\n", label, m,
              runs, n);
  std::printf("  Policy::evaluate_json + Result::to_json       %8.0f   (%.1f allocations a call)\n",
              full, allocations);
  std::printf("  Inputs::set_json (reused Inputs)              %8.0f\n", set);
  std::printf("  + Session::evaluate (reused Session)          %8.0f\n", eval);
  std::printf("  + Session::result                             %8.0f\n", result);
  std::printf("  + Result::to_json                             %8.0f\n", out);
  std::printf("  (checksum %zu)\n", sink);
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  int ncases = 2000, n = 20000, runs = 9;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--quick")
      quick = true;
    else if (a == "--cases")
      ncases = std::atoi(next());
    else if (a == "--n")
      n = std::atoi(next());
    else if (a == "--runs")
      runs = std::atoi(next());
    else if (a == "--only")
      only = next();
    else {
      std::fprintf(stderr,
                   "usage: bao_bench_json [--quick] [--cases N] [--n N] [--runs R] "
                   "[--only suqian|bench]\n");
      return 2;
    }
  }
  bao::Policy bench = bao::Policy::from_file(kRoot + "/tests/bench/assistance.bao");
  bao::Policy suqian = bao::Policy::from_file(kRoot + "/policies/cn/js/suqian/assistance.bao");
  for (const bao::Policy* p : {&bench, &suqian}) {
    if (!p->ok()) {
      std::fputs(p->render(bao::Format::text).c_str(), stderr);
      return 2;
    }
  }
  std::string suqian_case = read_file(kRoot + "/policies/cn/js/suqian/inpatient_dibao.json");
  SplitMix64 g{42};
  std::vector<Case> cases;
  for (int i = 0; i < (quick ? std::min(ncases, 500) : ncases); ++i)
    cases.push_back(gen(g));
  std::vector<std::string> jsons;
  for (size_t i = 0; i < cases.size(); ++i)
    jsons.push_back(json_of(cases[i], static_cast<int>(i)));

  if (only == "suqian" || only == "bench") {
    size_t sink = 0;
    const bao::Policy& p = only == "suqian" ? suqian : bench;
    for (int r = 0; r < runs; ++r)
      for (int i = 0; i < n; ++i)
        sink += p.evaluate_json(only == "suqian" ? suqian_case : jsons[i % jsons.size()])
                    .to_json()
                    .size();
    std::printf("checksum %zu\n", sink);
    return 0;
  }

  int bad = verify(bench, cases);
  std::string got = suqian.evaluate_json(suqian_case).to_json();
  if (got != kSuqianOut) {
    std::fprintf(stderr, "the Suqian case gave:\n%s", got.c_str());
    ++bad;
  }
  if (bad) {
    std::fprintf(stderr, "%d differences\n", bad);
    return 1;
  }
  std::printf(
      "agreement: %zu cases of tests/bench/assistance.bao give the same JSON from JSON "
      "and from typed setters; the Suqian case gives its known outputs\n",
      cases.size());
  if (quick) return 0;
  time_policy("policies/cn/js/suqian/assistance.bao + inpatient_dibao.json", suqian, {suqian_case},
              n, runs);
  time_policy("tests/bench/assistance.bao, generated cases", bench, jsons, n, runs);
  return 0;
}
