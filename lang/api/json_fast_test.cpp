// The fast JSON reader against the full one: on thousands of cases, valid
// and broken by deterministic edits, whatever the fast reader takes the full
// reader takes too, to the same values; and the fast reader takes the
// common valid cases itself rather than handing them on.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lang/api/json_fast.hpp"
#include "lang/api/json_input.hpp"
#include "lang/check/check.hpp"
#include "lang/syntax/parse.hpp"

namespace {

const char* kPolicy = R"(policy t.fast "快速读入"
enum Kind "种类" {
  a   "甲"
  bb  "乙"
  ccc "丙"
}
record Inner { x: int, y: money? }
record Item { amount: money, tags: list of int, note: text?, inner: Inner? }
record Flat { a: int, b: money?, k: Kind, d: date, r: rate, on: bool }
record Wide {
  f1: int, f2: int, f3: int, f4: int, f5: int, f6: int, f7: int, f8: int, f9: int,
  f10: int, f11: int, f12: int, f13: int, f14: int, f15: int, f16: int, f17: money?
}
input items: list of Item
input flats: list of Flat
input maybe: list of Flat?
input wide: Wide?
input ratio: rate?
input n: int?
input dec: decimal?
input name: text?
input when: date
output total: money = sum(items, i => i.amount)
)";

const char* kCases[] = {
    R"({"items": [], "flats": [], "maybe": [], "when": "2024-01-31"})",
    R"({"items": [{"amount": "12.50", "tags": [1, 2, 3], "note": "备注", "inner": {"x": -4}},
                  {"amount": 7, "tags": [], "note": null, "inner": null},
                  {"tags": [0], "amount": "0.5", "inner": {"y": "3.00", "x": 0}}],
        "flats": [{"a": 1, "b": "2.00", "k": "bb", "d": "2024-02-29", "r": "70%", "on": true},
                  {"on": false, "r": 0.125, "d": "2023-12-31", "k": "a", "a": -0}],
        "maybe": [null, {"a": 9, "k": "ccc", "d": "2024-06-01", "r": "1", "on": true}],
        "wide": {"f1": 1, "f2": 2, "f3": 3, "f4": 4, "f5": 5, "f6": 6, "f7": 7, "f8": 8,
                 "f9": 9, "f10": 10, "f11": 11, "f12": 12, "f13": 13, "f14": 14, "f15": 15,
                 "f16": 16, "f17": "170.10"},
        "ratio": "0.7", "n": 12345678901234, "dec": "-3.25", "name": "张三",
        "when": "2024-06-18"})",
    "{\n\t\"when\" : \"2000-01-01\" ,\r\n \"items\":[ ],\"flats\" :[],\"maybe\":[ ] , \"n\": "
    "null}\n",
};

// One value of type t in `a` equals the one in `b`, wherever each heap put it.
bool same(const bao::CheckedPolicy& c, bao::TypeRef t, const bao::InputValues& a,
          const bao::Value& x, const bao::InputValues& b, const bao::Value& y) {
  if (x.none || y.none) return x.none == y.none;
  while (c.types.kind(t) == bao::TypeKind::optional)
    t = c.types[t].ref;
  switch (c.types.kind(t)) {
    case bao::TypeKind::boolean:
      return x.b == y.b;
    case bao::TypeKind::integer:
      return x.i == y.i;
    case bao::TypeKind::text:
      return *x.text == *y.text;
    case bao::TypeKind::record: {
      const bao::RecordInfo& r = c.records[c.types[t].ref];
      if (x.agg.count != r.fields.size() || y.agg.count != r.fields.size()) return false;
      for (uint32_t i = 0; i < r.fields.size(); ++i)
        if (!same(c, r.fields[i].type, a, a.heap[x.agg.offset + i], b, b.heap[y.agg.offset + i]))
          return false;
      return true;
    }
    case bao::TypeKind::list:
      if (x.agg.count != y.agg.count) return false;
      for (uint32_t i = 0; i < x.agg.count; ++i)
        if (!same(c, c.types[t].ref, a, a.heap[x.agg.offset + i], b, b.heap[y.agg.offset + i]))
          return false;
      return true;
    default:
      return x.d == y.d;  // decimals, money, dates, durations, variants: the same bits
  }
}

struct Rng {
  uint64_t s;
  uint64_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
};

// A small edit of the kind that breaks JSON or its types.
std::string mutate(std::string s, Rng& g) {
  static const char* kBits[] = {"{",     "}",    "[",    "]",        ",",  ":",  "\"",    "\\",
                                "-",     ".",    "0",    "1e3",      "9",  " ",  "null",  "true",
                                "\"a\"", "\x01", "\xff", "\xe4\xb8", "07", "-0", "1.234", ""};
  size_t at = g.below(s.size() + 1);
  switch (g.below(3)) {
    case 0:  // delete a few bytes
      s.erase(at, 1 + g.below(3));
      break;
    case 1:  // insert a piece
      s.insert(at, kBits[g.below(std::size(kBits))]);
      break;
    default:  // replace a byte
      if (at < s.size()) s[at] = kBits[g.below(std::size(kBits))][0];
      break;
  }
  return s;
}

}  // namespace

TEST_CASE("what the fast JSON reader takes, the full reader takes to the same values") {
  bao::SourceSet sources;
  bao::FileId file = sources.add("fast.bao", kPolicy);
  bao::DiagSink sink;
  bao::Module m = bao::parse_module(sources, file, sink);
  std::unique_ptr<bao::CheckedPolicy> c = bao::check_module(sources, m, sink);
  REQUIRE(!sink.has_errors());

  bao::JsonScratch scratch;
  bao::InputValues fast, full;
  constexpr uint32_t kMax = 4'000'000;
  for (const char* text : kCases) {
    INFO(text);
    // The valid cases are read by the fast reader itself.
    REQUIRE(bao::read_json_fast(*c, text, fast, kMax, scratch));
    REQUIRE(bao::read_json_inputs_full(*c, text, full, kMax).empty());
    for (size_t i = 0; i < c->host_inputs(); ++i) {
      CHECK(fast.present[i]);
      CHECK(same(*c, c->inputs[i].type, fast, fast.values[i], full, full.values[i]));
    }
  }
  Rng g{0x9E3779B97F4A7C15ull};
  int taken = 0, handed_on = 0, full_ok = 0;
  for (int round = 0; round < 6000; ++round) {
    std::string text = kCases[round % std::size(kCases)];
    for (size_t edits = 1 + g.below(2); edits > 0; --edits)
      text = mutate(text, g);
    INFO(text);
    std::vector<bao::Diag> errors = bao::read_json_inputs_full(*c, text, full, kMax);
    full_ok += errors.empty();
    if (!bao::read_json_fast(*c, text, fast, kMax, scratch)) {
      ++handed_on;
      continue;
    }
    ++taken;
    REQUIRE(errors.empty());
    for (size_t i = 0; i < c->host_inputs(); ++i) {
      REQUIRE(fast.present[i] == full.present[i]);
      CHECK(same(*c, c->inputs[i].type, fast, fast.values[i], full, full.values[i]));
    }
  }
  // Most edits break the case; some leave it valid (whitespace, a digit).
  // Every valid one is the fast reader's own: the forms it hands on
  // (exponents, escapes) are errors in this policy or never made here.
  CHECK(taken > 100);
  CHECK(taken == full_ok);
  CHECK(handed_on > 1000);
}

TEST_CASE("the fast reader hands on what the full reader refuses or reads differently") {
  bao::SourceSet sources;
  bao::FileId file = sources.add("fast.bao", kPolicy);
  bao::DiagSink sink;
  bao::Module m = bao::parse_module(sources, file, sink);
  std::unique_ptr<bao::CheckedPolicy> c = bao::check_module(sources, m, sink);
  REQUIRE(!sink.has_errors());
  bao::JsonScratch scratch;
  bao::InputValues v;
  auto with = [](const std::string& extra) {
    return R"({"items": [], "flats": [], "maybe": [], "when": "2024-01-31")" + extra + "}";
  };
  CHECK(bao::read_json_fast(*c, with(""), v, 100, scratch));
  for (const char* extra : {
           R"(, "n": 1e2)",                   // an exponent: nlohmann reads a double
           R"(, "name": "a\"b")",             // an escape
           R"(, "n": 1, "n": 2)",             // a key twice
           R"(, "extra": 1)",                 // no such input
           R"(, "n": "1")",                   // an int as a string
           R"(, "ratio": null, "dec": "x")",  // not a decimal
           ", \"name\": \"\xff\"",            // not UTF-8
           R"(, "wide": {"f1": 1})",          // missing fields
       })
    CHECK_MESSAGE(!bao::read_json_fast(*c, with(extra), v, 100, scratch), extra);
  // The values limit counts list items and record fields, as the full reader does.
  std::string two = R"({"items": [], "flats": [], "maybe": [null, null], "when": "2024-01-31"})";
  CHECK(bao::read_json_fast(*c, two, v, 2, scratch));
  CHECK(!bao::read_json_fast(*c, two, v, 1, scratch));
  CHECK(!bao::read_json_inputs_full(*c, two, v, 1).empty());
}
