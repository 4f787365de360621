// Typed inputs (bao::Inputs) and the evaluation entry of a Session: checks
// that every required input and field was given before evaluating.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lang/api/impl.hpp"
#include "lang/api/json_input.hpp"
#include "lang/eval/evaluator.hpp"
#include "lang/eval/format.hpp"

namespace bao {

// A policy that failed to parse has no inputs to set.
static const char* const kNotLoaded =
    "the policy has errors and takes no inputs: see its diagnostics";

Inputs::Inputs(const Policy& policy) : impl_(std::make_unique<Impl>()) {
  impl_->policy = policy.impl_;
  if (!impl_->policy->checked) return;
  size_t n = impl_->policy->checked->host_inputs();
  impl_->values.values.assign(n, Value{});
  impl_->values.present.assign(n, false);
}
Inputs::~Inputs() = default;
Inputs::Inputs(Inputs&&) noexcept = default;
Inputs& Inputs::operator=(Inputs&&) noexcept = default;

std::vector<Diagnostic> Inputs::set_json(std::string_view json) {
  if (!impl_->policy->checked) {
    return {Diagnostic{DiagKind::input_json, {kNoFile, {}}, kNotLoaded, "", "", {}}};
  }
  size_t limit = impl_->policy->limits.max_input_bytes;
  if (json.size() > limit) {
    return {Diagnostic{
        DiagKind::input_json,
        {kNoFile, {}},
        fmt::format("the input has {} bytes, more than the limit of {}", json.size(), limit),
        "",
        "",
        {}}};
  }
  auto errors = read_json_inputs(*impl_->policy->checked, json, impl_->values);
  impl_->field_set.assign(impl_->values.heap.size(), true);
  impl_->complete = false;
  return errors;
}

namespace {

// Finds the slot a path names, allocating a record input on first use.
std::string locate(const CheckedPolicy& c, InputValues& in, std::vector<bool>& set,
                   std::string_view path, Value*& slot, TypeRef& type) {
  auto dot = path.find('.');
  std::string_view head = path.substr(0, dot);
  auto it = std::find_if(c.inputs.begin(), c.inputs.begin() + c.host_inputs(),
                         [&](const InputInfo& i) { return i.name == head; });
  if (it == c.inputs.begin() + c.host_inputs())
    return fmt::format("the policy has no input `{}`", head);
  size_t i = it - c.inputs.begin();
  if (dot == std::string_view::npos) {
    in.present[i] = true;
    slot = &in.values[i];
    type = it->type;
    return {};
  }
  if (c.types.kind(it->type) != TypeKind::record)
    return fmt::format("input `{}` is a `{}`, not a record", head, c.type_name(it->type));
  const RecordInfo& r = c.records[c.types[it->type].ref];
  std::string_view field = path.substr(dot + 1);
  int f = r.find(std::string(field));
  if (f < 0) return fmt::format("`{}` has no field `{}`", r.name, field);
  if (!in.present[i]) {
    in.present[i] = true;
    in.values[i].agg = {static_cast<uint32_t>(in.heap.size()),
                        static_cast<uint32_t>(r.fields.size())};
    in.heap.resize(in.heap.size() + r.fields.size());
    set.resize(in.heap.size(), false);
  }
  uint32_t at = in.values[i].agg.offset + static_cast<uint32_t>(f);
  set[at] = true;
  slot = &in.heap[at];
  type = r.fields[f].type;
  return {};
}

}  // namespace

#define BAO_SETTER(name, param_type, kinds, make)                                \
  std::string Inputs::name(std::string_view path, param_type v) {                \
    if (!impl_->policy->checked) return kNotLoaded;                              \
    const CheckedPolicy& c = *impl_->policy->checked;                            \
    Value* slot;                                                                 \
    TypeRef t;                                                                   \
    std::string err = locate(c, impl_->values, impl_->field_set, path, slot, t); \
    impl_->complete = false;                                                     \
    if (!err.empty()) return err;                                                \
    TypeRef base = c.types.kind(t) == TypeKind::optional ? c.types[t].ref : t;   \
    TypeKind k = c.types.kind(base);                                             \
    if (!(kinds)) return fmt::format("`{}` is a `{}`", path, c.type_name(t));    \
    *slot = make;                                                                \
    return {};                                                                   \
  }

std::string Inputs::set_money(std::string_view path, int64_t fen) {
  if (fen < 0)
    return fmt::format("`{}`: {} is negative: amounts on a claim are not", path,
                       fen_to_string(fen));
  return set_fen(path, fen);
}
BAO_SETTER(set_fen, int64_t, k == TypeKind::money, Value::of_dec(Decimal::from_fen(v)))
BAO_SETTER(set_int, int64_t, k == TypeKind::integer, Value::of_int(v))
BAO_SETTER(set_decimal, Decimal, k == TypeKind::decimal || k == TypeKind::rate, Value::of_dec(v))
BAO_SETTER(set_bool, bool, k == TypeKind::boolean, Value::of_bool(v))
BAO_SETTER(set_date, Date, k == TypeKind::date, Value::of_date(v))
#undef BAO_SETTER

// Enums and texts are given as text and read the way JSON strings are.
std::string Inputs::set_from_text(std::string_view path, std::string_view text, bool is_enum) {
  if (!impl_->policy->checked) return kNotLoaded;
  const CheckedPolicy& c = *impl_->policy->checked;
  Value* slot;
  TypeRef t;
  std::string err = locate(c, impl_->values, impl_->field_set, path, slot, t);
  impl_->complete = false;
  if (!err.empty()) return err;
  if (c.types.kind(t) != (is_enum ? TypeKind::enumeration : TypeKind::text))
    return fmt::format("`{}` is a `{}`", path, c.type_name(t));
  return scalar_from_text(c, t, text, true, *slot, impl_->values);
}

std::string Inputs::set_enum(std::string_view path, std::string_view variant) {
  return set_from_text(path, variant, true);
}

std::string Inputs::set_text(std::string_view path, std::string value) {
  return set_from_text(path, value, false);
}

// ---- Session evaluation ----

bool Session::evaluate(const Inputs& inputs, const RunOptions& options) {
  Impl& s = *impl_;
  const PolicyImpl& p = *s.policy;
  const CheckedPolicy& c = *p.checked;
  s.input_error.reset();
  const Inputs::Impl& in = *inputs.impl_;
  // Typed setters may leave record fields unset: that is an error, never a zero.
  // Checked once per change of the inputs, not once per evaluation.
  for (size_t i = 0; !in.complete && i < c.host_inputs(); ++i) {
    if (!in.values.present[i] || c.types.kind(c.inputs[i].type) != TypeKind::record) continue;
    const RecordInfo& r = c.records[c.types[c.inputs[i].type].ref];
    for (uint32_t f = 0; f < r.fields.size(); ++f) {
      uint32_t at = in.values.values[i].agg.offset + f;
      if (at < in.field_set.size() && !in.field_set[at] &&
          c.types.kind(r.fields[f].type) != TypeKind::optional) {
        s.input_error =
            Diagnostic{DiagKind::input_missing,
                       {kNoFile, {}},
                       fmt::format("$.{}.{}: missing field of type `{}`", c.inputs[i].name,
                                   r.fields[f].name, c.type_name(r.fields[f].type)),
                       "",
                       "",
                       {}};
        s.ok = false;
        return false;
      }
    }
  }
  in.complete = true;
  EvalOptions eo;
  eo.as_of = options.as_of;
  eo.max_steps = p.limits.max_steps;
  eo.max_depth = p.limits.max_depth;
  eo.max_values = p.limits.max_values;
  s.traced = options.explain;
  s.ok = s.eval.run(in.values, eo, s.outputs, s.error, options.explain ? &s.trace : nullptr);
  return s.ok;
}

std::optional<int64_t> Session::output_fen(size_t i) const {
  const Impl& s = *impl_;
  if (!s.ok || i >= s.outputs.size()) return std::nullopt;
  const CheckedPolicy& c = *s.policy->checked;
  if (c.rules[s.policy->program->outputs[i]].type != TypeTable::kMoney) return std::nullopt;
  // Whole fen by construction (rounded when produced); int64 division when it fits.
  Decimal::Raw raw = s.outputs[i].d;
  constexpr int64_t kPerFen = static_cast<int64_t>(detail::kOne / 100);
  if (detail::fits_i64(raw)) return static_cast<int64_t>(raw) / kPerFen;
  return static_cast<int64_t>(raw / kPerFen);
}

Result Session::result() const {
  const Impl& s = *impl_;
  const PolicyImpl& p = *s.policy;
  Result r;
  r.policy_ = s.policy;
  if (s.input_error) {
    r.error_ = s.input_error;
    return r;
  }
  if (!s.ok) {
    Diagnostic d{s.error.kind, loc(s.error.span), s.error.message, "", "", {}};
    // The rule path, outermost first; a long chain keeps its two ends.
    const auto& rules = s.error.rules;
    for (size_t i = 0; i < rules.size(); ++i) {
      if (rules.size() > 12 && i == 4) {
        d.notes.push_back({{kNoFile, {}}, fmt::format("… {} more rules …", rules.size() - 10)});
        i = rules.size() - 6;
      }
      const RuleInfo& info = p.checked->rules[rules[i]];
      d.notes.push_back({loc(p.module.decl(info.decl).name.span),
                         fmt::format("while computing `{}`", info.name)});
    }
    r.error_ = std::move(d);
    return r;
  }
  const CheckedPolicy& c = *p.checked;
  ElementFn el = [&s](Aggregate a, uint32_t i) -> const Value& { return s.eval.element(a, i); };
  nlohmann::json outs = nlohmann::json::object();
  for (size_t i = 0; i < s.outputs.size(); ++i) {
    const RuleInfo& info = c.rules[p.program->outputs[i]];
    nlohmann::json v = value_json(c, info.type, s.outputs[i], el);
    outs[info.name] = v;
    r.outputs_.push_back({info.name, v.is_string() ? v.get<std::string>() : v.dump()});
    r.output_texts_.push_back({info.name, value_text(c, info.type, s.outputs[i], el)});
  }
  r.outputs_json_ = outs.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (s.traced) {
    r.explain_text_ = explain_text(*p.program, s.trace, s.eval);
    r.explain_json_ = explain_json(*p.program, s.trace, s.eval);
  }
  return r;
}

}  // namespace bao
