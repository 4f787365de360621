// What composition adds to the checker: an override keeps the type of what
// it replaces, and a `bound` or `guide` is a condition on params only.
#include <fmt/format.h>

#include "lang/check/checker.hpp"

namespace bao {

namespace {

// The types a table's columns are declared with, as written.
const std::vector<Column>& columns_of(const DeclNode& d) {
  return std::get<TableDecl>(d.kind).columns;
}

}  // namespace

void Checker::check_overrides() {
  for (uint32_t i = 0; i < m_.decl_replaces.size(); ++i) {
    DeclId r = m_.decl_replaces[i];
    if (!r.valid()) continue;
    const DeclNode& now = m_.decls[i];
    const DeclNode& was = m_.replaced[r.v];
    unit_ = unit_of(i);
    auto mismatch = [&](std::string what) {
      auto& d = error(DiagKind::override_mismatch, now.name.span, std::move(what));
      d.notes.push_back({loc(was.name.span), "the declaration it overrides"});
      d.help = "an override keeps the type of what it replaces";
    };
    if (auto* p = std::get_if<ParamDecl>(&now.kind)) {
      TypeRef a = resolve_type(std::get<ParamDecl>(was.kind).type), b = resolve_type(p->type);
      if (a != b && a != TypeTable::kError && b != TypeTable::kError)
        mismatch(fmt::format("`{}` is a {} param; the override makes it {}", now.name.text,
                             type_name(a), type_name(b)));
    } else if (auto* rule = std::get_if<RuleDecl>(&now.kind)) {
      TypeRef a = resolve_type(std::get<RuleDecl>(was.kind).type), b = resolve_type(rule->type);
      if (a != b && a != TypeTable::kError && b != TypeTable::kError)
        mismatch(fmt::format("`{}` is {}; the override makes it {}", now.name.text, type_name(a),
                             type_name(b)));
    } else if (std::holds_alternative<TableDecl>(now.kind)) {
      const auto &a = columns_of(was), &b = columns_of(now);
      bool same = a.size() == b.size();
      for (size_t c = 0; same && c < a.size(); ++c)
        same =
            a[c].name.text == b[c].name.text && resolve_type(a[c].type) == resolve_type(b[c].type);
      if (!same)
        mismatch(fmt::format("table `{}` is overridden with other columns", now.name.text));
    } else if (auto* s = std::get_if<ScheduleDecl>(&now.kind)) {
      if (s->base != std::get<ScheduleDecl>(was.kind).base)
        mismatch(
            fmt::format("schedule `{}` changes between `cumulative` and `excess`", now.name.text));
    }
  }
}

void Checker::check_bounds() {
  for (BoundInfo& b : out_.bounds) {
    begin_body(b.decl);
    expect(b.cond, TypeTable::kBool, fmt::format("bound `{}`", b.name));
  }
}

// After every body is checked: what each bound reads, through params and
// functions, must not depend on a case. (deps_ is complete only now.)
void Checker::check_bound_reads() {
  for (BoundInfo& b : out_.bounds) {
    std::vector<bool> seen(m_.decls.size(), false);
    for (size_t k = 0; k < deps_[b.decl.v].size(); ++k) {
      // Each direct read, followed to everything it depends on.
      std::vector<DeclId> work{deps_[b.decl.v][k]};
      while (!work.empty()) {
        DeclId on = work.back();
        work.pop_back();
        if (seen[on.v]) continue;
        seen[on.v] = true;
        const auto& kind = m_.decl(on).kind;
        if (std::holds_alternative<ParamDecl>(kind) || std::holds_alternative<ScheduleDecl>(kind))
          b.reads.push_back(on);
        if (std::holds_alternative<InputDecl>(kind) || std::holds_alternative<RuleDecl>(kind) ||
            std::holds_alternative<TableDecl>(kind)) {
          const DeclNode& first = m_.decl(deps_[b.decl.v][k]);
          auto& d = error(DiagKind::not_constant, dep_spans_[b.decl.v][k],
                          first.name.text == m_.decl(on).name.text
                              ? fmt::format("bound `{}` reads `{}`, which depends on a case",
                                            b.name, first.name.text)
                              : fmt::format("bound `{}` reads `{}`, which depends on `{}` and so "
                                            "on a case",
                                            b.name, first.name.text, m_.decl(on).name.text));
          d.help = "a bound is checked before any case: it may read params that read no input";
          work.clear();
          break;
        }
        for (DeclId next : deps_[on.v])
          work.push_back(next);
      }
    }
  }
}

}  // namespace bao
