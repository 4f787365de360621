// Types of expressions: literals, names, fields, operators with the unit
// algebra of docs/language.md, if, match, let and record literals.
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "lang/check/checker.hpp"

namespace bao {

namespace {
using TT = TypeTable;

bool is_number(TypeKind k) {
  return k == TypeKind::integer || k == TypeKind::decimal;
}
bool is_ratio(TypeKind k) {
  return is_number(k) || k == TypeKind::rate;
}

std::string_view op_text(BinaryOp op) {
  static constexpr std::string_view kText[] = {"+",  "-", "*",  "/",   "==", "!=", "<",
                                               "<=", ">", ">=", "and", "or", "in", "not in"};
  return kText[static_cast<int>(op)];
}
}  // namespace

bool Checker::assignable(TypeRef from, TypeRef to) const {
  if (from == to || from == TT::kError || to == TT::kError) return true;
  const TypeTable& t = out_.types;
  if (from == TT::kInt && to == TT::kDecimal) return true;
  if (t.kind(to) == TypeKind::optional) return from == TT::kNone || assignable(from, t[to].ref);
  if (t.kind(from) == TypeKind::list && t.kind(to) == TypeKind::list)
    return assignable(t[from].ref, t[to].ref);
  return false;
}

TypeRef Checker::expect(ExprId e, TypeRef want, std::string_view place) {
  TypeRef got = expr(e, want);
  if (assignable(got, want)) return want;
  const TypeTable& t = out_.types;
  if (t.kind(got) == TypeKind::optional && assignable(t[got].ref, want)) {
    auto& d =
        error(DiagKind::optional_unhandled, span(e),
              fmt::format("{} must be `{}`, but this value may be `none`", place, type_name(want)));
    d.label = fmt::format("this is `{}`", type_name(got));
    d.help = "give a fallback with `or_else(value, fallback)`";
    return want;
  }
  auto& d =
      error(DiagKind::type_mismatch, span(e),
            fmt::format("{} must be `{}`, found `{}`", place, type_name(want), type_name(got)));
  d.label = fmt::format("this is `{}`", type_name(got));
  if (want == TT::kMoney && is_number(t.kind(got)))
    d.help = "write an amount with its unit, such as `1500 yuan`";
  else if (want == TT::kRate && is_number(t.kind(got)))
    d.help = "write a rate as a percentage, such as `70%`";
  return want;
}

TypeRef Checker::unify(TypeRef a, TypeRef b, Span where, std::string_view what) {
  if (a == b || b == TT::kError) return a;
  if (a == TT::kError) return b;
  const TypeTable& t = out_.types;
  if (is_number(t.kind(a)) && is_number(t.kind(b))) return TT::kDecimal;
  if (a == TT::kNone) return out_.types.optional_of(b);
  if (b == TT::kNone) return out_.types.optional_of(a);
  if (t.kind(a) == TypeKind::optional && assignable(b, a)) return a;
  if (t.kind(b) == TypeKind::optional && assignable(a, b)) return b;
  error(DiagKind::type_mismatch, where,
        fmt::format("{} have different types: `{}` and `{}`", what, type_name(a), type_name(b)))
      .help = "every branch must give a value of the same type";
  return TT::kError;
}

TypeRef Checker::expr(ExprId e, TypeRef hint) {
  const ExprNode& n = m_.expr(e);
  TypeRef t = std::visit(
      [&](const auto& k) -> TypeRef {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, Literal>) {
          return literal(e, k);
        } else if constexpr (std::is_same_v<K, NameRef>) {
          return name_ref(e, k, hint);
        } else if constexpr (std::is_same_v<K, FieldAccess>) {
          return field_access(e, k);
        } else if constexpr (std::is_same_v<K, Call>) {
          return call(e, k, hint);
        } else if constexpr (std::is_same_v<K, Unary>) {
          TypeRef o = expr(k.operand);
          TypeKind ok = out_.types.kind(o);
          if (k.op == UnaryOp::not_) {
            if (o != TT::kBool && o != TT::kError)
              error(DiagKind::invalid_operands, n.span,
                    fmt::format("`not` needs a `bool`, found `{}`", type_name(o)));
            return TT::kBool;
          }
          if (!out_.types.is_numeric(o) && ok != TypeKind::duration && o != TT::kError) {
            error(DiagKind::invalid_operands, n.span,
                  fmt::format("cannot negate a `{}`", type_name(o)));
            return TT::kError;
          }
          return o;
        } else if constexpr (std::is_same_v<K, Binary>) {
          return binary(e, k);
        } else if constexpr (std::is_same_v<K, IfExpr>) {
          expect(k.cond, TT::kBool, "the condition of `if`");
          TypeRef a = expr(k.then_branch, hint), b = expr(k.else_branch, hint);
          return unify(a, b, n.span, "the branches of this `if`");
        } else if constexpr (std::is_same_v<K, MatchExpr>) {
          return match(e, k, hint);
        } else if constexpr (std::is_same_v<K, LetExpr>) {
          TypeRef v = expr(k.value);
          size_t mark = locals_.size();
          out_.expr_res[e.v] = {SymKind::local, push_local(k.name.text, v), 0};
          TypeRef body = expr(k.body, hint);
          pop_locals(mark);
          return body;
        } else if constexpr (std::is_same_v<K, Lambda>) {
          error(DiagKind::type_mismatch, n.span,
                "a function `x => …` is allowed only as an argument of count, sum, any, all, "
                "filter or map");
          return TT::kError;
        } else if constexpr (std::is_same_v<K, RecordLit>) {
          return record_lit(e, k, hint);
        } else if constexpr (std::is_same_v<K, Scan>) {
          return scan(e, k, hint);
        } else {
          static_assert(std::is_same_v<K, ListLit>);
          TypeRef elem = TT::kError;
          bool hinted = out_.types.kind(hint) == TypeKind::list;
          if (hinted) elem = out_.types[hint].ref;
          for (ExprId item : k.items) {
            if (hinted) {
              expect(item, elem, "a list item");
            } else {
              TypeRef it = expr(item);
              elem = elem == TT::kError ? it : unify(elem, it, span(item), "list items");
            }
          }
          if (k.items.empty() && !hinted) {
            error(DiagKind::type_mismatch, n.span, "the type of this empty list is unknown").help =
                "use it where a `list of T` is expected";
          }
          return out_.types.list_of(elem);
        }
      },
      n.kind);
  out_.expr_types[e.v] = t;
  return t;
}

TypeRef Checker::literal(ExprId e, const Literal& lit) {
  Span s = span(e);
  auto bad = [&](std::string msg, std::string help) {
    error(DiagKind::invalid_literal, s, std::move(msg)).help = std::move(help);
    return TT::kError;
  };
  switch (lit.kind) {
    case LitKind::integer: {
      auto d = Decimal::parse(lit.text);
      if (!d || !d->to_int64())
        return bad(fmt::format("`{}` does not fit in an `int`", lit.text),
                   "ints are 64-bit; amounts belong in `money`");
      return TT::kInt;
    }
    case LitKind::decimal:
      if (!Decimal::parse(lit.text))
        return bad(fmt::format("`{}` is not an exact decimal", lit.text),
                   "decimals keep at most 12 fractional digits");
      return TT::kDecimal;
    case LitKind::rate: {
      int digits = 0;
      if (!Decimal::parse(lit.text, &digits) || digits > Decimal::kScale - 2)
        return bad(fmt::format("`{}%` is not an exact rate", lit.text),
                   "rates keep at most 10 decimals of a percent");
      return TT::kRate;
    }
    case LitKind::money: {
      int64_t fen = 0;
      switch (parse_fen(lit.text, fen)) {
        case MoneyParse::ok:
          return TT::kMoney;
        case MoneyParse::too_many_decimals: {
          auto& d = error(DiagKind::money_precision, s,
                          fmt::format("`{} yuan` has more than two decimals", lit.text));
          d.label = "not a whole number of fen";
          d.help =
              "money is counted in whole fen (0.01 yuan); to keep sub-fen digits, write a "
              "product such as `amount * 62.5%`";
          return TT::kMoney;
        }
        default:
          return bad(fmt::format("`{} yuan` is out of range", lit.text),
                     "money amounts must fit in 64-bit fen");
      }
    }
    case LitKind::date:
      if (!Date::parse(lit.text))
        return bad(fmt::format("`{}` is not a date in the calendar", lit.text),
                   "dates are written YYYY-MM-DD between 0001-01-01 and 9999-12-31");
      return TT::kDate;
    case LitKind::duration:
      if (lit.text.size() > 6)
        return bad(fmt::format("`{} {}` is too long a duration", lit.text, lit.unit),
                   "durations are at most 999999 days or months");
      return TT::kDuration;
    case LitKind::text:
      return TT::kText;
    case LitKind::boolean:
      return TT::kBool;
    case LitKind::none:
      return TT::kNone;
  }
  return TT::kError;
}

TypeRef Checker::name_ref(ExprId e, const NameRef& n, TypeRef hint) {
  const std::string& name = n.name.text;
  Resolution& res = out_.expr_res[e.v];
  for (auto it = locals_.rbegin(); it != locals_.rend(); ++it) {
    if (it->name == name) {
      res = {SymKind::local, it->slot, 0};
      return it->type;
    }
  }
  if (const Symbol* sym = lookup(name)) {
    const Symbol& s = *sym;
    res = {s.kind, s.index, 0};
    switch (s.kind) {
      case SymKind::input:
        depend(s.decl, n.name.span);
        return out_.inputs[s.index].type;
      case SymKind::param:
        depend(s.decl, n.name.span);
        return out_.params[s.index].type;
      case SymKind::rule:
        depend(s.decl, n.name.span);
        return out_.rules[s.index].type;
      default:
        break;
    }
    // A table named like a variant (`inpatient`): where a value is wanted,
    // the variant is meant.
    if (variants_.count(name)) {
      res = {};
      return resolve_variant(e, n, hint);
    }
    auto& d = error(DiagKind::not_a_value, n.name.span, fmt::format("`{}` is not a value", name));
    if (s.kind == SymKind::table) {
      const TableInfo& t = out_.tables[s.index];
      d.help = t.columns.empty() ? "read one of its columns"
                                 : fmt::format("read one of its columns, such as `{}.{}`", name,
                                               t.columns.front().name);
    } else if (s.kind == SymKind::fn || s.kind == SymKind::schedule) {
      d.help = fmt::format("call it: `{}(…)`", name);
    } else if (s.kind == SymKind::enum_type) {
      d.help =
          fmt::format("name one of its variants, such as `{}.{}`", name,
                      out_.enums[s.index].variants.empty() ? "x" : out_.enums[s.index].variants[0]);
    }
    res = {};
    return TT::kError;
  }
  if (variants_.count(name)) return resolve_variant(e, n, hint);
  auto& d = error(DiagKind::unknown_name, n.name.span, fmt::format("unknown name `{}`", name));
  d.label = "not declared";
  if (diags_.full()) return TT::kError;
  if (auto best = suggest(name); !best.empty()) d.help = fmt::format("did you mean `{}`?", best);
  return TT::kError;
}

// A bare variant name: the one of the expected enum, else the only one.
TypeRef Checker::resolve_variant(ExprId e, const NameRef& n, TypeRef hint) {
  const std::string& name = n.name.text;
  Resolution& res = out_.expr_res[e.v];
  {
    const auto& options = variants_.find(name)->second;
    if (out_.types.kind(hint) == TypeKind::enumeration) {
      for (auto [en, v] : options) {
        if (en == out_.types[hint].ref) {
          res = {SymKind::variant, en, v};
          return hint;
        }
      }
    }
    if (options.size() == 1) {
      res = {SymKind::variant, options[0].first, options[0].second};
      return out_.types.enum_type(options[0].first);
    }
    auto& d = error(DiagKind::ambiguous_variant, n.name.span,
                    fmt::format("`{}` is a variant of several enums", name));
    d.help = fmt::format("qualify it, such as `{}.{}`", out_.enums[options[0].first].name, name);
    return TT::kError;
  }
}

TypeRef Checker::field_access(ExprId e, const FieldAccess& f) {
  Resolution& res = out_.expr_res[e.v];
  const std::string& field = f.field.text;
  // `table.column` and `Enum.variant` name declarations, not values.
  if (auto* base = std::get_if<NameRef>(&m_.expr(f.base).kind)) {
    bool shadowed = false;
    for (const Local& l : locals_)
      shadowed |= l.name == base->name.text;
    // `alias.name`: a name a module brings in under its alias.
    if (!shadowed && lookup(base->name.text + "." + field)) {
      NameRef qualified{{base->name.text + "." + field, span(e)}};
      TypeRef t = name_ref(e, qualified, TT::kError);
      return t;
    }
    const Symbol* it = lookup(base->name.text);
    if (!shadowed && it && it->kind == SymKind::table) {
      uint32_t ti = it->index;
      const TableInfo& t = out_.tables[ti];
      out_.expr_res[f.base.v] = {SymKind::table, ti, 0};
      depend(it->decl, base->name.span);
      if (int c = t.column_index.find(field); c >= 0) {
        res = {SymKind::column, ti, static_cast<uint32_t>(c)};
        return t.columns[c].type;
      }
      if (field == "eligible") {
        res = {SymKind::eligible, ti, 0};
        return TT::kBool;
      }
      auto& d = error(DiagKind::unknown_column, f.field.span,
                      fmt::format("table `{}` has no column `{}`", t.name, field));
      if (diags_.full()) return TT::kError;  // dropped: no names to compare
      d.label = "not a column";
      std::vector<std::string> names{"eligible"};
      for (const ColumnInfo& c : t.columns)
        names.push_back(c.name);
      if (auto best = closest_name(field, names); !best.empty())
        d.help = fmt::format("did you mean `{}`?", best);
      return TT::kError;
    }
    if (!shadowed && it && it->kind == SymKind::enum_type) {
      const EnumInfo& en = out_.enums[it->index];
      out_.expr_res[f.base.v] = {SymKind::enum_type, it->index, 0};
      if (int v = en.find(field); v >= 0) {
        res = {SymKind::variant, it->index, static_cast<uint32_t>(v)};
        return out_.types.enum_type(it->index);
      }
      auto& d = error(DiagKind::unknown_variant, f.field.span,
                      fmt::format("enum `{}` has no variant `{}`", en.name, field));
      if (diags_.full()) return TT::kError;
      if (auto best = closest_name(field, en.variants); !best.empty())
        d.help = fmt::format("did you mean `{}`?", best);
      return TT::kError;
    }
  }
  TypeRef bt = expr(f.base);
  if (bt == TT::kError) return TT::kError;
  const TypeTable& t = out_.types;
  if (t.kind(bt) == TypeKind::optional && t.kind(t[bt].ref) == TypeKind::record) {
    auto& d = error(DiagKind::optional_unhandled, span(f.base),
                    fmt::format("this `{}` may be `none`", type_name(bt)));
    d.help = "give a fallback with `or_else(value, fallback)` before reading its fields";
    return TT::kError;
  }
  if (t.kind(bt) != TypeKind::record) {
    error(DiagKind::unknown_field, f.field.span,
          fmt::format("`{}` has no fields: it is a `{}`", field, type_name(bt)));
    return TT::kError;
  }
  const RecordInfo& r = out_.records[t[bt].ref];
  int i = r.find(field);
  if (i < 0) {
    auto& d = error(DiagKind::unknown_field, f.field.span,
                    fmt::format("unknown field `{}` on `{}`", field, r.name));
    if (diags_.full()) return TT::kError;
    d.label = fmt::format("not a field of `{}`", r.name);
    std::vector<std::string> names;
    for (const FieldInfo& fi : r.fields)
      names.push_back(fi.name);
    if (auto best = closest_name(field, names); !best.empty())
      d.help = fmt::format("did you mean `{}`?", best);
    return TT::kError;
  }
  res = {SymKind::field, static_cast<uint32_t>(i), 0};
  return r.fields[i].type;
}

// Whether a duration is counted in days ('d'), in months ('m'), or not known
// before evaluation ('?'): days and months cannot be ordered against each other.
char Checker::duration_unit(ExprId e) const {
  const ExprNode& n = m_.expr(e);
  if (const auto* lit = std::get_if<Literal>(&n.kind))
    return lit->kind != LitKind::duration ? '?' : lit->unit.starts_with("day") ? 'd' : 'm';
  if (const auto* u = std::get_if<Unary>(&n.kind)) return duration_unit(u->operand);
  if (const auto* b = std::get_if<Binary>(&n.kind)) {
    TypeRef l = out_.type_of(b->lhs), r = out_.type_of(b->rhs);
    if (l == TT::kDate && r == TT::kDate) return 'd';
    if (b->op == BinaryOp::mul) return duration_unit(l == TT::kDuration ? b->lhs : b->rhs);
    if (l == TT::kDuration && r == TT::kDuration) {
      char a = duration_unit(b->lhs), c = duration_unit(b->rhs);
      return a == c ? a : '?';
    }
  }
  return '?';
}

// `x in xs`, `x not in xs`: xs a list of x's type, x a scalar that is never
// `none`. A list literal takes its type from x (`recipient in [tekun, dibao]`);
// otherwise x takes its enum from the list (`dibao in person.identities`).
TypeRef Checker::membership(ExprId e, const Binary& b) {
  const TypeTable& t = out_.types;
  bool literal = std::holds_alternative<ListLit>(m_.expr(b.rhs).kind);
  TypeRef l, r;
  if (literal) {
    l = expr(b.lhs);
    r = l == TT::kError ? expr(b.rhs) : expr(b.rhs, out_.types.list_of(l));
  } else {
    r = expr(b.rhs);
    TypeRef item = t.kind(r) == TypeKind::list ? t[r].ref : TT::kError;
    l = expr(b.lhs, t.kind(item) == TypeKind::enumeration ? item : TT::kError);
  }
  if (l == TT::kError || r == TT::kError) return TT::kError;
  Span s = span(e);
  std::string_view op = op_text(b.op);
  if (t.kind(r) != TypeKind::list) {
    error(DiagKind::invalid_operands, span(b.rhs),
          fmt::format("the right side of `{}` must be a list, not a `{}`", op, type_name(r)))
        .help = "write the values as a list: `x in [a, b, c]`";
    return TT::kBool;
  }
  TypeKind lk = t.kind(l);
  if (lk == TypeKind::optional || l == TT::kNone) {
    error(DiagKind::optional_unhandled, span(b.lhs),
          fmt::format("`{}` is optional: say what `none` means before testing it with `{}`",
                      type_name(l), op))
        .help = "give it a value for `none` first: `or_else(x, …) in [...]`";
    return TT::kBool;
  }
  if (lk == TypeKind::record || lk == TypeKind::list || lk == TypeKind::duration) {
    error(DiagKind::invalid_operands, span(b.lhs),
          fmt::format("`{}` does not apply to a `{}`", op, type_name(l)))
        .help = "`in` tests a name, number, amount, rate, date, text or truth value";
    return TT::kBool;
  }
  if (t[r].ref != l) {
    error(DiagKind::incomparable, s,
          fmt::format("cannot look for a `{}` in a `{}`", type_name(l), type_name(r)));
    return TT::kBool;
  }
  return TT::kBool;
}

TypeRef Checker::binary(ExprId e, const Binary& b) {
  if (b.op == BinaryOp::in_ || b.op == BinaryOp::not_in) return membership(e, b);
  TypeRef l = expr(b.lhs);
  // `x == dibao`: the left side says which enum a bare variant belongs to.
  TypeRef r = expr(b.rhs, out_.types.kind(l) == TypeKind::enumeration ? l : TT::kError);
  if (l == TT::kError || r == TT::kError) return TT::kError;
  const TypeTable& t = out_.types;
  TypeKind lk = t.kind(l), rk = t.kind(r);
  Span s = span(e);
  auto invalid = [&](std::string help) {
    auto& d = error(DiagKind::invalid_operands, s,
                    fmt::format("cannot apply `{}` to `{}` and `{}`", op_text(b.op), type_name(l),
                                type_name(r)));
    d.help = std::move(help);
    return TT::kError;
  };
  switch (b.op) {
    case BinaryOp::in_:
    case BinaryOp::not_in:
      return membership(e, b);  // not reached: binary() sends these there first
    case BinaryOp::and_:
    case BinaryOp::or_:
      if (l != TT::kBool || r != TT::kBool) return invalid("`and` and `or` join conditions");
      return TT::kBool;
    case BinaryOp::eq:
    case BinaryOp::ne:
    case BinaryOp::lt:
    case BinaryOp::le:
    case BinaryOp::gt:
    case BinaryOp::ge: {
      bool ordered = b.op != BinaryOp::eq && b.op != BinaryOp::ne;
      bool same = l == r || (is_number(lk) && is_number(rk));
      bool with_none = !ordered && ((lk == TypeKind::optional && r == TT::kNone) ||
                                    (rk == TypeKind::optional && l == TT::kNone));
      if (!same && !with_none) {
        auto& d = error(DiagKind::incomparable, s,
                        fmt::format("cannot compare `{}` with `{}`", type_name(l), type_name(r)));
        if ((l == TT::kMoney && is_number(rk)) || (r == TT::kMoney && is_number(lk)))
          d.help = "write the amount with its unit, such as `0 yuan`";
        else if ((l == TT::kRate && is_number(rk)) || (r == TT::kRate && is_number(lk)))
          d.help = "write the rate as a percentage, such as `70%`";
        else if ((lk == TypeKind::optional && t[l].ref == r) ||
                 (rk == TypeKind::optional && t[r].ref == l))
          d.help = fmt::format(
              "the `{}` side may be `none`: say what `none` means with `or_else(x, …)`, or "
              "compare it with `none` first",
              type_name(lk == TypeKind::optional ? l : r));
        return TT::kBool;
      }
      if (lk == TypeKind::duration) {
        char du = duration_unit(b.lhs), dv = duration_unit(b.rhs);
        if (du != '?' && dv != '?' && du != dv) {
          error(DiagKind::incomparable, s, "cannot compare a duration in days with one in months")
              .help =
              "months have different lengths: compare whole months with "
              "`months_between(from, to)` or days with `days_between(from, to)`";
          return TT::kBool;
        }
      }
      bool orderable = t.is_numeric(l) || lk == TypeKind::date || lk == TypeKind::duration;
      if (ordered && !orderable && !with_none)
        return invalid("only numbers, money, rates, dates and durations are ordered");
      TypeKind inner = lk == TypeKind::optional ? t.kind(t[l].ref) : lk;
      if (!ordered && (inner == TypeKind::record || inner == TypeKind::list) && !with_none)
        return invalid("records and lists are compared field by field");
      return TT::kBool;
    }
    case BinaryOp::add:
    case BinaryOp::sub: {
      if (l == r && (t.is_numeric(l) || lk == TypeKind::duration)) return l;
      if (is_number(lk) && is_number(rk)) return TT::kDecimal;
      if ((l == TT::kRate && is_number(rk)) || (r == TT::kRate && is_number(lk))) return TT::kRate;
      if (l == TT::kDate && r == TT::kDuration) return TT::kDate;
      if (b.op == BinaryOp::add && l == TT::kDuration && r == TT::kDate) return TT::kDate;
      if (b.op == BinaryOp::sub && l == TT::kDate && r == TT::kDate) return TT::kDuration;
      if (l == TT::kMoney || r == TT::kMoney)
        return invalid(
            "money adds only to money: write the other amount with its unit, such as "
            "`100 yuan`");
      return invalid("both sides must have the same unit");
    }
    case BinaryOp::mul: {
      if (l == TT::kMoney && r == TT::kMoney)
        return invalid(
            "a product of two amounts has no meaning in money: multiply an amount by "
            "a rate or a number");
      if (l == TT::kMoney && is_ratio(rk)) return TT::kMoney;
      if (r == TT::kMoney && is_ratio(lk)) return TT::kMoney;
      if (l == TT::kInt && r == TT::kInt) return TT::kInt;
      if (is_number(lk) && is_number(rk)) return TT::kDecimal;
      if (is_ratio(lk) && is_ratio(rk)) return TT::kRate;
      if (l == TT::kDuration && r == TT::kInt) return TT::kDuration;
      if (l == TT::kInt && r == TT::kDuration) return TT::kDuration;
      return invalid("multiply numbers, rates, or an amount by a rate or a number");
    }
    case BinaryOp::div: {
      if (l == TT::kMoney && r == TT::kMoney) return TT::kDecimal;
      if (l == TT::kMoney && is_ratio(rk)) return TT::kMoney;
      if (is_number(lk) && is_number(rk)) return TT::kDecimal;
      if (l == TT::kRate && r == TT::kRate) return TT::kDecimal;
      if (l == TT::kRate && is_number(rk)) return TT::kRate;
      return invalid("divide an amount by a number, a rate or another amount");
    }
  }
  return TT::kError;
}

std::optional<std::pair<uint32_t, uint32_t>> Checker::variant(const Pattern& p,
                                                              uint32_t enum_index) {
  const EnumInfo& en = out_.enums[enum_index];
  if (p.qualifier && p.qualifier->text != en.name) {
    error(DiagKind::type_mismatch, p.span,
          fmt::format("`{}.{}` is not a variant of `{}`", p.qualifier->text, p.name.text, en.name));
    return std::nullopt;
  }
  if (int v = en.find(p.name.text); v >= 0) return std::pair{enum_index, static_cast<uint32_t>(v)};
  auto& d = error(DiagKind::unknown_variant, p.name.span,
                  fmt::format("enum `{}` has no variant `{}`", en.name, p.name.text));
  if (diags_.full()) return std::nullopt;  // dropped: no names to compare
  if (auto best = closest_name(p.name.text, en.variants); !best.empty())
    d.help = fmt::format("did you mean `{}`?", best);
  return std::nullopt;
}

size_t Checker::cover(const std::vector<Pattern>& pats, uint32_t enum_index,
                      std::vector<bool>& seen) {
  size_t fresh = 0;
  for (const Pattern& p : pats) {
    auto v = variant(p, enum_index);
    if (!v) continue;
    if (seen[v->second]) {
      error(DiagKind::duplicate_case, p.span, fmt::format("`{}` is covered twice", p.name.text))
          .help = "each variant belongs to exactly one arm or row";
    }
    fresh += !seen[v->second];
    seen[v->second] = true;
  }
  return fresh;
}

TypeRef Checker::match(ExprId e, const MatchExpr& m, TypeRef hint) {
  TypeRef st = expr(m.scrutinee);
  const TypeTable& t = out_.types;
  bool ok = t.kind(st) == TypeKind::enumeration;
  if (!ok && st != TT::kError) {
    error(DiagKind::type_mismatch, span(m.scrutinee),
          fmt::format("`match` needs an enum value, found `{}`", type_name(st)))
        .help = "use `if … then … else …` for conditions";
  }
  uint32_t en = ok ? t[st].ref : 0;
  std::vector<bool> seen(ok ? out_.enums[en].variants.size() : 0, false);
  TypeRef result = TT::kError;
  bool has_else = false, first = true;
  size_t covered = 0;  // variants marked in `seen`
  for (const MatchArm& arm : m.arms) {
    if (ok && !arm.is_else) {
      if (has_else) error(DiagKind::unreachable_arm, arm.span, "this arm comes after `else`");
      covered += cover(arm.patterns, en, seen);
    }
    if (arm.is_else) {
      if (ok && covered == seen.size())
        error(DiagKind::unreachable_arm, arm.span,
              "this `else` arm is never reached: every variant has an arm");
      has_else = true;
    }
    TypeRef bt = expr(arm.body, hint);
    result = first ? bt : unify(result, bt, arm.span, "the arms of this `match`");
    first = false;
  }
  if (ok && !has_else) {
    std::vector<std::string> missing;
    for (size_t v = 0; v < seen.size(); ++v)
      if (!seen[v]) missing.push_back("`" + out_.enums[en].variants[v] + "`");
    if (!missing.empty()) {
      auto& d = error(DiagKind::nonexhaustive_match, span(e),
                      fmt::format("this `match` does not cover {}", fmt::join(missing, ", ")));
      d.help = "add an arm for each, or an `else` arm";
    }
  }
  return first ? TT::kError : result;
}

TypeRef Checker::record_lit(ExprId e, const RecordLit& r, TypeRef hint) {
  const TypeTable& t = out_.types;
  TypeRef rt = hint;
  if (t.kind(rt) == TypeKind::optional) rt = t[rt].ref;
  if (t.kind(rt) != TypeKind::record) {
    for (const FieldInit& f : r.fields)
      expr(f.value);
    if (hint != TT::kError)
      error(DiagKind::type_mismatch, span(e),
            fmt::format("a record is written here, but `{}` is expected", type_name(hint)));
    else
      error(DiagKind::type_mismatch, span(e), "the record type of this literal is unknown").help =
          "write record literals where a record is expected, such as a `given` of a test";
    return TT::kError;
  }
  const RecordInfo& info = out_.records[t[rt].ref];
  std::vector<bool> given(info.fields.size(), false);
  for (const FieldInit& f : r.fields) {
    int i = info.find(f.name.text);
    if (i < 0) {
      auto& d = error(DiagKind::unknown_field, f.name.span,
                      fmt::format("unknown field `{}` on `{}`", f.name.text, info.name));
      if (diags_.full()) {
        expr(f.value);
        continue;
      }
      std::vector<std::string> names;
      for (const FieldInfo& fi : info.fields)
        names.push_back(fi.name);
      if (auto best = closest_name(f.name.text, names); !best.empty())
        d.help = fmt::format("did you mean `{}`?", best);
      expr(f.value);
      continue;
    }
    if (given[i])
      error(DiagKind::wrong_field_set, f.name.span,
            fmt::format("field `{}` is given twice", f.name.text));
    given[i] = true;
    expect(f.value, info.fields[i].type, fmt::format("field `{}`", f.name.text));
  }
  std::vector<std::string> missing;
  for (size_t i = 0; i < given.size(); ++i)
    if (!given[i] && t.kind(info.fields[i].type) != TypeKind::optional)
      missing.push_back("`" + info.fields[i].name + "`");
  if (!missing.empty()) {
    error(DiagKind::wrong_field_set, span(e),
          fmt::format("this `{}` lacks {}", info.name, fmt::join(missing, ", ")))
        .help = "give every field that is not optional";
  }
  return rt;
}

}  // namespace bao
