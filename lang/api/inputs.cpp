// Typed inputs (bao::Inputs): setters that check a value against its path's
// type before writing anything, and the check that every required input and
// field was given before a Session evaluates.
#include <fmt/format.h>

#include "lang/api/impl.hpp"
#include "lang/api/json_input.hpp"
#include "lang/eval/format.hpp"
#include "lang/source/source.hpp"

namespace bao {

// A policy that failed to parse has no inputs to set.
static const char* const kNotLoaded =
    "the policy has errors and takes no inputs: see its diagnostics";
static const char* const kMovedFrom = "this Inputs was moved from: build a new one";

Inputs::Inputs(const Policy& policy) : impl_(std::make_unique<Impl>()) {
  impl_->policy = policy.impl_;
  if (!impl_->policy->checked) return;
  const CheckedPolicy& c = *impl_->policy->checked;
  size_t n = c.host_inputs();
  impl_->values.values.assign(n, Value{});
  impl_->values.present.assign(n, false);
  // An optional input nobody sets is `none`, as when JSON leaves it out.
  for (size_t i = 0; i < n; ++i) {
    if (c.types.kind(c.inputs[i].type) != TypeKind::optional) continue;
    impl_->values.values[i] = Value::of_none();
    impl_->values.present[i] = true;
  }
}
Inputs::~Inputs() = default;
Inputs::Inputs(Inputs&&) noexcept = default;
Inputs& Inputs::operator=(Inputs&&) noexcept = default;

std::vector<Diagnostic> Inputs::set_json(std::string_view json) {
  std::vector<Diag> errors = [&]() -> std::vector<Diag> {
    if (!impl_) return {misuse(kMovedFrom)};
    if (!impl_->policy->checked) {
      return {Diag{DiagKind::input_json, {kNoFile, {}}, kNotLoaded, "", "", {}}};
    }
    impl_->complete = false;
    impl_->refused.clear();
    impl_->json_error.reset();
    std::vector<Diag> errors =
        read_json_case(*impl_->policy, json, impl_->values, impl_->json_scratch);
    impl_->field_set.assign(impl_->values.heap.size(), true);
    if (!errors.empty()) impl_->json_error = first_with_notes(errors);
    return errors;
  }();
  return to_public(impl_ ? impl_->policy->sources : no_sources(), errors);
}

std::vector<Diag> read_json_case(const PolicyImpl& p, std::string_view json, InputValues& values,
                                 JsonScratch& scratch) {
  size_t limit = p.limits.max_input_bytes;
  if (json.size() > limit)
    return {Diag{DiagKind::input_json,
                 {kNoFile, {}},
                 fmt::format("the input is larger than the limit of {} bytes", limit),
                 "",
                 "",
                 {}}};
  return read_json_inputs(*p.checked, json, values, p.limits.max_values, scratch);
}

Diag first_with_notes(const std::vector<Diag>& errors) {
  // Evaluation answers with the first error, the others as its notes.
  Diag d = errors.front();
  for (size_t i = 1; i < errors.size(); ++i)
    d.notes.push_back({{kNoFile, {}}, errors[i].message});
  return d;
}

std::string find_input(const CheckedPolicy& c, std::string_view path, InputTarget& out) {
  auto dot = path.find('.');
  std::string_view head = path.substr(0, dot);
  auto end = c.inputs.begin() + c.host_inputs();
  auto it = std::find_if(c.inputs.begin(), end, [&](const InputInfo& i) { return i.name == head; });
  if (it == end) return fmt::format("the policy has no input `{}`", head);
  out.input = it - c.inputs.begin();
  out.type = it->type;
  if (dot == std::string_view::npos) return {};
  if (c.types.kind(it->type) != TypeKind::record)
    return fmt::format("input `{}` is a `{}`, not a record", head, c.type_name(it->type));
  const RecordInfo& r = c.records[c.types[it->type].ref];
  std::string_view field = path.substr(dot + 1);
  out.field = r.find(field);
  if (out.field < 0) return fmt::format("`{}` has no field `{}`", r.name, field);
  out.type = r.fields[out.field].type;
  return {};
}

namespace {

// The path a handle stands for, for messages.
std::string path_of(const CheckedPolicy& c, const InputTarget& t) {
  const InputInfo& in = c.inputs[t.input];
  if (t.field < 0) return in.name;
  return in.name + "." + c.records[c.types[in.type].ref].fields[t.field].name;
}

}  // namespace

Status Inputs::Impl::set(std::string_view path, const SetRequest& request) {
  if (!policy->checked) return Status{"E0850", std::string(path), kNotLoaded};
  InputTarget target;
  if (std::string err = find_input(*policy->checked, path, target); !err.empty())
    return Status{"E0807", std::string(path), std::move(err)};
  return set(target, path, request);
}

Status Inputs::Impl::set(const InputHandle& h, const SetRequest& request) {
  if (!policy->checked) return Status{"E0850", "", kNotLoaded};
  if (h.policy != policy.get())
    return Status{"E0850", "",
                  h.policy ? "this InputHandle was made by another Policy: resolve it with "
                             "Policy::input on the Policy these Inputs are for"
                           : "this InputHandle holds nothing: resolve it with Policy::input"};
  const CheckedPolicy& c = *policy->checked;
  InputTarget target{h.input, h.field, 0};
  target.type = c.inputs[h.input].type;
  if (h.field >= 0) target.type = c.records[c.types[target.type].ref].fields[h.field].type;
  return set(target, {}, request);  // the path is spelled out only if needed
}

Status Inputs::Impl::set(const InputTarget& target, std::string_view path,
                         const SetRequest& request) {
  const CheckedPolicy& c = *policy->checked;
  complete = false;
  // A handle comes with no path: it is spelled out only for a message or
  // the refused list, so a setter by handle does not allocate.
  std::string spelled;
  auto named = [&]() -> std::string_view {
    if (!path.empty()) return path;
    if (spelled.empty()) spelled = path_of(c, target);
    return spelled;
  };
  TypeRef base =
      c.types.kind(target.type) == TypeKind::optional ? c.types[target.type].ref : target.type;
  Value v;
  std::string err;
  DiagKind kind = DiagKind::input_type;
  if (!request.accepts(c.types.kind(base))) {
    err = fmt::format("`{}` is a `{}`", named(), c.type_name(target.type));
  } else {
    err = request.make(c, base, request.arg, v, values);
    kind = input_error_kind(c.types.kind(base), err);
  }
  size_t i = target.input;
  bool is_record = values.present[i] && target.field >= 0;
  if (!err.empty()) {
    // Never keep what the path held before, nor a half-written value.
    if (target.field < 0)
      values.present[i] = false;
    else if (is_record)
      field_set[values.values[i].agg.offset + target.field] = false;
    std::string_view at = named();
    auto same = [&](const auto& r) { return r.first == at; };
    if (std::none_of(refused.begin(), refused.end(), same)) refused.emplace_back(at, err);
    return Status{std::string(diag_info(kind).code), std::string(at), std::move(err)};
  }
  // Set again, the path is no longer refused; a field set on a record input
  // that was refused as a whole starts the record anew.
  if (!refused.empty()) {
    std::string_view at = named();
    std::string_view head = at.substr(0, at.find('.'));
    std::erase_if(refused, [&](const auto& r) { return r.first == at || r.first == head; });
  }
  if (target.field < 0) {
    values.values[i] = v;
    values.present[i] = true;
    return {};
  }

  if (!values.present[i]) {
    // First field of a record input: its optional fields start as `none`.
    const RecordInfo& r = c.records[c.types[c.inputs[i].type].ref];
    values.present[i] = true;
    values.values[i].agg = {static_cast<uint32_t>(values.heap.size()),
                            static_cast<uint32_t>(r.fields.size())};
    for (const FieldInfo& f : r.fields)
      values.heap.push_back(c.types.kind(f.type) == TypeKind::optional ? Value::of_none()
                                                                       : Value{});
    field_set.resize(values.heap.size(), false);
  }
  uint32_t at = values.values[i].agg.offset + static_cast<uint32_t>(target.field);
  values.heap[at] = v;
  field_set[at] = true;
  return {};
}

std::optional<Diag> Inputs::Impl::incomplete() const {
  if (!policy->checked) return Diag{DiagKind::input_json, {kNoFile, {}}, kNotLoaded, "", "", {}};
  if (json_error) return json_error;
  if (!refused.empty()) {
    const auto& [path, why] = refused.front();
    return Diag{DiagKind::input_missing,
                {kNoFile, {}},
                fmt::format("$.{}: not given: the value set for it was refused ({})", path, why),
                "",
                "",
                {}};
  }
  const CheckedPolicy& c = *policy->checked;
  auto missing = [](std::string path, const std::string& type) {
    return Diag{DiagKind::input_missing,
                {kNoFile, {}},
                fmt::format("$.{}: missing {} of type `{}`", path,
                            path.find('.') == std::string::npos ? "input" : "field", type),
                "",
                "",
                {}};
  };
  for (size_t i = 0; i < c.host_inputs(); ++i) {
    if (!values.present[i]) return missing(c.inputs[i].name, c.type_name(c.inputs[i].type));
    if (c.types.kind(c.inputs[i].type) != TypeKind::record) continue;
    // Typed setters may leave record fields unset: an error, never a zero.
    const RecordInfo& r = c.records[c.types[c.inputs[i].type].ref];
    for (uint32_t f = 0; f < r.fields.size(); ++f) {
      uint32_t at = values.values[i].agg.offset + f;
      if (at < field_set.size() && !field_set[at] &&
          c.types.kind(r.fields[f].type) != TypeKind::optional)
        return missing(c.inputs[i].name + "." + r.fields[f].name, c.type_name(r.fields[f].type));
    }
  }
  return std::nullopt;
}

// ---- the setters ----

namespace {

template <TypeKind... K>
bool kinds(TypeKind k) {
  return ((k == K) || ...);
}

template <class T, Value (*wrap)(T)>
std::string store(const CheckedPolicy&, TypeRef, const void* arg, Value& out, InputValues&) {
  out = wrap(*static_cast<const T*>(arg));
  return {};
}

// Amounts on a claim are never negative, as in JSON.
std::string money_checked(const CheckedPolicy&, TypeRef, const void* arg, Value& out,
                          InputValues&) {
  int64_t fen = *static_cast<const int64_t*>(arg);
  if (fen < 0) return fmt::format("{} is negative: amounts on a claim are not", fen_to_string(fen));
  out = Value::of_dec(Decimal::from_fen(fen));
  return {};
}
Value int_value(int64_t v) {
  return Value::of_int(v);
}
Value decimal_value(Decimal d) {
  return Value::of_dec(d);
}
Value bool_value(bool b) {
  return Value::of_bool(b);
}

std::string date_value(const CheckedPolicy&, TypeRef, const void* arg, Value& out, InputValues&) {
  Date d = *static_cast<const Date*>(arg);
  // A Date made with from_days can hold any day number; JSON cannot.
  if (d.days() < Date::kMinDays || d.days() > Date::kMaxDays)
    return "the date is outside 0001-01-01 to 9999-12-31";
  out = Value::of_date(d);
  return {};
}

// Enums and texts are read the way JSON strings are, with the same checks.
std::string text_value(const CheckedPolicy& c, TypeRef t, const void* arg, Value& out,
                       InputValues& in) {
  std::string_view text = *static_cast<const std::string_view*>(arg);
  if (size_t bad = find_invalid_utf8(text); bad != std::string_view::npos)
    return text[bad] == '\0' ? fmt::format("the text holds a NUL character (byte {})", bad)
                             : fmt::format("the text is not valid UTF-8 (byte {})", bad);
  return scalar_from_text(c, t, text, true, out, in);
}

}  // namespace

namespace {

// A setter on a moved-from Inputs.
Status moved_from(std::string path) {
  return Status{"E0850", std::move(path), kMovedFrom};
}

// Money given as yuan: whole fen only, as in JSON.
std::string money_yuan(const CheckedPolicy& c, TypeRef t, const void* arg, Value& out,
                       InputValues& in) {
  Decimal yuan = *static_cast<const Decimal*>(arg);
  std::optional<int64_t> fen = yuan.to_fen();
  if (!fen) return fmt::format("`{}` has more than two decimals", yuan.to_string());
  return money_checked(c, t, &*fen, out, in);
}

}  // namespace

// Each setter exists by path and by handle; both go through Impl::set.
#define BAO_SETTER(NAME, TYPE, ...)                           \
  Status Inputs::NAME(std::string_view path, TYPE value) {    \
    if (!impl_) return moved_from(std::string(path));         \
    return impl_->set(path, SetRequest{__VA_ARGS__, &value}); \
  }                                                           \
  Status Inputs::NAME(const InputHandle& h, TYPE value) {     \
    if (!impl_) return moved_from("");                        \
    return impl_->set(h, SetRequest{__VA_ARGS__, &value});    \
  }

BAO_SETTER(set_money, int64_t, &kinds<TypeKind::money>, &money_checked)
BAO_SETTER(set_int, int64_t, &kinds<TypeKind::integer>, &store<int64_t, int_value>)
BAO_SETTER(set_decimal, Decimal, &kinds<TypeKind::decimal, TypeKind::rate>,
           &store<Decimal, decimal_value>)
BAO_SETTER(set_bool, bool, &kinds<TypeKind::boolean>, &store<bool, bool_value>)
BAO_SETTER(set_date, Date, &kinds<TypeKind::date>, &date_value)
BAO_SETTER(set_enum, std::string_view, &kinds<TypeKind::enumeration>, &text_value)
BAO_SETTER(set_text, std::string_view, &kinds<TypeKind::text>, &text_value)
#undef BAO_SETTER

Status Inputs::set_money(std::string_view path, Decimal yuan) {
  if (!impl_) return moved_from(std::string(path));
  return impl_->set(path, SetRequest{&kinds<TypeKind::money>, &money_yuan, &yuan});
}

Status Inputs::set_money(const InputHandle& h, Decimal yuan) {
  if (!impl_) return moved_from("");
  return impl_->set(h, SetRequest{&kinds<TypeKind::money>, &money_yuan, &yuan});
}

}  // namespace bao
