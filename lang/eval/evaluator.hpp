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
  const Value& element(Aggregate a, uint32_t i) const {
    if (a.offset & Aggregate::kRuntimeBit) return arena_[(a.offset & ~Aggregate::kRuntimeBit) + i];
    return in_->heap[a.offset + i];
  }
  // For callers that evaluate more than the outputs (tests): start a fresh
  // evaluation, then evaluate compiled bodies in it; faults throw EvalError.
  void begin(const InputValues& inputs, const EvalOptions& options, Trace* trace = nullptr);
  Value evaluate_body(uint32_t body) { return eval_body(body); }
  // Fails with E0910 when the case's as-of date precedes the policy's
  // `effective` (tests: as a host's evaluation does first).
  void check_in_effect() { check_effective(); }
  // Fails with E0911 when the case a test gives breaks a `require` (one that
  // reads an input the test leaves out does not apply).
  void check_test_requirements() { check_requires(true); }
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
  void enter(uint32_t body, const Span& at) {
    ++steps_;
    depth_ += p_.height[body];
    if (steps_ > opt_->max_steps || depth_ > opt_->max_depth) [[unlikely]]
      limit_exceeded(at);
  }
  [[noreturn, gnu::cold, gnu::noinline]] void limit_exceeded(Span at) const;
  // What enter() and leaving charge for a body that is a constant, whose value
  // the bytecode reads in place: the same step, the same depth check.
  void charge(uint32_t body) {
    if (++steps_ > opt_->max_steps || depth_ + p_.height[body] > opt_->max_depth) [[unlikely]]
      charge_failed(body);
  }
  [[noreturn, gnu::cold, gnu::noinline]] void charge_failed(uint32_t body);
  Value eval_body(uint32_t body);
  Value rule(uint32_t r);
  Value param(uint32_t p, const Span& at);
  Value column(uint32_t t, uint32_t c, const Span& at);
  uint32_t row(uint32_t t, const Span& at);
  Value schedule(const Node& n);
  Value call_fn(const Node& n);
  Value list_op(const Node& n);
  // evaluator_compose.cpp
  Value call_policy(const Node& n);
  // Input a: the host's, or inside a call, the call's argument.
  const Value& input(uint32_t a, Span at) const {
    if (unit_ != 0) return scratch_[call_args_ + a - call_base_];
    if (!in_->present[a]) [[unlikely]]
      missing_input(a, at);
    return in_->values[a];
  }
  [[noreturn]] void missing_input(uint32_t a, Span at) const;
  Value apply_schedule(uint32_t s, Decimal amount, Decimal from, uint32_t at);
  Decimal band_rate(uint32_t body);
  Value enter_policy(uint32_t unit, size_t args, Span at);
  Value scan(const Node& n);
  size_t sort_items(Aggregate items, uint32_t by, uint8_t mode);
  void remember_param(uint32_t i);
  Date as_of(const Span& at);
  void check_effective(const Span* call = nullptr);
  void check_requires(bool given_only = false);
  void check_call_in_effect(Span at) { check_effective(&at); }
  [[noreturn]] void fail(DiagKind kind, Span span, std::string message) const;
  [[noreturn]] void stack_exhausted(Span span) const;
  void check(ArithStatus s, Span span) const;
  Aggregate alloc(uint32_t count, Span at);
  Aggregate pop_aggregate(size_t base, Span at);
  Value enter_fn(uint32_t fn, const std::vector<Value>& src, size_t at, Span span);
  // vm.cpp: runs the bytecode of a body from `pc` in the current frame.
  Value run_code(uint32_t pc);
  Span vm_span(uint32_t pc) const;
  [[noreturn, gnu::cold, gnu::noinline]] void vm_fault(ArithStatus s, uint32_t pc) const;
  [[noreturn, gnu::cold, gnu::noinline]] void vm_steps(uint32_t pc) const;
  [[noreturn, gnu::cold, gnu::noinline]] void vm_unordered(uint32_t pc, const Value& x,
                                                           const Value& y) const;
  // A rule the bytecode loop entered itself: where to go back to.
  struct VmCall {
    static constexpr uint32_t kRule = 0, kParam = 1u << 30, kCell = 2u << 30;
    static constexpr uint32_t kIndex = (1u << 30) - 1;
    uint32_t ret, dst;
    uint32_t what;  // kRule, kParam or kCell | the rule, param or cell slot
    uint32_t body;
  };
  std::vector<VmCall> vm_calls_;

  // Memos are stamped with the epoch they were computed in: a new evaluation,
  // or a call of another policy, takes a fresh epoch instead of clearing them.
  bool fresh(uint32_t stamp) const { return stamp == epoch_; }
  void new_epoch();

  const Program& p_;
  const InputValues* in_ = nullptr;
  const EvalOptions* opt_ = nullptr;
  Trace* trace_ = nullptr;
  std::vector<Value> rule_memo_, param_memo_, cell_memo_;
  std::vector<uint32_t> rule_stamp_, param_stamp_, cell_stamp_, row_stamp_;
  std::vector<uint32_t> row_memo_;
  uint32_t epoch_ = 0, last_epoch_ = 0;
  std::vector<Value> locals_;
  uint32_t frame_ = 0;
  uint32_t stride_ = 1;  // slots of one frame: locals, then the bytecode's temporaries
  std::vector<Value> arena_;
  size_t arena_used_ = 0;
  // Scratch stacks for calls, `scan`, lists and records: used in stack order
  // (resized back when done), so after warm-up nothing allocates.
  std::vector<Value> scratch_;
  std::vector<uint32_t> order_scratch_;
  std::optional<Date> as_of_;
  bool as_of_known_ = false;
  uint64_t steps_ = 0;
  uint32_t depth_ = 0;
  uintptr_t stack_floor_ = 0;  // stack.hpp: below it, E0908 before the stack runs out
  std::vector<uint32_t> rule_stack_;
  // The policy being evaluated: 0, or a unit another policy called, whose
  // inputs are the call's arguments (inputs call_base_ on).
  uint32_t unit_ = 0;
  size_t call_args_ = 0;  // in scratch_
  uint32_t call_base_ = 0;
  uint32_t calls_ = 0;  // calls of other policies under way
  struct ParamUndo {
    uint32_t param, stamp, trace_node;
    Value value;
  };
  std::vector<ParamUndo> param_undo_;
  std::vector<uint32_t> active_epochs_;  // of the callers of the calls under way
};

// Used by the compiler to fold constant subtrees; throws EvalError.
Value fold_constant(const Program& p, uint32_t node);

}  // namespace bao
