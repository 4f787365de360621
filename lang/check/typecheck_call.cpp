// Calls: user functions, schedules and the builtins of stdlib/builtins.def.
#include <fmt/format.h>

#include "lang/check/checker.hpp"

namespace bao {

namespace {
using TT = TypeTable;

struct BuiltinSig {
  std::string_view name;
  size_t min_args, max_args;
  std::string_view signature;
};
constexpr BuiltinSig kBuiltins[] = {
#define BUILTIN(id, name, min_args, max_args, signature) {name, min_args, max_args, signature},
#include "stdlib/builtins.def"
#undef BUILTIN
};
}  // namespace

TypeRef Checker::call(ExprId e, const Call& c, TypeRef hint) {
  const std::string& name = c.callee.text;
  Resolution& res = out_.expr_res[e.v];
  auto arity = [&](size_t lo, size_t hi, std::string_view sig) {
    if (c.args.size() >= lo && c.args.size() <= hi) return true;
    error(DiagKind::wrong_arity, span(e),
          fmt::format("`{}` takes {} argument{}, found {}", name,
                      lo == hi ? std::to_string(lo) : fmt::format("{} to {}", lo, hi),
                      hi == 1 ? "" : "s", c.args.size()))
        .help = std::string(sig);
    for (const CallArg& a : c.args)
      expr(a.value);
    return false;
  };
  if (const Symbol* sym = lookup(name)) {
    const Symbol& s = *sym;
    if (s.kind == SymKind::policy) return policy_call(e, c, s.index);
    if (s.kind == SymKind::fn) {
      const FnInfo& f = out_.fns[s.index];
      const auto& decl = std::get<FnDecl>(m_.decl(f.decl).kind);
      res = {SymKind::fn, s.index, 0};
      depend(s.decl, c.callee.span);
      if (!arity(f.params.size(), f.params.size(),
                 fmt::format("see the declaration of `{}`", name)))
        return f.result;
      for (size_t i = 0; i < c.args.size(); ++i) {
        const std::string& pname = decl.params[i].name.text;
        if (c.args[i].label && c.args[i].label->text != pname)
          error(DiagKind::type_mismatch, c.args[i].label->span,
                fmt::format("argument {} of `{}` is `{}`, not `{}`", i + 1, name, pname,
                            c.args[i].label->text));
        expect(c.args[i].value, f.params[i], fmt::format("argument `{}`", pname));
      }
      return f.result;
    }
    if (s.kind == SymKind::schedule) {
      res = {SymKind::schedule, s.index, 0};
      depend(s.decl, c.callee.span);
      std::string_view sig = "a schedule is applied as `bands(amount)` or `bands(amount, from: t)`";
      if (!arity(1, 2, sig)) return TT::kMoney;
      expect(c.args[0].value, TT::kMoney, "the amount a schedule applies to");
      if (c.args.size() == 2) {
        if (c.args[1].label && c.args[1].label->text != "from")
          error(DiagKind::type_mismatch, c.args[1].label->span, "the second argument is `from:`");
        expect(c.args[1].value, TT::kMoney, "the `from:` threshold");
      }
      return TT::kMoney;
    }
  }
  for (size_t i = 0; i < std::size(kBuiltins); ++i) {
    if (kBuiltins[i].name != name) continue;
    res = {SymKind::builtin, static_cast<uint32_t>(i), 0};
    if (!arity(kBuiltins[i].min_args, kBuiltins[i].max_args, kBuiltins[i].signature))
      return TT::kError;
    return builtin(e, c, static_cast<BuiltinId>(i), hint);
  }
  auto& d =
      error(DiagKind::unknown_function, c.callee.span, fmt::format("unknown function `{}`", name));
  std::vector<std::string> names;
  if (!diags_.full()) {  // else the diagnostic is dropped: no names to compare
    for (const BuiltinSig& b : kBuiltins)
      names.emplace_back(b.name);
    for (const auto& [n, s] : scopes_[unit_])
      if (s.kind == SymKind::fn || s.kind == SymKind::schedule || s.kind == SymKind::policy)
        names.push_back(n);
  }
  if (auto best = closest_name(name, names); !best.empty())
    d.help = fmt::format("did you mean `{}`?", best);
  for (const CallArg& a : c.args)
    expr(a.value);
  (void)hint;
  return TT::kError;
}

TypeRef Checker::lambda(ExprId e, TypeRef param, TypeRef want_result, TypeRef hint) {
  const auto* l = std::get_if<Lambda>(&m_.expr(e).kind);
  if (!l || l->params.size() != 1) {
    error(DiagKind::type_mismatch, span(e),
          "expected a function of one item, such as `c => c.amount`");
    if (!l) expr(e);
    return TT::kError;
  }
  size_t mark = locals_.size();
  out_.expr_res[e.v] = {SymKind::local, push_local(l->params[0].text, param), 0};
  TypeRef r =
      want_result == TT::kError ? expr(l->body, hint) : expect(l->body, want_result, "the result");
  out_.expr_types[e.v] = r;
  pop_locals(mark);
  return r;
}

TypeRef Checker::builtin(ExprId e, const Call& c, BuiltinId id, TypeRef hint) {
  const TypeTable& t = out_.types;
  auto arg = [&](size_t i) { return c.args[i].value; };
  auto list_elem = [&]() -> TypeRef {
    TypeRef lt = expr(arg(0));
    if (t.kind(lt) == TypeKind::list) return t[lt].ref;
    if (lt != TT::kError)
      error(DiagKind::type_mismatch, span(arg(0)),
            fmt::format("`{}` needs a list, found `{}`", c.callee.text, type_name(lt)));
    return TT::kError;
  };
  switch (id) {
    case BuiltinId::min:
    case BuiltinId::max: {
      TypeRef r = expr(arg(0));
      for (size_t i = 1; i < c.args.size(); ++i)
        r = unify(r, expr(arg(i)), span(arg(i)),
                  fmt::format("the arguments of `{}`", c.callee.text));
      TypeKind k = t.kind(r);
      if (r != TT::kError && !t.is_numeric(r) && k != TypeKind::date && k != TypeKind::duration) {
        error(DiagKind::type_mismatch, span(e),
              fmt::format("`{}` compares numbers, money, rates, dates or durations, not `{}`",
                          c.callee.text, type_name(r)));
        return TT::kError;
      }
      return r;
    }
    case BuiltinId::abs: {
      TypeRef r = expr(arg(0));
      if (r != TT::kError && !t.is_numeric(r)) {
        error(DiagKind::type_mismatch, span(arg(0)),
              fmt::format("`abs` needs a number, found `{}`", type_name(r)));
        return TT::kError;
      }
      return r;
    }
    case BuiltinId::round: {
      expect(arg(0), TT::kMoney, "the amount to round");
      if (c.args.size() == 2) {
        const auto* n = std::get_if<NameRef>(&m_.expr(arg(1)).kind);
        auto mode = n ? parse_rounding(n->name.text) : std::nullopt;
        if (!mode) {
          error(DiagKind::invalid_rounding, span(arg(1)), "expected a rounding mode").help =
              "use half_up (四舍五入), half_even, down or up";
        } else {
          out_.expr_res[e.v].sub = static_cast<uint32_t>(*mode) + 1;
        }
      }
      return TT::kMoney;
    }
    case BuiltinId::or_else: {
      TypeRef a = expr(arg(0));
      if (t.kind(a) != TypeKind::optional) {
        if (a != TT::kError)
          error(DiagKind::type_mismatch, span(arg(0)),
                fmt::format("`or_else` needs an optional value, found `{}`", type_name(a)));
        expr(arg(1));
        return a;
      }
      return expect(arg(1), t[a].ref, "the fallback");
    }
    case BuiltinId::days_between:
    case BuiltinId::months_between:
      expect(arg(0), TT::kDate, "the start date");
      expect(arg(1), TT::kDate, "the end date");
      return TT::kInt;
    case BuiltinId::year:
    case BuiltinId::month:
    case BuiltinId::day:
      expect(arg(0), TT::kDate, "the date");
      return TT::kInt;
    case BuiltinId::count: {
      TypeRef el = list_elem();
      if (c.args.size() == 2) lambda(arg(1), el, TT::kBool);
      return TT::kInt;
    }
    case BuiltinId::sum: {
      TypeRef el = list_elem();
      TypeRef r = lambda(arg(1), el, TT::kError);
      if (r != TT::kError && !t.is_numeric(r)) {
        error(DiagKind::type_mismatch, span(arg(1)),
              fmt::format("`sum` adds numbers or money, not `{}`", type_name(r)));
        return TT::kError;
      }
      return r;
    }
    case BuiltinId::any:
    case BuiltinId::all:
      lambda(arg(1), list_elem(), TT::kBool);
      return TT::kBool;
    case BuiltinId::filter: {
      TypeRef el = list_elem();
      lambda(arg(1), el, TT::kBool);
      return out_.types.list_of(el);
    }
    case BuiltinId::map: {
      // `rule r: list of R = map(xs, x => { … })`: the items' type is expected.
      TypeRef item = t.kind(hint) == TypeKind::list ? t[hint].ref : TT::kError;
      TypeRef r = lambda(arg(1), list_elem(), TT::kError, item);
      return r == TT::kError ? TT::kError : out_.types.list_of(r);
    }
  }
  return TT::kError;
}

// The input of a called unit by name (the last one, if it is declared
// twice), or UINT32_MAX; each unit's inputs are indexed on first use.
uint32_t Checker::input_of(uint32_t unit, const std::string& name) {
  auto [it, fresh] = unit_inputs_.try_emplace(unit);
  if (fresh) {
    const UnitInfo& u = out_.units[unit];
    for (uint32_t i = u.inputs_begin; i < u.inputs_end; ++i)
      it->second[out_.inputs[i].name] = i;
  }
  auto in = it->second.find(name);
  return in == it->second.end() ? UINT32_MAX : in->second;
}

// `basic(claim: c, ytd: y)`: evaluates the policy `basic` with these inputs;
// the value is the record of its outputs.
TypeRef Checker::policy_call(ExprId e, const Call& c, uint32_t unit) {
  const UnitInfo& u = out_.units[unit];
  out_.expr_res[e.v] = {SymKind::policy, unit, 0};
  std::vector<bool> given(u.inputs_end - u.inputs_begin, false);
  for (const CallArg& a : c.args) {
    if (!a.label) {
      error(DiagKind::type_mismatch, span(a.value),
            fmt::format("name the input this value is for: `{}(input: value, …)`", c.callee.text));
      expr(a.value);
      continue;
    }
    uint32_t found = input_of(unit, a.label->text);
    if (found == UINT32_MAX) {
      auto& d = error(DiagKind::unknown_field, a.label->span,
                      fmt::format("policy `{}` has no input `{}`", u.name, a.label->text));
      std::vector<std::string> names;
      if (!diags_.full())  // else the diagnostic is dropped: no names to compare
        for (uint32_t i = u.inputs_begin; i < u.inputs_end; ++i)
          names.push_back(out_.inputs[i].name);
      if (auto best = closest_name(a.label->text, names); !best.empty())
        d.help = fmt::format("did you mean `{}`?", best);
      expr(a.value);
      continue;
    }
    if (given[found - u.inputs_begin]) {
      error(DiagKind::wrong_arity, a.label->span,
            fmt::format("input `{}` is given twice", a.label->text));
    }
    given[found - u.inputs_begin] = true;
    expect(a.value, out_.inputs[found].type, fmt::format("input `{}`", a.label->text));
  }
  for (uint32_t i = u.inputs_begin; i < u.inputs_end; ++i) {
    if (given[i - u.inputs_begin] || out_.types.kind(out_.inputs[i].type) == TypeKind::optional)
      continue;
    error(DiagKind::wrong_arity, c.callee.span,
          fmt::format("policy `{}` needs input `{}` ({})", u.name, out_.inputs[i].name,
                      type_name(out_.inputs[i].type)))
        .help = fmt::format("add `{}: …` to the call", out_.inputs[i].name);
  }
  return u.record == UINT32_MAX ? TT::kError : out_.types.record_type(u.record);
}

}  // namespace bao
