// What the checker hands to the compiler: the policy's declarations sorted by
// role, with their types, and per-expression tables (type and resolution)
// keyed by ExprId. The AST itself stays untouched.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lang/base/date.hpp"
#include "lang/base/decimal_ops.hpp"
#include "lang/check/types.hpp"
#include "lang/diag/diagnostic.hpp"
#include "lang/syntax/ast.hpp"

namespace bao {

enum class BuiltinId : uint8_t {
#define BUILTIN(id, name, min_args, max_args, signature) id,
#include "stdlib/builtins.def"
#undef BUILTIN
};

// What a name, field access or call refers to.
enum class SymKind : uint8_t {
  none,
  input,        // index: input
  param,        // index: param
  rule,         // index: rule (rules and outputs share one list)
  table,        // index: table (only as the base of a column access)
  schedule,     // index: schedule (only as a callee)
  fn,           // index: fn (only as a callee)
  builtin,      // index: BuiltinId
  local,        // index: slot in the current frame
  variant,      // index: enum, sub: variant
  enum_type,    // index: enum (only as the base of `Enum.variant`)
  field,        // on a FieldAccess: index: field of the base record
  column,       // on a FieldAccess: index: table, sub: column
  eligible,     // on a FieldAccess: index: table; true unless the row is `ineligible`
  record_type,  // index: record (types only)
  policy,       // index: unit (only as a callee: evaluates that policy)
};

struct Resolution {
  SymKind kind = SymKind::none;
  uint32_t index = 0;
  uint32_t sub = 0;
};

// Names to their places, for lookups in constant time (an enum of 200,000
// variants, a record of thousands of fields). A name added twice keeps its
// first place, as a scan from the front would find it.
struct NameIndex {
  // Transparent, so a std::string_view is looked up without a copy.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> places;
  // False when the name already has a place.
  bool add(const std::string& name, uint32_t place) {
    return places.try_emplace(name, place).second;
  }
  int find(std::string_view name) const {
    auto it = places.find(name);
    return it == places.end() ? -1 : static_cast<int>(it->second);
  }
};

struct EnumInfo {
  DeclId decl;
  std::string name, label;
  std::vector<std::string> variants, labels;
  NameIndex index;  // of `variants`
  void add(const std::string& variant, const std::string& label);
  int find(std::string_view variant) const { return index.find(variant); }
};

struct FieldInfo {
  std::string name, label;
  TypeRef type;
};

struct RecordInfo {
  DeclId decl;
  std::string name, label;
  std::vector<FieldInfo> fields;
  NameIndex index;  // of `fields`
  void add(FieldInfo field);
  int find(std::string_view field) const { return index.find(field); }
};

struct InputInfo {
  DeclId decl;
  std::string name, label;
  TypeRef type;
};

struct DatedInfo {
  Date from;
  std::optional<Date> until;  // inclusive
  ExprId value;
  Span span;
};

struct ParamInfo {
  DeclId decl;
  std::string name, label;
  TypeRef type;
  std::optional<ExprId> value;   // undated
  std::vector<DatedInfo> dated;  // in date order
};

struct RuleInfo {
  DeclId decl;
  std::string name, label;
  TypeRef type;
  bool output;
  ExprId value;
};

struct ColumnInfo {
  std::string name, label;
  TypeRef type;
};

struct RowInfo {
  bool ineligible = false;
  std::vector<ExprId> cells;
  Span span;
};

struct TableInfo {
  DeclId decl;
  std::string name, label;
  ExprId key;
  uint32_t key_enum = 0;
  std::vector<ColumnInfo> columns;
  NameIndex column_index;  // of `columns`
  std::vector<RowInfo> rows;
  std::vector<uint32_t> row_of_variant;  // by variant index of key_enum
};

struct BandInfo {
  Decimal lower;
  std::optional<Decimal> upper;  // absent: open
  ExprId rate;
  Span span;
};

struct ScheduleInfo {
  DeclId decl;
  std::string name, label;
  BandBase base;
  std::vector<BandInfo> bands;
};

struct FnInfo {
  DeclId decl;
  std::string name;
  std::vector<TypeRef> params;
  TypeRef result;
  ExprId body;
};

struct TestInfo {
  DeclId decl;
  std::string name;
  std::vector<std::pair<uint32_t, ExprId>> givens;  // input index, value
  std::vector<ExprId> expects;
  std::optional<DiagKind> expect_error;  // `expect error E0903`
  Span error_span;
  struct Row {
    uint32_t table, variant;
    Span span;
  };
  std::vector<Row> rows;  // `expect row terms: dibao`
};

// A `bound` or `guide`: a condition on params, checked once the values of
// the whole chain are known (compile.cpp).
struct BoundInfo {
  DeclId decl;
  std::string name, label, source;
  bool warn;
  ExprId cond;
  std::vector<DeclId> reads;  // the params and schedules it reads, directly or not
};

// A `require`: a condition on the case, checked before any output.
struct RequireInfo {
  DeclId decl;
  std::string name, message;
  ExprId cond;
  uint32_t unit = 0;
};

// A policy or module of the linked program (lang/link). A policy's inputs,
// rules and tables are contiguous index ranges.
struct UnitInfo {
  std::string name, label;
  bool policy = true;
  std::optional<ExprId> as_of;
  std::optional<Date> effective;
  Rounding rounding = Rounding::half_up;
  uint32_t record = UINT32_MAX;  // the record of its outputs, for calls
  TypeRef record_type = 0;       // the same as a type
  uint32_t inputs_begin = 0, inputs_end = 0, rules_begin = 0, rules_end = 0, tables_begin = 0,
           tables_end = 0;
};

struct CheckedPolicy {
  const SourceSet* sources = nullptr;
  const Module* module = nullptr;
  TypeTable types;
  std::vector<TypeRef> expr_types;   // by ExprId
  std::vector<Resolution> expr_res;  // by ExprId
  uint32_t max_locals = 0;           // slots any one body needs
  std::string name, label;
  Rounding rounding = Rounding::half_up;
  std::optional<Date> effective;
  std::optional<ExprId> as_of;

  std::vector<EnumInfo> enums;
  std::vector<RecordInfo> records;
  std::vector<InputInfo> inputs;
  std::vector<ParamInfo> params;
  std::vector<RuleInfo> rules;
  std::vector<TableInfo> tables;
  std::vector<ScheduleInfo> schedules;
  std::vector<FnInfo> fns;
  std::vector<TestInfo> tests;
  std::vector<BoundInfo> bounds;
  std::vector<RequireInfo> requirements;
  std::vector<UnitInfo> units;      // unit 0 is the policy itself
  std::vector<uint32_t> rule_unit;  // by rule

  TypeRef type_of(ExprId e) const { return expr_types[e.v]; }
  // The inputs a host gives: the policy's own (a called policy's inputs come
  // from the call and follow them).
  size_t host_inputs() const { return units.empty() ? inputs.size() : units[0].inputs_end; }
  const Resolution& res(ExprId e) const { return expr_res[e.v]; }
  std::string type_name(TypeRef t) const;
};

}  // namespace bao
