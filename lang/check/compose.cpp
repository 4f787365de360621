// What composition adds to the checker: an override keeps the type of what
// it replaces, a `bound` or `guide` is a condition on params only, and
// `scan` folds a list into the list of its states.
#include <fmt/format.h>

#include "lang/check/checker.hpp"

namespace bao {

using TT = TypeTable;

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

void Checker::check_requires() {
  for (const RequireInfo& r : out_.requirements) {
    begin_body(r.decl);
    expect(r.cond, TypeTable::kBool, fmt::format("requirement `{}`", r.name));
  }
}

// After every body is checked: what each bound reads, through params and
// functions, must not depend on a case. (deps_ is complete only now.)
void Checker::check_bound_reads() {
  // The bound that last reached each declaration: one array for all bounds.
  std::vector<uint32_t> seen_by(m_.decls.size(), UINT32_MAX);
  for (uint32_t bi = 0; bi < out_.bounds.size(); ++bi) {
    BoundInfo& b = out_.bounds[bi];
    for (size_t k = 0; k < deps_[b.decl.v].size(); ++k) {
      // Each direct read, followed to everything it depends on.
      std::vector<DeclId> work{deps_[b.decl.v][k]};
      while (!work.empty()) {
        DeclId on = work.back();
        work.pop_back();
        if (seen_by[on.v] == bi) continue;
        seen_by[on.v] = bi;
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

// `scan xs by f from init as (state, item) => next`: list of the states.
TypeRef Checker::scan(ExprId e, const Scan& s, TypeRef hint) {
  TypeRef list = expr(s.list);
  TypeRef item = TT::kError;
  if (out_.types.kind(list) == TypeKind::list) {
    item = out_.types[list].ref;
  } else if (list != TT::kError) {
    error(DiagKind::type_mismatch, span(s.list),
          fmt::format("`scan` goes over a list, not a {}", type_name(list)));
  }
  if (s.by && item != TT::kError) {
    if (out_.types.kind(item) != TypeKind::record) {
      error(DiagKind::type_mismatch, s.by->span,
            fmt::format("`by` orders records by a field; the items are {}", type_name(item)));
    } else {
      const RecordInfo& r = out_.records[out_.types[item].ref];
      int f = r.find(s.by->text);
      if (f < 0) {
        error(DiagKind::unknown_field, s.by->span,
              fmt::format("record `{}` has no field `{}`", r.name, s.by->text));
      } else {
        TypeKind k = out_.types.kind(r.fields[f].type);
        if (k != TypeKind::date && k != TypeKind::integer && k != TypeKind::money &&
            k != TypeKind::decimal) {
          error(DiagKind::incomparable, s.by->span,
                fmt::format("`by` needs a date, int, money or decimal field; `{}` is {}",
                            s.by->text, type_name(r.fields[f].type)));
        }
        out_.expr_res[e.v] = {SymKind::field, static_cast<uint32_t>(f), 0};
      }
    }
  }
  TypeRef want = out_.types.kind(hint) == TypeKind::list ? out_.types[hint].ref : TT::kError;
  TypeRef state = want != TT::kError ? expect(s.init, want, "the starting state") : expr(s.init);
  if (s.params.size() != 2) {
    error(DiagKind::wrong_arity, span(s.body),
          "`scan` takes a function of two parameters: `(state, item) => next`");
    return TT::kError;
  }
  size_t mark = locals_.size();
  // The compiler finds the state's slot in `sub`; the item's is the next one.
  out_.expr_res[e.v].sub = push_local(s.params[0].text, state);
  push_local(s.params[1].text, item);
  expect(s.body, state, "the next state");
  pop_locals(mark);
  return state == TT::kError ? TT::kError : out_.types.list_of(state);
}

}  // namespace bao
