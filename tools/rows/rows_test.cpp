// tools/rows: CSV splitting, record reading and a whole batch on text in
// memory — every row out once, in order, whatever the threads.
#include <doctest/doctest.h>

#include <string>

#include "tools/rows/batch.hpp"
#include "tools/rows/csv.hpp"
#include "tools/rows/members.hpp"

namespace bao::rows {

namespace {

constexpr const char* kPolicy = R"(policy cn.demo.rows effective 2024-01-01
record Claim "一次就医" {
  in_scope "政策范围内费用": money
  paid "基本医保支付": money
}
input claim "本次结算": Claim
output self "个人自付": money = max(claim.in_scope - claim.paid, 0 yuan)
)";

struct Run {
  Summary summary;
  std::string out;
};

Run batch(std::string_view text, RowFormat in, RowFormat out, unsigned threads,
          std::vector<std::string> ids = {"id"}) {
  Policy p = Policy::from_string("rows.bao", kPolicy);
  REQUIRE(p.ok());
  RecordReader reader(text, in == RowFormat::csv, 1 << 20);
  BatchOptions o;
  o.in = in;
  o.out = out;
  o.spec.ids = std::move(ids);
  o.threads = threads;
  o.chunk = 3;  // many chunks, so the threads interleave
  Run r;
  r.summary = run_batch(
      p, reader,
      [&](std::string_view t) {
        r.out += t;
        return true;
      },
      o);
  return r;
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < s.size()) {
    size_t nl = s.find('\n', at);
    out.push_back(s.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("split_csv: quotes, commas, doubled quotes and line breaks inside a field") {
  std::vector<std::string> f;
  CHECK(split_csv(R"(a,"b,c","say ""hi""","x
y",)",
                  f)
            .empty());
  REQUIRE(f.size() == 5);
  CHECK(f[1] == "b,c");
  CHECK(f[2] == "say \"hi\"");
  CHECK(f[3] == "x\ny");
  CHECK(f[4].empty());
  CHECK_FALSE(split_csv(R"(a,"open)", f).empty());
  CHECK_FALSE(split_csv(R"(a,"b"c)", f).empty());
  CHECK_FALSE(split_csv(R"(a,b"c)", f).empty());
  std::string cell;
  append_csv_cell(cell, "a,\"b\"\n");
  CHECK(cell == "\"a,\"\"b\"\"\n\"");
}

TEST_CASE("RecordReader: a BOM, CRLF, blank lines and quoted line breaks") {
  RecordReader r("\xEF\xBB\xBFh1,h2\r\n\r\n1,\"a\r\nb\"\r\n2,c", true, 1 << 20);
  Record rec;
  REQUIRE(r.next(rec));
  CHECK(rec.text == "h1,h2");
  REQUIRE(r.next(rec));
  CHECK(rec.line == 3);
  CHECK(rec.text == "1,\"a\r\nb\"");
  REQUIRE(r.next(rec));
  CHECK(rec.line == 5);
  CHECK(rec.text == "2,c");
  CHECK_FALSE(r.next(rec));
  CHECK(r.blank_lines() == 1);
  RecordReader big("short\nmuch too long a line\nok\n", false, 8);
  REQUIRE(big.next(rec));
  REQUIRE(big.next(rec));
  CHECK(rec.too_large);
  REQUIRE(big.next(rec));
  CHECK(rec.text == "ok");
}

TEST_CASE("object_members keeps every value's text exactly as written") {
  auto m = object_members(
      R"( {"id": 7, "claim": {"in_scope": 0.10, "s": "}\""}, "k\u00e9": [1,{"a":2}]} )");
  REQUIRE(m);
  REQUIRE(m->size() == 3);
  CHECK((*m)[0].value == "7");
  CHECK((*m)[1].value == R"({"in_scope": 0.10, "s": "}\""})");
  CHECK((*m)[2].key == "k\xC3\xA9");
  CHECK_FALSE(object_members(R"({"a": 1} x)"));
  CHECK_FALSE(object_members("[1]"));
  CHECK(cell_of(R"("a\"b")") == "a\"b");
}

TEST_CASE("run_batch: one output row per input row, in order, bad rows in place") {
  std::string csv = "id,claim.in_scope,claim.paid\n";
  for (int i = 0; i < 40; ++i) {
    if (i % 7 == 3)
      csv += std::to_string(i) + ",1.00\n";  // a field too few: E1101
    else if (i % 11 == 5)
      csv += std::to_string(i) + ",\xff,1.00\n";  // not UTF-8: E1103
    else if (i % 13 == 6)
      csv += std::to_string(i) + ",-1.00,0\n";  // negative: E0808
    else
      csv += std::to_string(i) + "," + std::to_string(i) + ".50,1.00\n";
  }
  Run one = batch(csv, RowFormat::csv, RowFormat::csv, 1);
  Run two = batch(csv, RowFormat::csv, RowFormat::csv, 2);
  CHECK(one.out == two.out);
  std::vector<std::string> out = lines(one.out);
  REQUIRE(out.size() == 41);
  CHECK(out[0] == "id,self,error_code,error_path,error_message");
  for (int i = 0; i < 40; ++i)
    CHECK(out[i + 1].substr(0, out[i + 1].find(',')) == std::to_string(i));
  CHECK(out[2] == "1,0.50,,,");
  CHECK(out[4].find(",E1101,") != std::string::npos);
  CHECK(out[6].find(",E1103,") != std::string::npos);
  CHECK(out[7].find(",E0808,claim.in_scope,") != std::string::npos);
  CHECK(one.summary.rows == 40);
  CHECK(one.summary.cases == 40);
  CHECK(one.summary.failed == one.summary.failed_by_code["E1101"] +
                                  one.summary.failed_by_code["E1103"] +
                                  one.summary.failed_by_code["E0808"]);
  CHECK(one.summary.failed_by_code["E1103"] == 3);
}

TEST_CASE("run_batch: JSON Lines ids keep their type; a header that fits no input is refused") {
  Run r = batch("{\"id\": 1, \"claim\": {\"in_scope\": 2.5, \"paid\": \"1\"}}\n\n{\"claim\": {}}\n",
                RowFormat::jsonl, RowFormat::jsonl, 2);
  std::vector<std::string> out = lines(r.out);
  REQUIRE(out.size() == 2);
  CHECK(out[0] == R"({"id":1,"outputs":{"self":"1.50"}})");
  CHECK(out[1].find(R"("error_code":"E1106")") != std::string::npos);
  CHECK(r.summary.blank == 1);
  Run bad = batch("id,claim.in_scoep\n", RowFormat::csv, RowFormat::csv, 1);
  CHECK(bad.summary.usage);
  CHECK(bad.summary.fatal.find("in_scoep") != std::string::npos);
  Run missing = batch("id,claim.in_scope\n", RowFormat::csv, RowFormat::csv, 1);
  CHECK(missing.summary.fatal.find("claim.paid") != std::string::npos);
}

}  // namespace bao::rows
