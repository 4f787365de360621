// The bytecode loop (bytecode.hpp): one body's instructions in the current
// frame, dispatched by computed goto where the compiler has it. Memo hits of
// rules, params, cells and rows are read inline. A rule, param (not dated) or
// cell not yet computed runs its body in this same loop (ENTER_BODY, `ret`),
// charged and memoised exactly as eval_body() would; anything else that may
// evaluate another body (a dated param, a table key, a function, a call, the
// tree walker) goes through the tree walker's own functions, so limits, faults
// and memos behave the same either way. Spans are looked up in the side table
// only when something fails.
#include <fmt/format.h>

#include "lang/eval/compare.hpp"
#include "lang/eval/evaluator.hpp"
#include "lang/eval/stack.hpp"

namespace bao {

namespace {

constexpr Decimal::Raw kFenUnit = 10'000'000'000;
constexpr Decimal::Raw kMaxWhole = Decimal::Raw{INT64_MAX} * kFenUnit;
constexpr Decimal::Raw kMinWhole = Decimal::Raw{INT64_MIN} * kFenUnit;

// A whole-fen value whose fen fit 64 bits, as rounding it would require.
inline bool fen_fits(Decimal::Raw r) {
  return r >= kMinWhole && r <= kMaxWhole;
}

}  // namespace

Span Evaluator::vm_span(uint32_t pc) const {
  uint32_t n = p_.code.node[pc];
  return n == kNoNode ? Span{} : p_.nodes[n].span;
}

void Evaluator::vm_fault(ArithStatus s, uint32_t pc) const {
  check(s, vm_span(pc));
  fail(DiagKind::overflow, vm_span(pc), "the result is too large to represent exactly");
}

void Evaluator::vm_unordered(uint32_t pc, const Value& x, const Value& y) const {
  fail(DiagKind::incomparable, vm_span(pc),
       fmt::format("cannot order {} and {}", duration_to_string(x.dur), duration_to_string(y.dur)));
}

void Evaluator::vm_steps(uint32_t pc) const {
  fail(DiagKind::step_limit, vm_span(pc),
       fmt::format("the evaluation took more than {} steps", opt_->max_steps));
}

Value Evaluator::run_code(uint32_t pc) {
  const Code& code = p_.code;
  if (BAO_FRAME_ADDRESS() < stack_floor_) stack_exhausted(vm_span(pc));
  const Ins* const ins = code.ins.data();
  const Value* const K = p_.consts.data();
  Value* R = locals_.data() + frame_;
  // Rules this loop entered itself (not through a C++ call) sit above `base`.
  const size_t base = vm_calls_.size();
// After anything that may evaluate another body: the frames may have moved.
#define reload() (R = locals_.data() + frame_)
#define span_at(at) vm_span(at)
#define fault(s) vm_fault(s, pc)
#define arg_b(i) ((i).mode & kConstB ? K[(i).b] : R[(i).b])
#define arg_c(i) ((i).c & kConstC ? K[(i).b] : R[(i).b])
// What eval_body() does, without a C++ call: the body runs in this loop, in
// the next frame, and its `ret` stores the memo `what` and comes back here.
#define ENTER_BODY(body, what)                                                     \
  do {                                                                             \
    uint32_t entered = (body);                                                     \
    enter(entered, p_.nodes[entered].span);                                        \
    vm_calls_.push_back({pc + 1, ins[pc].d, (what), entered});                     \
    frame_ += stride_;                                                             \
    if (locals_.size() < frame_ + stride_) locals_.resize((frame_ + stride_) * 2); \
    reload();                                                                      \
    JUMP(code.entry[entered]);                                                     \
  } while (0)

#if defined(__GNUC__)
#define BAO_LABEL(name) &&op_##name,
  static void* const kLabels[] = {BAO_VOPS(BAO_LABEL)};
  static_assert(sizeof(kLabels) / sizeof(kLabels[0]) == static_cast<size_t>(VOp::scan_end) + 1,
                "one label per VOp, in the enum's order");
#define CASE(name) op_##name:
#define DISPATCH() goto* kLabels[static_cast<uint8_t>(ins[pc].op)]
#else
#define CASE(name) case VOp::name:
#define DISPATCH() goto dispatch
#endif
#define NEXT()  \
  do {          \
    ++pc;       \
    DISPATCH(); \
  } while (0)
#define JUMP(to) \
  do {           \
    pc = (to);   \
    DISPATCH();  \
  } while (0)

#if !defined(__GNUC__)
dispatch:
  switch (ins[pc].op) {
#else
  DISPATCH();
  {
#endif
    CASE(konst) {
      R[ins[pc].d] = K[ins[pc].a];
      NEXT();
    }
    CASE(move) {
      R[ins[pc].d] = R[ins[pc].a];
      NEXT();
    }
    CASE(input) {
      const Ins& i = ins[pc];
      if (unit_ != 0) {
        R[i.d] = scratch_[call_args_ + i.a - call_base_];
      } else {
        if (!in_->present[i.a]) [[unlikely]]
          missing_input(i.a, span_at(pc));
        R[i.d] = in_->values[i.a];
      }
      NEXT();
    }
    CASE(input_field) {
      const Ins& i = ins[pc];
      const Value* rec;
      if (unit_ != 0) {
        rec = &scratch_[call_args_ + i.a - call_base_];
      } else {
        if (!in_->present[i.a]) [[unlikely]]
          (void)input(i.a, p_.nodes[p_.nodes[code.node[pc]].a].span);
        rec = &in_->values[i.a];
      }
      // Unreachable after checking (E0207) and input validation; kept as a guard.
      if (rec->none) [[unlikely]]
        fail(DiagKind::input_missing, p_.nodes[p_.nodes[code.node[pc]].a].span,
             "this value is absent");
      R[i.d] = element(rec->agg, i.b);
      NEXT();
    }
    CASE(field) {
      const Ins& i = ins[pc];
      // Unreachable after checking (E0207); kept as a guard, as in the tree walker.
      if (R[i.a].none) [[unlikely]]
        fail(DiagKind::input_missing, p_.nodes[p_.nodes[code.node[pc]].a].span,
             "this value is absent");
      R[i.d] = element(R[i.a].agg, i.b);
      NEXT();
    }
    CASE(rule) {
      const Ins& i = ins[pc];
      if (fresh(rule_stamp_[i.a])) {
        R[i.d] = rule_memo_[i.a];
        NEXT();
      }
      // What rule() and eval_body() do, without a C++ call: the rule's body
      // runs in this loop, in the next frame, and `ret` comes back here.
      uint32_t body = p_.rule_body[i.a];
      rule_stack_.push_back(i.a);
      ENTER_BODY(body, VmCall::kRule | i.a);
    }
    CASE(param) {
      const Ins& i = ins[pc];
      if (fresh(param_stamp_[i.a])) {
        R[i.d] = param_memo_[i.a];
      } else if (uint32_t k = code.param_konst[i.a]; k != kNoCode) {
        // What param() does for a constant body, without evaluating it.
        charge(p_.param_body[i.a]);
        remember_param(i.a);
        param_memo_[i.a] = K[k];
        param_stamp_[i.a] = epoch_;
        R[i.d] = K[k];
      } else if (uint32_t body = p_.param_body[i.a]; body != kNoNode) {
        ENTER_BODY(body, VmCall::kParam | i.a);  // as param() does, in this loop
      } else {
        Value v = param(i.a, p_.nodes[code.node[pc]].span);  // dated: by the as-of date
        reload();
        R[i.d] = v;
      }
      NEXT();
    }
    CASE(column) {
      const Ins& i = ins[pc];
      uint32_t slot = p_.tables[i.a].cell_base + i.b;
      if (fresh(cell_stamp_[slot])) {
        R[i.d] = cell_memo_[slot];
        NEXT();
      }
      // As column() does: the row, then the cell's body in this loop.
      const TableCode& table = p_.tables[i.a];
      uint32_t r;
      if (fresh(row_stamp_[i.a])) {
        r = row_memo_[i.a];
      } else {
        r = row(i.a, p_.nodes[code.node[pc]].span);
        reload();
      }
      if (table.ineligible[r]) [[unlikely]]
        (void)column(i.a, i.b, p_.nodes[code.node[pc]].span);  // fails: E0906
      ENTER_BODY(table.cells[r][i.b], VmCall::kCell | slot);
    }
    CASE(eligible) {
      const Ins& i = ins[pc];
      uint32_t r;
      if (fresh(row_stamp_[i.a])) {
        r = row_memo_[i.a];
      } else {
        r = row(i.a, p_.nodes[code.node[pc]].span);
        reload();
      }
      R[i.d] = Value::of_bool(!p_.tables[i.a].ineligible[r]);
      NEXT();
    }
    CASE(neg_int) {
      const Ins& i = ins[pc];
      int64_t out;
      if (ArithStatus s = sub_i64(0, R[i.a].i, out); s != ArithStatus::ok) [[unlikely]]
        fault(s);
      R[i.d] = Value::of_int(out);
      NEXT();
    }
    CASE(neg_dec) {
      const Ins& i = ins[pc];
      Decimal out;
      if (ArithStatus s = neg(R[i.a].dec(), out); s != ArithStatus::ok) [[unlikely]]
        fault(s);
      R[i.d] = Value::of_dec(out);
      NEXT();
    }
    CASE(abs_int) {
      const Ins& i = ins[pc];
      int64_t v = R[i.a].i;
      if (v == INT64_MIN) [[unlikely]]
        fail(DiagKind::overflow, span_at(pc), "the result is too large");
      R[i.d] = Value::of_int(v < 0 ? -v : v);
      NEXT();
    }
    CASE(abs_dec) {
      const Ins& i = ins[pc];
      Decimal v = R[i.a].dec(), out = v;
      if (v.is_negative())
        if (ArithStatus s = neg(v, out); s != ArithStatus::ok) [[unlikely]]
          fault(s);
      R[i.d] = Value::of_dec(out);
      NEXT();
    }
    CASE(not_) {
      const Ins& i = ins[pc];
      R[i.d] = Value::of_bool(!R[i.a].b);
      NEXT();
    }
    CASE(int_to_dec) {
      const Ins& i = ins[pc];
      R[i.d] = Value::of_dec(Decimal::from_int(R[i.a].i));
      NEXT();
    }
#define BAO_INT2(name, f)                                                              \
  CASE(name) {                                                                         \
    const Ins& i = ins[pc];                                                            \
    int64_t out;                                                                       \
    if (ArithStatus s = f(R[i.a].i, R[i.b].i, out); s != ArithStatus::ok) [[unlikely]] \
      fault(s);                                                                        \
    R[i.d] = Value::of_int(out);                                                       \
    NEXT();                                                                            \
  }
    BAO_INT2(add_int, add_i64)
    BAO_INT2(sub_int, sub_i64)
    BAO_INT2(mul_int, mul_i64)
#undef BAO_INT2
#define BAO_DEC2(name, f)                                                                        \
  CASE(name) {                                                                                   \
    const Ins& i = ins[pc];                                                                      \
    Decimal out;                                                                                 \
    if (ArithStatus s = f(R[i.a].dec(), arg_b(i).dec(), out); s != ArithStatus::ok) [[unlikely]] \
      fault(s);                                                                                  \
    if ((i.mode & kFenChecked) && !fen_fits(out.raw())) [[unlikely]]                             \
      fault(ArithStatus::overflow);                                                              \
    R[i.d] = Value::of_dec(out);                                                                 \
    NEXT();                                                                                      \
  }
    BAO_DEC2(add_dec, add)
    BAO_DEC2(sub_dec, sub)
    BAO_DEC2(mul_dec, mul_fast)
    BAO_DEC2(div_dec, div)
#undef BAO_DEC2
    CASE(cmp) {
      const Ins& i = ins[pc];
      const Value &x = R[i.a], &y = arg_c(i);
      auto kind = static_cast<CmpKind>(i.c & 0xff);
      bool ok = true;
      // Optional operands: `none` equals only `none`; present values compare as their type.
      bool optional = i.mode & kOptionalBit;
      int c = optional && (x.none || y.none) ? (x.none == y.none ? 0 : 1) : compare(x, y, kind, ok);
      if (!ok) [[unlikely]]
        vm_unordered(pc, x, y);
      R[i.d] = Value::of_bool(holds(static_cast<BinaryOp>(i.mode & ~kOptionalBit), c));
      NEXT();
    }
    CASE(minmax) {
      const Ins& i = ins[pc];
      const Value& v = arg_c(i);
      bool ok;
      int c = compare(v, R[i.a], static_cast<CmpKind>(i.c & 0xff), ok);
      if (!ok) [[unlikely]]
        fail(DiagKind::incomparable, span_at(pc), "these durations cannot be ordered");
      R[i.d] = (i.mode == 0 ? c < 0 : c > 0) ? v : R[i.a];
      NEXT();
    }
    CASE(round_fen) {
      const Ins& i = ins[pc];
      int64_t fen = 0;
      if (ArithStatus s = to_fen(R[i.a].dec(), static_cast<Rounding>(i.mode), fen);
          s != ArithStatus::ok) [[unlikely]]
        fault(s);
      R[i.d] = Value::of_dec(Decimal::from_raw(Decimal::Raw{fen} * kFenUnit));
      NEXT();
    }
    CASE(fen_check) {
      if (!fen_fits(R[ins[pc].a].d)) [[unlikely]]
        fault(ArithStatus::overflow);
      NEXT();
    }
    CASE(jump) {
      JUMP(ins[pc].a);
    }
    CASE(jump_if_not) {
      const Ins& i = ins[pc];
      if (!R[i.a].b) JUMP(i.b);
      NEXT();
    }
    CASE(to_bool) {
      const Ins& i = ins[pc];
      R[i.d] = Value::of_bool(R[i.d].b);
      NEXT();
    }
    CASE(match) {
      const Ins& i = ins[pc];
      JUMP(code.jumps[i.b + R[i.a].variant]);
    }
    CASE(or_else) {
      const Ins& i = ins[pc];
      if (!R[i.d].none) JUMP(i.a);
      NEXT();
    }
    CASE(schedule) {
      const Ins& i = ins[pc];
      Decimal amount = R[i.a].dec(), from = i.b == kNoReg ? Decimal{} : R[i.b].dec();
      Value v = apply_schedule(i.c, amount, from, code.node[pc]);
      reload();
      R[i.d] = v;
      NEXT();
    }
    CASE(call_fn) {
      const Ins& i = ins[pc];
      Value v = enter_fn(i.a, locals_, frame_ + i.b, span_at(pc));
      reload();
      R[i.d] = v;
      NEXT();
    }
    CASE(call_policy) {
      const Ins& i = ins[pc];
      size_t base = scratch_.size();
      scratch_.insert(scratch_.end(), R + i.b, R + i.b + i.c);
      Value v = enter_policy(i.a, base, span_at(pc));
      scratch_.resize(base);
      reload();
      R[i.d] = v;
      NEXT();
    }
    CASE(tree) {
      const Ins& i = ins[pc];
      Value v = eval(i.a);
      reload();
      R[i.d] = v;
      NEXT();
    }
    CASE(ret) {
      if (vm_calls_.size() == base) return R[ins[pc].a];
      VmCall call = vm_calls_.back();
      vm_calls_.pop_back();
      Value v = R[ins[pc].a];
      frame_ -= stride_;
      depth_ -= p_.height[call.body];
      uint32_t index = call.what & VmCall::kIndex;
      switch (call.what & ~VmCall::kIndex) {
        case VmCall::kRule:
          rule_stack_.pop_back();
          rule_memo_[index] = v;
          rule_stamp_[index] = epoch_;
          break;
        case VmCall::kParam:
          remember_param(index);
          param_memo_[index] = v;
          param_stamp_[index] = epoch_;
          break;
        default:
          cell_memo_[index] = v;
          cell_stamp_[index] = epoch_;
          break;
      }
      reload();
      R[call.dst] = v;
      JUMP(call.ret);
    }
    CASE(aggregate) {
      const Ins& i = ins[pc];
      Value v;
      v.agg = alloc(i.b, span_at(pc));
      std::copy(R + i.a, R + i.a + i.b, arena_.begin() + (v.agg.offset & ~Aggregate::kRuntimeBit));
      R[i.d] = v;
      NEXT();
    }
    CASE(imm) {
      const Ins& i = ins[pc];
      R[i.d] = i.mode == 0   ? Value::of_int(i.a)
               : i.mode == 1 ? Value::of_bool(i.a != 0)
                             : Value::of_dec(Decimal{});
      NEXT();
    }
    CASE(loop_next) {
      const Ins& i = ins[pc];
      Value& index = R[i.a + 1];
      Aggregate xs = R[i.a].agg;
      if (static_cast<uint64_t>(index.i) >= xs.count) JUMP(i.b);
      if (++steps_ > opt_->max_steps) [[unlikely]]
        vm_steps(pc);
      R[i.c] = element(xs, static_cast<uint32_t>(index.i));
      ++R[i.a + 1].i;
      NEXT();
    }
    CASE(count_all) {
      const Ins& i = ins[pc];
      R[i.d] = Value::of_int(R[i.a].agg.count);
      NEXT();
    }
    CASE(acc_count) {
      const Ins& i = ins[pc];
      R[i.d] = Value::of_int(R[i.d].i + R[i.a].b);
      NEXT();
    }
    CASE(any_exit) {
      const Ins& i = ins[pc];
      if (R[i.a].b) {
        R[i.d] = Value::of_bool(true);
        JUMP(i.b);
      }
      NEXT();
    }
    CASE(all_exit) {
      const Ins& i = ins[pc];
      if (!R[i.a].b) {
        R[i.d] = Value::of_bool(false);
        JUMP(i.b);
      }
      NEXT();
    }
    CASE(mark_scratch) {
      R[ins[pc].d] = Value::of_int(static_cast<int64_t>(scratch_.size()));
      NEXT();
    }
    CASE(push) {
      scratch_.push_back(R[ins[pc].a]);
      NEXT();
    }
    CASE(push_if) {
      const Ins& i = ins[pc];
      if (R[i.a].b) scratch_.push_back(R[i.b]);
      NEXT();
    }
    CASE(pop_list) {
      const Ins& i = ins[pc];
      Value v;
      v.agg = pop_aggregate(static_cast<size_t>(R[i.a].i), span_at(pc));
      R[i.d] = v;
      NEXT();
    }
    CASE(scan_sort) {
      const Ins& i = ins[pc];
      size_t at = sort_items(R[i.a].agg, i.b, i.mode);
      R[i.a + 2] = Value::of_int(static_cast<int64_t>(at));
      NEXT();
    }
    CASE(scan_next) {
      const Ins& i = ins[pc];
      Value* scan = R + i.a;
      if (static_cast<uint64_t>(scan[1].i) >= scan[0].agg.count) JUMP(i.b);
      if (++steps_ > opt_->max_steps) [[unlikely]]
        vm_steps(pc);
      uint32_t item = order_scratch_[static_cast<size_t>(scan[2].i + scan[1].i)];
      R[i.c] = scan[4];
      R[i.c + 1] = element(scan[0].agg, item);
      ++scan[1].i;
      NEXT();
    }
    CASE(scan_end) {
      const Ins& i = ins[pc];
      order_scratch_.resize(static_cast<size_t>(R[i.a + 2].i));
      Value v;
      v.agg = pop_aggregate(static_cast<size_t>(R[i.a + 3].i), span_at(pc));
      R[i.d] = v;
      NEXT();
    }
  }
#undef CASE
#undef DISPATCH
#undef reload
#undef span_at
#undef fault
#undef arg_b
#undef arg_c
#undef ENTER_BODY
#undef NEXT
#undef JUMP
  return {};
}

}  // namespace bao
