// Turns PEGTL parse trees (one per header or declaration) into Module nodes.
// The selector names the grammar rules that become tree nodes; everything
// else is transparent.
#pragma once

#include <string_view>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "lang/diag/diagnostic.hpp"
#include "lang/syntax/ast.hpp"
#include "lang/syntax/grammar.hpp"

namespace bao {

namespace ast_select {
namespace g = grammar;
namespace pt = tao::pegtl::parse_tree;
template <typename Rule>
using type = pt::selector<
    Rule,
    pt::store_content::on<
        // tokens
        g::name, g::any_word, g::number, g::digits, g::date_text, g::text_body, g::duration_unit,
        g::true_lit, g::false_lit, g::none_lit, g::question, g::op_mul, g::op_div, g::op_add,
        g::op_sub, g::op_eq, g::op_ne, g::op_le, g::op_ge, g::op_lt, g::op_gt, g::op_and, g::op_or,
        g::op_in, g::op_not_in, g::else_key, g::ineligible, g::kw_cumulative, g::kw_excess,
        g::kw_rule, g::kw_output,
        // literals and types
        g::date_lit, g::money_lit, g::rate_lit, g::duration_lit, g::number_lit, g::text_lit,
        g::label, g::list_type, g::named_type, g::type,
        // expressions
        g::call, g::arg_label, g::labeled_arg, g::lambda, g::record_lit, g::field_init, g::list_lit,
        g::name_ref, g::field_suffix, g::neg_expr, g::not_prefix, g::if_expr, g::match_expr,
        g::match_arm, g::pattern, g::let_expr,
        // declarations
        g::use_decl, g::use_alias, g::enum_decl, g::variant, g::record_decl, g::field_decl,
        g::input_decl, g::param_decl, g::dated_value, g::until_date, g::table_decl, g::column,
        g::table_row, g::rule_decl, g::fn_decl, g::fn_param, g::schedule_decl, g::band,
        g::band_upto, g::band_above, g::band_range, g::test_decl, g::test_given, g::test_expect,
        g::policy_header, g::extends_clause, g::effective_clause, g::rounding_clause,
        g::as_of_clause, g::source_clause, g::scan_expr, g::scan_by, g::scan_lambda, g::bound_decl,
        g::require_decl, g::require_message, g::kw_guide, g::override_decl, g::row_override,
        g::row_target, g::row_key, g::expect_error, g::diag_code, g::expect_row>,
    pt::fold_one::on<g::postfix_expr, g::mul_expr, g::add_expr, g::cmp_expr, g::and_expr,
                     g::or_expr>>;
}  // namespace ast_select

template <typename Rule>
struct ast_selector : ast_select::type<Rule> {};

// A parse-tree node whose memory comes from a free list of this thread's: a
// parse makes and drops a node for nearly every rule it tries, and malloc
// and free were most of the cost of parsing.
struct ParseNode : tao::pegtl::parse_tree::basic_node<ParseNode> {
  static void* operator new(size_t size);
  static void operator delete(void* p, size_t size) noexcept;
};

class AstBuilder {
 public:
  using Node = ParseNode;
  AstBuilder(Module& module, std::string_view text, DiagSink& diags, size_t max_depth)
      : m_(module), text_(text), diags_(diags), max_depth_(max_depth) {}
  void header(const Node& root);
  void declaration(const Node& root);

 private:
  Span span(const Node& n) const;
  Ident ident(const Node& n) const;  // n is a `name` node
  std::string label_of(const Node& n) const;
  std::string source_of(const Node& n) const;
  // A dotted name from consecutive `name`/`any_word` children, from `i` on;
  // advances `i` past it.
  Ident dotted(const Node& parent, size_t& i) const;
  std::string unescape(const Node& text_body) const;
  TypeId type(const Node& n);
  ExprId expr(const Node& n);
  ExprId add(Span s, decltype(ExprNode::kind) kind, size_t depth);
  ExprId fold_chain(const Node& n);
  Pattern pattern(const Node& n) const;
  std::vector<Ident> names(const Node& parent, size_t from = 0) const;
  void table(const Node& n, DeclNode& d);
  void schedule(const Node& n, DeclNode& d);

  Module& m_;
  std::string_view text_;
  DiagSink& diags_;
  size_t max_depth_;
  std::vector<uint32_t>& depth_ = m_.expr_height;  // per ExprId: height of its subtree
  bool too_deep_reported_ = false;
};

}  // namespace bao
