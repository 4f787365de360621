// libFuzzer target: bytes → parse_module; when the file parses without
// errors, check_module; when that finds no errors either, compile. None of it
// may crash, hang or trip a sanitizer, and every diagnostic must have a
// message and point inside the file (fuzz_common.hpp).
//
//   build/tests/fuzz/fuzz_check corpus/check -dict=tests/fuzz/bao.dict
#include "lang/check/check.hpp"
#include "lang/eval/program.hpp"
#include "lang/syntax/parse.hpp"
#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace bao;
  SourceSet sources;
  FileId file = sources.add("fuzz.bao", std::string(reinterpret_cast<const char*>(data), size));
  DiagSink sink(200);
  Module m = parse_module(sources, file, sink);
  if (sink.has_errors()) return -1;  // not worth keeping: fuzz_parse covers it
  std::shared_ptr<const CheckedPolicy> checked = check_module(sources, m, sink);
  fuzz::require(checked != nullptr, "check_module returned no policy");
  if (!sink.has_errors()) {
    std::unique_ptr<Program> program = compile(checked, sink);
    fuzz::require(program != nullptr || sink.has_errors(),
                  "compile returned no program and no error");
  }
  sink.sort();
  fuzz::check_stage_diagnostics(sources, file, sink.all());
  fuzz::render_all(sources, sink.all(), size < 512);
  return 0;
}
