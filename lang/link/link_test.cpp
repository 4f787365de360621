#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "lang/api/bao.hpp"

namespace fs = std::filesystem;

namespace {

// A policy root in a fresh temporary folder.
struct Root {
  fs::path dir;
  Root() {
    dir = fs::temp_directory_path() /
          ("bao_link_test_" +
           std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Root() { fs::remove_all(dir); }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((dir / rel).parent_path());
    std::ofstream(dir / rel) << text;
  }
};

const char* kParent = R"(policy t.parent "上级"
use t.common
input who: Who
input amount: money
param ratio: rate = 70%
table terms by who {
  columns cap: money
  a: 100 yuan
  b: 200 yuan
}
bound floor "不低于60%" source "文件一": ratio >= 60%
output paid: money = min(amount * ratio, terms.cap)
)";

const char* kCommon = R"(enum Who { a "甲" b "乙" }
fn half(x: money): money = x / 2
)";

}  // namespace

TEST_CASE("a child overrides a param and a row of its parent; the rest is inherited") {
  Root r;
  r.write("t/parent.bao", kParent);
  r.write("t/common.bao", kCommon);
  auto child = bao::Policy::from_string("child.bao",
                                        "policy t.child \"下级\"\n  extends t.parent\n"
                                        "override param ratio: rate = 80%\n"
                                        "override terms.b: 500 yuan\n",
                                        {}, {r.dir.string()});
  REQUIRE_MESSAGE(child.ok(), child.render(bao::Format::text));
  auto result = child.evaluate_json(R"({"who": "b", "amount": "1000"})");
  REQUIRE(result.ok());
  CHECK(result.output("paid") == "500.00");  // min(1000 × 80%, 500)
  result = child.evaluate_json(R"({"who": "a", "amount": "1000"})");
  CHECK(result.output("paid") == "100.00");  // the parent's row for `a`
  bool found = false;
  for (const bao::Declaration& d : child.declarations()) {
    if (d.name != "ratio") continue;
    found = true;
    CHECK(d.overrides.has_value());
    CHECK(child.file_name(d.at) == "child.bao");
    CHECK(child.file_name(*d.overrides).find("parent.bao") != std::string::npos);
  }
  CHECK(found);
}

TEST_CASE("one row override can hold several variants") {
  Root r;
  r.write("t/parent.bao", kParent);
  r.write("t/common.bao", kCommon);
  auto child = bao::Policy::from_string(
      "child.bao", "policy t.child \"下级\"\n  extends t.parent\noverride terms.a | b: 300 yuan\n",
      {}, {r.dir.string()});
  REQUIRE_MESSAGE(child.ok(), child.render(bao::Format::text));
  CHECK(child.evaluate_json(R"({"who": "a", "amount": "1000"})").output("paid") == "300.00");
  CHECK(child.evaluate_json(R"({"who": "b", "amount": "1000"})").output("paid") == "300.00");
}

TEST_CASE("a child below a parent's bound does not load, and says where") {
  Root r;
  r.write("t/parent.bao", kParent);
  r.write("t/common.bao", kCommon);
  auto child = bao::Policy::from_string(
      "child.bao",
      "policy t.child \"下级\"\n  extends t.parent\noverride param ratio: rate = 50%\n", {},
      {r.dir.string()});
  CHECK_FALSE(child.ok());
  REQUIRE(child.error_count() == 1);
  const bao::Diagnostic& d = child.diagnostics().front();
  CHECK(d.code == "E0311");
  CHECK(d.file == "child.bao");
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].file.find("parent.bao") != std::string::npos);
  CHECK(d.notes[0].message.find("文件一") != std::string::npos);
}

TEST_CASE("use and extends in a cycle are errors, not hangs") {
  Root r;
  r.write("t/x.bao", "policy t.x \"x\"\n  extends t.y\n");
  r.write("t/y.bao", "policy t.y \"y\"\n  extends t.x\n");
  auto p = bao::Policy::from_file((r.dir / "t/x.bao").string());
  CHECK_FALSE(p.ok());
  CHECK(p.render(bao::Format::text).find("E0112") != std::string::npos);
}

TEST_CASE("the embedded standard library needs no root") {
  auto p = bao::Policy::from_string("p.bao",
                                    "policy t.p \"p\"\nuse cn.common as c\ninput x: money\n"
                                    "output left: money = c.remainder(x, 30 yuan)\n");
  REQUIRE_MESSAGE(p.ok(), p.render(bao::Format::text));
  CHECK(p.evaluate_json(R"({"x": "20"})").output("left") == "0.00");
}

TEST_CASE("policy calls inside a scan give the same answers on many threads") {
  Root r;
  r.write("t/layer.bao",
          "policy t.layer \"层\"\ninput amount: money\ninput ytd: money\n"
          "param cap: money = 1000 yuan\n"
          "output paid: money = min(amount * 50%, max(cap - ytd, 0 yuan))\n");
  auto p = bao::Policy::from_string(
      "year.bao",
      "policy t.year \"年\"\nuse t.layer as layer\n"
      "record C { date: date, amount: money }\nrecord S { paid: money, ytd: money }\n"
      "input claims: list of C\n"
      "fn step(s: S, c: C): S = let l = layer(amount: c.amount, ytd: s.ytd)\n"
      "  { paid: l.paid, ytd: s.ytd + l.paid }\n"
      "rule start: S = { paid: 0 yuan, ytd: 0 yuan }\n"
      "output total: money = sum(scan claims by date from start as (s, c) => step(s, c), "
      "s => s.paid)\n",
      {}, {r.dir.string()});
  REQUIRE_MESSAGE(p.ok(), p.render(bao::Format::text));
  const char* json =
      R"({"claims": [{"date": "2025-03-01", "amount": "900"}, {"date": "2025-01-01", "amount": "800"},
                     {"date": "2025-05-01", "amount": "700"}]})";
  // 400 (ytd 400) + 450 (ytd 850) + min(350, 150) = 1000
  CHECK(p.evaluate_json(json).output("total") == "1000.00");
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 100; ++k)
        if (p.evaluate_json(json).output("total") != "1000.00") ++wrong[t];
    });
  }
  for (auto& th : threads)
    th.join();
  for (int w : wrong)
    CHECK(w == 0);
}
