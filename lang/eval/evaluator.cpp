#include "lang/eval/evaluator.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "lang/eval/compare.hpp"
#include "lang/eval/stack.hpp"

namespace bao {

namespace {

// Evaluation off the record: no trace until this goes out of scope.
struct Untraced {
  Trace*& trace;
  Trace* saved;
  explicit Untraced(Trace*& t) : trace(t), saved(t) { t = nullptr; }
  ~Untraced() { trace = saved; }
  Untraced(const Untraced&) = delete;
  Untraced& operator=(const Untraced&) = delete;
};

}  // namespace

Evaluator::Evaluator(const Program& program) : p_(program) {
  rule_memo_.resize(p_.rule_body.size());
  rule_stamp_.resize(p_.rule_body.size());
  param_memo_.resize(p_.param_body.size());
  param_stamp_.resize(p_.param_body.size());
  cell_memo_.resize(p_.cell_slots);
  cell_stamp_.resize(p_.cell_slots);
  row_memo_.resize(p_.tables.size());
  row_stamp_.resize(p_.tables.size());
  stride_ = p_.max_locals + p_.code.temps;
  locals_.resize(static_cast<size_t>(stride_) * 16 + 16);
}

void Evaluator::new_epoch() {
  if (++last_epoch_ == 0) {
    // After 2^32 epochs a stamp could be mistaken for a fresh one: start over.
    for (auto* v : {&rule_stamp_, &param_stamp_, &cell_stamp_, &row_stamp_})
      std::fill(v->begin(), v->end(), 0);
    last_epoch_ = 1;
  }
  epoch_ = last_epoch_;
}

void Evaluator::fail(DiagKind kind, Span span, std::string message) const {
  throw EvalError{kind, span, std::move(message), rule_stack_};
}

void Evaluator::stack_exhausted(Span span) const {
  fail(DiagKind::depth_limit, span,
       "values here depend on each other too deeply for this thread's native stack: "
       "lower the depth limit or give the thread a larger stack");
}

void Evaluator::check(ArithStatus s, Span span) const {
  if (s == ArithStatus::ok) return;
  if (s == ArithStatus::division_by_zero)
    fail(DiagKind::division_by_zero, span, "division by zero");
  fail(DiagKind::overflow, span, "the result is too large to represent exactly");
}

Aggregate Evaluator::alloc(uint32_t count, Span at) {
  auto offset = static_cast<uint32_t>(arena_used_);
  if (uint64_t{offset} + count > opt_->max_values)
    fail(DiagKind::memory_limit, at,
         fmt::format("the lists and records built here exceed {} values", opt_->max_values));
  // The arena keeps its size between evaluations; only its use is reset, so
  // a value is never constructed twice.
  arena_used_ += count;
  if (arena_.size() < arena_used_)
    arena_.resize(std::min(std::max(arena_used_, 2 * arena_.size()),
                           std::max<size_t>(arena_used_, opt_->max_values)));
  return {offset | Aggregate::kRuntimeBit, count};
}

// Moves scratch_[base ..] into the arena as one record or list.
Aggregate Evaluator::pop_aggregate(size_t base, Span at) {
  auto count = static_cast<uint32_t>(scratch_.size() - base);
  Aggregate a = alloc(count, at);
  std::copy(scratch_.begin() + static_cast<std::ptrdiff_t>(base), scratch_.end(),
            arena_.begin() + (a.offset & ~Aggregate::kRuntimeBit));
  scratch_.resize(base);
  return a;
}

void Evaluator::begin(const InputValues& inputs, const EvalOptions& options, Trace* trace) {
  in_ = &inputs;
  opt_ = &options;
  trace_ = trace;
  new_epoch();
  arena_used_ = 0;
  scratch_.clear();
  order_scratch_.clear();
  vm_calls_.clear();
  frame_ = 0;
  steps_ = 0;
  depth_ = 0;
  stack_floor_ = stack_floor();  // per evaluation: a Session may move between threads
  as_of_known_ = false;
  unit_ = 0;
  call_args_ = 0;
  calls_ = 0;
  param_undo_.clear();
  active_epochs_.clear();
  rule_stack_.clear();
  if (trace_) trace_->reset(p_);
}

bool Evaluator::run(const InputValues& inputs, const EvalOptions& options,
                    std::vector<Value>& outputs, EvalError& error, Trace* trace) {
  begin(inputs, options, trace);
  outputs.resize(p_.outputs.size());
  try {
    check_effective();
    check_requires();
    if (!trace_) {
      // One run of the bytecode reads every output (Code::outputs_entry).
      run_code(p_.code.outputs_entry);
      std::copy_n(locals_.begin() + frame_ + p_.code.first_output, outputs.size(), outputs.begin());
      return true;
    }
    for (size_t i = 0; i < p_.outputs.size(); ++i) {
      outputs[i] = rule(p_.outputs[i]);
      trace_->outputs.push_back(trace_->rule_node[p_.outputs[i]]);
    }
  } catch (const EvalError& e) {
    error = e;
    return false;
  }
  return true;
}

void Evaluator::limit_exceeded(Span at) const {
  if (steps_ > opt_->max_steps)
    fail(DiagKind::step_limit, at,
         fmt::format("the evaluation took more than {} steps", opt_->max_steps));
  fail(DiagKind::depth_limit, at,
       fmt::format("values here depend on each other more than {} levels deep", opt_->max_depth));
}

void Evaluator::charge_failed(uint32_t body) {
  --steps_;  // enter() counts again, and fails with its own message and place
  enter(body, p_.nodes[body].span);
  fail(DiagKind::depth_limit, p_.nodes[body].span, "the evaluation is too deep");  // not reached
}

Value Evaluator::eval_body(uint32_t body) {
  enter(body, p_.nodes[body].span);
  uint32_t saved = frame_;
  frame_ = saved + stride_;
  if (locals_.size() < frame_ + stride_) locals_.resize((frame_ + stride_) * 2);
  uint32_t code = trace_ ? kNoCode : p_.code.entry[body];
  Value v = code == kNoCode ? eval(body) : run_code(code);
  frame_ = saved;
  depth_ -= p_.height[body];
  return v;
}

Value Evaluator::rule(uint32_t r) {
  if (fresh(rule_stamp_[r])) {
    if (trace_) trace_->link(trace_->rule_node[r]);
    return rule_memo_[r];
  }
  uint32_t tn = 0;
  if (trace_) {
    tn = trace_->open(TraceNode::Kind::rule, r, 0);
    trace_->rule_node[r] = tn;
    trace_->push(tn);
  }
  rule_stack_.push_back(r);
  Value v = eval_body(p_.rule_body[r]);
  rule_stack_.pop_back();
  rule_memo_[r] = v;
  rule_stamp_[r] = epoch_;
  if (trace_) {
    trace_->nodes[tn].value = v;
    trace_->pop();
  }
  return v;
}

// A case whose as-of date falls before the policy takes effect is not settled
// under it (when the date is known: passed, or bound in the header). Nor is a
// called policy applied to a date before it takes effect (the call at `call`,
// its date its own binding's or the caller's).
void Evaluator::check_effective(const Span* call) {
  const UnitCode& u = p_.units[unit_];
  if (!u.effective || (!opt_->as_of && u.as_of == kNoNode && !as_of_known_)) return;
  Span at = u.as_of != kNoNode ? p_.nodes[u.as_of].span : Span{};
  if (call) at = *call;
  // A call's date is read off the record: an explanation shows it where a
  // dated param of the callee reads it, as before calls were checked.
  std::optional<Untraced> off;
  if (call) off.emplace(trace_);
  Date d = as_of(at);
  off.reset();
  // Read again where a dated param needs it, so an explanation shows the
  // input the date came from there.
  if (trace_ && u.as_of != kNoNode) as_of_known_ = false;
  if (d >= *u.effective) return;
  if (!call)
    fail(DiagKind::not_in_effect, at,
         fmt::format("the as-of date {} is before the policy takes effect on {}", d.to_string(),
                     u.effective->to_string()));
  fail(DiagKind::not_in_effect, at,
       fmt::format("this call applies {} on {}, before it takes effect on {}; a claim of that "
                   "date needs the rules in force then",
                   p_.checked->units[unit_].name, d.to_string(), u.effective->to_string()));
}

// A case that breaks a `require` of the unit is refused with its message.
// Read off the record (as the date is), so explanations are those of the
// outputs; when tracing, a fresh epoch makes the outputs compute anew.
// `given_only` (a test): a requirement that reads an input the test leaves
// out does not apply to it.
void Evaluator::check_requires(bool given_only) {
  const UnitCode& u = p_.units[unit_];
  if (u.requirements.empty()) return;
  {
    Untraced untraced(trace_);
    for (uint32_t r : u.requirements) {
      uint32_t frame = frame_, depth = depth_;
      size_t rules = rule_stack_.size(), scratch = scratch_.size();
      bool met = false;
      try {
        met = eval_body(p_.requirements[r]).b;
      } catch (const EvalError& e) {
        if (!given_only || e.kind != DiagKind::input_missing) throw;
        frame_ = frame;  // unwound: what a finished evaluation would have put back
        depth_ = depth;
        rule_stack_.resize(rules);
        scratch_.resize(scratch);
        continue;
      }
      if (met) continue;
      const RequireInfo& info = p_.checked->requirements[r];
      fail(DiagKind::requirement_failed, p_.nodes[p_.requirements[r]].span,
           fmt::format("requirement `{}` is not met: {}", info.name, info.message));
    }
  }
  if (trace_) {
    new_epoch();
    if (u.as_of != kNoNode) as_of_known_ = false;
  }
}

Date Evaluator::as_of(const Span& at) {
  if (opt_->as_of) return *opt_->as_of;
  if (!as_of_known_) {
    uint32_t node = p_.units.empty() ? p_.as_of : p_.units[unit_].as_of;
    if (node == kNoNode)
      fail(DiagKind::no_as_of, at,
           "this param has dated values, but no as-of date is known: pass one (`--as-of`) or "
           "bind it in the policy header (`as of claim.date`)");
    as_of_ = eval_body(node).as_date();
    as_of_known_ = true;
  }
  return *as_of_;
}

Value Evaluator::param(uint32_t i, const Span& at) {
  if (fresh(param_stamp_[i])) {
    if (trace_) trace_->link(trace_->param_node[i]);
    return param_memo_[i];
  }
  uint32_t tn = 0;
  if (trace_) {
    tn = trace_->open(TraceNode::Kind::param, i, 0);
    trace_->param_node[i] = tn;
    trace_->push(tn);
  }
  uint32_t body = p_.param_body[i];
  int32_t version = -1;
  if (body == kNoNode) {
    Date d = as_of(at);
    const auto& dated = p_.param_dated[i];
    for (size_t k = dated.size(); k-- > 0;) {
      if (dated[k].from <= d) {
        if (!dated[k].until || d <= *dated[k].until) {
          body = dated[k].body;
          version = static_cast<int32_t>(k);
        }
        break;
      }
    }
    if (body == kNoNode)
      fail(DiagKind::no_dated_value, at,
           fmt::format("`{}` has no value in force on {}", p_.checked->params[i].name,
                       d.to_string()));
  }
  Value v = eval_body(body);
  remember_param(i);
  param_memo_[i] = v;
  param_stamp_[i] = epoch_;
  if (trace_) {
    trace_->nodes[tn].value = v;
    trace_->nodes[tn].detail = version;
    trace_->pop();
  }
  return v;
}

// The row a table's key selects; in a trace, what the key read is linked
// under every node that depends on the row.
uint32_t Evaluator::row(uint32_t t, const Span& at) {
  if (!fresh(row_stamp_[t])) {
    if (trace_) trace_->begin_capture();
    Value key = eval_body(p_.tables[t].key);
    if (trace_) trace_->end_capture(t);
    row_memo_[t] = p_.tables[t].row_of_variant[key.variant];
    row_stamp_[t] = epoch_;
  }
  if (trace_) trace_->link_row(t);
  return row_memo_[t];
}

Value Evaluator::column(uint32_t t, uint32_t c, const Span& at) {
  const TableCode& table = p_.tables[t];
  uint32_t slot = table.cell_base + c;
  if (fresh(cell_stamp_[slot])) {
    if (trace_) trace_->link(trace_->cell_node[slot]);
    return cell_memo_[slot];
  }
  uint32_t tn = 0;
  if (trace_) {
    tn = trace_->open(TraceNode::Kind::column, t, c);
    trace_->cell_node[slot] = tn;
    trace_->push(tn);
  }
  uint32_t r = row(t, at);
  if (table.ineligible[r]) {
    const TableInfo& info = p_.checked->tables[t];
    const EnumInfo& en = p_.checked->enums[info.key_enum];
    std::string who;
    for (size_t v = 0; v < table.row_of_variant.size(); ++v)
      if (table.row_of_variant[v] == r) who += (who.empty() ? "`" : ", `") + en.variants[v] + "`";
    fail(DiagKind::ineligible, at,
         fmt::format("`{}.{}` was read, but the row for {} is `ineligible` (check `{}.eligible` "
                     "first)",
                     info.name, info.columns[c].name, who, info.name));
  }
  Value v = eval_body(table.cells[r][c]);
  cell_memo_[slot] = v;
  cell_stamp_[slot] = epoch_;
  if (trace_) {
    trace_->nodes[tn].value = v;
    trace_->nodes[tn].detail = static_cast<int32_t>(r);
    trace_->pop();
  }
  return v;
}

Value Evaluator::schedule(const Node& n) {
  Decimal amount = eval(n.b).dec();
  Decimal from = n.c == kNoNode ? Decimal{} : eval(n.c).dec();
  return apply_schedule(n.a, amount, from, static_cast<uint32_t>(&n - p_.nodes.data()));
}

// A band's rate: a constant is read in place (charged as evaluating it would be).
Decimal Evaluator::band_rate(uint32_t body) {
  const Node& n = p_.nodes[body];
  if (trace_ || n.op != Op::konst) return eval_body(body).dec();
  charge(body);
  return p_.consts[n.a].dec();
}

// Schedule `s` on `amount`, from `from`; faults are reported at node `at`.
Value Evaluator::apply_schedule(uint32_t s, Decimal amount, Decimal from, uint32_t at) {
  const Node& n = p_.nodes[at];
  bool excess = p_.checked->schedules[s].base == BandBase::excess;
  Decimal top = amount;
  if (excess) check(sub(amount, from, top), n.span);
  uint32_t tn = 0;
  if (trace_) {
    tn = trace_->open(TraceNode::Kind::schedule, s, 0);
    trace_->push(tn);
  }
  Decimal total;
  for (const BandCode& band : p_.schedules[s]) {
    Decimal lo = band.lower, hi = band.upper ? std::min(*band.upper, top) : top;
    if (!excess) lo = std::max(lo, from);
    if (hi <= lo) continue;
    Decimal width, part, rate = band_rate(band.rate);
    check(sub(hi, lo, width), n.span);
    check(mul_fast(width, rate, part), n.span);
    check(add(total, part, total), n.span);
    if (trace_) trace_->band(width, rate);
  }
  if (trace_) {
    trace_->nodes[tn].value = Value::of_dec(total);
    trace_->end_schedule(tn, from, amount);
    trace_->pop();
  }
  return Value::of_dec(total);
}

Value Evaluator::call_fn(const Node& n) {
  size_t base = scratch_.size();
  for (uint32_t i = 0; i < n.c; ++i) {
    Value v = eval(p_.lists[n.b + i]);
    scratch_.push_back(v);
  }
  Value v = enter_fn(n.a, scratch_, base, n.span);
  scratch_.resize(base);
  return v;
}

// The arguments, src[at ..], go to the first slots of the function's frame.
// `src` is a vector, not a pointer: growing the frames may move the caller's.
Value Evaluator::enter_fn(uint32_t fn, const std::vector<Value>& src, size_t at, Span span) {
  uint32_t body = p_.fn_body[fn], arity = p_.fn_arity[fn];
  enter(body, span);
  uint32_t saved = frame_;
  frame_ = saved + stride_;
  if (locals_.size() < frame_ + stride_) locals_.resize((frame_ + stride_) * 2);
  for (uint32_t i = 0; i < arity; ++i)
    locals_[frame_ + i] = src[at + i];
  uint32_t code = trace_ ? kNoCode : p_.code.entry[body];
  Value v = code == kNoCode ? eval(body) : run_code(code);
  frame_ = saved;
  depth_ -= p_.height[body];
  return v;
}

Value Evaluator::list_op(const Node& n) {
  Value xs = eval(n.a);
  Aggregate a = xs.agg;
  auto item = [&](uint32_t i) {
    if (++steps_ > opt_->max_steps)
      fail(DiagKind::step_limit, n.span,
           fmt::format("the evaluation took more than {} steps", opt_->max_steps));
    locals_[frame_ + n.c] = element(a, i);
    return eval(n.b);
  };
  switch (n.op) {
    case Op::count: {
      int64_t c = 0;
      for (uint32_t i = 0; i < a.count; ++i)
        c += n.b == kNoNode || item(i).b;
      return Value::of_int(n.b == kNoNode ? a.count : c);
    }
    case Op::sum: {
      if (n.mode == 1) {
        int64_t total = 0;
        for (uint32_t i = 0; i < a.count; ++i)
          check(add_i64(total, item(i).i, total), n.span);
        return Value::of_int(total);
      }
      Decimal total;
      for (uint32_t i = 0; i < a.count; ++i)
        check(add(total, item(i).dec(), total), n.span);
      return Value::of_dec(total);
    }
    case Op::any:
      for (uint32_t i = 0; i < a.count; ++i)
        if (item(i).b) return Value::of_bool(true);
      return Value::of_bool(false);
    case Op::all:
      for (uint32_t i = 0; i < a.count; ++i)
        if (!item(i).b) return Value::of_bool(false);
      return Value::of_bool(true);
    case Op::filter:
    case Op::map: {
      size_t base = scratch_.size();
      for (uint32_t i = 0; i < a.count; ++i) {
        Value v = item(i);
        if (n.op == Op::map)
          scratch_.push_back(v);
        else if (v.b)
          scratch_.push_back(element(a, i));
      }
      Value out;
      out.agg = pop_aggregate(base, n.span);
      return out;
    }
    default:
      return {};
  }
}

}  // namespace bao
