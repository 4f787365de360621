// The checker's working state, shared by the files that implement it:
// declare.cpp (symbols and declared types), typecheck_expr.cpp and
// typecheck_call.cpp (expressions), typecheck_decl.cpp (params, tables,
// schedules, rules, functions, tests) and deps.cpp (cycles and lints).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "lang/check/checked.hpp"
#include "lang/diag/diagnostic.hpp"

namespace bao {

class Checker {
 public:
  Checker(const SourceSet& sources, const Module& module, DiagSink& diags, CheckedPolicy& out);
  void run();

 private:
  struct Symbol {
    SymKind kind;
    uint32_t index;
    DeclId decl;
  };

  // declare.cpp
  void declare();
  void declare_types();
  void declare_values();
  void header();
  TypeRef resolve_type(TypeId id);
  std::optional<Date> parse_date(const Ident& text);
  // typecheck_decl.cpp
  void check_params();
  void warn_uncovered(const ParamInfo& p);
  void check_tables();
  void check_schedules();
  void check_rules();
  void check_fns();
  void check_tests();
  void test_steps(const TestDecl& test, TestInfo& info);
  std::optional<Decimal> constant_money(ExprId e, std::string_view what);
  // typecheck_expr.cpp
  TypeRef expr(ExprId e, TypeRef hint = TypeTable::kError);
  TypeRef expect(ExprId e, TypeRef want, std::string_view place);
  bool assignable(TypeRef from, TypeRef to) const;
  TypeRef literal(ExprId e, const Literal& lit);
  TypeRef name_ref(ExprId e, const NameRef& n, TypeRef hint);
  TypeRef resolve_variant(ExprId e, const NameRef& n, TypeRef hint);
  TypeRef field_access(ExprId e, const FieldAccess& f);
  TypeRef binary(ExprId e, const Binary& b);
  TypeRef membership(ExprId e, const Binary& b);
  char duration_unit(ExprId e) const;
  TypeRef match(ExprId e, const MatchExpr& m, TypeRef hint);
  TypeRef record_lit(ExprId e, const RecordLit& r, TypeRef hint);
  TypeRef unify(TypeRef a, TypeRef b, Span where, std::string_view what);
  std::optional<std::pair<uint32_t, uint32_t>> variant(const Pattern& p, uint32_t enum_index);
  // Marks the variants the patterns name in `seen`; reports unknown and repeated ones.
  // Returns how many were not marked before.
  size_t cover(const std::vector<Pattern>& pats, uint32_t enum_index, std::vector<bool>& seen);
  void depend(DeclId on, Span where);
  // typecheck_call.cpp
  TypeRef call(ExprId e, const Call& c, TypeRef hint);
  TypeRef builtin(ExprId e, const Call& c, BuiltinId id, TypeRef hint);
  // `hint`: the result expected where there is no required one (a record
  // literal's type in `map`).
  TypeRef lambda(ExprId e, TypeRef param, TypeRef want_result, TypeRef hint = TypeTable::kError);
  // deps.cpp
  void check_dependencies();
  void lint_unused();

  Diag& error(DiagKind kind, Span span, std::string message);
  std::string type_name(TypeRef t) const { return out_.type_name(t); }
  uint32_t push_local(const std::string& name, TypeRef type);
  void pop_locals(size_t to);
  void begin_body(DeclId owner);
  Span span(ExprId e) const { return m_.expr(e).span; }
  // The declared or local name closest to a misspelt one, or empty.
  std::string suggest(std::string_view name);

  const SourceSet& sources_;
  const Module& m_;
  DiagSink& diags_;
  CheckedPolicy& out_;
  // One scope per unit (lang/link): its own declarations and what it imports.
  std::vector<std::unordered_map<std::string, Symbol>> scopes_;
  uint32_t unit_ = 0;  // the unit whose body is being checked
  uint32_t unit_of(uint32_t decl) const { return m_.decl_unit.empty() ? 0 : m_.decl_unit[decl]; }
  const Symbol* lookup(const std::string& name) const;
  void import_units(bool values);
  void set_symbol(uint32_t decl, uint32_t index);
  void declare_units();
  void warn_hidden_variants();
  void check_overrides();
  void check_bounds();
  void check_requires();
  void check_bound_reads();
  TypeRef policy_call(ExprId e, const Call& c, uint32_t unit);
  uint32_t input_of(uint32_t unit, const std::string& name);
  std::unordered_map<uint32_t, std::unordered_map<std::string, uint32_t>> unit_inputs_;
  TypeRef scan(ExprId e, const Scan& s, TypeRef hint);
  // Bare variant name → every (enum, variant) that has it.
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> variants_;
  struct Local {
    std::string name;
    uint32_t slot;
    TypeRef type;
  };
  std::vector<Local> locals_;              // innermost last
  std::vector<std::string> global_names_;  // for "did you mean", made on first use
  size_t suggest_budget_ = 2'000'000;      // names compared for suggestions, per run
  uint32_t next_slot_ = 0;
  DeclId owner_;                              // the declaration whose body is being checked
  std::vector<std::vector<DeclId>> deps_;     // by DeclId: the declarations its body reads
  std::vector<std::vector<Span>> dep_spans_;  // where each dependency is read
};

}  // namespace bao
