// Reading JSON cases: duplicate keys in linear time, the values limit, every
// list layout the reader uses, and out-of-range numbers told from malformed ones.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "lang/api/bao.hpp"
#include "lang/api/json_keys.hpp"

namespace {

const char* kPolicy = R"(policy t.json "读入"
record Item { amount: money, tags: list of int, note: text? }
record Flat { a: int, b: money? }
input items: list of Item
input flats: list of Flat
input maybe: list of Flat?
input ints: list of int
input ratio: rate?
input n: int?
output total: money = sum(items, i => i.amount)
output tags: int = sum(items, i => count(i.tags))
output flat_a: int = sum(flats, f => f.a)
output maybes: int = count(maybe)
output ints_sum: int = sum(ints, x => x)
)";

std::string code_of(const bao::Result& r) {
  return r.ok() ? "" : r.error()->code;
}

std::string case_with(const std::string& extra) {
  return R"({"items": [], "flats": [], "maybe": [], "ints": [])" + extra + "}";
}

}  // namespace

TEST_CASE("a KeySet refuses a repeated key, before and after it builds its table") {
  bao::KeySet keys;
  for (int i = 0; i < 100000; ++i)
    REQUIRE(keys.insert("k" + std::to_string(i)));
  CHECK(!keys.insert("k0"));
  CHECK(!keys.insert("k99999"));
  CHECK(keys.insert(""));
  CHECK(!keys.insert(""));
  keys.clear();
  CHECK(keys.insert("k0"));
  CHECK(!keys.insert("k0"));
}

TEST_CASE("a case with 200,000 keys is read in linear time; a duplicate names its path") {
  auto p = bao::Policy::from_string("t.bao", kPolicy);
  REQUIRE(p.ok());
  std::string many;
  for (int i = 0; i < 200000; ++i)
    many += ", \"k" + std::to_string(i) + "\": 0";
  auto start = std::chrono::steady_clock::now();
  bao::Result unknown = p.evaluate_json(case_with(many));
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(code_of(unknown) == "E0807");
  CHECK(unknown.error()->notes.size() == 99);  // at most 100 errors
  CHECK(took < 5.0);                           // 34 s when each key scanned the others
  bao::Result dup = p.evaluate_json(case_with(many + R"(, "k250000": 1, "k150000": 1)"));
  CHECK(code_of(dup) == "E0806");
  CHECK(dup.error()->message == "$.k150000: the key appears twice");
  bao::Result nested =
      p.evaluate_json(case_with(R"(, "x": [{"a": 1}, {"q": [{}, {"a": 1, "b": 2, "a": 3}]}])"));
  CHECK(nested.error()->message == "$.x[1].q[1].a: the key appears twice");
}

TEST_CASE("list items and record fields count against max_values") {
  bao::Limits limits;
  limits.max_values = 10;
  auto p = bao::Policy::from_string("t.bao", kPolicy, limits);
  REQUIRE(p.ok());
  CHECK(p.evaluate_json(R"({"items": [], "flats": [], "maybe": [],
                            "ints": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]})")
            .ok());
  bao::Result r = p.evaluate_json(R"({"items": [], "flats": [], "maybe": [],
                                      "ints": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]})");
  CHECK(code_of(r) == "E0806");
  CHECK(r.error()->message ==
        "$.ints[10]: the input holds more than 10 values (list items and record fields)");
  // Three records of two fields: 9 values; a fourth record's fields do not fit.
  r = p.evaluate_json(R"({"items": [], "maybe": [], "ints": [],
                          "flats": [{"a": 1}, {"a": 2}, {"a": 3}, {"a": 4}]})");
  CHECK(code_of(r) == "E0806");
  CHECK(r.error()->message.find("$.flats[3]: the input holds more than 10") == 0);
}

TEST_CASE("lists of scalars, of flat records and of nested records read the same values") {
  auto p = bao::Policy::from_string("t.bao", kPolicy);
  REQUIRE(p.ok());
  bao::Result r = p.evaluate_json(R"({
    "items": [{"amount": "1.50", "tags": [1, 2, 3]}, {"amount": "2.25", "tags": [], "note": "x"},
              {"amount": "10", "tags": [4]}],
    "flats": [{"a": 1}, {"a": 20, "b": "3.00"}, {"b": null, "a": 300}],
    "maybe": [null, {"a": 1}, null, {"a": 2}],
    "ints": [5, 6, 7], "ratio": "70%"})");
  REQUIRE(r.ok());
  CHECK(r.output("total") == "13.75");
  CHECK(r.output("tags") == "4");
  CHECK(r.output("flat_a") == "321");
  CHECK(r.output("maybes") == "4");
  CHECK(r.output("ints_sum") == "18");
  // An item of the wrong kind in a list of flat records is an error at its path,
  // and the items around it are still checked.
  bao::Result bad = p.evaluate_json(
      R"({"items": [], "maybe": [], "ints": [], "flats": [{"a": 1}, [], {"a": "x"}]})");
  CHECK(code_of(bad) == "E0802");
  CHECK(bad.error()->message == "$.flats[1]: expected an object for `Flat`, found an array");
  REQUIRE(bad.error()->notes.size() == 1);
  CHECK(bad.error()->notes[0].message == "$.flats[2].a: expected a whole number, found a string");
}

TEST_CASE("a number too large is out of range (E0808), not malformed (E0802)") {
  auto p = bao::Policy::from_string("t.bao", kPolicy);
  REQUIRE(p.ok());
  auto ratio = [&](const std::string& v) {
    return code_of(p.evaluate_json(case_with(", \"ratio\": " + v)));
  };
  CHECK(ratio("1e30") == "E0808");
  CHECK(ratio("\"1e30\"") == "E0808");
  CHECK(ratio("\"1e30%\"") == "E0808");
  CHECK(ratio("-1E+40") == "E0808");
  CHECK(ratio("\"1234567890123456789012345678901234567890\"") == "E0808");
  CHECK(ratio("\"170141183460469231731687303.715884105727\"") == "");  // the largest
  CHECK(ratio("\"170141183460469231731687303.715884105728\"") == "E0808");
  CHECK(ratio("1e2") == "E0802");    // exponents stay refused
  CHECK(ratio("1e-30") == "E0802");  // tiny, and too many decimals
  CHECK(ratio("\"1.5.5\"") == "E0802");
  CHECK(ratio("\"0.7\"") == "");
  auto n = [&](const std::string& v) {
    return code_of(p.evaluate_json(case_with(", \"n\": " + v)));
  };
  CHECK(n("99999999999999999999") == "E0808");
  CHECK(n("1234567890123456789012345678901234567890") == "E0808");
  CHECK(n("1e30") == "E0808");
  CHECK(n("1.5") == "E0802");
  CHECK(n("12") == "");
}

TEST_CASE("Decimal::out_of_range") {
  using bao::Decimal;
  CHECK(Decimal::out_of_range("1e30"));
  CHECK(Decimal::out_of_range("-1.5E+27"));
  CHECK(Decimal::out_of_range("1" + std::string(40, '0')));
  CHECK(Decimal::out_of_range("0.0001e40"));
  CHECK(!Decimal::out_of_range("0.0001e20"));
  CHECK(!Decimal::out_of_range("1e26"));  // 10^26 fits (the limit is about 1.7 × 10^26)
  CHECK(Decimal::out_of_range("2e26"));
  CHECK(!Decimal::out_of_range("0e99999999999"));
  CHECK(!Decimal::out_of_range("1e-99999999999"));
  CHECK(Decimal::out_of_range("1e99999999999"));
  for (const char* bad : {"", "-", "e5", "1e", "1.e5", ".5e40", "1e+", "1x", "abc", "1.5.5"})
    CHECK(!Decimal::out_of_range(bad));
}
