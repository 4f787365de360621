// The compiled form of a checked policy: a flat array of typed operations
// with resolved slots and folded constants. Immutable once built, so one
// Program serves any number of threads; each evaluation keeps its own state.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lang/check/checked.hpp"
#include "lang/diag/diagnostic.hpp"
#include "lang/eval/bytecode.hpp"
#include "lang/eval/value.hpp"

namespace bao {

enum class Op : uint8_t {
  konst,     // consts[a]
  local,     // locals[a]
  input,     // input a
  param,     // param a, by the as-of date when dated
  rule,      // rule a
  column,    // table a, column b
  eligible,  // table a: the selected row is not `ineligible`
  field,     // field b of record a
  neg_int,
  neg_dec,
  neg_dur,
  not_,
  int_to_dec,
  add_int,
  sub_int,
  mul_int,
  add_dec,
  sub_dec,
  mul_dec,
  div_dec,
  add_date_dur,
  sub_date_dur,
  sub_date_date,
  add_dur,
  sub_dur,
  mul_dur_int,
  cmp,  // a, b; mode: BinaryOp, | kOptionalBit for optionals; c: CmpKind
  and_,
  or_,
  if_,        // a ? b : c
  match,      // a: scrutinee; lists[b + variant] is the arm's body
  let,        // locals[a] = b; then c
  call_fn,    // fn a, args lists[b .. b+c)
  schedule,   // schedule a applied to b, from c (kNoNode: zero)
  round_fen,  // a rounded to the fen; mode: Rounding
  minmax,     // lists[a .. a+b); mode: 0 min, 1 max; c: CmpKind
  abs_int,
  abs_dec,
  or_else,  // a unless none, else b
  days_between,
  months_between,
  year,
  month,
  day,
  count,
  sum,
  any,
  all,
  filter,
  map,  // list a, body b with the item in local c; mode: 1 int sum
  record,
  list,         // lists[a .. a+b)
  call_policy,  // unit a with its inputs lists[b .. b+c): the record of its outputs
  scan,         // lists[a ..]: list, init, body, `by` field (kNoNode: none), state slot
  in_list,      // a found in the list b; mode 1: `not in`; c: CmpKind
};

enum class CmpKind : uint8_t { integer, decimal, date, duration, bits, text };
inline constexpr uint8_t kOptionalBit = 0x80;

inline constexpr uint32_t kNoNode = UINT32_MAX;

struct Node {
  Op op;
  uint8_t mode = 0;
  uint32_t a = 0, b = 0, c = 0;
  Span span;  // for evaluation errors
  CmpKind cmp_kind() const { return static_cast<CmpKind>(c); }
};

struct DatedBody {
  Date from;
  std::optional<Date> until;
  uint32_t body;
};

struct TableCode {
  uint32_t key;
  std::vector<uint8_t> ineligible;           // by row
  std::vector<std::vector<uint32_t>> cells;  // by row, by column
  std::vector<uint32_t> row_of_variant;
  uint32_t cell_base = 0;  // first memo slot of its columns
};

struct BandCode {
  Decimal lower;
  std::optional<Decimal> upper;
  uint32_t rate;
};

// A `test` block: the values its `given` lines bind, and each `expect`
// (with both sides of a comparison, to show them when it fails).
struct ExpectCode {
  uint32_t whole;
  uint32_t lhs = kNoNode, rhs = kNoNode;
  TypeRef lhs_type = 0, rhs_type = 0;
  Span span;
};
struct TestCode {
  std::vector<std::pair<uint32_t, uint32_t>> givens;  // input index, body
  std::vector<ExpectCode> expects;
};
// (`expect error` and `expect row` are read from CheckedPolicy::tests.)

// A unit of the linked program (lang/link): what a call to it evaluates.
struct UnitCode {
  uint32_t as_of = kNoNode;
  std::optional<Date> effective;  // the policy's `effective` date
  uint32_t inputs_begin = 0, inputs_end = 0, rules_begin = 0, rules_end = 0;
  uint32_t tables_begin = 0, tables_end = 0, cells_begin = 0, cells_end = 0;
  std::vector<uint32_t> outputs;       // rule indexes, in declaration order
  std::vector<uint32_t> requirements;  // by CheckedPolicy::requirements, in declaration order
};

struct Program {
  std::shared_ptr<const CheckedPolicy> checked;
  std::vector<Node> nodes;
  // By node, for the roots of bodies (rules, params, cells, functions, keys):
  // an upper bound on the nesting of evaluating it, counted once per body so
  // that the depth limit costs nothing per operation.
  std::vector<uint32_t> height;
  std::vector<uint32_t> lists;
  std::vector<Value> consts;
  std::deque<std::string> texts;  // text constants; a deque keeps pointers stable

  std::vector<uint32_t> rule_body;                  // by rule
  std::vector<uint32_t> param_body;                 // by param (kNoNode when dated)
  std::vector<std::vector<DatedBody>> param_dated;  // by param
  std::vector<TableCode> tables;
  std::vector<std::vector<BandCode>> schedules;
  std::vector<uint32_t> fn_body;
  std::vector<uint32_t> fn_arity;
  uint32_t as_of = kNoNode;
  uint32_t cell_slots = 0;
  uint32_t max_locals = 0;
  Rounding rounding = Rounding::half_up;
  std::vector<uint32_t> outputs;       // rule indexes of unit 0's outputs, in declaration order
  std::vector<UnitCode> units;         // unit 0 is the policy itself
  std::vector<uint32_t> bounds;        // by CheckedPolicy::bounds: the condition's body
  std::vector<uint32_t> requirements;  // by CheckedPolicy::requirements: the condition's body
  std::vector<TestCode> tests;         // by CheckedPolicy::tests
  Code code;                           // the bodies as bytecode (lower.cpp)
};

// Compiles a policy that passed the checker. Faults found while folding
// constants (overflow, division by zero) are reported to `diags`.
std::unique_ptr<Program> compile(std::shared_ptr<const CheckedPolicy> checked, DiagSink& diags);

// Reports each `bound` (E0311) and `guide` (W0504) that the policy's values
// break (bounds.cpp).
void check_bounds(const Program& p, DiagSink& diags);

}  // namespace bao
