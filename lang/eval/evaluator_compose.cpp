// Composition at run time: one policy calling another (each call a fresh
// evaluation of the callee's rules, tables and params on the call's
// arguments), and `scan`, the fold over a year of claims.
//
// A call takes a fresh memo epoch instead of saving and clearing the callee's
// memos: a unit is never active twice at once (calls do not recurse), so its
// rules, rows and cells need no restoring. Params are shared by the units
// that read them; a param the callee recomputes is logged and put back when
// the call returns. Arguments, outputs and orders live on scratch stacks.
#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "lang/eval/evaluator.hpp"

namespace bao {

namespace {

// A stable merge sort of v[0 .. n) that uses tmp[0 .. n) and allocates nothing.
template <typename Less>
void stable_sort_into(uint32_t* v, uint32_t* tmp, size_t n, Less less) {
  uint32_t* from = v;
  uint32_t* to = tmp;
  for (size_t width = 1; width < n; width *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * width) {
      size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
      std::merge(from + lo, from + mid, from + mid, from + hi, to + lo, less);
    }
    std::swap(from, to);
  }
  if (from != v) std::copy(from, from + n, v);
}

}  // namespace

Value Evaluator::call_policy(const Node& n) {
  size_t base = scratch_.size();
  for (uint32_t i = 0; i < n.c; ++i) {
    Value v = eval(p_.lists[n.b + i]);
    scratch_.push_back(v);
  }
  Value out = enter_policy(n.a, base, n.span);
  scratch_.resize(base);
  return out;
}

// Only a value some caller still holds needs putting back: one stamped with
// the epoch of a call under way (or of the evaluation itself). A stamp of a
// call that has returned is stale for everyone.
void Evaluator::remember_param(uint32_t i) {
  if (calls_ == 0) return;
  uint32_t stamp = param_stamp_[i];
  if (std::find(active_epochs_.begin(), active_epochs_.end(), stamp) == active_epochs_.end())
    return;
  param_undo_.push_back({i, stamp, trace_ ? trace_->param_node[i] : 0, param_memo_[i]});
}

// The arguments are scratch_[args ..], one per input of the unit.
Value Evaluator::enter_policy(uint32_t unit, size_t args, Span at) {
  const UnitCode& u = p_.units[unit];
  // The caller's as-of date, if it has one, is the callee's unless the callee
  // binds its own.
  std::optional<Date> caller_as_of;
  if (!opt_->as_of && u.as_of == kNoNode && (as_of_known_ || p_.units[unit_].as_of != kNoNode))
    caller_as_of = as_of(at);
  struct Frame {
    Evaluator& ev;
    uint32_t shared_from;
    uint32_t unit;
    size_t args;
    uint32_t base;
    std::optional<Date> as_of;
    bool known;
    uint32_t epoch;
    size_t undo;
    ~Frame() {
      if (ev.trace_) ev.trace_->leave_call(shared_from);
      ev.unit_ = unit;
      ev.call_args_ = args;
      ev.call_base_ = base;
      ev.as_of_ = as_of;
      ev.as_of_known_ = known;
      ev.epoch_ = epoch;
      --ev.calls_;
      ev.active_epochs_.pop_back();
      // Newest first, so a param logged twice ends with its oldest value.
      while (ev.param_undo_.size() > undo) {
        const ParamUndo& x = ev.param_undo_.back();
        ev.param_stamp_[x.param] = x.stamp;
        ev.param_memo_[x.param] = x.value;
        if (ev.trace_) ev.trace_->param_node[x.param] = x.trace_node;
        ev.param_undo_.pop_back();
      }
    }
  } frame{*this,
          trace_ ? trace_->shared_from : 0,
          unit_,
          call_args_,
          call_base_,
          as_of_,
          as_of_known_,
          epoch_,
          param_undo_.size()};
  ++calls_;
  active_epochs_.push_back(epoch_);  // the caller's
  new_epoch();
  if (trace_) trace_->enter_call();
  unit_ = unit;
  call_args_ = args;
  call_base_ = u.inputs_begin;
  as_of_ = caller_as_of;
  as_of_known_ = caller_as_of.has_value();
  // In a trace, the call is a node of its own with the callee's outputs under it.
  uint32_t tn = 0;
  if (trace_) {
    tn = trace_->open(TraceNode::Kind::call, unit, 0);
    trace_->push(tn);
  }
  check_call_in_effect(at);
  check_requires();
  Value out;
  if (!trace_) {
    // One run of the bytecode reads the callee's outputs (Code::unit_entry),
    // in a frame of its own; they become the call's record.
    uint32_t saved = frame_;
    frame_ = saved + stride_;
    if (locals_.size() < frame_ + stride_) locals_.resize((frame_ + stride_) * 2);
    run_code(p_.code.unit_entry[unit]);
    auto n = static_cast<uint32_t>(u.outputs.size());
    out.agg = alloc(n, at);
    std::copy_n(locals_.begin() + frame_ + p_.code.first_output, n,
                arena_.begin() + (out.agg.offset & ~Aggregate::kRuntimeBit));
    frame_ = saved;
    return out;
  }
  size_t base = scratch_.size();
  for (uint32_t r : u.outputs) {
    Value v = rule(r);
    scratch_.push_back(v);
  }
  out.agg = pop_aggregate(base, at);
  if (trace_) {
    trace_->nodes[tn].value = out;
    trace_->pop();
  }
  return out;
}

Value Evaluator::scan(const Node& n) {
  uint32_t list = p_.lists[n.a], init = p_.lists[n.a + 1], body = p_.lists[n.a + 2];
  uint32_t by = p_.lists[n.a + 3], slot = p_.lists[n.a + 4];
  Value xs = eval(list);
  size_t order = sort_items(xs.agg, by, n.mode);
  Value state = eval(init);
  size_t base = scratch_.size();
  for (uint32_t k = 0; k < xs.agg.count; ++k) {
    if (++steps_ > opt_->max_steps)
      fail(DiagKind::step_limit, n.span,
           fmt::format("the evaluation took more than {} steps", opt_->max_steps));
    locals_[frame_ + slot] = state;
    locals_[frame_ + slot + 1] = element(xs.agg, order_scratch_[order + k]);
    state = eval(body);
    scratch_.push_back(state);
  }
  order_scratch_.resize(order);
  Value out;
  out.agg = pop_aggregate(base, n.span);
  return out;
}

// The order `scan` visits a list in, at order_scratch_[result ..]: by the
// field `by` (kNoNode: as given), stably, so claims on the same day keep the
// order they were given in. mode: how the field compares (0 decimal, 1 int, 2 date).
size_t Evaluator::sort_items(Aggregate items, uint32_t by, uint8_t mode) {
  size_t at = order_scratch_.size();
  order_scratch_.resize(at + 2 * size_t{items.count});
  uint32_t* order = order_scratch_.data() + at;
  std::iota(order, order + items.count, 0u);
  if (by != kNoNode) {
    auto less = [&](uint32_t a, uint32_t b) {
      Value x = element(element(items, a).agg, by), y = element(element(items, b).agg, by);
      if (mode == 1) return x.i < y.i;
      if (mode == 2) return x.date < y.date;
      return x.d < y.d;
    };
    if (!std::is_sorted(order, order + items.count, less))
      stable_sort_into(order, order + items.count, items.count, less);
  }
  order_scratch_.resize(at + items.count);
  return at;
}

}  // namespace bao
