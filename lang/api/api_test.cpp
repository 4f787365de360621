#include <doctest/doctest.h>

#include <thread>

#include "lang/api/bao.hpp"

namespace {

const char* kPolicy = R"(policy t.assist "测试"
  rounding half_up
  as of claim.date
enum Recipient { tekun "特困人员" dibao "低保对象" other "其他" }
record Claim { date: date, in_scope: money, paid: money }
input who: Recipient
input claim: Claim
param cap: money
  from 2024-01-01 until 2024-12-31 = 1000 yuan
  from 2025-01-01 = 2000 yuan
table terms by who {
  columns ratio: rate
  tekun: 100%
  dibao: 62.5%
  other: ineligible
}
rule base: money = max(claim.in_scope - claim.paid, 0 yuan)
output pay "救助": money = if terms.eligible then min(base * terms.ratio, cap) else 0 yuan
output share: money = base / 3
)";

bao::Inputs case_for(const bao::Policy& p, const char* who, int64_t in_scope_fen, bao::Date d) {
  bao::Inputs in(p);
  CHECK(in.set_enum("who", who).ok());
  CHECK(in.set_date("claim.date", d).ok());
  CHECK(in.set_money("claim.in_scope", in_scope_fen).ok());
  CHECK(in.set_money("claim.paid", 0).ok());
  return in;
}

}  // namespace

TEST_CASE("a policy evaluates with typed inputs; rounding happens once per rule") {
  auto p = bao::Policy::from_string("t.bao", kPolicy);
  REQUIRE(p.ok());
  bao::Session s(p);
  // 1000.01 × 62.5% = 625.00625 → 625.01 (half_up at the fen, once)
  auto in = case_for(p, "dibao", 100001, *bao::Date::parse("2025-03-01"));
  REQUIRE(s.evaluate(in));
  CHECK(s.output_fen(0) == 62501);
  // 1000.01 / 3 = 333.336666… → 333.34
  CHECK(s.output_fen(1) == 33334);
  // An ineligible recipient gets nothing rather than an error.
  auto other = case_for(p, "other", 100001, *bao::Date::parse("2025-03-01"));
  REQUIRE(s.evaluate(other));
  CHECK(s.output_fen(0) == 0);
}

TEST_CASE("dated params follow the as-of date, bound or passed") {
  auto p = bao::Policy::from_string("t.bao", kPolicy);
  REQUIRE(p.ok());
  auto in = case_for(p, "tekun", 500000, *bao::Date::parse("2024-06-30"));
  CHECK(p.evaluate(in).output("pay") == "1000.00");
  bao::RunOptions later;
  later.as_of = bao::Date::parse("2025-01-01");
  CHECK(p.evaluate(in, later).output("pay") == "2000.00");
}

TEST_CASE("explanation changes nothing in the outputs") {
  auto p = bao::Policy::from_string("t.bao", kPolicy);
  auto in = case_for(p, "dibao", 123456, *bao::Date::parse("2025-03-01"));
  bao::RunOptions explain;
  explain.explain = true;
  bao::Result plain = p.evaluate(in), traced = p.evaluate(in, explain);
  CHECK(plain.outputs() == traced.outputs());
  CHECK(plain.explanation_text().empty());
  CHECK(traced.explanation_text().find("row dibao of table terms") != std::string::npos);
  CHECK(traced.explanation_text().find("in force from 2025-01-01") != std::string::npos);
}

TEST_CASE("an unset field is an error naming it, never a silent zero") {
  auto p = bao::Policy::from_string("t.bao", kPolicy);
  bao::Inputs in(p);
  in.set_enum("who", "dibao");
  in.set_date("claim.date", *bao::Date::parse("2025-03-01"));
  in.set_money("claim.in_scope", 100);
  bao::Result r = p.evaluate(in);
  REQUIRE(!r.ok());
  CHECK(r.error()->code == "E0801");
  CHECK(r.error()->message.find("$.claim.paid") != std::string::npos);
  CHECK(!in.set_money("claim.nope", 1).ok());
  CHECK(!in.set_money("claim.paid", -100).ok());  // as E0808 in JSON
  CHECK(!in.set_enum("who", "dibaoo").ok());
  CHECK(!in.set_money("who", 1).ok());
}

TEST_CASE("JSON inputs: exact amounts, and errors with JSON paths") {
  auto p = bao::Policy::from_string("t.bao", kPolicy);
  auto ok = p.evaluate_json(
      R"({"who": "dibao", "claim": {"date": "2025-02-01", "in_scope": 1000.01, "paid": "0"}})");
  REQUIRE(ok.ok());
  CHECK(ok.output("pay") == "625.01");
  auto bad = p.evaluate_json(
      R"({"who": "dibao", "claim": {"date": "2025-02-30", "in_scope": 10.001, "paid": -1}})");
  REQUIRE(!bad.ok());
  CHECK(bad.error()->message.find("$.claim.date") != std::string::npos);
  CHECK(bad.error()->notes.size() == 2);  // the precision and the negative amount too
}

TEST_CASE("one policy, many threads, same answers") {
  auto p = bao::Policy::from_string("t.bao", kPolicy);
  REQUIRE(p.ok());
  std::vector<int64_t> expected;
  bao::Session s(p);
  for (int64_t k = 0; k < 200; ++k) {
    auto in =
        case_for(p, k % 2 ? "dibao" : "tekun", 1000 + k * 7919, *bao::Date::parse("2025-05-05"));
    s.evaluate(in);
    expected.push_back(*s.output_fen(0));
  }
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      bao::Session mine(p);
      for (int64_t k = 0; k < 200; ++k) {
        bao::Inputs in(p);
        in.set_enum("who", k % 2 ? "dibao" : "tekun");
        in.set_date("claim.date", *bao::Date::parse("2025-05-05"));
        in.set_money("claim.in_scope", 1000 + k * 7919);
        in.set_money("claim.paid", 0);
        mine.evaluate(in);
        if (mine.output_fen(0) != expected[k]) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads)
    th.join();
  for (int m : mismatches)
    CHECK(m == 0);
}

TEST_CASE("evaluation faults are values with a location and the rule path") {
  auto p = bao::Policy::from_string("t.bao", R"(policy t.div
record C { a: money, n: int }
input c: C
rule per: money = c.a / c.n
output out: money = per
)");
  REQUIRE(p.ok());
  auto r = p.evaluate_json(R"({"c": {"a": "10.00", "n": 0}})");
  REQUIRE(!r.ok());
  CHECK(r.error()->code == "E0902");
  CHECK(r.render_error(bao::Format::text).find("t.bao:4:19: error[E0902]") != std::string::npos);
  CHECK(r.render_error(bao::Format::text).find("while computing `per`") != std::string::npos);
}

TEST_CASE("a policy that did not load answers with errors, never a crash or an exception") {
  auto p = bao::Policy::from_string("broken.bao", "policy (((");
  REQUIRE(!p.ok());
  bao::Inputs in(p);
  CHECK(!in.set_money("claim.in_scope", 100).ok());
  CHECK(!in.set_enum("who", "dibao").ok());
  CHECK(!in.set_json("{}").empty());
  bao::Result r = p.evaluate_json("{}");
  REQUIRE(!r.ok());
  CHECK(r.error()->message.find("cannot be evaluated") != std::string::npos);
  // A policy that parses but does not check: inputs can be set, evaluation says no.
  auto q = bao::Policy::from_string("bad.bao", "policy a.b\noutput o: money = nope\n");
  REQUIRE(!q.ok());
  CHECK(!q.evaluate(bao::Inputs(q)).ok());
  CHECK(q.run_tests().empty());
}

TEST_CASE("a policy that does not load answers with an error code, even after a warning") {
  // W0505 (a warning) comes first in the file, E0108 (an error) after it.
  auto p = bao::Policy::from_string("w.bao", R"(policy t.w "w"
  effective 2024-01-01
  as of d
input d: date
param cap: money
  from 2024-07-01 = 1 yuan
output o: money = nosuch(cap)
)");
  REQUIRE_FALSE(p.ok());
  REQUIRE(p.diagnostics().front().severity == bao::Severity::warning);
  bao::Result r = p.evaluate_json(R"({"d": "2024-08-01"})");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error()->severity == bao::Severity::error);
}
