// Node trees → register bytecode, one straight run of instructions per body.
// Operands are evaluated left to right, as the tree walker does, so the first
// fault is the same; an operation without an instruction of its own becomes
// VOp::tree, run by the tree walker in the same frame.
//
// Superinstructions: a field of an input record in one load; a decimal
// operation or comparison with a constant right side reads the constant in
// place; rounding a value that is whole fen already (sums, differences,
// min/max of named money) is only a range check, folded into the operation
// that made it when both report at the same place.
#include <algorithm>
#include <unordered_map>

#include "lang/eval/program.hpp"

namespace bao {

namespace {

class Lowerer {
 public:
  explicit Lowerer(Program& p) : p_(p), k_(p.code) {}

  void run() {
    k_.entry.assign(p_.nodes.size(), kNoCode);
    for (uint32_t body : p_.param_body)
      k_.param_konst.push_back(body != kNoNode && is_const(body) ? at(body).a : kNoCode);
    for (uint32_t n = 0; n < p_.height.size(); ++n) {
      if (p_.height[n] == 0) continue;
      next_ = p_.max_locals;
      k_.entry[n] = pc();
      uint32_t r = val(n);
      emit(VOp::ret, 0, 0, r, 0, 0, n);
    }
    k_.first_output = p_.max_locals;
    k_.outputs_entry = outputs_block(p_.outputs);
    for (const UnitCode& u : p_.units)
      k_.unit_entry.push_back(outputs_block(u.outputs));
  }

  // Reads each rule into a temporary, in order, as Evaluator::run reads the
  // outputs and a call reads the callee's.
  uint32_t outputs_block(const std::vector<uint32_t>& rules) {
    next_ = p_.max_locals;
    uint32_t start = pc();
    for (uint32_t r : rules)
      emit(VOp::rule, 0, temp(), r, 0, 0, p_.rule_body[r]);
    emit(VOp::ret, 0, 0, p_.max_locals, 0, 0, kNoNode);
    return start;
  }

 private:
  uint32_t pc() const { return static_cast<uint32_t>(k_.ins.size()); }
  uint32_t temp() {
    uint32_t r = next_++;
    k_.temps = std::max(k_.temps, next_ - p_.max_locals);
    return r;
  }
  uint32_t emit(VOp op, uint8_t mode, uint32_t d, uint32_t a, uint32_t b, uint32_t c,
                uint32_t node) {
    k_.ins.push_back({op, mode, static_cast<uint16_t>(d), a, b, c});
    k_.node.push_back(node);
    return pc() - 1;
  }
  const Node& at(uint32_t n) const { return p_.nodes[n]; }
  bool is_const(uint32_t n) const { return at(n).op == Op::konst; }
  bool same_span(uint32_t x, uint32_t y) const { return at(x).span == at(y).span; }

  // Whether the node's value is known to be a whole number of fen: a money
  // value that was rounded where it was made (named values, inputs), or
  // sums, differences, negations, min and max of such values.
  bool whole(uint32_t n) const {
    const Node& x = at(n);
    auto body_whole = [&](uint32_t b) { return b != kNoNode && whole(b); };
    switch (x.op) {
      case Op::round_fen:
        return true;
      case Op::konst: {
        const Value& v = p_.consts[x.a];
        return !v.none && v.d % 10'000'000'000 == 0;
      }
      case Op::rule:
        return at(p_.rule_body[x.a]).op == Op::round_fen;
      case Op::param: {
        if (p_.param_body[x.a] != kNoNode) return body_whole(p_.param_body[x.a]);
        const auto& dated = p_.param_dated[x.a];
        return !dated.empty() && std::all_of(dated.begin(), dated.end(), [&](const DatedBody& d) {
          return body_whole(d.body);
        });
      }
      case Op::column: {
        const TableCode& t = p_.tables[x.a];
        for (size_t r = 0; r < t.cells.size(); ++r)
          if (!t.ineligible[r] && (x.b >= t.cells[r].size() || !body_whole(t.cells[r][x.b])))
            return false;
        return true;
      }
      case Op::field:
        return at(x.a).op == Op::input && input_field_is_money(at(x.a).a, x.b);
      case Op::add_dec:
      case Op::sub_dec:
        return whole(x.a) && whole(x.b);
      case Op::neg_dec:
      case Op::abs_dec:
        return whole(x.a);
      case Op::minmax:
        if (x.cmp_kind() != CmpKind::decimal) return false;
        for (uint32_t i = 0; i < x.b; ++i)
          if (!whole(p_.lists[x.a + i])) return false;
        return true;
      case Op::if_:
        return whole(x.b) && whole(x.c);
      default:
        return false;
    }
  }
  bool input_field_is_money(uint32_t input, uint32_t field) const {
    const CheckedPolicy& c = *p_.checked;
    TypeRef t = c.inputs[input].type;
    if (c.types.kind(t) != TypeKind::record) return false;
    const RecordInfo& r = c.records[c.types[t].ref];
    return field < r.fields.size() && r.fields[field].type == TypeTable::kMoney;
  }

  // The register holding node n's value: a local's own slot, or `dst`
  // (a new temporary when kNoReg) after the instructions that compute it.
  uint32_t val(uint32_t n, uint32_t dst = kNoReg) {
    const Node& x = at(n);
    uint32_t mark = next_;
    auto out = [&] {
      next_ = mark;
      return dst != kNoReg ? dst : temp();
    };
    switch (x.op) {
      case Op::local:
        return x.a;
      case Op::konst:
        return emit_to(VOp::konst, 0, out(), x.a, 0, 0, n);
      case Op::input:
        return emit_to(VOp::input, 0, out(), x.a, 0, 0, n);
      case Op::field:
        if (at(x.a).op == Op::input)
          return emit_to(VOp::input_field, 0, out(), at(x.a).a, x.b, 0, n);
        return unary(VOp::field, n, dst, x.b);
      case Op::record:
      case Op::list: {
        uint32_t first = next_;
        for (uint32_t i = 0; i < x.b; ++i)
          temp();
        for (uint32_t i = 0; i < x.b; ++i)
          into(p_.lists[x.a + i], first + i);
        return emit_to(VOp::aggregate, 0, out(), first, x.b, 0, n);
      }
      case Op::count:
      case Op::sum:
      case Op::any:
      case Op::all:
      case Op::filter:
      case Op::map:
        return loop(n, dst);
      case Op::scan:
        return scan(n, dst);
      case Op::rule:
        return emit_to(VOp::rule, 0, out(), x.a, 0, 0, n);
      case Op::param:
        return emit_to(VOp::param, 0, out(), x.a, 0, 0, n);
      case Op::column:
        return emit_to(VOp::column, 0, out(), x.a, x.b, 0, n);
      case Op::eligible:
        return emit_to(VOp::eligible, 0, out(), x.a, 0, 0, n);
      case Op::neg_int:
        return unary(VOp::neg_int, n, dst);
      case Op::neg_dec:
        return unary(VOp::neg_dec, n, dst);
      case Op::abs_int:
        return unary(VOp::abs_int, n, dst);
      case Op::abs_dec:
        return unary(VOp::abs_dec, n, dst);
      case Op::not_:
        return unary(VOp::not_, n, dst);
      case Op::int_to_dec:
        return unary(VOp::int_to_dec, n, dst);
      case Op::add_int:
        return binary(VOp::add_int, n, dst, false);
      case Op::sub_int:
        return binary(VOp::sub_int, n, dst, false);
      case Op::mul_int:
        return binary(VOp::mul_int, n, dst, false);
      case Op::add_dec:
        return binary(VOp::add_dec, n, dst, true);
      case Op::sub_dec:
        return binary(VOp::sub_dec, n, dst, true);
      case Op::mul_dec:
        return binary(VOp::mul_dec, n, dst, true);
      case Op::div_dec:
        return binary(VOp::div_dec, n, dst, true);
      case Op::cmp:
        return compare(n, dst);
      case Op::minmax:
        return minmax(n, dst);
      case Op::round_fen:
        return round(n, dst);
      case Op::and_:
      case Op::or_: {
        uint32_t d = out();
        into(x.a, d);
        // `a and b`: if a is false, the answer is false without b (all_exit on d).
        uint32_t skip = emit(x.op == Op::and_ ? VOp::all_exit : VOp::any_exit, 0, d, d, 0, 0, n);
        into(x.b, d);
        emit(VOp::to_bool, 0, d, 0, 0, 0, n);
        k_.ins[skip].b = pc();
        return d;
      }
      case Op::if_: {
        uint32_t cond = val(x.a);
        uint32_t d = out();
        uint32_t to_else = emit(VOp::jump_if_not, 0, 0, cond, 0, 0, n);
        into(x.b, d);
        uint32_t to_end = emit(VOp::jump, 0, 0, 0, 0, 0, n);
        k_.ins[to_else].b = pc();
        into(x.c, d);
        k_.ins[to_end].a = pc();
        return d;
      }
      case Op::match:
        return match(n, dst);
      case Op::let: {
        uint32_t v = val(x.b);
        if (v != x.a) emit(VOp::move, 0, x.a, v, 0, 0, n);
        next_ = mark;
        return val(x.c, dst);
      }
      case Op::or_else: {
        uint32_t d = out();
        into(x.a, d);
        uint32_t skip = emit(VOp::or_else, 0, d, 0, 0, 0, n);
        into(x.b, d);
        k_.ins[skip].a = pc();
        return d;
      }
      case Op::schedule: {
        uint32_t amount = val(x.b);
        uint32_t from = x.c == kNoNode ? kNoReg : val(x.c);
        return emit_to(VOp::schedule, 0, out(), amount, from, x.a, n);
      }
      case Op::call_fn:
      case Op::call_policy: {
        // The arguments in consecutive temporaries, evaluated in order.
        uint32_t first = next_;
        for (uint32_t i = 0; i < x.c; ++i)
          temp();
        for (uint32_t i = 0; i < x.c; ++i)
          into(p_.lists[x.b + i], first + i);
        VOp op = x.op == Op::call_fn ? VOp::call_fn : VOp::call_policy;
        return emit_to(op, 0, out(), x.a, first, x.c, n);
      }
      default:
        break;
    }
    return emit_to(VOp::tree, 0, out(), n, 0, 0, n);
  }

  uint32_t emit_to(VOp op, uint8_t mode, uint32_t d, uint32_t a, uint32_t b, uint32_t c,
                   uint32_t node) {
    emit(op, mode, d, a, b, c, node);
    return d;
  }
  void into(uint32_t n, uint32_t d) {
    uint32_t r = val(n, d);
    if (r != d) emit(VOp::move, 0, d, r, 0, 0, n);
  }
  uint32_t unary(VOp op, uint32_t n, uint32_t dst, uint32_t b = 0) {
    uint32_t mark = next_;
    uint32_t a = val(at(n).a);
    next_ = mark;
    return emit_to(op, 0, dst != kNoReg ? dst : temp(), a, b, 0, n);
  }
  // A list builtin with its lambda's body inline: the item is local x.c.
  uint32_t loop(uint32_t n, uint32_t dst) {
    const Node& x = at(n);
    uint32_t mark = next_;
    if (x.b == kNoNode && x.op != Op::count)  // only `count` takes no lambda (checked)
      return emit_to(VOp::tree, 0, dst != kNoReg ? dst : temp(), n, 0, 0, n);
    uint32_t d = dst != kNoReg ? dst : temp();
    uint32_t list = temp(), index = temp();
    into(x.a, list);
    if (x.b == kNoNode) {
      emit(VOp::count_all, 0, d, list, 0, 0, n);
      next_ = dst != kNoReg ? mark : d + 1;
      return d;
    }
    bool builds = x.op == Op::filter || x.op == Op::map;
    if (builds) {
      uint32_t scratch = temp();
      emit(VOp::mark_scratch, 0, scratch, 0, 0, 0, n);
    } else if (x.op == Op::count || (x.op == Op::sum && x.mode == 1)) {
      emit(VOp::imm, 0, d, 0, 0, 0, n);
    } else if (x.op == Op::sum) {
      emit(VOp::imm, 2, d, 0, 0, 0, n);
    } else {
      emit(VOp::imm, 1, d, x.op == Op::all ? 1 : 0, 0, 0, n);
    }
    emit(VOp::imm, 0, index, 0, 0, 0, n);
    uint32_t top = pc();
    uint32_t next = emit(VOp::loop_next, 0, 0, list, 0, x.c, n);
    uint32_t inner = next_;
    uint32_t t = val(x.b);
    uint32_t exit = kNoCode;
    switch (x.op) {
      case Op::count:
        emit(VOp::acc_count, 0, d, t, 0, 0, n);
        break;
      case Op::sum:
        // The running total is R[d] += item, the checked addition itself.
        emit(x.mode == 1 ? VOp::add_int : VOp::add_dec, 0, d, d, t, 0, n);
        break;
      case Op::any:
        exit = emit(VOp::any_exit, 0, d, t, 0, 0, n);
        break;
      case Op::all:
        exit = emit(VOp::all_exit, 0, d, t, 0, 0, n);
        break;
      case Op::filter:
        emit(VOp::push_if, 0, 0, t, x.c, 0, n);
        break;
      default:
        emit(VOp::push, 0, 0, t, 0, 0, n);
        break;
    }
    next_ = inner;
    emit(VOp::jump, 0, 0, top, 0, 0, n);
    k_.ins[next].b = pc();
    if (exit != kNoCode) k_.ins[exit].b = pc();
    if (builds) emit(VOp::pop_list, 0, d, list + 2, 0, 0, n);
    next_ = dst != kNoReg ? mark : d + 1;
    return d;
  }
  // `scan`: lists[x.a ..] are the list, init, body, `by` field, state slot.
  uint32_t scan(uint32_t n, uint32_t dst) {
    const Node& x = at(n);
    uint32_t list = p_.lists[x.a], init = p_.lists[x.a + 1], body = p_.lists[x.a + 2];
    uint32_t by = p_.lists[x.a + 3], slot = p_.lists[x.a + 4];
    uint32_t mark = next_;
    uint32_t d = dst != kNoReg ? dst : temp();
    uint32_t block = next_;
    for (int i = 0; i < 5; ++i)
      temp();
    into(list, block);
    emit(VOp::scan_sort, x.mode, 0, block, by, 0, n);
    into(init, block + 4);
    emit(VOp::mark_scratch, 0, block + 3, 0, 0, 0, n);
    emit(VOp::imm, 0, block + 1, 0, 0, 0, n);
    uint32_t top = pc();
    uint32_t next = emit(VOp::scan_next, 0, 0, block, 0, slot, n);
    uint32_t inner = next_;
    into(body, block + 4);
    emit(VOp::push, 0, 0, block + 4, 0, 0, n);
    next_ = inner;
    emit(VOp::jump, 0, 0, top, 0, 0, n);
    k_.ins[next].b = pc();
    emit(VOp::scan_end, 0, d, block, 0, 0, n);
    next_ = dst != kNoReg ? mark : d + 1;
    return d;
  }

  // The operands, the right one as a constant index when it is one.
  uint32_t binary(VOp op, uint32_t n, uint32_t dst, bool const_b, uint8_t mode = 0) {
    const Node& x = at(n);
    uint32_t mark = next_;
    uint32_t a = val(x.a), b;
    if (const_b && is_const(x.b)) {
      b = at(x.b).a;
      mode |= kConstB;
    } else {
      b = val(x.b);
    }
    next_ = mark;
    return emit_to(op, mode, dst != kNoReg ? dst : temp(), a, b, 0, n);
  }
  uint32_t compare(uint32_t n, uint32_t dst) {
    const Node& x = at(n);
    uint32_t mark = next_;
    uint32_t a = val(x.a), b, c = x.c;
    if (is_const(x.b)) {
      b = at(x.b).a;
      c |= kConstC;
    } else {
      b = val(x.b);
    }
    next_ = mark;
    return emit_to(VOp::cmp, x.mode, dst != kNoReg ? dst : temp(), a, b, c, n);
  }
  // min and max fold left: r = first; r = pick(r, next) ...
  uint32_t minmax(uint32_t n, uint32_t dst) {
    const Node& x = at(n);
    uint32_t mark = next_;
    uint32_t d = dst != kNoReg ? dst : temp();
    into(p_.lists[x.a], d);
    for (uint32_t i = 1; i < x.b; ++i) {
      uint32_t item = p_.lists[x.a + i], b, c = x.c;
      uint32_t inner = next_;
      if (is_const(item)) {
        b = at(item).a;
        c |= kConstC;
      } else {
        b = val(item);
      }
      next_ = inner;
      emit(VOp::minmax, x.mode, d, d, b, c, n);
    }
    next_ = dst != kNoReg ? mark : d + 1;
    return d;
  }
  uint32_t round(uint32_t n, uint32_t dst) {
    const Node& x = at(n);
    if (!whole(x.a)) {
      uint32_t r = unary(VOp::round_fen, n, dst);
      k_.ins.back().mode = x.mode;
      return r;
    }
    const Node& inner = at(x.a);
    if ((inner.op == Op::add_dec || inner.op == Op::sub_dec) && same_span(n, x.a))
      return binary(inner.op == Op::add_dec ? VOp::add_dec : VOp::sub_dec, x.a, dst, true,
                    kFenChecked);
    uint32_t r = val(x.a, dst);
    emit(VOp::fen_check, 0, 0, r, 0, 0, n);
    return r;
  }
  // A jump table by variant; arms that share a body share its code.
  uint32_t match(uint32_t n, uint32_t dst) {
    const Node& x = at(n);
    uint32_t mark = next_;
    uint32_t scrut = val(x.a);
    next_ = mark;
    uint32_t d = dst != kNoReg ? dst : temp();
    auto base = static_cast<uint32_t>(k_.jumps.size());
    k_.jumps.resize(base + x.c, kNoCode);
    emit(VOp::match, 0, 0, scrut, base, 0, n);
    std::vector<uint32_t> ends;
    std::unordered_map<uint32_t, uint32_t> start_of;  // by arm body
    for (uint32_t v = 0; v < x.c; ++v) {
      uint32_t body = p_.lists[x.b + v];
      auto [it, added] = start_of.try_emplace(body, pc());
      k_.jumps[base + v] = it->second;
      if (!added) continue;
      into(body, d);
      ends.push_back(emit(VOp::jump, 0, 0, 0, 0, 0, n));
    }
    for (uint32_t e : ends)
      k_.ins[e].a = pc();
    return d;
  }

  Program& p_;
  Code& k_;
  uint32_t next_ = 0;
  std::vector<uint32_t> exits_;  // of the `any`/`all` being lowered
};

}  // namespace

void lower(Program& p) {
  Lowerer(p).run();
}

std::string dump_body(const Program& p, uint32_t root) {
  static const char* const kNames[] = {
#define BAO_NAME(name) #name,
      BAO_VOPS(BAO_NAME)
#undef BAO_NAME
  };
  std::string out;
  for (uint32_t pc = p.code.entry[root]; pc < p.code.ins.size(); ++pc) {
    const Ins& i = p.code.ins[pc];
    out += (out.empty() ? "" : " ") + std::string(kNames[static_cast<uint8_t>(i.op)]);
    if (i.op == VOp::add_dec || i.op == VOp::sub_dec || i.op == VOp::mul_dec) {
      if (i.mode & kConstB) out += "/k";
      if (i.mode & kFenChecked) out += "/fen";
    }
    if ((i.op == VOp::cmp || i.op == VOp::minmax) && (i.c & kConstC)) out += "/k";
    if (i.op == VOp::ret) break;
  }
  return out;
}

}  // namespace bao
