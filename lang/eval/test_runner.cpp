#include "lang/eval/test_runner.hpp"

#include <fmt/format.h>

#include "lang/eval/format.hpp"

namespace bao {

namespace {

// Copies a value built in one evaluation into a case's inputs, records and
// lists included, so a second evaluation can read it as an input.
Value copy_in(const CheckedPolicy& c, TypeRef t, const Value& v, const Evaluator& from,
              InputValues& to) {
  if (v.none) return v;
  if (c.types.kind(t) == TypeKind::optional) t = c.types[t].ref;
  TypeKind k = c.types.kind(t);
  if (k == TypeKind::text) {
    to.texts.push_back(std::make_unique<std::string>(*v.text));
    Value out;
    out.text = to.texts.back().get();
    return out;
  }
  if (k != TypeKind::record && k != TypeKind::list) return v;
  auto offset = static_cast<uint32_t>(to.heap.size());
  to.heap.resize(to.heap.size() + v.agg.count);
  for (uint32_t i = 0; i < v.agg.count; ++i) {
    TypeRef et = k == TypeKind::list ? c.types[t].ref : c.records[c.types[t].ref].fields[i].type;
    Value item = copy_in(c, et, from.element(v.agg, i), from, to);
    to.heap[offset + i] = item;
  }
  Value out;
  out.agg = {offset, v.agg.count};
  return out;
}

}  // namespace

TestOutcome run_test(const Program& p, size_t test, const EvalOptions& options) {
  const CheckedPolicy& c = *p.checked;
  const TestCode& code = p.tests[test];
  TestOutcome out;
  InputValues none, given;
  none.values.assign(c.inputs.size(), Value{});
  none.present.assign(c.inputs.size(), false);
  // An optional input a test does not give is `none`, as in a JSON case.
  for (size_t i = 0; i < c.inputs.size(); ++i) {
    if (c.types.kind(c.inputs[i].type) != TypeKind::optional) continue;
    none.values[i] = Value::of_none();
    none.present[i] = true;
  }
  given = std::move(none);
  InputValues empty;
  empty.values = given.values;
  empty.present = given.present;
  try {
    // The given values are evaluated first, with no inputs at all.
    Evaluator binder(p);
    binder.begin(empty, options);
    for (auto [input, body] : code.givens) {
      Value v = binder.evaluate_body(body);
      given.values[input] = copy_in(c, c.inputs[input].type, v, binder, given);
      given.present[input] = true;
    }
    Evaluator eval(p);
    eval.begin(given, options);
    ElementFn el = [&eval](Aggregate a, uint32_t i) -> const Value& { return eval.element(a, i); };
    const TestInfo& info = c.tests[test];

    if (info.expect_error) {
      // Every output is evaluated; the test passes when one fails as expected.
      try {
        // As a host's evaluation does first (E0910).
        eval.check_in_effect();
        eval.check_test_requirements();
        for (uint32_t r : p.outputs)
          eval.evaluate_body(p.rule_body[r]);
      } catch (const EvalError& e) {
        if (e.kind != *info.expect_error) throw;
        out.passed = true;
        return out;
      }
      out.failures.push_back({info.error_span, fmt::format("the evaluation gave no error {}",
                                                           diag_info(*info.expect_error).code)});
    }
    // The case a test gives must meet the requirements it reaches (E0911).
    eval.check_test_requirements();
    for (const TestInfo::Row& x : info.rows) {
      uint32_t row = eval.selected_row(x.table);
      if (p.tables[x.table].row_of_variant[x.variant] == row) continue;
      const TableInfo& t = c.tables[x.table];
      std::string keys;
      for (size_t v = 0; v < t.row_of_variant.size(); ++v)
        if (t.row_of_variant[v] == row)
          keys += (keys.empty() ? "" : " | ") + c.enums[t.key_enum].variants[v];
      out.failures.push_back({x.span, fmt::format("the row that applies is `{}`", keys)});
    }
    for (const ExpectCode& x : code.expects) {
      if (eval.evaluate_body(x.whole).b) continue;
      std::string detail;
      if (x.lhs != kNoNode) {
        std::string l = value_text(c, x.lhs_type, eval.evaluate_body(x.lhs), el);
        std::string r = value_text(c, x.rhs_type, eval.evaluate_body(x.rhs), el);
        detail = fmt::format("the left side is {}, the right side {}", l, r);
      } else {
        detail = "it is false";
      }
      out.failures.push_back({x.span, detail});
    }
  } catch (const EvalError& e) {
    out.error = e;
  }
  out.passed = !out.error && out.failures.empty();
  return out;
}

}  // namespace bao
