// libFuzzer target: evaluation through the public API (bao.hpp), the way a
// host uses it.
//
// The first byte chooses what is evaluated:
//   0x00–0x7f  one of the seed policies listed in eval_policies.txt (bits 0–5,
//              modulo their number), loaded once at start-up; bit 6 sets
//              RunOptions::as_of to 2024-06-30. The rest of the input is the
//              case's JSON.
//   0x80–0xff  the rest is a policy text, the line `---`, and the case's JSON
//              ("policy\n---\njson"), so the policy itself mutates too.
//
// Each case is evaluated with explain off and on (Policy::evaluate_json) and
// once more through Inputs::set_json and a reused Session: the three must
// agree (determinism), every error must have a message and a location inside
// the policy or none (input errors), and Result::to_json must work. A mutated
// policy (0x80) also has its `test` blocks run (Policy::run_tests).
// Limits are lowered (max_steps 100000, max_values 200000) so that every run
// stays fast and small.
//
//   build/tests/fuzz/fuzz_eval corpus/eval -dict=tests/fuzz/json.dict
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

Limits fuzz_limits() {
  Limits l;
  l.max_steps = 100'000;
  l.max_depth = 2000;
  l.max_values = 200'000;  // 6.4 MB of lists and records per evaluation
  return l;
}

struct Seed {
  std::string path;
  size_t text_size = 0;
  std::optional<Policy> policy;
};

std::vector<Seed>& seeds() {
  static std::vector<Seed> s;
  return s;
}

std::string repo_dir() {
  if (const char* env = std::getenv("BAO_FUZZ_REPO")) return env;
  return BAO_FUZZ_REPO_DIR;
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void evaluate_case(const Policy& policy, size_t text_size, std::string_view json,
                   std::optional<Date> as_of) {
  RunOptions plain;
  plain.as_of = as_of;
  RunOptions explained = plain;
  explained.explain = true;

  Result a = policy.evaluate_json(json, plain);
  fuzz::check_result(a, text_size);
  Result b = policy.evaluate_json(json, explained);
  fuzz::check_result(b, text_size);
  fuzz::require(a.ok() == b.ok(), "explain changed whether the evaluation succeeded");
  if (a.ok()) {
    fuzz::require(a.outputs() == b.outputs(), "explain changed the outputs");
    fuzz::require(!b.explanation_text().empty() || a.outputs().empty(),
                  "an explained evaluation has no explanation");
  } else {
    fuzz::require(a.error()->code == b.error()->code && a.error()->message == b.error()->message,
                  "explain changed the error");
  }

  // The host's hot path: Inputs once, a Session reused.
  Inputs in(policy);
  std::vector<Diagnostic> errors = in.set_json(json);
  for (const Diagnostic& d : errors)
    fuzz::require(!d.message.empty(), "an input error has an empty message");
  if (!errors.empty()) {
    fuzz::require(!a.ok(), "set_json found errors that evaluate_json did not");
    return;
  }
  Session s(policy);
  for (int round = 0; round < 2; ++round) {
    bool ok = s.evaluate(in, plain);
    Result r = s.result();
    fuzz::check_result(r, text_size);
    fuzz::require(ok == a.ok(), "a Session disagrees with evaluate_json on success");
    if (ok) {
      fuzz::require(r.outputs() == a.outputs(), "a Session's outputs differ from evaluate_json's");
      for (size_t i = 0; i < r.outputs().size(); ++i)
        (void)s.output_fen(i);
    } else {
      fuzz::require(r.error()->message == a.error()->message,
                    "a Session's error differs from evaluate_json's");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::string root = repo_dir();
  std::ifstream list(root + "/tests/fuzz/eval_policies.txt");
  if (!list) {
    std::cerr << "fuzz_eval: cannot read " << root
              << "/tests/fuzz/eval_policies.txt (set BAO_FUZZ_REPO to the repository)\n";
    std::abort();
  }
  for (std::string line; std::getline(list, line);) {
    if (line.empty() || line[0] == '#') continue;
    Seed s;
    s.path = line;
    std::string text = read_file(root + "/" + line);
    if (text.empty()) {
      std::cerr << "fuzz_eval: warning: cannot read seed policy " << line << "\n";
    } else {
      s.text_size = text.size();
      // Seeds may extend the national frames and use modules under policies/.
      Policy p = Policy::from_string(line, std::move(text), fuzz_limits(), {root + "/policies"});
      if (!p.ok()) {
        std::cerr << "fuzz_eval: seed policy " << line << " does not check:\n"
                  << p.render(Format::text);
        std::abort();
      }
      s.policy = std::move(p);
    }
    seeds().push_back(std::move(s));
  }
  if (seeds().empty()) {
    std::cerr << "fuzz_eval: no seed policies\n";
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return -1;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  uint8_t selector = data[0];
  if (selector < 0x80) {
    const Seed& seed = seeds()[(selector & 0x3f) % seeds().size()];
    if (!seed.policy) return -1;
    std::optional<Date> as_of;
    if (selector & 0x40) as_of = Date::from_ymd(2024, 6, 30);
    evaluate_case(*seed.policy, seed.text_size, rest, as_of);
    return 0;
  }
  size_t cut = rest.find("\n---\n");
  if (cut == std::string_view::npos) return -1;
  std::string text(rest.substr(0, cut + 1));
  std::string_view json = rest.substr(cut + 5);
  size_t text_size = text.size();
  Policy policy = Policy::from_string("fuzz.bao", std::move(text), fuzz_limits());
  for (const Diagnostic& d : policy.diagnostics()) {
    fuzz::require(!d.message.empty(), "a policy diagnostic has an empty message");
    fuzz::require(d.at.file == 0 && fuzz::span_inside(d.at.span, text_size),
                  "a policy diagnostic points outside the policy");
  }
  if (!policy.ok()) {
    fuzz::require(policy.error_count() > 0, "a policy that is not ok has no error");
    (void)policy.render(Format::text);
    // A host that evaluates it anyway gets an error, never an exception or a
    // crash (findings/api_failed_policy.cpp).
    Result r = policy.evaluate_json(json);
    fuzz::require(!r.ok(), "a policy with errors was evaluated");
    fuzz::check_result(r, text_size);
    fuzz::require(policy.run_tests().empty(), "a policy with errors ran tests");
    return 0;
  }
  evaluate_case(policy, text_size, json, std::nullopt);

  // The policy's own `test` blocks (what `bao test` runs): each problem has a
  // message and, when located, a place in the policy.
  for (const TestResult& t : policy.run_tests()) {
    fuzz::require(fuzz::span_inside(t.where.span, text_size) || t.where.file == kNoFile,
                  "a test's location is outside the policy");
    fuzz::require(t.passed || !t.problems.empty(), "a failed test has no problem");
    for (const Diagnostic& d : t.problems) {
      fuzz::require(!d.message.empty(), "a test problem has an empty message");
      fuzz::require_no_file_or_inside(d.at, 0, text_size,
                                      "a test problem points outside the policy");
    }
    if (!t.problems.empty()) (void)policy.render(t.problems, Format::text);
  }
  return 0;
}
