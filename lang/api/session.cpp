// bao::Session: one thread's evaluations of one policy, and the Result each
// gives. Every misuse (another policy's Inputs, a moved-from object, a
// result asked for before any evaluation) is an error Result, never a crash.
#include <fmt/format.h>

#include "lang/api/impl.hpp"
#include "lang/api/json_input.hpp"
#include "lang/eval/format.hpp"
#include "lang/source/printable.hpp"

namespace bao {

Session::Session(const Policy& policy) : impl_(std::make_unique<Impl>(policy.impl_)) {}
Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

bool Session::evaluate(const Inputs& inputs, const RunOptions& options) {
  if (!impl_) return false;  // moved from: result() says so
  Impl& s = *impl_;
  s.evaluated = true;
  s.ok = false;
  s.input_error.reset();
  const Inputs::Impl* in = inputs.impl_.get();
  if (!s.eval) {
    s.input_error = not_loaded(*s.policy);
    return false;
  }
  if (!in) {
    s.input_error = misuse("the Inputs was moved from: build a new one");
    return false;
  }
  if (in->policy != s.policy) {
    // Another policy's slots read as this one's would pay a made-up amount.
    std::string theirs = in->policy->checked ? in->policy->checked->name : "";
    std::string ours = s.policy->checked->name;
    s.input_error =
        misuse(theirs == ours
                   ? fmt::format("these Inputs were built for another load of policy `{}`: build "
                                 "Inputs from the Policy this Session evaluates",
                                 ours)
                   : fmt::format("these Inputs were built for policy `{}`, not `{}`: build Inputs "
                                 "from the Policy this Session evaluates",
                                 theirs, ours));
    return false;
  }
  // Checked once per change of the inputs, not once per evaluation.
  if (!in->complete) {
    if (auto why = in->incomplete()) {
      s.input_error = std::move(why);
      return false;
    }
    in->complete = true;
  }
  EvalOptions eo = eval_options(*s.policy, options);
  s.traced = options.explain;
  s.ok = s.eval->run(in->values, eo, s.outputs, s.error, options.explain ? &s.trace : nullptr);
  return s.ok;
}

std::optional<int64_t> Session::output_fen(size_t i) const {
  if (!impl_) return std::nullopt;
  const Impl& s = *impl_;
  if (!s.ok || i >= s.outputs.size()) return std::nullopt;
  const CheckedPolicy& c = *s.policy->checked;
  if (c.rules[s.policy->program->outputs[i]].type != TypeTable::kMoney) return std::nullopt;
  // Whole fen by construction (rounded when produced).
  return s.outputs[i].dec().to_fen();
}

namespace {

// Why an output cannot be read through `h` after the last evaluation, or
// nullopt. A template so it can take the Session's own (private) state.
template <class State>
std::optional<Status> refuse_output(const State* s, const OutputHandle& h) {
  auto no = [](std::string message) { return Status{"E0850", "", std::move(message)}; };
  if (!s) return no("this Session was moved from");
  if (h.policy != s->policy.get())
    return no(h.policy ? "this OutputHandle was made by another Policy"
                       : "this OutputHandle holds nothing: resolve it with Policy::output");
  if (!s->evaluated) return no("no case has been evaluated yet");
  if (!s->ok) return no("the last evaluation failed: see result()");
  if (h.index >= s->outputs.size()) return no("this OutputHandle names no output");
  return std::nullopt;
}

}  // namespace

Typed<int64_t> Session::output_fen(const OutputHandle& h) const {
  Typed<int64_t> out;
  if (auto why = refuse_output(impl_.get(), h)) {
    out.status = std::move(*why);
    return out;
  }
  const Impl& s = *impl_;
  // The name is copied only into a refusal: a success allocates nothing.
  const std::string& name = s.policy->checked->rules[s.policy->program->outputs[h.index]].name;
  auto refuse_named = [&](std::string code, std::string message) {
    out.status = Status{std::move(code), name, std::move(message)};
    return out;
  };
  if (h.kind != Kind::money)
    return refuse_named("E0850", fmt::format("output `{}` is not money", name));
  out.value = output_fen(h.index);
  if (!out.value)
    return refuse_named("E0901", fmt::format("output `{}` does not fit in int64 fen", name));
  return out;
}

Typed<OutputValue> Session::output_value(const OutputHandle& h) const {
  Typed<OutputValue> out;
  if (auto why = refuse_output(impl_.get(), h)) {
    out.status = std::move(*why);
    return out;
  }
  const Impl& s = *impl_;
  const CheckedPolicy& c = *s.policy->checked;
  const Evaluator& ev = *s.eval;
  ElementFn el = [&ev](Aggregate a, uint32_t i) -> const Value& { return ev.element(a, i); };
  out.value =
      output_value_of(c, c.rules[s.policy->program->outputs[h.index]].type, s.outputs[h.index], el);
  return out;
}

EvalOptions eval_options(const PolicyImpl& p, const RunOptions& options) {
  EvalOptions eo;
  eo.as_of = options.as_of;
  eo.max_steps = p.limits.max_steps;
  eo.max_depth = p.limits.max_depth;
  eo.max_values = p.limits.max_values;
  return eo;
}

Diag eval_error(const PolicyImpl& p, const EvalError& e) {
  Diag d{e.kind, loc(e.span), e.message, "", "", {}};
  // The rule path, outermost first; a long chain keeps its two ends.
  const auto& rules = e.rules;
  for (size_t i = 0; i < rules.size(); ++i) {
    if (rules.size() > 12 && i == 4) {
      d.notes.push_back({{kNoFile, {}}, fmt::format("… {} more rules …", rules.size() - 10)});
      i = rules.size() - 6;
    }
    const RuleInfo& info = p.checked->rules[rules[i]];
    d.notes.push_back(
        {loc(p.module.decl(info.decl).name.span), fmt::format("while computing `{}`", info.name)});
  }
  return d;
}

Result Session::result() const {
  if (!impl_) {
    Result r;
    r.error_ = to_public(no_sources(),
                         misuse("this Session was moved from: use the Session it was moved to"));
    return r;
  }
  const Impl& s = *impl_;
  const PolicyImpl& p = *s.policy;
  Result r = ResultBuilder::evaluated();
  if (!s.evaluated)
    ResultBuilder::fail(r, s.policy,
                        misuse("no case has been evaluated yet: call Session::evaluate first"));
  else if (s.input_error)
    ResultBuilder::fail(r, s.policy, *s.input_error);
  else if (!s.ok)
    ResultBuilder::fail(r, s.policy, eval_error(p, s.error));
  else
    ResultBuilder::fill(r, s.policy, *s.eval, s.outputs, s.traced ? &s.trace : nullptr);
  return r;
}

void ResultBuilder::fail(Result& r, std::shared_ptr<const PolicyImpl> policy, const Diag& error) {
  r.error_ = to_public(policy->sources, error);
  r.policy_ = std::move(policy);
}

void ResultBuilder::fill(Result& r, std::shared_ptr<const PolicyImpl> policy, const Evaluator& ev,
                         const std::vector<Value>& outputs, const Trace* trace) {
  const PolicyImpl& p = *policy;
  const CheckedPolicy& c = *p.checked;
  ElementFn el = [&ev](Aggregate a, uint32_t i) -> const Value& { return ev.element(a, i); };
  size_t n = outputs.size();
  r.outputs_.reserve(n);
  r.output_texts_.reserve(n);
  r.values_.reserve(n);
  // The kind of each output's value, optionals seen through.
  auto base_kind = [&](TypeRef t) {
    while (c.types.kind(t) == TypeKind::optional)
      t = c.types[t].ref;
    return c.types.kind(t);
  };
  size_t json_size = 0;
  for (size_t i = 0; i < n; ++i) {
    const RuleInfo& info = c.rules[p.program->outputs[i]];
    // As JSON: a string's text, or the compact JSON of anything else.
    std::string json;
    bool is_string = json_string_of(c, info.type, outputs[i], json);
    if (!is_string) append_value_json(json, c, info.type, outputs[i], el, -1, 0);
    // For people, money, decimals, dates and durations read as in JSON.
    TypeKind k = base_kind(info.type);
    bool same = is_string && (k == TypeKind::money || k == TypeKind::decimal ||
                              k == TypeKind::date || k == TypeKind::duration);
    r.output_texts_.emplace_back(info.name, same ? json : value_text(c, info.type, outputs[i], el));
    json_size += info.name.size() + json.size() + 12;
    r.outputs_.emplace_back(info.name, std::move(json));
    r.values_.push_back(output_value_of(c, info.type, outputs[i], el));
  }
  // The "outputs" object, indented as to_json writes it (one level in):
  // scalars as outputs_ has them, records and lists laid out again.
  // json_printable as to_json's text has it, done here only when needed.
  std::string& out = r.outputs_json_;
  out.reserve(json_size + 8);
  bool past_ascii = false;
  if (n == 0) out = "{}";
  for (size_t k = 0; k < n; ++k) {
    uint32_t i = p.output_order[k];
    const RuleInfo& info = c.rules[p.program->outputs[i]];
    out += k ? ",\n    " : "{\n    ";
    out += p.output_keys[i];
    const Value& v = outputs[i];
    switch (v.none ? TypeKind::none : base_kind(info.type)) {
      case TypeKind::record:
      case TypeKind::list:
        append_value_json(out, c, info.type, v, el, 2, 2, &past_ascii);
        break;
      case TypeKind::decimal:
      case TypeKind::rate:
      case TypeKind::money:
      case TypeKind::date:
      case TypeKind::duration:
      case TypeKind::text:
      case TypeKind::enumeration:
        append_json_string(out, r.outputs_[i].second, &past_ascii);
        break;
      default:  // true, 12, null: the same compact or not
        out += r.outputs_[i].second;
        break;
    }
  }
  if (n) out += "\n  }";
  if (past_ascii) out = json_printable(std::move(out));
  if (trace) {
    r.explain_text_ = explain_text(*p.program, *trace, ev);
    r.explain_json_ = explain_json(*p.program, *trace, ev);
  }
  r.policy_ = std::move(policy);
}

}  // namespace bao
