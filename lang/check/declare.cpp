// Collects the module's declarations into symbol tables and resolves the
// types they declare, before any expression is checked.
#include <algorithm>

#include <fmt/format.h>

#include "lang/check/check.hpp"
#include "lang/check/checker.hpp"

namespace bao {

void EnumInfo::add(const std::string& variant, const std::string& label) {
  index.add(variant, static_cast<uint32_t>(variants.size()));
  variants.push_back(variant);
  labels.push_back(label);
}

void RecordInfo::add(FieldInfo field) {
  index.add(field.name, static_cast<uint32_t>(fields.size()));
  fields.push_back(std::move(field));
}

std::string CheckedPolicy::type_name(TypeRef t) const {
  const TypeInfo& info = types[t];
  switch (info.kind) {
    case TypeKind::error:
      return "{error}";
    case TypeKind::boolean:
      return "bool";
    case TypeKind::integer:
      return "int";
    case TypeKind::decimal:
      return "decimal";
    case TypeKind::rate:
      return "rate";
    case TypeKind::money:
      return "money";
    case TypeKind::date:
      return "date";
    case TypeKind::duration:
      return "duration";
    case TypeKind::text:
      return "text";
    case TypeKind::none:
      return "none";
    case TypeKind::enumeration:
      return enums[info.ref].name;
    case TypeKind::record:
      return records[info.ref].name;
    case TypeKind::list:
      return "list of " + type_name(info.ref);
    case TypeKind::optional:
      return type_name(info.ref) + "?";
  }
  return "?";
}

std::unique_ptr<CheckedPolicy> check_module(const SourceSet& sources, const Module& module,
                                            DiagSink& diags) {
  auto out = std::make_unique<CheckedPolicy>();
  Checker(sources, module, diags, *out).run();
  return out;
}

Checker::Checker(const SourceSet& sources, const Module& module, DiagSink& diags,
                 CheckedPolicy& out)
    : sources_(sources), m_(module), diags_(diags), out_(out) {
  out_.sources = &sources;
  out_.module = &module;
  out_.expr_types.assign(module.exprs.size(), TypeTable::kError);
  out_.expr_res.assign(module.exprs.size(), Resolution{});
  deps_.resize(module.decls.size());
  dep_spans_.resize(module.decls.size());
}

void Checker::run() {
  declare();
  declare_types();
  declare_values();
  header();
  check_overrides();
  check_params();
  check_tables();
  check_schedules();
  check_fns();
  check_rules();
  check_tests();
  check_bounds();
  check_requires();
  check_bound_reads();
  check_dependencies();
  if (!diags_.has_errors()) lint_unused();
}

Diag& Checker::error(DiagKind kind, Span span, std::string message) {
  return diags_.add(kind, loc(span), std::move(message));
}

std::optional<Date> Checker::parse_date(const Ident& text) {
  auto d = Date::parse(text.text);
  if (!d) {
    error(DiagKind::invalid_literal, text.span, fmt::format("`{}` is not a date", text.text)).help =
        "dates are written YYYY-MM-DD and must exist in the calendar";
  }
  return d;
}

// First pass: every named declaration gets a symbol in its unit's scope;
// names are unique within a unit.
void Checker::declare() {
  scopes_.resize(std::max<size_t>(1, m_.units.size()));
  for (uint32_t i = 0; i < m_.decls.size(); ++i) {
    const DeclNode& d = m_.decls[i];
    if (auto* u = std::get_if<UseDecl>(&d.kind)) {
      // Only a module parsed without the linker still holds its `use` lines.
      Span whole{u->path.front().span.begin, u->path.back().span.end, d.span.file};
      error(DiagKind::module_not_found, whole, "`use` needs the linker (lang/link)").help =
          "load the policy with Policy::from_file or `bao check`";
    }
    if (m_.units.empty() && (d.is_override || std::holds_alternative<RowOverride>(d.kind))) {
      error(DiagKind::override_unknown, d.name.span,
            fmt::format("`{}` overrides nothing: this policy extends no other", d.name.text))
          .help = "remove `override`, or add `extends` to the policy header";
    }
    if (d.name.text.empty()) continue;
    SymKind kind = std::visit(
        [](const auto& k) {
          using T = std::decay_t<decltype(k)>;
          if constexpr (std::is_same_v<T, EnumDecl>) return SymKind::enum_type;
          if constexpr (std::is_same_v<T, RecordDecl>) return SymKind::record_type;
          if constexpr (std::is_same_v<T, InputDecl>) return SymKind::input;
          if constexpr (std::is_same_v<T, ParamDecl>) return SymKind::param;
          if constexpr (std::is_same_v<T, TableDecl>) return SymKind::table;
          if constexpr (std::is_same_v<T, RuleDecl>) return SymKind::rule;
          if constexpr (std::is_same_v<T, FnDecl>) return SymKind::fn;
          if constexpr (std::is_same_v<T, ScheduleDecl>) return SymKind::schedule;
          return SymKind::none;
        },
        d.kind);
    auto& scope = scopes_[unit_of(i)];
    auto [it, inserted] = scope.try_emplace(d.name.text, Symbol{kind, 0, DeclId{i}});
    if (!inserted) {
      auto& diag = error(DiagKind::duplicate_declaration, d.name.span,
                         fmt::format("`{}` is declared twice", d.name.text));
      diag.label = "second declaration";
      diag.notes.push_back({loc(m_.decls[it->second.decl.v].name.span), "first declared here"});
      diag.help = "rename one of them";
    }
  }
}

TypeRef Checker::resolve_type(TypeId id) {
  if (!id.valid()) return TypeTable::kError;
  const TypeNode& t = m_.type(id);
  if (auto* l = std::get_if<ListType>(&t.kind)) return out_.types.list_of(resolve_type(l->element));
  if (auto* o = std::get_if<OptionalType>(&t.kind))
    return out_.types.optional_of(resolve_type(o->inner));
  const Ident& n = std::get<NamedType>(t.kind).name;
  static const std::unordered_map<std::string, TypeRef> kBuiltin = {
      {"bool", TypeTable::kBool},         {"int", TypeTable::kInt},
      {"decimal", TypeTable::kDecimal},   {"rate", TypeTable::kRate},
      {"money", TypeTable::kMoney},       {"date", TypeTable::kDate},
      {"duration", TypeTable::kDuration}, {"text", TypeTable::kText}};
  if (auto it = kBuiltin.find(n.text); it != kBuiltin.end()) return it->second;
  if (const Symbol* s = lookup(n.text)) {
    if (s->kind == SymKind::enum_type) return out_.types.enum_type(s->index);
    if (s->kind == SymKind::record_type) return out_.types.record_type(s->index);
  }
  auto& d = error(DiagKind::unknown_type, n.span, fmt::format("unknown type `{}`", n.text));
  // Past the diagnostic limit the diagnostic is dropped: no names to compare.
  if (diags_.full()) return TypeTable::kError;
  std::vector<std::string> names;
  for (const auto& [name, _] : kBuiltin)
    names.push_back(name);
  for (const auto& e : out_.enums)
    names.push_back(e.name);
  for (const auto& r : out_.records)
    names.push_back(r.name);
  d.label = "not a type";
  if (auto best = closest_name(n.text, names); !best.empty())
    d.help = fmt::format("did you mean `{}`?", best);
  else
    d.help =
        "declare it with `enum` or `record`, or use bool, int, decimal, rate, money, date, "
        "duration or text";
  return TypeTable::kError;
}

// Enums and records first (records may name each other), then their fields.
void Checker::declare_types() {
  for (uint32_t i = 0; i < m_.decls.size(); ++i) {
    const DeclNode& d = m_.decls[i];
    if (auto* e = std::get_if<EnumDecl>(&d.kind)) {
      EnumInfo info{DeclId{i}, d.name.text, d.label, {}, {}, {}};
      uint32_t index = static_cast<uint32_t>(out_.enums.size());
      // Each earlier declaration of a name is reported (as a scan would).
      std::unordered_map<std::string, uint32_t> earlier;  // of the repeated names only
      for (const Variant& v : e->variants) {
        uint32_t before = 0;
        auto place = static_cast<uint32_t>(info.variants.size());
        if (!info.index.add(v.name.text, place))
          before = ++earlier.try_emplace(v.name.text, 0).first->second;
        for (uint32_t k = 0; k < before && (k == 0 || !diags_.full()); ++k) {
          error(DiagKind::duplicate_declaration, v.name.span,
                fmt::format("variant `{}` is declared twice in `{}`", v.name.text, d.name.text));
        }
        variants_[v.name.text].push_back({index, place});
        info.variants.push_back(v.name.text);
        info.labels.push_back(v.label);
      }
      set_symbol(i, index);
      out_.enums.push_back(std::move(info));
    } else if (std::holds_alternative<RecordDecl>(d.kind)) {
      set_symbol(i, static_cast<uint32_t>(out_.records.size()));
      out_.records.push_back({DeclId{i}, d.name.text, d.label, {}, {}});
    }
  }
  import_units(false);
  uint32_t r = 0;
  for (uint32_t i = 0; i < m_.decls.size(); ++i) {
    const DeclNode& d = m_.decls[i];
    auto* rec = std::get_if<RecordDecl>(&d.kind);
    if (!rec) continue;
    unit_ = unit_of(i);
    RecordInfo& info = out_.records[r++];
    for (const FieldDecl& f : rec->fields) {
      if (info.find(f.name.text) >= 0) {
        error(DiagKind::duplicate_declaration, f.name.span,
              fmt::format("field `{}` is declared twice in `{}`", f.name.text, d.name.text));
      }
      info.add({f.name.text, f.label, resolve_type(f.type)});
    }
  }
}

// Inputs, params, rules, tables, schedules and functions get their slots.
void Checker::set_symbol(uint32_t decl, uint32_t index) {
  auto& scope = scopes_[unit_of(decl)];
  auto sym = scope.find(m_.decls[decl].name.text);
  if (sym != scope.end() && sym->second.decl.v == decl) sym->second.index = index;
}

void Checker::declare_values() {
  for (uint32_t i = 0; i < m_.decls.size(); ++i) {
    const DeclNode& d = m_.decls[i];
    unit_ = unit_of(i);
    auto set_index = [&](size_t index) { set_symbol(i, static_cast<uint32_t>(index)); };
    if (auto* in = std::get_if<InputDecl>(&d.kind)) {
      set_index(out_.inputs.size());
      out_.inputs.push_back({DeclId{i}, d.name.text, d.label, resolve_type(in->type)});
    } else if (auto* p = std::get_if<ParamDecl>(&d.kind)) {
      set_index(out_.params.size());
      out_.params.push_back({DeclId{i}, d.name.text, d.label, resolve_type(p->type), p->value, {}});
    } else if (auto* r = std::get_if<RuleDecl>(&d.kind)) {
      set_index(out_.rules.size());
      out_.rules.push_back({DeclId{i}, d.name.text, d.label, resolve_type(r->type),
                            r->kind == RuleKind::output, r->value});
    } else if (std::holds_alternative<TableDecl>(d.kind)) {
      set_index(out_.tables.size());
      TableInfo t;
      t.decl = DeclId{i};
      t.name = d.name.text;
      t.label = d.label;
      out_.tables.push_back(std::move(t));
    } else if (auto* s = std::get_if<ScheduleDecl>(&d.kind)) {
      set_index(out_.schedules.size());
      out_.schedules.push_back({DeclId{i}, d.name.text, d.label, s->base, {}});
    } else if (auto* f = std::get_if<FnDecl>(&d.kind)) {
      set_index(out_.fns.size());
      FnInfo info{DeclId{i}, d.name.text, {}, resolve_type(f->result), f->body};
      for (const FnParam& p : f->params)
        info.params.push_back(resolve_type(p.type));
      out_.fns.push_back(std::move(info));
    } else if (auto* q = std::get_if<RequireDecl>(&d.kind)) {
      out_.requirements.push_back({DeclId{i}, d.name.text, q->message, q->cond, unit_of(i)});
    } else if (auto* b = std::get_if<BoundDecl>(&d.kind)) {
      out_.bounds.push_back({DeclId{i}, d.name.text, d.label, d.source, b->warn, b->cond, {}});
    }
  }
  import_units(true);
  declare_units();
  warn_hidden_variants();
}

uint32_t Checker::push_local(const std::string& name, TypeRef type) {
  uint32_t slot = next_slot_++;
  out_.max_locals = std::max(out_.max_locals, next_slot_);
  locals_.push_back({name, slot, type});
  return slot;
}

void Checker::pop_locals(size_t to) {
  while (locals_.size() > to) {
    locals_.pop_back();
    --next_slot_;
  }
}

void Checker::depend(DeclId on, Span where) {
  if (!owner_.valid()) return;
  deps_[owner_.v].push_back(on);
  dep_spans_[owner_.v].push_back(where);
}

void Checker::begin_body(DeclId owner) {
  owner_ = owner;
  if (owner.valid()) unit_ = unit_of(owner.v);
  locals_.clear();
  next_slot_ = 0;
}

std::string Checker::suggest(std::string_view name) {
  std::vector<std::string> locals;
  for (const Local& l : locals_)
    locals.push_back(l.name);
  if (auto best = closest_name(name, locals); !best.empty()) return best;
  // Declarations do not change once declared: their names are listed once.
  if (global_names_.empty()) {
    for (const auto& [n, sym] : scopes_[unit_])
      global_names_.push_back(n);
    for (const auto& [n, v] : variants_)
      global_names_.push_back(n);
    std::sort(global_names_.begin(), global_names_.end());  // a stable "did you mean"
  }
  // Each suggestion compares with every name: a file with thousands of
  // misspellings and thousands of names gets suggestions for the first ones only.
  if (suggest_budget_ < global_names_.size()) return {};
  suggest_budget_ -= global_names_.size();
  return closest_name(name, global_names_);
}

}  // namespace bao
