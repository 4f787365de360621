// libFuzzer target: bytes → Inputs::set_json on a fixed policy
// (policies/json_input.bao) whose inputs cover every kind the JSON reader
// validates: enums, nested records, lists of records and scalars, optionals,
// dates, money, int, decimal, rate, text and bool.
//
// The reader must never crash, hang or trip a sanitizer. Every error must have
// a non-empty message naming a JSON path (`$…`) and no source location; the
// same bytes must give the same errors when set again on the same Inputs; and
// a case that is accepted must evaluate (an evaluation error is fine).
//
//   build/tests/fuzz/fuzz_json_input corpus/json_input -dict=tests/fuzz/json.dict
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "tests/fuzz/fuzz_common.hpp"

#ifndef BAO_FUZZ_REPO_DIR
#define BAO_FUZZ_REPO_DIR "."
#endif

namespace {

using namespace bao;

std::optional<Policy>& policy() {
  static std::optional<Policy> p;
  return p;
}
size_t policy_size = 0;

void check_errors(const std::vector<Diagnostic>& errors) {
  for (const Diagnostic& d : errors) {
    fuzz::require(!d.message.empty(), "an input error has an empty message");
    fuzz::require(d.severity == Severity::error, "an input diagnostic is not an error");
    fuzz::require(d.at.file == kNoFile && !d.has_place(), "an input error has a source location");
    fuzz::require(d.message.find('$') != std::string::npos || d.code == "E0806",
                  "an input error names no JSON path");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* env = std::getenv("BAO_FUZZ_REPO");
  std::string path =
      std::string(env ? env : BAO_FUZZ_REPO_DIR) + "/tests/fuzz/policies/json_input.bao";
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  std::string text = ss.str();
  policy_size = text.size();
  Limits limits;
  limits.max_steps = 100'000;
  limits.max_values = 200'000;
  Policy p = Policy::from_string("json_input.bao", std::move(text), limits);
  if (!p.ok()) {
    std::cerr << "fuzz_json_input: cannot load " << path << " (set BAO_FUZZ_REPO):\n"
              << p.render(Format::text);
    std::abort();
  }
  policy() = std::move(p);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace bao;
  std::string_view json(reinterpret_cast<const char*>(data), size);
  const Policy& p = *policy();
  Inputs in(p);
  std::vector<Diagnostic> errors = in.set_json(json);
  check_errors(errors);

  // Setting the same case again replaces every input: same errors.
  std::vector<Diagnostic> again = in.set_json(json);
  fuzz::require(again.size() == errors.size(), "set_json is not deterministic (count)");
  for (size_t i = 0; i < errors.size(); ++i)
    fuzz::require(again[i].code == errors[i].code && again[i].message == errors[i].message,
                  "set_json is not deterministic (message)");
  if (!errors.empty()) return 0;

  Session s(p);
  s.evaluate(in);
  Result r = s.result();
  fuzz::check_result(r, policy_size);
  if (r.ok())
    for (size_t i = 0; i < r.outputs().size(); ++i)
      (void)s.output_fen(i);
  return 0;
}
