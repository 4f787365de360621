// Every public method of bao.hpp in every state a host can put it in: before
// and after evaluate, after a failed setter, moved from, default-constructed,
// with another policy's Inputs. Each answer is an error or a right amount —
// never a crash, undefined behaviour (this file runs under ASan, UBSan and
// TSan in CI) or a silent wrong amount.
#include <doctest/doctest.h>
#include <pthread.h>

#include <climits>
#include <string>

#include "lang/api/bao.hpp"

namespace {

const char* kPolicy = R"(policy t.misuse "误用"
  rounding half_up
enum Recipient { tekun "特困人员" dibao "低保对象" }
record Claim { date: date, in_scope: money, visits: int, extra: money?, note: text }
input who: Recipient
input claim: Claim
input bonus: money?
table terms by who {
  columns ratio: rate
  tekun: 100%
  dibao: 60%
}
output pay: money = claim.in_scope * terms.ratio + or_else(claim.extra, 0 yuan) + or_else(bonus, 0 yuan)
output visits: int = claim.visits
)";

bao::Policy load() {
  auto p = bao::Policy::from_string("m.bao", kPolicy);
  REQUIRE(p.ok());
  return p;
}

// A complete, valid case: dibao, 1000.00 in scope → 600.00.
void fill(bao::Inputs& in) {
  CHECK(in.set_enum("who", "dibao").ok());
  CHECK(in.set_date("claim.date", *bao::Date::parse("2025-03-01")).ok());
  CHECK(in.set_money("claim.in_scope", 100000).ok());
  CHECK(in.set_int("claim.visits", 2).ok());
  CHECK(in.set_text("claim.note", "住院").ok());
}

bool refused(const bao::Result& r, std::string_view code, std::string_view path) {
  return !r.ok() && r.error()->code == code && r.error()->message.find(path) != std::string::npos;
}

}  // namespace

TEST_CASE("a valid case pays, and optional inputs never set are none") {
  auto p = load();
  bao::Inputs in(p);
  fill(in);
  bao::Result r = p.evaluate(in);
  REQUIRE(r.ok());
  CHECK(r.output("pay") == "600.00");
}

TEST_CASE("a failed setter leaves its path unset: evaluation refuses it (E0801)") {
  auto p = load();
  bao::Session s(p);
  SUBCASE("an unknown variant, never the enum's first one") {
    bao::Inputs in(p);
    fill(in);
    CHECK_FALSE(in.set_enum("who", "DIBAO").ok());
    CHECK_FALSE(s.evaluate(in));
    CHECK(refused(s.result(), "E0801", "$.who"));
    CHECK(s.result().error()->message.find("DIBAO") != std::string::npos);
    CHECK(s.output_fen(0) == std::nullopt);
    // Set again: the refusal is gone.
    CHECK(in.set_enum("who", "tekun").ok());
    REQUIRE(s.evaluate(in));
    CHECK(s.output_fen(0) == 100000);
  }
  SUBCASE("a wrong kind on a field that held a value: not the old value, not zero") {
    bao::Inputs in(p);
    fill(in);
    CHECK_FALSE(in.set_money("claim.visits", 5).ok());    // money on an int
    CHECK_FALSE(in.set_int("claim.in_scope", 500).ok());  // int on a money
    CHECK_FALSE(s.evaluate(in));
    CHECK(refused(s.result(), "E0801", "$.claim.visits"));
    CHECK(in.set_int("claim.visits", 3).ok());
    CHECK_FALSE(s.evaluate(in));
    CHECK(refused(s.result(), "E0801", "$.claim.in_scope"));
  }
  SUBCASE("a negative amount on a field that held one") {
    bao::Inputs in(p);
    fill(in);
    CHECK_FALSE(in.set_money("claim.in_scope", -1).ok());
    CHECK(refused(p.evaluate(in), "E0801", "$.claim.in_scope"));
  }
  SUBCASE("a failed setter on an optional input is not `none`") {
    bao::Inputs in(p);
    fill(in);
    CHECK_FALSE(in.set_int("bonus", 5).ok());
    CHECK(refused(p.evaluate(in), "E0801", "$.bonus"));
    CHECK(in.set_money("bonus", 100).ok());
    CHECK(p.evaluate(in).output("pay") == "601.00");
  }
  SUBCASE("an unknown path changes nothing") {
    bao::Inputs in(p);
    fill(in);
    CHECK_FALSE(in.set_money("claim.nope", 1).ok());
    CHECK_FALSE(in.set_money("nope", 1).ok());
    CHECK_FALSE(in.set_money("who.x", 1).ok());
    CHECK(p.evaluate(in).output("pay") == "600.00");
  }
}

TEST_CASE("a scalar setter on a record input is refused, and evaluation is an error") {
  auto p = load();
  bao::Inputs in(p);
  fill(in);
  CHECK_FALSE(in.set_int("claim", 5).ok());
  CHECK(refused(p.evaluate(in), "E0801", "$.claim"));
  bao::Inputs fresh(p);
  CHECK(fresh.set_enum("who", "dibao").ok());
  CHECK_FALSE(fresh.set_int("claim", 5).ok());
  CHECK(refused(p.evaluate(fresh), "E0801", "$.claim"));
}

TEST_CASE("required inputs never set are E0801 naming them") {
  auto p = load();
  bao::Inputs in(p);
  CHECK(refused(p.evaluate(in), "E0801", "$.who"));
  CHECK(in.set_enum("who", "dibao").ok());
  CHECK(refused(p.evaluate(in), "E0801", "$.claim"));
  CHECK(in.set_money("claim.in_scope", 1).ok());
  CHECK(refused(p.evaluate(in), "E0801", "$.claim.date"));
}

TEST_CASE("dates and texts a JSON case could not hold are refused by the setters") {
  auto p = load();
  bao::Inputs in(p);
  fill(in);
  for (int32_t days : {INT32_MAX, INT32_MIN, bao::Date::kMaxDays + 1, bao::Date::kMinDays - 1}) {
    std::string err = in.set_date("claim.date", bao::Date::from_days(days)).message;
    CHECK(err.find("0001-01-01 to 9999-12-31") != std::string::npos);
    CHECK(refused(p.evaluate(in), "E0801", "$.claim.date"));
  }
  CHECK(in.set_date("claim.date", bao::Date::from_days(bao::Date::kMaxDays)).ok());
  CHECK(p.evaluate(in).ok());
  CHECK(in.set_text("claim.note", std::string("a\0b", 3)).message.find("NUL") != std::string::npos);
  CHECK(refused(p.evaluate(in), "E0801", "$.claim.note"));
  CHECK(in.set_text("claim.note", "\xff\xfe").message.find("UTF-8") != std::string::npos);
  CHECK(in.set_enum("who", "dib\xc0\x80").message.find("UTF-8") != std::string::npos);
  CHECK(in.set_text("claim.note", "ok").ok());
  CHECK(in.set_enum("who", "tekun").ok());
  CHECK(p.evaluate(in).output("pay") == "1000.00");
}

TEST_CASE("Inputs built for another policy are refused (E0850)") {
  auto p = load();
  auto q = bao::Policy::from_string("q.bao", R"(policy t.other
input who: int
input claim: int
output pay: money = 1 yuan
)");
  REQUIRE(q.ok());
  bao::Inputs theirs(q);
  CHECK(theirs.set_int("who", 1).ok());
  CHECK(theirs.set_int("claim", 123456).ok());
  bao::Session s(p);
  CHECK_FALSE(s.evaluate(theirs));
  CHECK(refused(s.result(), "E0850", "t.other"));
  CHECK(s.output_fen(0) == std::nullopt);
  CHECK(refused(p.evaluate(theirs), "E0850", "t.misuse"));
  // Even another load of the same text: its slots are its own.
  auto again = load();
  bao::Inputs twin(again);
  fill(twin);
  CHECK(refused(p.evaluate(twin), "E0850", "another load"));
  // A copy of the Policy is the same policy.
  bao::Policy copy = p;
  CHECK(copy.evaluate(twin).ok() == false);
  bao::Inputs mine(copy);
  fill(mine);
  CHECK(p.evaluate(mine).ok());
}

TEST_CASE("a Session's result before any evaluate is an error (E0850)") {
  auto p = load();
  bao::Session s(p);
  bao::Result r = s.result();
  CHECK(refused(r, "E0850", "evaluate"));
  CHECK(r.render_error(bao::Format::text).find("error[E0850]") != std::string::npos);
  CHECK(r.to_json().find("E0850") != std::string::npos);
  CHECK(s.output_fen(0) == std::nullopt);
}

TEST_CASE("a default Policy and a default Result are errors, not crashes") {
  bao::Policy empty;
  CHECK_FALSE(empty.ok());
  REQUIRE(empty.diagnostics().size() == 1);
  CHECK(empty.diagnostics()[0].code == "E0850");
  CHECK(empty.error_count() == 1);
  CHECK(empty.warning_count() == 0);
  CHECK(empty.render(bao::Format::text).find("E0850") != std::string::npos);
  CHECK(empty.render(bao::Format::json).find("E0850") != std::string::npos);
  CHECK(empty.render(bao::Format::sarif).find("E0850") != std::string::npos);
  CHECK(empty.name().empty());
  CHECK(empty.source().empty());
  CHECK(empty.declarations().empty());
  CHECK(empty.input_names().empty());
  CHECK(empty.output_names().empty());
  CHECK(empty.run_tests().empty());
  CHECK(empty.file_name(empty.diagnostics()[0].at).empty());
  CHECK(refused(empty.evaluate_json("{}"), "E0850", "holds nothing"));
  bao::Inputs in(empty);
  CHECK_FALSE(in.set_money("x", 1).ok());
  CHECK_FALSE(in.set_json("{}").empty());
  CHECK(refused(empty.evaluate(in), "E0850", "holds nothing"));
  bao::Session s(empty);
  CHECK_FALSE(s.evaluate(in));
  CHECK(refused(s.result(), "E0850", "holds nothing"));

  bao::Result r;
  CHECK_FALSE(r.ok());
  CHECK(r.error()->code == "E0850");
  CHECK(r.outputs().empty());
  CHECK(r.output("pay") == std::nullopt);
  CHECK(r.to_json().find("E0850") != std::string::npos);
  CHECK(r.render_error(bao::Format::sarif).find("E0850") != std::string::npos);
}

TEST_CASE("a Session on a policy with errors does not throw: each evaluate is an error") {
  auto bad = bao::Policy::from_string("bad.bao", "policy a.b\noutput o: money = nope\n");
  REQUIRE_FALSE(bad.ok());
  bao::Session s(bad);
  bao::Inputs in(bad);
  CHECK_FALSE(s.evaluate(in));
  CHECK(refused(s.result(), "E0101", "cannot be evaluated"));
}

TEST_CASE("moved-from objects answer with errors") {
  auto p = load();
  SUBCASE("Inputs") {
    bao::Inputs a(p);
    fill(a);
    bao::Inputs b = std::move(a);
    CHECK(p.evaluate(b).output("pay") == "600.00");
    // NOLINTNEXTLINE(bugprone-use-after-move): the point of the test
    CHECK(a.set_money("claim.in_scope", 1).message.find("moved") != std::string::npos);
    CHECK(a.set_int("claim.visits", 1).message.find("moved") != std::string::npos);
    CHECK(a.set_decimal("claim.visits", bao::Decimal::from_fen(1)).message.find("moved") !=
          std::string::npos);
    CHECK(a.set_bool("x", true).message.find("moved") != std::string::npos);
    CHECK(a.set_date("claim.date", bao::Date{}).message.find("moved") != std::string::npos);
    CHECK(a.set_enum("who", "dibao").message.find("moved") != std::string::npos);
    CHECK(a.set_text("claim.note", "x").message.find("moved") != std::string::npos);
    CHECK(a.set_json("{}").front().code == "E0850");
    CHECK(refused(p.evaluate(a), "E0850", "moved"));
    bao::Inputs c(p);
    c = std::move(b);
    CHECK(p.evaluate(c).output("pay") == "600.00");
  }
  SUBCASE("Session") {
    bao::Session a(p);
    bao::Inputs in(p);
    fill(in);
    REQUIRE(a.evaluate(in));
    bao::Session b = std::move(a);
    CHECK(b.output_fen(0) == 60000);  // the state moves with it
    CHECK_FALSE(a.evaluate(in));
    CHECK(a.output_fen(0) == std::nullopt);
    CHECK(refused(a.result(), "E0850", "moved"));
    CHECK(b.evaluate(in));
  }
  SUBCASE("Policy: moving copies the handle") {
    bao::Policy a = load();
    bao::Policy b = std::move(a);
    CHECK(a.ok());
    CHECK(b.ok());
    bao::Inputs in(a);
    fill(in);
    CHECK(b.evaluate(in).output("pay") == "600.00");
  }
}

TEST_CASE("a set_json with errors is refused until one succeeds") {
  auto p = load();
  bao::Inputs in(p);
  auto errors = in.set_json(R"({"who": "dibao", "claim": {"in_scope": "x"}})");
  REQUIRE_FALSE(errors.empty());
  bao::Result r = p.evaluate(in);
  CHECK_FALSE(r.ok());
  CHECK(r.error()->code == errors.front().code);
  // Setting the missing pieces by hand does not make a refused case good.
  fill(in);
  CHECK_FALSE(p.evaluate(in).ok());
  CHECK(in.set_json(R"({"who": "tekun", "claim": {"date": "2025-01-01", "in_scope": "10.00",
                         "visits": 1, "note": ""}})")
            .empty());
  CHECK(p.evaluate(in).output("pay") == "10.00");
}

namespace {

struct DeepRun {
  bao::Policy* policy;
  std::string code;
};

void* evaluate_deep(void* arg) {
  auto* run = static_cast<DeepRun*>(arg);
  bao::Result r = run->policy->evaluate_json(R"({"fee": "1.00"})");
  run->code = r.ok() ? "ok" : r.error()->code;
  return nullptr;
}

}  // namespace

TEST_CASE("any depth limit is safe: the native stack is checked too (E0908)") {
  // Rules, params and cells chain in the bytecode loop without native
  // recursion; a function call is still a nested call, so a chain of
  // functions tests the native stack check.
  std::string text = "policy t.deep\ninput fee: money\nfn f0(x: money): money = x\n";
  const int n = 20000;
  for (int i = 1; i < n; ++i)
    text += "fn f" + std::to_string(i) + "(x: money): money = f" + std::to_string(i - 1) +
            "(x) + 1 yuan\n";
  text += "output o: money = f" + std::to_string(n - 1) + "(fee)\n";
  bao::Limits limits;
  limits.parse.max_file_bytes = 64u << 20;
  limits.max_depth = UINT32_MAX;
  auto p = bao::Policy::from_string("deep.bao", text, limits);
  REQUIRE(p.ok());
  // On this thread's stack, and on a 256 KiB thread stack such as hosts give.
  DeepRun here{&p, ""};
  evaluate_deep(&here);
  CHECK(here.code == "E0908");
  for (size_t stack : {size_t{256} << 10, size_t{1} << 20}) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    REQUIRE(pthread_attr_setstacksize(&attr, stack) == 0);
    DeepRun small{&p, ""};
    pthread_t t;
    REQUIRE(pthread_create(&t, &attr, evaluate_deep, &small) == 0);
    pthread_join(t, nullptr);
    pthread_attr_destroy(&attr);
    CHECK(small.code == "E0908");
  }
}
