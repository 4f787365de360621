// The syntax tree of one policy file: flat vectors of nodes addressed by strong
// 32-bit ids. The parser builds it; later stages read it and never change it
// (the checker keeps its results in tables keyed by these ids).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "lang/source/source.hpp"

namespace bao {

template <typename Tag>
struct Id {
  uint32_t v = UINT32_MAX;
  bool valid() const { return v != UINT32_MAX; }
  friend bool operator==(Id, Id) = default;
  friend auto operator<=>(Id, Id) = default;
};
using ExprId = Id<struct ExprTag>;
using TypeId = Id<struct TypeTag>;
using DeclId = Id<struct DeclTag>;

struct Ident {
  std::string text;
  Span span;
  bool operator==(const Ident&) const = default;
};

// ---- types as written ----
struct NamedType {
  Ident name;  // bool, int, money, … or a declared enum or record
  bool operator==(const NamedType&) const = default;
};
struct ListType {
  TypeId element;
  bool operator==(const ListType&) const = default;
};
struct OptionalType {
  TypeId inner;
  bool operator==(const OptionalType&) const = default;
};
struct TypeNode {
  Span span;
  std::variant<NamedType, ListType, OptionalType> kind;
  bool operator==(const TypeNode&) const = default;
};

// ---- expressions ----
enum class LitKind : uint8_t { integer, decimal, rate, money, date, duration, text, boolean, none };
struct Literal {
  LitKind kind;
  std::string text;  // digits as written ("1500.50", "70"), the date, the unescaped text
  std::string unit;  // "days"/"months"/"years" for durations; empty otherwise
  bool operator==(const Literal&) const = default;
};
struct NameRef {
  Ident name;
  bool operator==(const NameRef&) const = default;
};
struct FieldAccess {
  ExprId base;
  Ident field;
  bool operator==(const FieldAccess&) const = default;
};
struct CallArg {
  std::optional<Ident> label;
  ExprId value;
  bool operator==(const CallArg&) const = default;
};
struct Call {
  Ident callee;
  std::vector<CallArg> args;
  bool operator==(const Call&) const = default;
};
enum class UnaryOp : uint8_t { neg, not_ };
struct Unary {
  UnaryOp op;
  ExprId operand;
  bool operator==(const Unary&) const = default;
};
// in_ and not_in: `x in [a, b]`, `x not in xs` (the right side a list).
enum class BinaryOp : uint8_t {
  add,
  sub,
  mul,
  div,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  and_,
  or_,
  in_,
  not_in
};
struct Binary {
  BinaryOp op;
  ExprId lhs, rhs;
  bool operator==(const Binary&) const = default;
};
struct IfExpr {
  ExprId cond, then_branch, else_branch;
  bool operator==(const IfExpr&) const = default;
};
// A pattern names an enum variant (`dibao` or `Recipient.dibao`) or a bool.
struct Pattern {
  std::optional<Ident> qualifier;
  Ident name;
  Span span;
  bool operator==(const Pattern&) const = default;
};
struct MatchArm {
  std::vector<Pattern> patterns;  // empty for `else`
  bool is_else = false;
  ExprId body;
  Span span;
  bool operator==(const MatchArm&) const = default;
};
struct MatchExpr {
  ExprId scrutinee;
  std::vector<MatchArm> arms;
  bool operator==(const MatchExpr&) const = default;
};
struct LetExpr {
  Ident name;
  ExprId value, body;
  bool operator==(const LetExpr&) const = default;
};
struct Lambda {
  std::vector<Ident> params;
  ExprId body;
  bool operator==(const Lambda&) const = default;
};
struct FieldInit {
  Ident name;
  ExprId value;
  bool operator==(const FieldInit&) const = default;
};
struct RecordLit {
  std::vector<FieldInit> fields;
  bool operator==(const RecordLit&) const = default;
};
struct ListLit {
  std::vector<ExprId> items;
  bool operator==(const ListLit&) const = default;
};
// `scan list by field from init as (state, item) => body`: folds the items
// (stably sorted by the field when `by` is given) and yields every state.
struct Scan {
  ExprId list;
  std::optional<Ident> by;
  ExprId init;
  std::vector<Ident> params;  // state, item
  ExprId body;
  bool operator==(const Scan&) const = default;
};

struct ExprNode {
  Span span;
  std::variant<Literal, NameRef, FieldAccess, Call, Unary, Binary, IfExpr, MatchExpr, LetExpr,
               Lambda, RecordLit, ListLit, Scan>
      kind;
  bool operator==(const ExprNode&) const = default;
};

// ---- declarations ----
struct UseDecl {
  std::vector<Ident> path;
  std::optional<Ident> alias;
  bool operator==(const UseDecl&) const = default;
};
struct Variant {
  Ident name;
  std::string label;
  bool operator==(const Variant&) const = default;
};
struct EnumDecl {
  std::vector<Variant> variants;
  bool operator==(const EnumDecl&) const = default;
};
struct FieldDecl {
  Ident name;
  std::string label;
  TypeId type;
  bool operator==(const FieldDecl&) const = default;
};
struct RecordDecl {
  std::vector<FieldDecl> fields;
  bool operator==(const RecordDecl&) const = default;
};
struct InputDecl {
  TypeId type;
  bool operator==(const InputDecl&) const = default;
};
struct DatedValue {
  Ident from;                  // the date as written
  std::optional<Ident> until;  // inclusive end
  ExprId value;
  Span span;
  bool operator==(const DatedValue&) const = default;
};
struct ParamDecl {
  TypeId type;
  std::optional<ExprId> value;    // undated
  std::vector<DatedValue> dated;  // or dated
  bool operator==(const ParamDecl&) const = default;
};
struct Column {
  Ident name;
  std::string label;
  TypeId type;
  bool operator==(const Column&) const = default;
};
struct TableRow {
  std::vector<Pattern> keys;  // empty for `else`
  bool is_else = false;
  bool ineligible = false;
  std::vector<ExprId> cells;
  Span span;
  std::string source;  // provenance of a row an override put in
  bool operator==(const TableRow&) const = default;
};
struct TableDecl {
  ExprId key;
  std::vector<Column> columns;
  std::vector<TableRow> rows;
  bool operator==(const TableDecl&) const = default;
};
enum class RuleKind : uint8_t { rule, output };
struct RuleDecl {
  RuleKind kind;
  TypeId type;
  ExprId value;
  bool operator==(const RuleDecl&) const = default;
};
struct FnParam {
  Ident name;
  TypeId type;
  bool operator==(const FnParam&) const = default;
};
struct FnDecl {
  std::vector<FnParam> params;
  TypeId result;
  ExprId body;
  bool operator==(const FnDecl&) const = default;
};
enum class BandBase : uint8_t { cumulative, excess };
struct Band {
  std::optional<ExprId> lower;  // absent: from zero (`up to`) or from the previous band (`above`)
  std::optional<ExprId> upper;  // absent: open (`above`)
  ExprId rate;
  Span span;
  bool operator==(const Band&) const = default;
};
struct ScheduleDecl {
  BandBase base;
  std::vector<Band> bands;
  bool operator==(const ScheduleDecl&) const = default;
};
struct TestGiven {
  Ident name;
  ExprId value;
  bool operator==(const TestGiven&) const = default;
};
// `expect error E0903` and `expect row terms: dibao`.
struct ExpectError {
  std::string code;
  Span span;
  bool operator==(const ExpectError&) const = default;
};
struct ExpectRow {
  Ident table;
  Pattern key;
  Span span;
  bool operator==(const ExpectRow&) const = default;
};
struct TestDecl {
  std::vector<TestGiven> givens;
  std::vector<ExprId> expects;
  std::vector<ExpectError> errors;
  std::vector<ExpectRow> rows;
  bool operator==(const TestDecl&) const = default;
};

// `bound` (an error when broken) or `guide` (a warning): a condition on
// params that a parent sets for what its children may override.
struct BoundDecl {
  bool warn = false;
  ExprId cond;
  bool operator==(const BoundDecl&) const = default;
};
// `require name: cond else "message"`: a condition on the case.
struct RequireDecl {
  ExprId cond;
  std::string message;
  bool operator==(const RequireDecl&) const = default;
};
// `override table.variant: cells`: one row of an inherited table. The
// declaration's name is the table's.
struct RowOverride {
  std::vector<Pattern> keys;
  bool ineligible = false;
  std::vector<ExprId> cells;
  bool operator==(const RowOverride&) const = default;
};

struct DeclNode {
  Span span;
  Ident name;          // empty for `use` and `test` (a test's name is its label)
  std::string label;   // the "…" after the name; also the name of a test
  std::string source;  // provenance: `source "…"`, empty when not given
  bool is_override = false;
  std::variant<UseDecl, EnumDecl, RecordDecl, InputDecl, ParamDecl, TableDecl, RuleDecl, FnDecl,
               ScheduleDecl, TestDecl, BoundDecl, RowOverride, RequireDecl>
      kind;
  bool operator==(const DeclNode&) const = default;
};

struct PolicyHeader {
  Span span;
  std::vector<Ident> name;
  std::string label;
  std::optional<std::vector<Ident>> extends;
  std::optional<Ident> effective;  // the date as written
  std::optional<Ident> rounding;
  std::optional<ExprId> as_of;
  std::string source;  // provenance of the whole policy
  bool operator==(const PolicyHeader&) const = default;
};

// A policy (a file with its parents) or a module, as the linker gathered it.
struct Unit {
  struct Import {
    uint32_t unit;
    std::string alias;  // empty: the module's names come in unqualified
    bool operator==(const Import&) const = default;
  };
  bool policy = true;
  std::string name;                    // dotted
  std::optional<PolicyHeader> header;  // a policy's, with inherited clauses filled in
  std::vector<Import> imports;
  bool operator==(const Unit&) const = default;
};

// One parsed file, or a linked program of several (lang/link). `header` is
// absent when the file has none (a module).
struct Module {
  FileId file = 0;
  std::optional<PolicyHeader> header;
  std::vector<DeclNode> decls;
  // Filled by the linker; a module parsed alone has no units and the checker
  // treats it as one policy. Unit 0 is the policy being loaded.
  std::vector<Unit> units;
  std::vector<uint32_t> decl_unit;    // by DeclId
  std::vector<DeclId> decl_replaces;  // by DeclId: the inherited declaration it overrides
  std::vector<DeclNode> replaced;     // what overrides replaced (indexed by decl_replaces)
  std::vector<ExprNode> exprs;
  std::vector<TypeNode> types;
  std::vector<uint32_t> expr_height;  // by ExprId: levels of the subtree it roots

  const ExprNode& expr(ExprId id) const { return exprs[id.v]; }
  const TypeNode& type(TypeId id) const { return types[id.v]; }
  const DeclNode& decl(DeclId id) const { return decls[id.v]; }
  bool operator==(const Module&) const = default;
};

// The keyword that declares it: "param", "table", "output", …
const char* decl_kind_name(const DeclNode& d);

}  // namespace bao
