// Evaluates a Program on one case. An Evaluator holds the per-evaluation
// state (memo slots, locals, arena) and is reused case after case by one
// thread; the Program it reads is shared and never written.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lang/eval/program.hpp"
#include "lang/eval/trace.hpp"

namespace bao {

// A fault found while evaluating: thrown inside the evaluator, returned to
// callers as a value.
struct EvalError {
  DiagKind kind;
  Span span;
  std::string message;
  std::vector<uint32_t> rules;  // the rules being evaluated, outermost first
};

// The values of a case's inputs, one per `input` declaration; records and
// lists they hold live in `heap`.
struct InputValues {
  std::vector<Value> values;
  std::vector<bool> present;
  std::vector<Value> heap;
  // Owned text values; boxed so their addresses stay put, and no allocation
  // at all for the many cases that carry no text.
  std::vector<std::unique_ptr<std::string>> texts;
};

struct EvalOptions {
  std::optional<Date> as_of;        // overrides the policy's `as of` binding
  uint64_t max_steps = 50'000'000;  // bodies evaluated and list items visited
  // Nested operations; bounds the interpreter's stack (about 0.4 KiB a level).
  uint32_t max_depth = 2000;
  // Values (32 bytes each) in the lists and records one evaluation builds.
  uint32_t max_values = 4'000'000;
};

class Evaluator {
 public:
  explicit Evaluator(const Program& program);
  // Evaluates every output into `outputs` (by output order). With a trace,
  // records how each value came out.
  bool run(const InputValues& inputs, const EvalOptions& options, std::vector<Value>& outputs,
           EvalError& error, Trace* trace = nullptr);
  // A record or list element, wherever it lives.
  const Value& element(Aggregate a, uint32_t i) const;
  // For callers that evaluate more than the outputs (tests): start a fresh
  // evaluation, then evaluate compiled bodies in it; faults throw EvalError.
  void begin(const InputValues& inputs, const EvalOptions& options, Trace* trace = nullptr);
  Value evaluate_body(uint32_t body) { return eval_body(body); }
  // Fails with E0910 when the case's as-of date precedes the policy's `effective`.
  void check_in_effect() { check_effective(); }
  // The row of table t that applies to the case (tests: `expect row`).
  uint32_t selected_row(uint32_t t) { return row(t, p_.nodes[p_.tables[t].key].span); }

 private:
  friend Value fold_constant(const Program& p, uint32_t node);
  // For fold_constant: no memo slots (folded nodes read no rule, param or
  // table), so that folding costs nothing per declaration of the program.
  struct Bare {};
  Evaluator(const Program& program, Bare) : p_(program) {}
  Value eval(uint32_t n);
  // Counts a step and the nesting of a body about to be evaluated (limits).
  void enter(uint32_t body, Span at);
  Value eval_body(uint32_t body);
  Value rule(uint32_t r);
  Value param(uint32_t p, Span at);
  Value column(uint32_t t, uint32_t c, Span at);
  uint32_t row(uint32_t t, Span at);
  Value schedule(const Node& n);
  Value call_fn(const Node& n);
  Value list_op(const Node& n);
  // evaluator_compose.cpp
  Value call_policy(const Node& n);
  // Input a: the host's, or inside a call, the call's argument.
  const Value& input(uint32_t a, Span at) const;
  Value scan(const Node& n);
  Date as_of(Span at);
  void check_effective();
  [[noreturn]] void fail(DiagKind kind, Span span, std::string message) const;
  [[noreturn]] void stack_exhausted(Span span) const;
  void check(ArithStatus s, Span span) const;
  Aggregate alloc(uint32_t count, Span at);

  const Program& p_;
  const InputValues* in_ = nullptr;
  const EvalOptions* opt_ = nullptr;
  Trace* trace_ = nullptr;
  std::vector<Value> rule_memo_, param_memo_, cell_memo_;
  std::vector<uint8_t> rule_state_, param_state_, cell_state_;  // 0 new, 1 busy, 2 done
  std::vector<uint32_t> row_memo_;
  std::vector<Value> locals_;
  uint32_t frame_ = 0;
  std::vector<Value> arena_;
  std::optional<Date> as_of_;
  bool as_of_known_ = false;
  uint64_t steps_ = 0;
  uint32_t depth_ = 0;
  uintptr_t stack_floor_ = 0;  // stack.hpp: below it, E0908 before the stack runs out
  std::vector<uint32_t> rule_stack_;
  // The policy being evaluated: 0, or a unit another policy called, whose
  // inputs are the call's arguments (inputs call_base_ on).
  uint32_t unit_ = 0;
  const Value* call_args_ = nullptr;
  uint32_t call_base_ = 0;
};

// Used by the compiler to fold constant subtrees; throws EvalError.
Value fold_constant(const Program& p, uint32_t node);

}  // namespace bao
