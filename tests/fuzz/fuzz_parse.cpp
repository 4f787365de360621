// libFuzzer target: any bytes → parse_module. The parser must never crash,
// hang or trip a sanitizer; a syntax diagnostic is a fine outcome, but it must
// have a message and point inside the file (fuzz_common.hpp).
//
//   build/tests/fuzz/fuzz_parse corpus/parse -dict=tests/fuzz/bao.dict
#include "lang/syntax/parse.hpp"
#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace bao;
  SourceSet sources;
  FileId file = sources.add("fuzz.bao", std::string(reinterpret_cast<const char*>(data), size));
  DiagSink sink(200);
  Module m = parse_module(sources, file, sink);
  sink.sort();
  fuzz::check_stage_diagnostics(sources, file, sink.all());
  // Every expression and declaration span of the AST must lie inside the file
  // too: the checker and the explanations slice the text with them.
  size_t text_size = sources.file(file).text().size();
  fuzz::require(m.file == file, "Module::file is not the parsed file");
  if (!sink.has_errors())
    fuzz::require(m.expr_height.size() == m.exprs.size(),
                  "Module::expr_height is not parallel to exprs");
  for (const DeclNode& d : m.decls) {
    fuzz::require(fuzz::span_inside(d.span, text_size), "a declaration span is outside the file");
    fuzz::require(fuzz::span_inside(d.name.span, text_size),
                  "a declaration name is outside the file");
  }
  for (const ExprNode& e : m.exprs)
    fuzz::require(fuzz::span_inside(e.span, text_size), "an expression span is outside the file");
  fuzz::render_all(sources, sink.all(), size < 512);
  return 0;
}
