#include <doctest/doctest.h>
#include <tao/pegtl/contrib/analyze.hpp>

#include "lang/syntax/grammar.hpp"
#include "lang/syntax/parse.hpp"

namespace tao::pegtl {
// `nested` only counts depth around its rule; to the analyzer it is that rule.
template <typename Name, typename R>
struct analyze_traits<Name, bao::grammar::nested<R>>
    : analyze_traits<Name, typename seq<R>::rule_t> {};
}  // namespace tao::pegtl

namespace {

bao::Module parse(const std::string& text, bao::DiagSink& sink, bao::SourceSet& sources) {
  bao::FileId id = sources.add("t.bao", text);
  return bao::parse_module(sources, id, sink);
}

}  // namespace

TEST_CASE("the grammar has no infinite loops or left recursion") {
  CHECK(tao::pegtl::analyze<bao::grammar::file_start>(1) == 0);
  CHECK(tao::pegtl::analyze<bao::grammar::one_declaration>(1) == 0);
}

TEST_CASE("parsing recovers at declaration boundaries") {
  bao::SourceSet sources;
  bao::DiagSink sink;
  auto m = parse(
      "policy a.b\n"
      "rule x: money = 1 yuan +\n"
      "rule y: money = 2 yuan\n"
      "rule z money = 3 yuan\n"
      "output w: money = y\n",
      sink, sources);
  REQUIRE(sink.all().size() == 2);
  CHECK(sink.all()[0].kind == bao::DiagKind::syntax_error);
  // `+` with nothing after it on line 2; the missing `:` on line 4.
  CHECK(sources.file(0).line_col(sink.all()[0].loc.span.begin).line == 3);
  CHECK(sink.all()[0].message == "expected a value after the operator");
  CHECK(sources.file(0).line_col(sink.all()[1].loc.span.begin).line == 4);
  // y and w parse although their neighbours do not.
  REQUIRE(m.decls.size() == 2);
  CHECK(m.decls[0].name.text == "y");
  CHECK(m.decls[1].name.text == "w");
}

TEST_CASE("Chinese identifiers and labels") {
  bao::SourceSet sources;
  bao::DiagSink sink;
  auto m = parse("enum 对象 \"救助对象\" { 特困 \"特困人员\" 低保 }\n", sink, sources);
  CHECK(sink.all().empty());
  REQUIRE(m.decls.size() == 1);
  CHECK(m.decls[0].name.text == "对象");
  CHECK(m.decls[0].label == "救助对象");
  const auto& e = std::get<bao::EnumDecl>(m.decls[0].kind);
  REQUIRE(e.variants.size() == 2);
  CHECK(e.variants[0].label == "特困人员");
  CHECK(e.variants[1].name.text == "低保");
}

TEST_CASE("deep nesting is a diagnostic, not a crash") {
  bao::SourceSet sources;
  bao::DiagSink sink;
  std::string deep =
      "rule x: int = " + std::string(5000, '(') + "1" + std::string(5000, ')') + "\n";
  parse(deep, sink, sources);
  REQUIRE(!sink.all().empty());
  CHECK(sink.all()[0].kind == bao::DiagKind::nesting_too_deep);
  bao::DiagSink sink2;
  std::string chain = "rule y: int = 1";
  for (int i = 0; i < 5000; ++i)
    chain += " + 1";
  parse(chain + "\n", sink2, sources);
  REQUIRE(!sink2.all().empty());
  CHECK(sink2.all()[0].kind == bao::DiagKind::nesting_too_deep);
}

TEST_CASE("invalid UTF-8 and NUL bytes are reported with their offset") {
  bao::SourceSet sources;
  bao::DiagSink sink;
  parse(std::string("rule x: int = 1 # \xff\n"), sink, sources);
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].kind == bao::DiagKind::invalid_utf8);
  CHECK(sink.all()[0].loc.span.begin == 18);
  bao::DiagSink sink2;
  parse(std::string("rule x: int = 1\0", 16), sink2, sources);
  REQUIRE(sink2.all().size() == 1);
  CHECK(sink2.all()[0].loc.span.begin == 15);
}
