// The lowering's superinstructions: what a body of a small policy becomes.
// A change that loses one (a constant operand loaded into a register, a
// rounding of whole fen that divides again) shows here, not only as time.
#include <doctest/doctest.h>

#include "lang/check/check.hpp"
#include "lang/eval/program.hpp"
#include "lang/link/link.hpp"

namespace bao {
namespace {

struct Lowered {
  SourceSet sources;
  std::unique_ptr<Program> program;
  // The bytecode of rule `name`'s body.
  std::string rule(std::string_view name) const {
    const CheckedPolicy& c = *program->checked;
    for (uint32_t r = 0; r < c.rules.size(); ++r)
      if (c.rules[r].name == name) return dump_body(*program, program->rule_body[r]);
    return "no rule " + std::string(name);
  }
};

Lowered lower_text(const std::string& text) {
  Lowered l;
  FileId f = l.sources.add("t.bao", text);
  DiagSink sink(50);
  Module m = link_policy(l.sources, f, sink, LinkOptions{});
  REQUIRE(!sink.has_errors());
  std::shared_ptr<const CheckedPolicy> checked = check_module(l.sources, m, sink);
  REQUIRE(!sink.has_errors());
  l.program = compile(checked, sink);
  REQUIRE(!sink.has_errors());
  return l;
}

const char* kPolicy = R"(policy t.lower
record Claim {
  total: money
  paid: money
  inpatient: bool
}
input claim: Claim
param ratio: rate = 70%
rule self_pay: money = max(claim.total - claim.paid, 0 yuan)
rule share: money = self_pay * ratio
rule both: bool = claim.inpatient and self_pay > 100 yuan
rule pick: money = if claim.inpatient then self_pay else 0 yuan
)";

}  // namespace

TEST_CASE("lowering: input fields, constant operands, whole-fen rounding as a range check") {
  Lowered l = lower_text(kPolicy);
  // Named money is whole fen: rounding the max of a difference is a range check.
  CHECK(l.rule("self_pay") == "input_field input_field sub_dec minmax/k fen_check ret");
  // A product is rounded for real.
  CHECK(l.rule("share") == "rule param mul_dec round_fen ret");
  // `and` short-circuits on one register; the comparison reads its constant in place.
  CHECK(l.rule("both") == "input_field all_exit rule cmp/k to_bool ret");
  CHECK(l.rule("pick") == "input_field jump_if_not rule jump konst fen_check ret");
}

TEST_CASE("lowering: the outputs block reads every output in one run") {
  Lowered l =
      lower_text(std::string(kPolicy) + "output o1: money = share\noutput o2: bool = both\n");
  REQUIRE(l.program->code.outputs_entry != kNoCode);
  std::string block;
  for (uint32_t pc = l.program->code.outputs_entry;; ++pc) {
    const Ins& i = l.program->code.ins[pc];
    block += i.op == VOp::rule ? "rule " : i.op == VOp::ret ? "ret" : "? ";
    if (i.op == VOp::ret) break;
  }
  CHECK(block == "rule rule ret");
}

}  // namespace bao
