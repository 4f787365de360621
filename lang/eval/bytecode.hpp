// The bytecode a Program's bodies are lowered to (lower.cpp) and run by a
// non-recursive register loop (vm.cpp). Registers are the slots of the
// current frame: a body's `let` and lambda locals first (the same slots the
// tree walker uses), then its temporaries. The tree of Nodes stays the source
// of truth: explanations, tests' `expect` sides and constant folding walk it,
// and an operation the bytecode has no instruction for is run by the tree
// walker in the same frame (VOp::tree).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bao {

enum class VOp : uint8_t {
  konst,        // R[d] = consts[a]
  move,         // R[d] = R[a]
  input,        // R[d] = input a
  input_field,  // R[d] = field b of input a (a record)
  field,        // R[d] = field b of the record in R[a]
  rule,         // R[d] = rule a: the memo, or its body run in the next frame
  param,        // R[d] = param a
  column,       // R[d] = column b of table a
  eligible,     // R[d] = the row table a selects is not `ineligible`
  neg_int,
  neg_dec,
  abs_int,
  abs_dec,
  not_,
  int_to_dec,
  add_int,
  sub_int,
  mul_int,
  add_dec,  // mode kConstB: b is a constant, not a register; kFenChecked: then fen_check R[d]
  sub_dec,
  mul_dec,
  div_dec,
  cmp,          // R[d] = R[a] <op> R[b]; mode: BinaryOp | kOptionalBit; c: CmpKind | kConstC
  minmax,       // R[d] = min (mode 0) or max (1) of R[a], R[b]; c: CmpKind | kConstC
  round_fen,    // R[d] = R[a] rounded to the fen; mode: Rounding
  fen_check,    // R[a] is whole fen: fails (overflow) when the fen do not fit 64 bits
  jump,         // pc = a
  jump_if_not,  // if !R[a].b: pc = b
  to_bool,      // R[d] = bool(R[d].b)
  match,        // pc = jumps[b + R[a].variant]
  or_else,      // if !R[d].none: pc = a
  schedule,     // R[d] = schedule c on R[a], from R[b] (kNoReg: zero)
  call_fn,      // R[d] = fn a of R[b .. b+c)
  call_policy,  // R[d] = unit a on R[b .. b+c)
  tree,         // R[d] = the tree walker's value of node a
  ret,          // the body's value is R[a]
  // Records, lists and the list builtins; a loop keeps its list in R[a], the
  // item index in R[a+1], for `filter`/`map` the scratch mark in R[a+2].
  aggregate,     // R[d] = a record or list of R[a .. a+b)
  imm,           // R[d] = mode 0: int a; 1: bool a; 2: decimal 0
  loop_next,     // if R[a+1].i == count of R[a]: pc = b; else local c = the item, R[a+1].i++
  count_all,     // R[d] = the number of items in R[a]
  acc_count,     // R[d].i += R[a].b
  any_exit,      // if R[a].b: R[d] = true, pc = b (also `or`, with a = d)
  all_exit,      // if !R[a].b: R[d] = false, pc = b (also `and`, with a = d)
  mark_scratch,  // R[d] = the scratch stack's height
  push,          // push R[a] on the scratch stack
  push_if,       // if R[a].b: push R[b]
  pop_list,      // R[d] = the list of what was pushed since the mark R[a]
  // `scan`: R[a] the list, R[a+1] the index, R[a+2] where its order starts
  // (order_scratch_), R[a+3] the scratch mark, R[a+4] the state.
  scan_sort,  // the order of R[a]'s items by field b (kNoNode: as given); mode: how it compares
  scan_next,  // if done: pc = b; else locals c, c+1 = state, item; R[a+1].i++
  scan_end,   // R[d] = the list of states pushed since R[a+3]
};

// Every VOp in the enum's order (the loop's label table, dump_body's names).
// clang-format off
#define BAO_VOPS(X)                                                                     \
  X(konst) X(move) X(input) X(input_field) X(field) X(rule) X(param) X(column)         \
  X(eligible) X(neg_int) X(neg_dec) X(abs_int) X(abs_dec) X(not_) X(int_to_dec)        \
  X(add_int) X(sub_int) X(mul_int) X(add_dec) X(sub_dec) X(mul_dec) X(div_dec) X(cmp) \
  X(minmax) X(round_fen) X(fen_check) X(jump) X(jump_if_not)           \
  X(to_bool) X(match) X(or_else) X(schedule) X(call_fn) X(call_policy) X(tree) X(ret) \
  X(aggregate) X(imm) X(loop_next) X(count_all) X(acc_count)           \
  X(any_exit) X(all_exit) X(mark_scratch) X(push) X(push_if)           \
  X(pop_list) X(scan_sort) X(scan_next) X(scan_end)
// clang-format on

inline constexpr uint8_t kConstB = 0x40;      // in `mode` of add/sub/mul/div_dec
inline constexpr uint8_t kFenChecked = 0x20;  // in `mode` of add/sub_dec: also fen_check
inline constexpr uint32_t kConstC = 0x100;    // in `c` of cmp and minmax: b is a constant
inline constexpr uint32_t kNoReg = UINT32_MAX;
inline constexpr uint32_t kNoCode = UINT32_MAX;

struct Ins {
  VOp op;
  uint8_t mode = 0;
  uint16_t d = 0;
  uint32_t a = 0, b = 0, c = 0;
};

struct Code {
  std::vector<Ins> ins;
  std::vector<uint32_t> node;   // by instruction: the Node it came from (for spans, on faults)
  std::vector<uint32_t> jumps;  // `match` targets, by variant
  std::vector<uint32_t> entry;  // by Node: where the body rooted there starts, or kNoCode
  uint32_t temps = 0;           // the most temporaries any body needs
  std::vector<uint32_t> param_konst;  // by param: its constant (consts index), or kNoCode
  // Blocks that read every output of the policy (outputs) and of each unit a
  // call evaluates (units) into the temporaries first .. first+n, then `ret`.
  uint32_t outputs_entry = kNoCode;
  std::vector<uint32_t> unit_entry;
  uint32_t first_output = 0;  // the register of the first output in those blocks
};

struct Program;
// Lowers every body of `p` (its roots: p.height != 0) to bytecode in p.code.
void lower(Program& p);
// The opcodes of the body rooted at node `root`, one name per instruction,
// space-separated, up to its `ret` (for tests and for reading the lowering).
std::string dump_body(const Program& p, uint32_t root);

}  // namespace bao
