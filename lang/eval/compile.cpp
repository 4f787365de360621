// Checked policy → Program: picks the typed operation for every operator,
// inserts int→decimal conversions and the rounding of named money values,
// and folds constant subtrees.
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "lang/eval/evaluator.hpp"
#include "lang/eval/program.hpp"

namespace bao {

namespace {

using TT = TypeTable;

bool pure(Op op) {
  switch (op) {
    case Op::konst:
    case Op::local:
    case Op::input:
    case Op::param:
    case Op::rule:
    case Op::column:
    case Op::eligible:
    case Op::let:
    case Op::call_fn:
    case Op::call_policy:
    case Op::scan:
    case Op::schedule:
    case Op::match:
    case Op::count:
    case Op::sum:
    case Op::any:
    case Op::all:
    case Op::filter:
    case Op::map:
    case Op::record:
    case Op::list:
    case Op::field:
    case Op::minmax:
    case Op::if_:
    case Op::and_:
    case Op::or_:
      return false;
    default:
      return true;
  }
}

class Compiler {
 public:
  Compiler(const CheckedPolicy& c, Program& p, DiagSink& diags)
      : c_(c), m_(*c.module), p_(p), diags_(diags) {}

  void run() {
    p_.rounding = c_.rounding;
    p_.max_locals = c_.max_locals;
    for (const RuleInfo& r : c_.rules)
      p_.rule_body.push_back(body(r.value, r.type));
    for (uint32_t i = 0; i < c_.rules.size(); ++i)
      if (c_.rules[i].output && unit_of_rule(i) == 0) p_.outputs.push_back(i);
    for (const ParamInfo& pa : c_.params) {
      p_.param_body.push_back(pa.value ? body(*pa.value, pa.type) : kNoNode);
      std::vector<DatedBody> dated;
      for (const DatedInfo& d : pa.dated)
        dated.push_back({d.from, d.until, body(d.value, pa.type)});
      p_.param_dated.push_back(std::move(dated));
    }
    for (const TableInfo& t : c_.tables) {
      TableCode code{root(expr(t.key), t.key), {}, {}, t.row_of_variant, p_.cell_slots};
      p_.cell_slots += static_cast<uint32_t>(t.columns.size());
      for (const RowInfo& row : t.rows) {
        code.ineligible.push_back(row.ineligible);
        std::vector<uint32_t> cells;
        for (size_t k = 0; k < row.cells.size() && k < t.columns.size(); ++k)
          cells.push_back(body(row.cells[k], t.columns[k].type));
        code.cells.push_back(std::move(cells));
      }
      p_.tables.push_back(std::move(code));
    }
    for (const ScheduleInfo& s : c_.schedules) {
      std::vector<BandCode> bands;
      for (const BandInfo& b : s.bands)
        bands.push_back({b.lower, b.upper, body(b.rate, TT::kRate)});
      p_.schedules.push_back(std::move(bands));
    }
    for (const FnInfo& f : c_.fns) {
      p_.fn_body.push_back(body(f.body, f.result));
      p_.fn_arity.push_back(static_cast<uint32_t>(f.params.size()));
    }
    for (const TestInfo& t : c_.tests) {
      TestCode code;
      for (auto [input, value] : t.givens)
        code.givens.push_back({input, body(value, c_.inputs[input].type)});
      for (ExprId e : t.expects) {
        ExpectCode x;
        x.whole = root(expr(e), e);
        x.span = m_.expr(e).span;
        if (const auto* b = std::get_if<Binary>(&m_.expr(e).kind);
            b && b->op >= BinaryOp::eq && b->op <= BinaryOp::ge) {
          x.lhs = root(expr(b->lhs), b->lhs);
          x.rhs = root(expr(b->rhs), b->rhs);
          x.lhs_type = c_.type_of(b->lhs);
          x.rhs_type = c_.type_of(b->rhs);
        }
        code.expects.push_back(x);
      }
      p_.tests.push_back(std::move(code));
    }
    for (const UnitInfo& u : c_.units) {
      UnitCode code;
      if (u.as_of) code.as_of = root(expr(*u.as_of), *u.as_of);
      code.effective = u.effective;
      code.inputs_begin = u.inputs_begin;
      code.inputs_end = u.inputs_end;
      code.rules_begin = u.rules_begin;
      code.rules_end = u.rules_end;
      code.tables_begin = u.tables_begin;
      code.tables_end = u.tables_end;
      if (u.tables_begin < u.tables_end) {
        code.cells_begin = p_.tables[u.tables_begin].cell_base;
        code.cells_end = p_.tables[u.tables_end - 1].cell_base +
                         static_cast<uint32_t>(c_.tables[u.tables_end - 1].columns.size());
      }
      for (uint32_t r = u.rules_begin; r < u.rules_end; ++r)
        if (c_.rules[r].output) code.outputs.push_back(r);
      p_.units.push_back(std::move(code));
    }
    if (p_.units.empty()) p_.units.emplace_back();
    for (const BoundInfo& b : c_.bounds)
      p_.bounds.push_back(body(b.cond, TT::kBool));
    for (uint32_t i = 0; i < c_.requirements.size(); ++i) {
      p_.requirements.push_back(body(c_.requirements[i].cond, TT::kBool));
      if (c_.requirements[i].unit < p_.units.size())
        p_.units[c_.requirements[i].unit].requirements.push_back(i);
    }
    p_.as_of = p_.units[0].as_of;
    p_.height.resize(p_.nodes.size(), 0);
  }

 private:
  uint32_t unit_of_rule(uint32_t r) const { return c_.rule_unit.empty() ? 0 : c_.rule_unit[r]; }
  uint32_t emit(Node n) {
    p_.nodes.push_back(n);
    return static_cast<uint32_t>(p_.nodes.size() - 1);
  }
  uint32_t konst(Value v, Span s) {
    p_.consts.push_back(v);
    return emit({Op::konst, 0, static_cast<uint32_t>(p_.consts.size() - 1), 0, 0, s});
  }
  uint32_t list(const std::vector<uint32_t>& items) {
    auto start = static_cast<uint32_t>(p_.lists.size());
    p_.lists.insert(p_.lists.end(), items.begin(), items.end());
    return start;
  }
  bool is_const(uint32_t n) const { return p_.nodes[n].op == Op::konst; }

  // Evaluates a node whose operands are all constants, once, here.
  uint32_t fold(uint32_t n) {
    Node& node = p_.nodes[n];
    if (!pure(node.op)) return n;
    bool all_const = is_const(node.a) && (node.b == kNoNode || is_const(node.b));
    switch (node.op) {
      case Op::neg_int:
      case Op::neg_dec:
      case Op::neg_dur:
      case Op::not_:
      case Op::int_to_dec:
      case Op::round_fen:
      case Op::abs_int:
      case Op::abs_dec:
      case Op::year:
      case Op::month:
      case Op::day:
        all_const = is_const(node.a);
        break;
      case Op::or_else:
      case Op::field:
        return n;
      default:
        break;
    }
    if (!all_const) return n;
    try {
      Value v = fold_constant(p_, n);
      p_.consts.push_back(v);
      p_.nodes[n] = {Op::konst, 0, static_cast<uint32_t>(p_.consts.size() - 1), 0, 0, node.span};
    } catch (const EvalError& e) {
      diags_.add(e.kind, loc(e.span), e.message).help =
          "this part of the policy is made of constants only, so it always fails";
    }
    return n;
  }

  uint32_t coerce(uint32_t n, TypeRef from, TypeRef to) {
    if (from == TT::kInt && (to == TT::kDecimal || to == TT::kRate || to == TT::kMoney)) {
      return fold(emit({Op::int_to_dec, 0, n, kNoNode, 0, p_.nodes[n].span}));
    }
    if (c_.types.kind(to) == TypeKind::optional && c_.types[to].ref == TT::kDecimal &&
        from == TT::kInt) {
      return fold(emit({Op::int_to_dec, 0, n, kNoNode, 0, p_.nodes[n].span}));
    }
    return n;
  }

  uint32_t typed(ExprId e, TypeRef to) { return coerce(expr(e), c_.type_of(e), to); }

  // A named value: converted to its declared type and, for money, rounded to the fen.
  uint32_t body(ExprId e, TypeRef type) {
    uint32_t n = typed(e, type);
    if (type == TT::kMoney) {
      n = fold(
          emit({Op::round_fen, static_cast<uint8_t>(c_.rounding), n, kNoNode, 0, m_.expr(e).span}));
    }
    return root(n, e);
  }

  // Marks n as a body's root: each AST level compiles to at most two
  // operations (a conversion or a rounding may wrap it), plus the wrappers.
  uint32_t root(uint32_t n, ExprId e) {
    if (p_.height.size() <= n) p_.height.resize(n + 1, 0);
    p_.height[n] = 2 * m_.expr_height[e.v] + 3;
    return n;
  }

  // The operand kind; optionals compare as what they hold (the op marks them).
  CmpKind cmp_kind(TypeRef l, TypeRef r) const {
    if (c_.types.kind(l) == TypeKind::optional) l = c_.types[l].ref;
    if (c_.types.kind(r) == TypeKind::optional) r = c_.types[r].ref;
    if (l == TT::kNone) l = r;
    if (r == TT::kNone) r = l;
    TypeKind lk = c_.types.kind(l);
    if (l == TT::kInt && r == TT::kInt) return CmpKind::integer;
    if (c_.types.is_numeric(l)) return CmpKind::decimal;
    if (lk == TypeKind::date) return CmpKind::date;
    if (lk == TypeKind::duration) return CmpKind::duration;
    if (lk == TypeKind::text) return CmpKind::text;
    return CmpKind::bits;
  }

  uint32_t binary(ExprId e, const Binary& b) {
    TypeRef lt = c_.type_of(b.lhs), rt = c_.type_of(b.rhs), t = c_.type_of(e);
    Span s = m_.expr(e).span;
    auto two = [&](Op op, uint32_t l, uint32_t r) { return fold(emit({op, 0, l, r, 0, s})); };
    auto dec = [&](Op op) {
      return two(op, typed(b.lhs, TT::kDecimal), typed(b.rhs, TT::kDecimal));
    };
    switch (b.op) {
      case BinaryOp::and_:
        return emit({Op::and_, 0, expr(b.lhs), expr(b.rhs), 0, s});
      case BinaryOp::or_:
        return emit({Op::or_, 0, expr(b.lhs), expr(b.rhs), 0, s});
      case BinaryOp::add:
      case BinaryOp::sub: {
        bool add = b.op == BinaryOp::add;
        if (t == TT::kInt) return two(add ? Op::add_int : Op::sub_int, expr(b.lhs), expr(b.rhs));
        if (t == TT::kDate) {
          if (rt == TT::kDate) return two(Op::add_date_dur, expr(b.rhs), expr(b.lhs));
          return two(add ? Op::add_date_dur : Op::sub_date_dur, expr(b.lhs), expr(b.rhs));
        }
        if (lt == TT::kDate) return two(Op::sub_date_date, expr(b.lhs), expr(b.rhs));
        if (t == TT::kDuration)
          return two(add ? Op::add_dur : Op::sub_dur, expr(b.lhs), expr(b.rhs));
        return dec(add ? Op::add_dec : Op::sub_dec);
      }
      case BinaryOp::mul:
        if (t == TT::kInt) return two(Op::mul_int, expr(b.lhs), expr(b.rhs));
        if (t == TT::kDuration) {
          if (lt == TT::kInt) return two(Op::mul_dur_int, expr(b.rhs), expr(b.lhs));
          return two(Op::mul_dur_int, expr(b.lhs), expr(b.rhs));
        }
        return dec(Op::mul_dec);
      case BinaryOp::div:
        return dec(Op::div_dec);
      default:
        break;
    }
    if (b.op == BinaryOp::in_ || b.op == BinaryOp::not_in)
      return fold(emit({Op::in_list, static_cast<uint8_t>(b.op == BinaryOp::not_in), expr(b.lhs),
                        expr(b.rhs), static_cast<uint32_t>(cmp_kind(lt, lt)), s}));
    CmpKind k = cmp_kind(lt, rt);
    bool optional = c_.types.kind(lt) == TypeKind::optional ||
                    c_.types.kind(rt) == TypeKind::optional || lt == TT::kNone || rt == TT::kNone;
    uint32_t l = k == CmpKind::decimal && !optional ? typed(b.lhs, TT::kDecimal) : expr(b.lhs);
    uint32_t r = k == CmpKind::decimal && !optional ? typed(b.rhs, TT::kDecimal) : expr(b.rhs);
    auto mode = static_cast<uint8_t>(static_cast<uint8_t>(b.op) | (optional ? kOptionalBit : 0));
    return fold(emit({Op::cmp, mode, l, r, static_cast<uint32_t>(k), s}));
  }

  Value literal(const Literal& lit, TypeRef t) {
    switch (lit.kind) {
      case LitKind::integer:
        // The checker refused a literal that does not fit (E0205).
        return Value::of_int(*Decimal::parse(lit.text)->to_int64());
      case LitKind::decimal:
      case LitKind::money:
        return Value::of_dec(*Decimal::parse(lit.text));
      case LitKind::rate: {
        Decimal pct = *Decimal::parse(lit.text);
        return Value::of_dec(Decimal::from_raw(pct.raw() / 100));
      }
      case LitKind::date:
        return Value::of_date(*Date::parse(lit.text));
      case LitKind::duration: {
        int32_t n = std::stoi(lit.text);
        if (lit.unit.starts_with("day")) return Value::of_duration({0, n});
        if (lit.unit.starts_with("month")) return Value::of_duration({n, 0});
        return Value::of_duration({n * 12, 0});
      }
      case LitKind::text: {
        p_.texts.push_back(lit.text);
        Value v;
        v.text = &p_.texts.back();
        return v;
      }
      case LitKind::boolean:
        return Value::of_bool(lit.text == "true");
      case LitKind::none:
        return Value::of_none();
    }
    (void)t;
    return {};
  }

  uint32_t call(ExprId e, const Call& call) {
    const Resolution& res = c_.res(e);
    Span s = m_.expr(e).span;
    TypeRef t = c_.type_of(e);
    auto arg = [&](size_t i) { return call.args[i].value; };
    if (res.kind == SymKind::policy) {
      const UnitInfo& u = c_.units[res.index];
      std::vector<uint32_t> args;
      std::unordered_map<std::string_view, size_t> by_label;  // each input given once (checked)
      for (size_t i = 0; i < call.args.size(); ++i)
        if (call.args[i].label) by_label[call.args[i].label->text] = i;
      for (uint32_t in = u.inputs_begin; in < u.inputs_end; ++in) {
        uint32_t node = kNoNode;
        if (auto a = by_label.find(c_.inputs[in].name); a != by_label.end())
          node = body(call.args[a->second].value, c_.inputs[in].type);
        args.push_back(node == kNoNode ? konst(Value::of_none(), s) : node);
      }
      return emit(
          {Op::call_policy, 0, res.index, list(args), static_cast<uint32_t>(args.size()), s});
    }
    if (res.kind == SymKind::fn) {
      std::vector<uint32_t> args;
      for (size_t i = 0; i < call.args.size(); ++i)
        args.push_back(typed(arg(i), c_.fns[res.index].params[i]));
      return emit({Op::call_fn, 0, res.index, list(args), static_cast<uint32_t>(args.size()), s});
    }
    if (res.kind == SymKind::schedule) {
      uint32_t from = call.args.size() > 1 ? expr(arg(1)) : kNoNode;
      return emit({Op::schedule, 0, res.index, expr(arg(0)), from, s});
    }
    auto lambda_body = [&](ExprId lam) {
      const auto& l = std::get<Lambda>(m_.expr(lam).kind);
      return std::pair{expr(l.body), c_.res(lam).index};
    };
    auto list_op = [&](Op op, uint8_t mode) {
      uint32_t xs = expr(arg(0));
      if (call.args.size() < 2) return emit({op, mode, xs, kNoNode, 0, s});
      auto [body, slot] = lambda_body(arg(1));
      if (op == Op::map && c_.types[t].ref == TT::kMoney)
        body = fold(emit({Op::round_fen, static_cast<uint8_t>(c_.rounding), body, kNoNode, 0, s}));
      if (op == Op::sum && mode == 0)
        body = coerce(body, c_.type_of(std::get<Lambda>(m_.expr(arg(1)).kind).body), TT::kDecimal);
      return emit({op, mode, xs, body, slot, s});
    };
    switch (static_cast<BuiltinId>(res.index)) {
      case BuiltinId::min:
      case BuiltinId::max: {
        std::vector<uint32_t> args;
        for (size_t i = 0; i < call.args.size(); ++i)
          args.push_back(typed(arg(i), t));
        uint8_t mode = static_cast<BuiltinId>(res.index) == BuiltinId::max ? 1 : 0;
        return emit({Op::minmax, mode, list(args), static_cast<uint32_t>(args.size()),
                     static_cast<uint32_t>(cmp_kind(t, t)), s});
      }
      case BuiltinId::abs:
        return fold(
            emit({t == TT::kInt ? Op::abs_int : Op::abs_dec, 0, expr(arg(0)), kNoNode, 0, s}));
      case BuiltinId::round: {
        uint8_t mode =
            res.sub ? static_cast<uint8_t>(res.sub - 1) : static_cast<uint8_t>(c_.rounding);
        return fold(emit({Op::round_fen, mode, typed(arg(0), TT::kMoney), kNoNode, 0, s}));
      }
      case BuiltinId::or_else:
        return emit({Op::or_else, 0, expr(arg(0)), typed(arg(1), t), 0, s});
      case BuiltinId::days_between:
        return fold(emit({Op::days_between, 0, expr(arg(0)), expr(arg(1)), 0, s}));
      case BuiltinId::months_between:
        return fold(emit({Op::months_between, 0, expr(arg(0)), expr(arg(1)), 0, s}));
      case BuiltinId::year:
        return fold(emit({Op::year, 0, expr(arg(0)), kNoNode, 0, s}));
      case BuiltinId::month:
        return fold(emit({Op::month, 0, expr(arg(0)), kNoNode, 0, s}));
      case BuiltinId::day:
        return fold(emit({Op::day, 0, expr(arg(0)), kNoNode, 0, s}));
      case BuiltinId::count:
        return list_op(Op::count, 0);
      case BuiltinId::sum:
        return list_op(Op::sum, t == TT::kInt ? 1 : 0);
      case BuiltinId::any:
        return list_op(Op::any, 0);
      case BuiltinId::all:
        return list_op(Op::all, 0);
      case BuiltinId::filter:
        return list_op(Op::filter, 0);
      case BuiltinId::map:
        return list_op(Op::map, 0);
    }
    return kNoNode;
  }

  uint32_t expr(ExprId e) {
    const ExprNode& n = m_.expr(e);
    const Resolution& res = c_.res(e);
    TypeRef t = c_.type_of(e);
    Span s = n.span;
    return std::visit(
        [&](const auto& k) -> uint32_t {
          using K = std::decay_t<decltype(k)>;
          if constexpr (std::is_same_v<K, Literal>) {
            return konst(literal(k, t), s);
          } else if constexpr (std::is_same_v<K, NameRef>) {
            switch (res.kind) {
              case SymKind::local:
                return emit({Op::local, 0, res.index, 0, 0, s});
              case SymKind::input:
                return emit({Op::input, 0, res.index, 0, 0, s});
              case SymKind::param:
                return emit({Op::param, 0, res.index, 0, 0, s});
              case SymKind::rule:
                return emit({Op::rule, 0, res.index, 0, 0, s});
              case SymKind::variant:
                return konst(Value::of_variant(res.sub), s);
              default:
                return konst(Value{}, s);
            }
          } else if constexpr (std::is_same_v<K, FieldAccess>) {
            switch (res.kind) {
              case SymKind::column:
                return emit({Op::column, 0, res.index, res.sub, 0, s});
              case SymKind::eligible:
                return emit({Op::eligible, 0, res.index, 0, 0, s});
              case SymKind::variant:
                return konst(Value::of_variant(res.sub), s);
              default:
                return emit({Op::field, 0, expr(k.base), res.index, 0, s});
            }
          } else if constexpr (std::is_same_v<K, Call>) {
            return call(e, k);
          } else if constexpr (std::is_same_v<K, Unary>) {
            uint32_t o = expr(k.operand);
            Op op = k.op == UnaryOp::not_ ? Op::not_
                    : t == TT::kInt       ? Op::neg_int
                    : t == TT::kDuration  ? Op::neg_dur
                                          : Op::neg_dec;
            return fold(emit({op, 0, o, kNoNode, 0, s}));
          } else if constexpr (std::is_same_v<K, Binary>) {
            return binary(e, k);
          } else if constexpr (std::is_same_v<K, IfExpr>) {
            uint32_t c = expr(k.cond);
            uint32_t a = typed(k.then_branch, t), b = typed(k.else_branch, t);
            if (is_const(c)) return p_.consts[p_.nodes[c].a].b ? a : b;
            return emit({Op::if_, 0, c, a, b, s});
          } else if constexpr (std::is_same_v<K, MatchExpr>) {
            uint32_t scrut = expr(k.scrutinee);
            uint32_t en = c_.types[c_.type_of(k.scrutinee)].ref;
            std::vector<uint32_t> arms(c_.enums[en].variants.size(), kNoNode);
            bool filled = false;  // after an `else`, every variant has its arm
            for (const MatchArm& arm : k.arms) {
              uint32_t body = typed(arm.body, t);
              if (arm.is_else) {
                if (!filled)
                  for (uint32_t& a : arms)
                    if (a == kNoNode) a = body;
                filled = true;
                continue;
              }
              for (const Pattern& pat : arm.patterns) {
                int v = c_.enums[en].find(pat.name.text);
                if (v >= 0 && arms[v] == kNoNode) arms[v] = body;
              }
            }
            return emit({Op::match, 0, scrut, list(arms), static_cast<uint32_t>(arms.size()), s});
          } else if constexpr (std::is_same_v<K, LetExpr>) {
            uint32_t v = expr(k.value);
            return emit({Op::let, 0, res.index, v, expr(k.body), s});
          } else if constexpr (std::is_same_v<K, Lambda>) {
            return konst(Value{}, s);  // compiled by the builtin that takes it
          } else if constexpr (std::is_same_v<K, Scan>) {
            uint32_t xs = expr(k.list), init = typed(k.init, c_.types[t].ref);
            uint32_t next = typed(k.body, c_.types[t].ref);
            uint32_t by = res.kind == SymKind::field ? res.index : kNoNode;
            // How the `by` field compares: 0 as a decimal, 1 as an int, 2 as a date.
            uint8_t mode = 0;
            if (by != kNoNode) {
              TypeRef item = c_.types[c_.type_of(k.list)].ref;
              TypeRef f = c_.records[c_.types[item].ref].fields[by].type;
              mode = f == TT::kInt ? 1 : f == TT::kDate ? 2 : 0;
            }
            return emit({Op::scan, mode, list({xs, init, next, by, res.sub}), 0, 0, s});
          } else if constexpr (std::is_same_v<K, RecordLit>) {
            const RecordInfo& r = c_.records[c_.types[t].ref];
            std::vector<uint32_t> fields(r.fields.size(), kNoNode);
            for (const FieldInit& f : k.fields) {
              int i = r.find(f.name.text);
              fields[i] = body(f.value, r.fields[i].type);
            }
            for (uint32_t& f : fields)
              if (f == kNoNode) f = konst(Value::of_none(), s);
            return emit({Op::record, 0, list(fields), static_cast<uint32_t>(fields.size()), 0, s});
          } else {
            TypeRef el = c_.types[t].ref;
            std::vector<uint32_t> items;
            // Items are stored values: money items are whole fen, like record fields.
            for (ExprId item : k.items)
              items.push_back(body(item, el));
            return emit({Op::list, 0, list(items), static_cast<uint32_t>(items.size()), 0, s});
          }
        },
        n.kind);
  }

  const CheckedPolicy& c_;
  const Module& m_;
  Program& p_;
  DiagSink& diags_;
};

}  // namespace

std::unique_ptr<Program> compile(std::shared_ptr<const CheckedPolicy> checked, DiagSink& diags) {
  auto p = std::make_unique<Program>();
  p->checked = checked;
  Compiler(*checked, *p, diags).run();
  lower(*p);
  if (!diags.has_errors()) check_bounds(*p, diags);
  return p;
}

}  // namespace bao
