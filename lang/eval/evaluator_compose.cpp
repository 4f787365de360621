// Composition at run time: one policy calling another (each call a fresh
// evaluation of the callee's rules, tables and params on the call's
// arguments), and `scan`, the fold over a year of claims.
#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "lang/eval/evaluator.hpp"

namespace bao {

namespace {

// Copies a range out and resets it; restores it on destruction.
template <typename T>
struct Saved {
  std::vector<T>& v;
  size_t begin;
  std::vector<T> copy;
  Saved(std::vector<T>& vec, size_t b, size_t e, T fresh) : v(vec), begin(b) {
    copy.assign(vec.begin() + b, vec.begin() + e);
    std::fill(vec.begin() + b, vec.begin() + e, fresh);
  }
  ~Saved() { std::copy(copy.begin(), copy.end(), v.begin() + begin); }
};

}  // namespace

Value Evaluator::call_policy(const Node& n) {
  const UnitCode& u = p_.units[n.a];
  std::vector<Value> args(n.c);
  for (uint32_t i = 0; i < n.c; ++i)
    args[i] = eval(p_.lists[n.b + i]);
  // The caller's as-of date, if it has one, is the callee's unless the callee
  // binds its own.
  std::optional<Date> caller_as_of;
  if (!opt_->as_of && u.as_of == kNoNode && (as_of_known_ || p_.units[unit_].as_of != kNoNode))
    caller_as_of = as_of(n.span);
  size_t params = param_state_.size();
  Saved<uint8_t> rules(rule_state_, u.rules_begin, u.rules_end, 0);
  Saved<uint8_t> cells(cell_state_, u.cells_begin, u.cells_end, 0);
  Saved<uint32_t> rows(row_memo_, u.tables_begin, u.tables_end, UINT32_MAX);
  Saved<uint8_t> param_states(param_state_, 0, params, 0);
  Saved<Value> param_values(param_memo_, 0, params, Value{});
  std::optional<Saved<uint32_t>> param_nodes;
  if (trace_) param_nodes.emplace(trace_->param_node, 0, params, UINT32_MAX);
  struct Frame {
    Evaluator& ev;
    uint32_t shared_from;
    uint32_t unit;
    const Value* args;
    uint32_t base;
    std::optional<Date> as_of;
    bool known;
    ~Frame() {
      if (ev.trace_) ev.trace_->shared_from = shared_from;
      ev.unit_ = unit;
      ev.call_args_ = args;
      ev.call_base_ = base;
      ev.as_of_ = as_of;
      ev.as_of_known_ = known;
    }
  } frame{*this,       trace_ ? trace_->shared_from : 0, unit_, call_args_, call_base_, as_of_,
          as_of_known_};
  if (trace_) trace_->shared_from = static_cast<uint32_t>(trace_->nodes.size());
  unit_ = n.a;
  call_args_ = args.data();
  call_base_ = u.inputs_begin;
  as_of_ = caller_as_of;
  as_of_known_ = caller_as_of.has_value();
  // In a trace, the call is a node of its own with the callee's outputs under it.
  uint32_t tn = 0;
  if (trace_) {
    tn = trace_->open(TraceNode::Kind::call, n.a, 0);
    trace_->stack.push_back(tn);
  }
  std::vector<Value> outputs;
  outputs.reserve(u.outputs.size());
  for (uint32_t r : u.outputs)
    outputs.push_back(rule(r));
  Value out;
  out.agg = alloc(static_cast<uint32_t>(outputs.size()), n.span);
  std::copy(outputs.begin(), outputs.end(),
            arena_.begin() + (out.agg.offset & ~Aggregate::kRuntimeBit));
  if (trace_) {
    trace_->nodes[tn].value = out;
    trace_->stack.pop_back();
  }
  return out;
}

Value Evaluator::scan(const Node& n) {
  uint32_t list = p_.lists[n.a], init = p_.lists[n.a + 1], body = p_.lists[n.a + 2];
  uint32_t by = p_.lists[n.a + 3], slot = p_.lists[n.a + 4];
  Value xs = eval(list);
  Aggregate items = xs.agg;
  std::vector<uint32_t> order(items.count);
  std::iota(order.begin(), order.end(), 0u);
  if (by != kNoNode) {
    // Stable: claims on the same day keep the order they were given in.
    auto key = [&](uint32_t i) { return element(element(items, i).agg, by); };
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      Value x = key(a), y = key(b);
      if (n.mode == 1) return x.i < y.i;
      if (n.mode == 2) return x.date < y.date;
      return x.d < y.d;
    });
  }
  std::vector<Value> states;
  states.reserve(items.count);
  Value state = eval(init);
  for (uint32_t i : order) {
    if (++steps_ > opt_->max_steps)
      fail(DiagKind::step_limit, n.span,
           fmt::format("the evaluation took more than {} steps", opt_->max_steps));
    locals_[frame_ + slot] = state;
    locals_[frame_ + slot + 1] = element(items, i);
    state = eval(body);
    states.push_back(state);
  }
  Value out;
  out.agg = alloc(static_cast<uint32_t>(states.size()), n.span);
  std::copy(states.begin(), states.end(),
            arena_.begin() + (out.agg.offset & ~Aggregate::kRuntimeBit));
  return out;
}

}  // namespace bao
