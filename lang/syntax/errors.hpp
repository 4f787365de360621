// The message for every rule that the grammar places under a `must`. A rule
// without one fails to compile (a static_assert in `control`), so no syntax
// error can surface as a raw grammar rule name.
#pragma once

#include "lang/syntax/grammar.hpp"

namespace bao::grammar {

template <typename Rule>
inline constexpr const char* message = nullptr;

#define BAO_MSG(rule, text) \
  template <>               \
  inline constexpr const char* message<rule> = text;

BAO_MSG(text_body, "unterminated text: add the closing `\"` on the same line")
BAO_MSG(kw_of, "expected `of`")
BAO_MSG(no_chain, "comparisons do not chain: write `a < x and x < b`")
BAO_MSG(type, "expected a type such as `money`, `rate`, `date` or a declared enum or record")
BAO_MSG(expr, "expected an expression")
BAO_MSG(add_expr, "expected a value")
BAO_MSG(mul_expr, "expected a value after the operator")
BAO_MSG(unary_expr, "expected a value after the operator")
BAO_MSG(not_expr, "expected a condition")
BAO_MSG(and_expr, "expected a condition")
BAO_MSG(rparen, "expected `)`")
BAO_MSG(rbrace, "expected `}`")
BAO_MSG(rbracket, "expected `]`")
BAO_MSG(lbrace, "expected `{`")
BAO_MSG(call_arg_list, "expected arguments")
BAO_MSG(field_inits, "expected `field: value` pairs")
BAO_MSG(list_items, "expected list items")
BAO_MSG(kw_then, "expected `then` after the condition")
BAO_MSG(kw_else, "expected `else`: an `if` needs both branches")
BAO_MSG(match_arms, "expected match arms")
BAO_MSG(ident, "expected a name")
BAO_MSG(equals, "expected `=`")
BAO_MSG(qualified_name, "expected a dotted name such as `cn.common`")
BAO_MSG(use_alias_opt, "expected an alias")
BAO_MSG(decl_label, "expected a label in quotes")
BAO_MSG(label, "expected a name in quotes")
BAO_MSG(variants, "expected enum variants")
BAO_MSG(field_decls, "expected record fields")
BAO_MSG(colon, "expected `:` and a type")
BAO_MSG(date_lit, "expected a date such as `2025-01-01`")
BAO_MSG(until_opt, "expected `until` and a date")
BAO_MSG(param_value, "expected `= value` or one or more `from DATE = value` lines")
BAO_MSG(column_list, "expected columns such as `threshold: money, ratio: rate`")
BAO_MSG(columns, "expected `columns` and the table's column names and types")
BAO_MSG(table_rows, "expected table rows")
BAO_MSG(kw_by, "expected `by` and the value that selects a row")
BAO_MSG(fn_param_list, "expected parameters")
BAO_MSG(fn_params, "expected `(` and the function's parameters")
BAO_MSG(kw_to, "expected `to`")
BAO_MSG(band_above_bound, "expected a bound")
BAO_MSG(kw_on, "expected `on cumulative` or `on excess`")
BAO_MSG(band_base, "expected `cumulative` or `excess`")
BAO_MSG(bands, "expected bands such as `up to 50000 yuan: 60%`")
BAO_MSG(test_body, "expected `given` and `expect` lines")
BAO_MSG(header_clauses, "expected policy clauses")
BAO_MSG(declaration,
        "expected a declaration: `use`, `enum`, `record`, `input`, `param`, `table`, `rule`, "
        "`output`, `fn`, `schedule`, `test`, `bound`, `guide`, `require` or `override`")
BAO_MSG(or_expr, "expected a value")
BAO_MSG(expect_body, "expected a condition, `error E0903` or `row TABLE: variant` after `expect`")
BAO_MSG(scan_by_opt, "expected `by` and a field of the items")
BAO_MSG(kw_from, "expected `from` and the starting state")
BAO_MSG(kw_as, "expected `as (state, item) => next`")
BAO_MSG(scan_lambda, "expected `(state, item) => next`")
BAO_MSG(decl_source, "expected `source \"document, article\"`")
BAO_MSG(text_lit, "expected text in quotes")
BAO_MSG(require_else, "expected `else \"message\"`: a requirement says why it refuses a case")
BAO_MSG(require_message, "expected the message in quotes, such as `else \"…不得大于…\"`")
BAO_MSG(overridable,
        "expected what to override: `param`, `table`, `rule`, `output`, `schedule` or a row "
        "`table.variant: cells`")
#undef BAO_MSG

// PEGTL calls `raise` only where a `must` fails; plain failures backtrack.
template <typename Rule>
struct control : tao::pegtl::normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&... /*unused*/) {
    static_assert(message<Rule> != nullptr, "every rule under a `must` needs a message");
    throw tao::pegtl::parse_error(message<Rule>, in);
  }
};

}  // namespace bao::grammar
