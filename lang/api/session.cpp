// bao::Session: one thread's evaluations of one policy, and the Result each
// gives. Every misuse (another policy's Inputs, a moved-from object, a
// result asked for before any evaluation) is an error Result, never a crash.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lang/api/impl.hpp"
#include "lang/api/json_input.hpp"
#include "lang/eval/format.hpp"

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
  const PolicyImpl& p = *s.policy;
  EvalOptions eo;
  eo.as_of = options.as_of;
  eo.max_steps = p.limits.max_steps;
  eo.max_depth = p.limits.max_depth;
  eo.max_values = p.limits.max_values;
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

Typed<int64_t> Session::output_fen(const OutputHandle& h) const {
  Typed<int64_t> out;
  auto refuse = [&](std::string code, std::string message) {
    out.status = Status{std::move(code), "", std::move(message)};
    return out;
  };
  if (!impl_) return refuse("E0850", "this Session was moved from");
  const Impl& s = *impl_;
  if (h.policy != s.policy.get())
    return refuse("E0850", h.policy ? "this OutputHandle was made by another Policy"
                                    : "this OutputHandle holds nothing: resolve it with "
                                      "Policy::output");
  if (!s.evaluated) return refuse("E0850", "no case has been evaluated yet");
  if (!s.ok) return refuse("E0850", "the last evaluation failed: see result()");
  // The name is copied only into a refusal: a success allocates nothing.
  const std::string& name = s.policy->checked->rules[s.policy->program->outputs[h.index]].name;
  auto refuse_named = [&](std::string code, std::string message) {
    refuse(std::move(code), std::move(message));
    out.status.path = name;
    return out;
  };
  if (h.kind != Kind::money)
    return refuse_named("E0850", fmt::format("output `{}` is not money", name));
  out.value = output_fen(h.index);
  if (!out.value)
    return refuse_named("E0901", fmt::format("output `{}` does not fit in int64 fen", name));
  return out;
}

namespace {

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

}  // namespace

Result Session::result() const {
  Result r;
  if (!impl_) {
    r.error_ = to_public(no_sources(),
                         misuse("this Session was moved from: use the Session it was moved to"));
    return r;
  }
  const Impl& s = *impl_;
  const PolicyImpl& p = *s.policy;
  r.policy_ = s.policy;
  if (!s.evaluated) {
    r.error_ = to_public(p.sources,
                         misuse("no case has been evaluated yet: call Session::evaluate first"));
    return r;
  }
  if (s.input_error) {
    r.error_ = to_public(p.sources, *s.input_error);
    return r;
  }
  if (!s.ok) {
    r.error_ = to_public(p.sources, eval_error(p, s.error));
    return r;
  }
  r.error_.reset();
  const CheckedPolicy& c = *p.checked;
  const Evaluator& ev = *s.eval;
  ElementFn el = [&ev](Aggregate a, uint32_t i) -> const Value& { return ev.element(a, i); };
  nlohmann::json outs = nlohmann::json::object();
  for (size_t i = 0; i < s.outputs.size(); ++i) {
    const RuleInfo& info = c.rules[p.program->outputs[i]];
    nlohmann::json v = value_json(c, info.type, s.outputs[i], el);
    outs[info.name] = v;
    r.outputs_.push_back({info.name, v.is_string() ? v.get<std::string>() : v.dump()});
    r.output_texts_.push_back({info.name, value_text(c, info.type, s.outputs[i], el)});
    r.values_.push_back(output_value_of(c, info.type, s.outputs[i], el));
  }
  r.outputs_json_ = outs.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (s.traced) {
    r.explain_text_ = explain_text(*p.program, s.trace, ev);
    r.explain_json_ = explain_json(*p.program, s.trace, ev);
  }
  return r;
}

}  // namespace bao
