// The checker's view of units (lang/link): one scope per unit with what it
// imports, each unit's index ranges and the record of a policy's outputs,
// each policy's header, and the lint for names that hide a variant.
#include <fmt/format.h>

#include "lang/check/checker.hpp"

namespace bao {

const Checker::Symbol* Checker::lookup(const std::string& name) const {
  const auto& scope = scopes_[unit_];
  auto it = scope.find(name);
  return it == scope.end() ? nullptr : &it->second;
}

// After every unit's own symbols have their indexes: what each unit imports.
// A module's names come in bare (or as `alias.name`); a policy comes in as
// something to call, under its alias or the last part of its name.
void Checker::import_units(bool values) {
  for (uint32_t u = 0; u < m_.units.size(); ++u) {
    for (const Unit::Import& imp : m_.units[u].imports) {
      const Unit& target = m_.units[imp.unit];
      if (target.policy) {
        if (!values) continue;
        std::string name = imp.alias;
        if (name.empty()) name = target.name.substr(target.name.rfind('.') + 1);
        scopes_[u].try_emplace(name, Symbol{SymKind::policy, imp.unit, DeclId{}});
        continue;
      }
      for (const auto& [name, sym] : std::vector<std::pair<std::string, Symbol>>(
               scopes_[imp.unit].begin(), scopes_[imp.unit].end())) {
        if (sym.decl.valid() && unit_of(sym.decl.v) != imp.unit) continue;  // not re-exported
        bool type = sym.kind == SymKind::enum_type || sym.kind == SymKind::record_type;
        if (type == values) continue;
        std::string key = imp.alias.empty() ? name : imp.alias + "." + name;
        auto [it, inserted] = scopes_[u].try_emplace(key, sym);
        // The unit's own declarations shadow what a module brings in bare,
        // so a name added to a module never breaks a policy that uses it.
        bool own = it->second.decl.valid() && unit_of(it->second.decl.v) == u;
        if (!inserted && !own && it->second.decl.valid() && it->second.decl != sym.decl) {
          const DeclNode& mine = m_.decls[it->second.decl.v];
          auto& d = error(DiagKind::duplicate_declaration, mine.name.span,
                          fmt::format("`{}` is also declared by module `{}`", key, target.name));
          d.notes.push_back({loc(m_.decls[sym.decl.v].name.span), "the module's declaration"});
          d.help =
              fmt::format("rename one, or write `use {} as …` to qualify its names", target.name);
        }
      }
    }
  }
}

// Each unit's index ranges, and for a policy the record its outputs make
// when another policy calls it.
void Checker::declare_units() {
  size_t n = std::max<size_t>(1, m_.units.size());
  out_.units.resize(n);
  auto note = [](int, uint32_t& begin, uint32_t& end, size_t index) {
    if (begin == end) begin = static_cast<uint32_t>(index);
    end = static_cast<uint32_t>(index + 1);
  };
  uint32_t in = 0, ru = 0, ta = 0;
  for (uint32_t i = 0; i < m_.decls.size(); ++i) {
    UnitInfo& u = out_.units[unit_of(i)];
    const auto& k = m_.decls[i].kind;
    if (std::holds_alternative<InputDecl>(k)) note(0, u.inputs_begin, u.inputs_end, in++);
    if (std::holds_alternative<TableDecl>(k)) note(0, u.tables_begin, u.tables_end, ta++);
    if (std::holds_alternative<RuleDecl>(k)) {
      note(0, u.rules_begin, u.rules_end, ru++);
      out_.rule_unit.push_back(unit_of(i));
    }
  }
  for (uint32_t u = 1; u < m_.units.size(); ++u) {
    UnitInfo& info = out_.units[u];
    info.name = m_.units[u].name;
    info.policy = m_.units[u].policy;
    if (!info.policy) continue;
    RecordInfo rec{
        DeclId{}, info.name, m_.units[u].header ? m_.units[u].header->label : "", {}, {}};
    for (uint32_t r = info.rules_begin; r < info.rules_end; ++r) {
      const RuleInfo& rule = out_.rules[r];
      if (rule.output) rec.add({rule.name, rule.label, rule.type});
    }
    info.record = static_cast<uint32_t>(out_.records.size());
    out_.records.push_back(std::move(rec));
    info.record_type = out_.types.record_type(info.record);
  }
}

void Checker::header() {
  size_t n = std::max<size_t>(1, m_.units.size());
  for (uint32_t u = 0; u < n; ++u) {
    const std::optional<PolicyHeader>& hdr = m_.units.empty() ? m_.header : m_.units[u].header;
    if (!hdr) continue;
    const PolicyHeader& h = *hdr;
    UnitInfo& info = out_.units[u];
    info.name.clear();
    for (size_t i = 0; i < h.name.size(); ++i)
      info.name += (i ? "." : "") + h.name[i].text;
    info.label = h.label;
    if (h.effective) info.effective = parse_date(*h.effective);
    if (h.rounding) {
      if (auto r = parse_rounding(h.rounding->text)) {
        info.rounding = *r;
      } else {
        error(DiagKind::invalid_rounding, h.rounding->span,
              fmt::format("unknown rounding mode `{}`", h.rounding->text))
            .help = "use half_up (四舍五入), half_even, down or up";
      }
    }
    if (u > 0 && info.rounding != out_.units[0].rounding && h.rounding) {
      error(DiagKind::invalid_rounding, h.rounding->span,
            fmt::format("`{}` rounds {} but the policy that calls it rounds otherwise", info.name,
                        h.rounding->text))
          .help = "one evaluation rounds one way: give both policies the same `rounding`";
    }
    if (h.extends && m_.units.empty()) {
      error(DiagKind::module_not_found,
            {h.extends->front().span.begin, h.extends->back().span.end, h.span.file},
            "`extends` needs the linker (lang/link)")
          .help = "load the policy with Policy::from_file or `bao check`";
    }
    if (h.as_of) {
      owner_ = DeclId{};
      unit_ = u;
      info.as_of = h.as_of;
      expect(*h.as_of, TypeTable::kDate, "the as-of date");
    }
  }
  out_.name = out_.units[0].name;
  out_.label = out_.units[0].label;
  out_.effective = out_.units[0].effective;
  out_.rounding = out_.units[0].rounding;
  out_.as_of = out_.units[0].as_of;
}

// `rule inpatient …` makes every bare `inpatient` the rule, also where a
// `Visit` is expected: say so where it is declared.
void Checker::warn_hidden_variants() {
  for (uint32_t i = 0; i < m_.decls.size(); ++i) {
    const DeclNode& d = m_.decls[i];
    bool value = std::holds_alternative<RuleDecl>(d.kind) ||
                 std::holds_alternative<ParamDecl>(d.kind) ||
                 std::holds_alternative<InputDecl>(d.kind);
    auto it = variants_.find(d.name.text);
    if (!value || it == variants_.end() || d.span.file != m_.file) continue;
    const EnumInfo& en = out_.enums[it->second.front().first];
    auto& w =
        diags_.add(DiagKind::hides_variant, loc(d.name.span),
                   fmt::format("`{}` hides the variant `{}.{}`: a bare `{}` now means this "
                               "{}",
                               d.name.text, en.name, d.name.text, d.name.text, decl_kind_name(d)));
    w.help = fmt::format("rename it, or write the variant as `{}.{}`", en.name, d.name.text);
  }
}

}  // namespace bao
