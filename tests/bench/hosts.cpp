// The Suqian inpatient case through the C++ API, per claim, as the C, Python
// and Java benchmarks measure it through their bindings (docs/performance.md,
// "Hosts"): (a) typed setters by handle + Session::evaluate + three money
// outputs read as fen; (b) set_json + evaluate + Result::to_json.
//
//   build/tests/bench/bao_bench_hosts [N] [RUNS]   (from the repository root)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "lang/api/bao.hpp"
#include "tests/bench/bench_util.hpp"

namespace {

const char* kCase = R"({"identities": ["dibao"],
  "claim": {"date": "2024-06-18", "visit": "inpatient", "in_scope": "52000.00",
            "basic_paid": "31200.00", "critical_paid": "1850.50"},
  "ytd": {"self_pay": "15000.00", "paid": "12000.00", "outpatient_paid": "800.00"}})";

}  // namespace

int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 20000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 9;
  bao::Policy p = bao::Policy::from_file("policies/cn/js/suqian/assistance.bao");
  if (!p.ok()) {
    std::fputs(p.render(bao::Format::text).c_str(), stderr);
    return 1;
  }
  const char* paths[] = {"claim.date",       "claim.visit",         "claim.in_scope",
                         "claim.basic_paid", "claim.critical_paid", "ytd.self_pay",
                         "ytd.paid",         "ytd.outpatient_paid"};
  std::vector<bao::InputHandle> h;
  for (const char* path : paths)
    h.push_back(*p.input(path).value);
  std::vector<bao::OutputHandle> out;
  for (const char* name : {"paid", "remaining", "cap_room"})
    out.push_back(*p.output(name).value);
  bao::Inputs in(p);
  in.set_json(kCase);  // the list input `identities`; the rest is set by handle below
  bao::Session s(p);
  int64_t sum = 0;
  bool failed = false;
  double typed = bao_bench::median_ns(n, runs, [&](int i) {
    bool ok =
        in.set_date(h[0], *bao::Date::from_ymd(2024, 6, 18)).ok() &&
        in.set_enum(h[1], "inpatient").ok() && in.set_money(h[2], 5200000 + i % 100).ok() &&
        in.set_money(h[3], int64_t{3120000}).ok() && in.set_money(h[4], int64_t{185050}).ok() &&
        in.set_money(h[5], int64_t{1500000}).ok() && in.set_money(h[6], int64_t{1200000}).ok() &&
        in.set_money(h[7], int64_t{80000}).ok() && s.evaluate(in);
    failed |= !ok;
    for (const bao::OutputHandle& o : out)
      sum += s.output_fen(o).value.value_or(0);
  });
  double json = bao_bench::median_ns(n / 4, runs, [&](int) {
    failed |= !in.set_json(kCase).empty() || !s.evaluate(in);
    sum += static_cast<int64_t>(s.result().to_json().size());
  });
  if (failed) {
    std::fputs("an evaluation failed\n", stderr);
    return 1;
  }
  std::printf("(a) typed setters by handle + evaluate + 3 fen outputs: %.0f ns/claim (median)\n",
              typed);
  std::printf("(b) set_json + evaluate + result JSON:                  %.0f ns/claim (median)\n",
              json);
  std::printf("checksum %lld\n", static_cast<long long>(sum));
  return 0;
}
