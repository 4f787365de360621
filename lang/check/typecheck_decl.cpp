// Declarations with bodies: params (dated values without gaps), tables
// (exhaustive rows), schedules (bands without gaps or overlaps), rules,
// functions and tests.
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "lang/check/checker.hpp"

namespace bao {

using TT = TypeTable;

void Checker::check_params() {
  for (ParamInfo& p : out_.params) {
    const auto& decl = std::get<ParamDecl>(m_.decl(p.decl).kind);
    begin_body(p.decl);
    std::string place = fmt::format("the value of `{}`", p.name);
    if (decl.value) expect(*decl.value, p.type, place);
    std::optional<Date> prev_until;
    std::optional<Date> prev_from;
    for (const DatedValue& v : decl.dated) {
      expect(v.value, p.type, place);
      auto from = parse_date(v.from);
      std::optional<Date> until;
      if (v.until) {
        until = parse_date(*v.until);
        if (from && until && *until < *from) {
          error(DiagKind::dated_overlap, v.until->span,
                fmt::format("`until {}` is before `from {}`", v.until->text, v.from.text));
        }
      }
      if (!from) continue;
      if (prev_from && *from <= *prev_from) {
        error(DiagKind::dated_overlap, v.from.span,
              fmt::format("values of `{}` must be listed in date order", p.name))
            .help = "list each `from` date after the one before it";
      } else if (prev_until) {
        Date next = Date::from_days(prev_until->days() + 1);
        if (*from > next) {
          auto& d = error(DiagKind::dated_gap, v.from.span,
                          fmt::format("`{}` has no value from {} to {}", p.name, next.to_string(),
                                      Date::from_days(from->days() - 1).to_string()));
          d.help = fmt::format("start this value on {} or extend the one before", next.to_string());
        } else if (*from < next) {
          error(DiagKind::dated_overlap, v.from.span,
                fmt::format("this value of `{}` starts before the previous one ends on {}", p.name,
                            prev_until->to_string()));
        }
      }
      p.dated.push_back({*from, until, v.value, v.span});
      prev_from = from;
      prev_until = until;
    }
    warn_uncovered(p);
  }
}

// A dated param should have a value on every day the policy is in effect.
void Checker::warn_uncovered(const ParamInfo& p) {
  const std::optional<Date>& effective = out_.units[unit_of(p.decl.v)].effective;
  if (p.dated.empty() || m_.decl(p.decl).span.file != m_.file) return;
  const DeclNode& d = m_.decl(p.decl);
  if (effective && p.dated.front().from > *effective) {
    auto& w = diags_.add(DiagKind::dated_uncovered, loc(d.name.span),
                         fmt::format("`{}` has no value from {} (the policy takes effect) to {}",
                                     p.name, effective->to_string(),
                                     Date::from_days(p.dated.front().from.days() - 1).to_string()));
    w.help = fmt::format("start its first value on {}", effective->to_string());
  }
  if (p.dated.back().until) {
    auto& w = diags_.add(
        DiagKind::dated_uncovered, loc(d.name.span),
        fmt::format("`{}` has no value after {}", p.name, p.dated.back().until->to_string()));
    w.help = "drop `until` from the last value, or add the value that follows";
  }
}

void Checker::check_tables() {
  for (TableInfo& t : out_.tables) {
    const auto& decl = std::get<TableDecl>(m_.decl(t.decl).kind);
    begin_body(t.decl);
    t.key = decl.key;
    TypeRef kt = expr(decl.key);
    bool keyed = out_.types.kind(kt) == TypeKind::enumeration;
    if (!keyed && kt != TT::kError) {
      error(DiagKind::type_mismatch, span(decl.key),
            fmt::format("a table is selected by an enum value, found `{}`", type_name(kt)))
          .help = "use `match` or `if` for other values";
    }
    t.key_enum = keyed ? out_.types[kt].ref : 0;
    for (const Column& c : decl.columns) {
      t.column_index.add(c.name.text, static_cast<uint32_t>(t.columns.size()));
      t.columns.push_back({c.name.text, c.label, resolve_type(c.type)});
    }
    size_t nvariants = keyed ? out_.enums[t.key_enum].variants.size() : 0;
    std::vector<bool> seen(nvariants, false);
    t.row_of_variant.assign(nvariants, UINT32_MAX);
    std::optional<uint32_t> else_row;
    for (const TableRow& row : decl.rows) {
      auto index = static_cast<uint32_t>(t.rows.size());
      if (keyed) {
        for (const Pattern& p : row.keys) {
          auto v = variant(p, t.key_enum);
          if (!v) continue;
          if (seen[v->second]) {
            error(DiagKind::duplicate_case, p.span,
                  fmt::format("`{}` already has a row in `{}`", p.name.text, t.name))
                .help = "each variant belongs to exactly one row";
          }
          seen[v->second] = true;
          t.row_of_variant[v->second] = index;
        }
      }
      if (row.is_else) else_row = index;
      if (!row.ineligible && row.cells.size() != t.columns.size()) {
        error(DiagKind::row_width, row.span,
              fmt::format("this row has {} cell{} but `{}` has {} column{}", row.cells.size(),
                          row.cells.size() == 1 ? "" : "s", t.name, t.columns.size(),
                          t.columns.size() == 1 ? "" : "s"))
            .help = "give one value per column, separated by commas, or `ineligible`";
      }
      for (size_t c = 0; c < row.cells.size(); ++c) {
        if (c < t.columns.size())
          expect(row.cells[c], t.columns[c].type, fmt::format("column `{}`", t.columns[c].name));
        else
          expr(row.cells[c]);
      }
      t.rows.push_back({row.ineligible, row.cells, row.span});
    }
    if (!keyed) continue;
    std::vector<std::string> missing;
    for (size_t v = 0; v < nvariants; ++v) {
      if (t.row_of_variant[v] != UINT32_MAX) continue;
      if (else_row)
        t.row_of_variant[v] = *else_row;
      else
        missing.push_back("`" + out_.enums[t.key_enum].variants[v] + "`");
    }
    if (!missing.empty()) {
      auto& d =
          error(DiagKind::missing_table_rows, m_.decl(t.decl).name.span,
                fmt::format("table `{}` has no row for {}", t.name, fmt::join(missing, ", ")));
      d.label = fmt::format("keyed by `{}`", out_.enums[t.key_enum].name);
      d.help = "add a row for each (`ineligible` if they get nothing), or an `else:` row";
    } else if (else_row &&
               std::count(t.row_of_variant.begin(), t.row_of_variant.end(), *else_row) == 0) {
      error(DiagKind::unreachable_arm, t.rows[*else_row].span,
            "this `else` row is never used: every variant has a row");
    }
  }
}

std::optional<Decimal> Checker::constant_money(ExprId e, std::string_view what) {
  TypeRef t = expect(e, TT::kMoney, what);
  const auto* lit = std::get_if<Literal>(&m_.expr(e).kind);
  if (lit && lit->kind == LitKind::money) {
    if (auto d = Decimal::parse(lit->text)) return d;
    return std::nullopt;
  }
  if (t != TT::kError)
    error(DiagKind::not_constant, span(e), fmt::format("{} must be written as an amount", what))
        .help = "band bounds are fixed amounts such as `50000 yuan`";
  return std::nullopt;
}

void Checker::check_schedules() {
  for (ScheduleInfo& s : out_.schedules) {
    const auto& decl = std::get<ScheduleDecl>(m_.decl(s.decl).kind);
    begin_body(s.decl);
    Decimal expected;  // where the next band must start
    bool open = false, known = true;
    for (size_t i = 0; i < decl.bands.size(); ++i) {
      const Band& b = decl.bands[i];
      expect(b.rate, TT::kRate, "the rate of a band");
      std::optional<Decimal> lower = expected, upper;
      if (b.lower) lower = constant_money(*b.lower, "a band's lower bound");
      if (b.upper) upper = constant_money(*b.upper, "a band's upper bound");
      if ((b.lower && !lower) || (b.upper && !upper)) {
        known = false;
        continue;
      }
      if (open) {
        error(DiagKind::band_overlap, b.span,
              "this band overlaps the open band (`above`) before it, which has no end")
            .help = "only the last band may be open";
        continue;
      }
      if (known && *lower > expected) {
        error(
            DiagKind::band_gap, b.span,
            fmt::format("no band covers {} to {} yuan", expected.to_string(2), lower->to_string(2)))
            .help = fmt::format("start this band at {} yuan", expected.to_string(2));
      } else if (known && *lower < expected) {
        error(DiagKind::band_overlap, b.span,
              fmt::format("this band starts at {} yuan, inside the band before, which ends at {}",
                          lower->to_string(2), expected.to_string(2)))
            .help = fmt::format("start this band at {} yuan", expected.to_string(2));
      }
      if (upper && *upper <= *lower) {
        error(DiagKind::band_overlap, b.span, "this band ends where it starts or before");
      }
      s.bands.push_back({*lower, upper, b.rate, b.span});
      known = true;
      if (upper)
        expected = *upper;
      else
        open = true;
    }
    if (!open && known && !decl.bands.empty()) {
      error(DiagKind::band_unbounded, decl.bands.back().span,
            fmt::format("schedule `{}` ends at {} yuan: amounts above it fall in no band", s.name,
                        expected.to_string(2)))
          .help = "end with an open band such as `above: 70%`";
    }
  }
}

void Checker::check_rules() {
  for (const RuleInfo& r : out_.rules) {
    begin_body(r.decl);
    expect(r.value, r.type, fmt::format("the value of `{}`", r.name));
  }
}

void Checker::check_fns() {
  for (const FnInfo& f : out_.fns) {
    const auto& decl = std::get<FnDecl>(m_.decl(f.decl).kind);
    begin_body(f.decl);
    for (size_t i = 0; i < decl.params.size(); ++i)
      push_local(decl.params[i].name.text, f.params[i]);
    expect(f.body, f.result, fmt::format("the result of `{}`", f.name));
  }
}

void Checker::check_tests() {
  for (uint32_t i = 0; i < m_.decls.size(); ++i) {
    const auto* test = std::get_if<TestDecl>(&m_.decls[i].kind);
    if (!test) continue;
    begin_body(DeclId{i});
    TestInfo info;
    info.decl = DeclId{i};
    info.name = m_.decls[i].label;
    for (const TestGiven& g : test->givens) {
      const Symbol* sym = lookup(g.name.text);
      if (!sym || sym->kind != SymKind::input) {
        auto& d = error(DiagKind::unknown_name, g.name.span,
                        fmt::format("`{}` is not an input of this policy", g.name.text));
        std::vector<std::string> names;
        if (!diags_.full())  // else the diagnostic is dropped: no names to compare
          for (const InputInfo& in : out_.inputs)
            names.push_back(in.name);
        if (auto best = closest_name(g.name.text, names); !best.empty())
          d.help = fmt::format("did you mean `{}`?", best);
        // A record or list literal has no type to check against: say nothing more.
        const auto& kind = m_.expr(g.value).kind;
        if (!std::holds_alternative<RecordLit>(kind) && !std::holds_alternative<ListLit>(kind))
          expr(g.value);
        continue;
      }
      uint32_t in = sym->index;
      expect(g.value, out_.inputs[in].type, fmt::format("input `{}`", g.name.text));
      info.givens.push_back({in, g.value});
    }
    for (ExprId e : test->expects) {
      expect(e, TT::kBool, "an expectation");
      info.expects.push_back(e);
    }
    test_steps(*test, info);
    out_.tests.push_back(std::move(info));
  }
}

// `expect error CODE` names an error evaluation can give; `expect row T: v`
// a table keyed by an enum and one of its variants.
void Checker::test_steps(const TestDecl& test, TestInfo& info) {
  for (const ExpectError& x : test.errors) {
    std::optional<DiagKind> kind;
    const auto& kinds = all_diag_kinds();  // in the order of DiagKind
    for (size_t k = 0; k < kinds.size(); ++k)
      if (x.code == kinds[k].code && (x.code.rfind("E08", 0) == 0 || x.code.rfind("E09", 0) == 0))
        kind = static_cast<DiagKind>(k);
    if (!kind) {
      error(DiagKind::invalid_literal, x.span,
            fmt::format("`{}` is not an error that evaluating a case can give", x.code))
          .help = "name an input or evaluation error: E0801–E0808 or E0901–E0909";
    } else if (info.expect_error) {
      error(DiagKind::duplicate_case, x.span, "a test can expect one error");
    } else {
      info.expect_error = kind;
      info.error_span = x.span;
    }
  }
  for (const ExpectRow& x : test.rows) {
    const Symbol* sym = lookup(x.table.text);
    if (!sym || sym->kind != SymKind::table) {
      error(DiagKind::unknown_name, x.table.span,
            fmt::format("`{}` is not a table of this policy", x.table.text));
      continue;
    }
    const TableInfo& t = out_.tables[sym->index];
    if (t.row_of_variant.empty()) {
      error(DiagKind::type_mismatch, x.table.span,
            fmt::format("table `{}` is not keyed by an enum", t.name));
      continue;
    }
    if (auto v = variant(x.key, t.key_enum)) info.rows.push_back({sym->index, v->second, x.span});
  }
}

}  // namespace bao
