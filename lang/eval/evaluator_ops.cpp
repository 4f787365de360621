// The evaluator's inner loop: one switch over the typed operations. No name
// lookup, no allocation (but for lists a policy builds), no string compare
// (but for `text` equality).
#include <fmt/format.h>

#include "lang/eval/compare.hpp"
#include "lang/eval/evaluator.hpp"
#include "lang/eval/stack.hpp"

namespace bao {

void Evaluator::missing_input(uint32_t a, Span at) const {
  fail(DiagKind::input_missing, at,
       fmt::format("input `{}` was not given", p_.checked->inputs[a].name));
}

Value Evaluator::eval(uint32_t index) {
  const Node& n = p_.nodes[index];
  if (BAO_FRAME_ADDRESS() < stack_floor_) stack_exhausted(n.span);
  Value r;
  // Operands are evaluated left to right, so the first fault reported is the
  // same whichever compiler built the interpreter.
  auto dec2 = [&](auto f) {
    Decimal lhs = eval(n.a).dec(), rhs = eval(n.b).dec(), out;
    check(f(lhs, rhs, out), n.span);
    return Value::of_dec(out);
  };
  auto int2 = [&](auto f) {
    int64_t lhs = eval(n.a).i, rhs = eval(n.b).i, out;
    check(f(lhs, rhs, out), n.span);
    return Value::of_int(out);
  };
  auto date_result = [&](bool ok, Date d) {
    if (!ok) fail(DiagKind::overflow, n.span, "the date falls outside 0001-01-01 to 9999-12-31");
    return Value::of_date(d);
  };
  switch (n.op) {
    case Op::konst:
      return p_.consts[n.a];
    case Op::local:
      return locals_[frame_ + n.a];
    case Op::input: {
      const Value& v = input(n.a, n.span);
      if (trace_) {
        uint32_t t = trace_->open(TraceNode::Kind::input, n.a, 0);
        trace_->nodes[t].value = v;
      }
      return v;
    }
    case Op::param:
      return param(n.a, n.span);
    case Op::rule:
      return rule(n.a);
    case Op::column:
      return column(n.a, n.b, n.span);
    case Op::eligible: {
      uint32_t tn = 0;
      if (trace_) {
        tn = trace_->open(TraceNode::Kind::column, n.a, TraceNode::kEligible);
        trace_->push(tn);
      }
      uint32_t r = row(n.a, n.span);
      Value v = Value::of_bool(!p_.tables[n.a].ineligible[r]);
      if (trace_) {
        trace_->nodes[tn].value = v;
        trace_->nodes[tn].detail = static_cast<int32_t>(r);
        trace_->pop();
      }
      return v;
    }
    case Op::field: {
      const Node& base = p_.nodes[n.a];
      bool from_input = base.op == Op::input;
      Value rec;
      if (from_input) {
        rec = input(base.a, base.span);
      } else {
        rec = eval(n.a);
      }
      // Unreachable after checking (E0207) and input validation; kept as a guard.
      if (rec.none) fail(DiagKind::input_missing, base.span, "this value is absent");
      Value v = element(rec.agg, n.b);
      if (trace_ && from_input) {
        uint32_t t = trace_->open(TraceNode::Kind::input_field, base.a, n.b);
        trace_->nodes[t].value = v;
      }
      return v;
    }
    case Op::neg_int: {
      int64_t out;
      check(sub_i64(0, eval(n.a).i, out), n.span);
      return Value::of_int(out);
    }
    case Op::neg_dec: {
      Decimal out;
      check(neg(eval(n.a).dec(), out), n.span);
      return Value::of_dec(out);
    }
    case Op::neg_dur: {
      Duration d = eval(n.a).dur;
      return Value::of_duration({-d.months, -d.days});
    }
    case Op::not_:
      return Value::of_bool(!eval(n.a).b);
    case Op::int_to_dec:
      return Value::of_dec(Decimal::from_int(eval(n.a).i));
    case Op::add_int:
      return int2(add_i64);
    case Op::sub_int:
      return int2(sub_i64);
    case Op::mul_int:
      return int2(mul_i64);
    case Op::add_dec:
      return dec2([](Decimal a, Decimal b, Decimal& o) { return add(a, b, o); });
    case Op::sub_dec:
      return dec2([](Decimal a, Decimal b, Decimal& o) { return sub(a, b, o); });
    case Op::mul_dec:
      return dec2([](Decimal a, Decimal b, Decimal& o) { return mul(a, b, o); });
    case Op::div_dec:
      return dec2([](Decimal a, Decimal b, Decimal& o) { return div(a, b, o); });
    case Op::add_date_dur: {
      Date d = eval(n.a).as_date(), out;
      return date_result(add_duration(d, eval(n.b).dur, out), out);
    }
    case Op::sub_date_dur: {
      Date d = eval(n.a).as_date(), out;
      return date_result(sub_duration(d, eval(n.b).dur, out), out);
    }
    case Op::sub_date_date: {
      Date a = eval(n.a).as_date(), b = eval(n.b).as_date();
      return Value::of_duration({0, static_cast<int32_t>(days_between(b, a))});
    }
    case Op::add_dur:
    case Op::sub_dur: {
      Duration a = eval(n.a).dur, b = eval(n.b).dur;
      int64_t sign = n.op == Op::add_dur ? 1 : -1;
      int64_t m = a.months + sign * b.months, d = a.days + sign * b.days;
      if (m > INT32_MAX || m < INT32_MIN || d > INT32_MAX || d < INT32_MIN)
        fail(DiagKind::overflow, n.span, "the duration is too long");
      return Value::of_duration({static_cast<int32_t>(m), static_cast<int32_t>(d)});
    }
    case Op::mul_dur_int: {
      Duration a = eval(n.a).dur;
      int64_t k = eval(n.b).i, m, d;
      check(mul_i64(a.months, k, m), n.span);
      check(mul_i64(a.days, k, d), n.span);
      if (m > INT32_MAX || m < INT32_MIN || d > INT32_MAX || d < INT32_MIN)
        fail(DiagKind::overflow, n.span, "the duration is too long");
      return Value::of_duration({static_cast<int32_t>(m), static_cast<int32_t>(d)});
    }
    case Op::cmp: {
      Value x = eval(n.a), y = eval(n.b);
      bool ok = true;
      // Optional operands: `none` equals only `none`; present values compare as their type.
      bool optional = n.mode & kOptionalBit;
      int c = optional && (x.none || y.none) ? (x.none == y.none ? 0 : 1)
                                             : compare(x, y, n.cmp_kind(), ok);
      if (!ok)
        fail(DiagKind::incomparable, n.span,
             fmt::format("cannot order {} and {}", duration_to_string(x.dur),
                         duration_to_string(y.dur)));
      switch (static_cast<BinaryOp>(n.mode & ~kOptionalBit)) {
        case BinaryOp::eq:
          return Value::of_bool(c == 0);
        case BinaryOp::ne:
          return Value::of_bool(c != 0);
        case BinaryOp::lt:
          return Value::of_bool(c < 0);
        case BinaryOp::le:
          return Value::of_bool(c <= 0);
        case BinaryOp::gt:
          return Value::of_bool(c > 0);
        default:
          return Value::of_bool(c >= 0);
      }
    }
    case Op::and_:
      return Value::of_bool(eval(n.a).b && eval(n.b).b);
    case Op::or_:
      return Value::of_bool(eval(n.a).b || eval(n.b).b);
    case Op::if_:
      return eval(eval(n.a).b ? n.b : n.c);
    case Op::match:
      return eval(p_.lists[n.b + eval(n.a).variant]);
    case Op::let:
      locals_[frame_ + n.a] = eval(n.b);
      return eval(n.c);
    case Op::call_fn:
      return call_fn(n);
    case Op::call_policy:
      return call_policy(n);
    case Op::scan:
      return scan(n);
    case Op::schedule:
      return schedule(n);
    case Op::round_fen: {
      int64_t fen = 0;
      check(to_fen(eval(n.a).dec(), static_cast<Rounding>(n.mode), fen), n.span);
      return Value::of_dec(Decimal::from_fen(fen));
    }
    case Op::minmax: {
      r = eval(p_.lists[n.a]);
      for (uint32_t i = 1; i < n.b; ++i) {
        Value v = eval(p_.lists[n.a + i]);
        bool ok;
        int c = compare(v, r, n.cmp_kind(), ok);
        if (!ok) fail(DiagKind::incomparable, n.span, "these durations cannot be ordered");
        if (n.mode == 0 ? c < 0 : c > 0) r = v;
      }
      return r;
    }
    case Op::abs_int: {
      int64_t v = eval(n.a).i;
      if (v == INT64_MIN) fail(DiagKind::overflow, n.span, "the result is too large");
      return Value::of_int(v < 0 ? -v : v);
    }
    case Op::abs_dec: {
      Decimal v = eval(n.a).dec(), out = v;
      if (v.is_negative()) check(neg(v, out), n.span);
      return Value::of_dec(out);
    }
    case Op::or_else: {
      Value v = eval(n.a);
      return v.none ? eval(n.b) : v;
    }
    case Op::days_between:
    case Op::months_between: {
      Date from = eval(n.a).as_date(), to = eval(n.b).as_date();
      return Value::of_int(n.op == Op::days_between ? days_between(from, to)
                                                    : months_between(from, to));
    }
    case Op::year:
      return Value::of_int(eval(n.a).as_date().year());
    case Op::month:
      return Value::of_int(eval(n.a).as_date().month());
    case Op::day:
      return Value::of_int(eval(n.a).as_date().day());
    case Op::count:
    case Op::sum:
    case Op::any:
    case Op::all:
    case Op::filter:
    case Op::map:
      return list_op(n);
    case Op::in_list: {
      // Scalars of one type (the checker saw to it): no order, no `none`.
      Value x = eval(n.a);
      Aggregate xs = eval(n.b).agg;
      bool ok = true, found = false;
      for (uint32_t i = 0; i < xs.count && !found; ++i)
        found = compare(x, element(xs, i), n.cmp_kind(), ok) == 0;
      return Value::of_bool(found != (n.mode == 1));
    }
    case Op::record:
    case Op::list: {
      size_t base = scratch_.size();
      for (uint32_t i = 0; i < n.b; ++i) {
        Value v = eval(p_.lists[n.a + i]);
        scratch_.push_back(v);
      }
      r.agg = pop_aggregate(base, n.span);
      return r;
    }
  }
  return r;
}

Value fold_constant(const Program& p, uint32_t node) {
  static const InputValues kNoInputs;
  static const EvalOptions kOptions;
  Evaluator e(p, Evaluator::Bare{});
  e.in_ = &kNoInputs;
  e.opt_ = &kOptions;
  return e.eval(node);
}

}  // namespace bao
