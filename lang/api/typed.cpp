// Typed access for hosts: the schema of a policy's inputs and outputs,
// handles resolved once, and outputs as owned typed values (records and
// lists nest). A wrong name, kind or policy is an error Status, never a value.
#include <fmt/format.h>

#include "lang/api/impl.hpp"

namespace bao {

std::string_view kind_name(Kind kind) {
  static constexpr std::string_view names[] = {"none", "bool",  "int",    "decimal",
                                               "rate", "money", "date",   "duration",
                                               "enum", "text",  "record", "list"};
  return names[static_cast<size_t>(kind)];
}

Kind public_kind(const CheckedPolicy& c, TypeRef t, bool* optional) {
  if (optional) *optional = false;
  if (c.types.kind(t) == TypeKind::optional) {
    if (optional) *optional = true;
    t = c.types[t].ref;
  }
  switch (c.types.kind(t)) {
    case TypeKind::boolean:
      return Kind::boolean;
    case TypeKind::integer:
      return Kind::integer;
    case TypeKind::decimal:
      return Kind::decimal;
    case TypeKind::rate:
      return Kind::rate;
    case TypeKind::money:
      return Kind::money;
    case TypeKind::date:
      return Kind::date;
    case TypeKind::duration:
      return Kind::duration;
    case TypeKind::text:
      return Kind::text;
    case TypeKind::enumeration:
      return Kind::enumeration;
    case TypeKind::record:
      return Kind::record;
    case TypeKind::list:
      return Kind::list;
    case TypeKind::optional:
    case TypeKind::none:
    case TypeKind::error:
      return Kind::none;
  }
  return Kind::none;
}

namespace {

Schema schema_of(const CheckedPolicy& c, std::string name, std::string label, TypeRef t,
                 int depth = 0) {
  Schema s;
  s.name = std::move(name);
  s.label = std::move(label);
  s.kind = public_kind(c, t, &s.optional);
  s.type_name = c.type_name(t);
  TypeRef base = s.optional ? c.types[t].ref : t;
  if (depth > 32) return s;  // records cannot nest without end; this is a guard
  if (s.kind == Kind::enumeration) s.variants = c.enums[c.types[base].ref].variants;
  if (s.kind == Kind::record) {
    for (const FieldInfo& f : c.records[c.types[base].ref].fields)
      s.fields.push_back(schema_of(c, f.name, f.label, f.type, depth + 1));
  }
  if (s.kind == Kind::list)
    s.fields.push_back(schema_of(c, "item", "", c.types[base].ref, depth + 1));
  return s;
}

Status misuse_status(std::string path, std::string message) {
  return Status{"E0850", std::move(path), std::move(message)};
}

}  // namespace

std::vector<Schema> Policy::inputs() const {
  std::vector<Schema> out;
  if (!impl_->checked) return out;
  const CheckedPolicy& c = *impl_->checked;
  for (size_t k = 0; k < c.host_inputs(); ++k)
    out.push_back(schema_of(c, c.inputs[k].name, c.inputs[k].label, c.inputs[k].type));
  return out;
}

std::vector<Schema> Policy::outputs() const {
  std::vector<Schema> out;
  if (!impl_->program) return out;
  const CheckedPolicy& c = *impl_->checked;
  for (uint32_t r : impl_->program->outputs)
    out.push_back(schema_of(c, c.rules[r].name, c.rules[r].label, c.rules[r].type));
  return out;
}

Typed<InputHandle> Policy::input(std::string_view path) const {
  Typed<InputHandle> out;
  if (!impl_->checked) {
    out.status = misuse_status(std::string(path), "the policy has errors and takes no inputs");
    return out;
  }
  const CheckedPolicy& c = *impl_->checked;
  InputTarget t;
  if (std::string err = find_input(c, path, t); !err.empty()) {
    out.status = Status{"E0807", std::string(path), std::move(err)};
    return out;
  }
  out.value =
      InputHandle{impl_.get(), static_cast<uint32_t>(t.input), t.field, public_kind(c, t.type)};
  return out;
}

Typed<OutputHandle> Policy::output(std::string_view name) const {
  Typed<OutputHandle> out;
  if (!impl_->program) {
    out.status = misuse_status(std::string(name), "the policy has errors and has no outputs");
    return out;
  }
  const CheckedPolicy& c = *impl_->checked;
  const auto& outs = impl_->program->outputs;
  for (uint32_t i = 0; i < outs.size(); ++i) {
    if (c.rules[outs[i]].name != name) continue;
    out.value = OutputHandle{impl_.get(), i, public_kind(c, c.rules[outs[i]].type)};
    return out;
  }
  out.status =
      Status{"E0850", std::string(name), fmt::format("the policy has no output `{}`", name)};
  return out;
}

OutputValue output_value_of(const CheckedPolicy& c, TypeRef t, const Value& v,
                            const ElementFn& el) {
  OutputValue o;
  if (v.none) return o;
  if (c.types.kind(t) == TypeKind::optional) t = c.types[t].ref;
  o.kind = public_kind(c, t);
  const TypeInfo& info = c.types[t];
  switch (o.kind) {
    case Kind::boolean:
      o.boolean = v.b;
      break;
    case Kind::integer:
      o.integer = v.i;
      break;
    case Kind::decimal:
    case Kind::rate:
      o.decimal = v.dec();
      break;
    case Kind::money:
      o.decimal = v.dec();
      o.integer = v.dec().to_fen().value_or(0);  // whole fen: outputs are rounded
      break;
    case Kind::date:
      o.date = v.as_date();
      break;
    case Kind::duration:
      o.text = duration_to_string(v.dur);
      break;
    case Kind::text:
      o.text = *v.text;
      break;
    case Kind::enumeration:
      o.text = c.enums[info.ref].variants[v.variant];
      o.label = c.enums[info.ref].labels[v.variant];
      break;
    case Kind::record: {
      const RecordInfo& r = c.records[info.ref];
      for (uint32_t i = 0; i < r.fields.size(); ++i) {
        o.field_names.push_back(r.fields[i].name);
        o.items.push_back(output_value_of(c, r.fields[i].type, el(v.agg, i), el));
      }
      break;
    }
    case Kind::list:
      for (uint32_t i = 0; i < v.agg.count; ++i)
        o.items.push_back(output_value_of(c, info.ref, el(v.agg, i), el));
      break;
    case Kind::none:
      break;
  }
  return o;
}

const OutputValue* OutputValue::field(std::string_view name) const {
  for (size_t i = 0; i < field_names.size() && i < items.size(); ++i)
    if (field_names[i] == name) return &items[i];
  return nullptr;
}

// ---- Result ----

Typed<OutputValue> Result::output_value(std::string_view name) const {
  Typed<OutputValue> out;
  if (error_) {
    out.status = Status{error_->code, std::string(name), error_->message};
    return out;
  }
  for (size_t i = 0; i < outputs_.size() && i < values_.size(); ++i) {
    if (outputs_[i].first != name) continue;
    out.value = values_[i];
    return out;
  }
  out.status = misuse_status(std::string(name), fmt::format("the policy has no output `{}`", name));
  return out;
}

Typed<OutputValue> Result::output_value(const OutputHandle& h) const {
  if (!error_ && h.policy != policy_.get()) {
    Typed<OutputValue> out;
    out.status = misuse_status("", "this OutputHandle was made by another Policy");
    return out;
  }
  if (!error_ && h.index >= values_.size()) {
    Typed<OutputValue> out;
    out.status = misuse_status("", "this OutputHandle names no output");
    return out;
  }
  return output_value(error_ ? std::string_view() : std::string_view(outputs_[h.index].first));
}

Typed<Decimal> Result::output_money(std::string_view name) const {
  Typed<OutputValue> v = output_value(name);
  Typed<Decimal> out;
  if (!v.ok()) {
    out.status = std::move(v.status);
  } else if (v.value->kind != Kind::money) {
    out.status = misuse_status(std::string(name), fmt::format("output `{}` is a {}, not money",
                                                              name, kind_name(v.value->kind)));
  } else {
    out.value = v.value->decimal;
  }
  return out;
}

Typed<int64_t> Result::output_fen(std::string_view name) const {
  Typed<Decimal> m = output_money(name);
  Typed<int64_t> out;
  if (!m.ok()) {
    out.status = std::move(m.status);
    return out;
  }
  if (std::optional<int64_t> fen = m.value->to_fen())
    out.value = *fen;
  else
    out.status = Status{"E0901", std::string(name),
                        fmt::format("output `{}` does not fit in int64 fen", name)};
  return out;
}

}  // namespace bao
