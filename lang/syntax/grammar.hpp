// The Bao grammar as PEGTL rules, and nothing else: no actions, no state.
// Every token rule swallows the blanks and comments after it. `if_must` marks
// the points after which a declaration is committed; errors.hpp gives each
// rule under a `must` its message.
#pragma once

#include <tao/pegtl.hpp>

namespace bao::grammar {

namespace pg = tao::pegtl;
using pg::at, pg::eof, pg::if_must, pg::list, pg::not_at, pg::one, pg::opt, pg::plus, pg::rep,
    pg::seq, pg::sor, pg::star, pg::until;

// ---- blanks and comments ----
struct comment : seq<one<'#'>, until<pg::eolf>> {};
struct blank : sor<pg::ascii::space, comment> {};
struct sep : star<blank> {};

// ---- identifiers (Unicode letters, CJK included) ----
// Latin-1 without × (U+00D7) and ÷ (U+00F7), which are operators' signs, not
// letters; Roman numerals Ⅰ Ⅱ Ⅲ (U+2160–2188) and full-width Latin letters
// (UAX #31 XID_Start); full-width digits continue a name (XID_Continue).
struct ident_first
    : sor<pg::ascii::ranges<'a', 'z', 'A', 'Z', '_'>,
          pg::utf8::ranges<0x00C0, 0x00D6, 0x00D8, 0x00F6, 0x00F8, 0x024F, 0x0370, 0x03FF, 0x0400,
                           0x04FF, 0x2160, 0x2188, 0x3040, 0x30FF, 0x3400, 0x4DBF, 0x4E00, 0x9FFF,
                           0xF900, 0xFAFF, 0xAC00, 0xD7AF, 0xFF21, 0xFF3A, 0xFF41, 0xFF5A, 0x20000,
                           0x2FFFF>> {};
struct ident_other : sor<ident_first, pg::ascii::digit, pg::utf8::range<0xFF10, 0xFF19>> {};
template <typename Str>
struct word : seq<Str, not_at<ident_other>> {};

#define BAO_KW(name) \
  struct kw_##name : seq<word<TAO_PEGTL_STRING(#name)>, sep> {};
BAO_KW(policy)
BAO_KW(extends)
BAO_KW(effective)
BAO_KW(rounding)
BAO_KW(use)
BAO_KW(as)
BAO_KW(of)
BAO_KW(in)
BAO_KW(enum)
BAO_KW(record)
BAO_KW(input)
BAO_KW(param)
BAO_KW(from)
BAO_KW(until)
BAO_KW(table)
BAO_KW(by)
BAO_KW(columns)
BAO_KW(ineligible)
BAO_KW(rule)
BAO_KW(output)
BAO_KW(fn)
BAO_KW(schedule)
BAO_KW(on)
BAO_KW(cumulative)
BAO_KW(excess)
BAO_KW(up)
BAO_KW(to)
BAO_KW(above)
BAO_KW(test)
BAO_KW(given)
BAO_KW(expect)
BAO_KW(if)
BAO_KW(then)
BAO_KW(else)
BAO_KW(match)
BAO_KW(let)
BAO_KW(and)
BAO_KW(or)
BAO_KW(not )
BAO_KW(true)
BAO_KW(false)
BAO_KW(none)
BAO_KW(list)
BAO_KW(override)
BAO_KW(source)
BAO_KW(bound)
BAO_KW(require)
BAO_KW(guide)
BAO_KW(scan)
#undef BAO_KW

struct keyword
    : seq<sor<TAO_PEGTL_STRING("policy"), TAO_PEGTL_STRING("extends"),
              TAO_PEGTL_STRING("effective"), TAO_PEGTL_STRING("rounding"), TAO_PEGTL_STRING("use"),
              TAO_PEGTL_STRING("as"), TAO_PEGTL_STRING("enum"), TAO_PEGTL_STRING("record"),
              TAO_PEGTL_STRING("input"), TAO_PEGTL_STRING("param"), TAO_PEGTL_STRING("from"),
              TAO_PEGTL_STRING("until"), TAO_PEGTL_STRING("table"), TAO_PEGTL_STRING("by"),
              TAO_PEGTL_STRING("columns"), TAO_PEGTL_STRING("ineligible"), TAO_PEGTL_STRING("rule"),
              TAO_PEGTL_STRING("output"), TAO_PEGTL_STRING("fn"), TAO_PEGTL_STRING("schedule"),
              TAO_PEGTL_STRING("test"), TAO_PEGTL_STRING("given"), TAO_PEGTL_STRING("expect"),
              TAO_PEGTL_STRING("if"), TAO_PEGTL_STRING("then"), TAO_PEGTL_STRING("else"),
              TAO_PEGTL_STRING("match"), TAO_PEGTL_STRING("let"), TAO_PEGTL_STRING("and"),
              TAO_PEGTL_STRING("or"), TAO_PEGTL_STRING("not"), TAO_PEGTL_STRING("true"),
              TAO_PEGTL_STRING("false"), TAO_PEGTL_STRING("none"), TAO_PEGTL_STRING("override"),
              TAO_PEGTL_STRING("source"), TAO_PEGTL_STRING("bound"), TAO_PEGTL_STRING("guide"),
              TAO_PEGTL_STRING("scan"), TAO_PEGTL_STRING("in"), TAO_PEGTL_STRING("require")>,
          not_at<ident_other>> {};

struct name : seq<not_at<keyword>, ident_first, star<ident_other>> {};
struct ident : seq<name, sep> {};
// After the first part, keywords are fine: `cn.demo.rounding` names no keyword.
struct any_word : seq<ident_first, star<ident_other>> {};
struct dotted : seq<name, star<one<'.'>, any_word>> {};
struct qualified_name : seq<dotted, sep> {};

// ---- punctuation ----
template <char C>
struct sym : seq<one<C>, sep> {};
struct colon : sym<':'> {};
struct comma : sym<','> {};
struct lbrace : sym<'{'> {};
struct rbrace : sym<'}'> {};
struct lparen : sym<'('> {};
struct rparen : sym<')'> {};
struct lbracket : sym<'['> {};
struct rbracket : sym<']'> {};
struct bar : sym<'|'> {};
struct question : sym<'?'> {};
struct equals : seq<one<'='>, not_at<one<'=', '>'>>, sep> {};
struct arrow : seq<TAO_PEGTL_STRING("=>"), sep> {};

// ---- literals ----
struct digits : plus<pg::ascii::digit> {};
struct number : seq<digits, opt<one<'.'>, digits>> {};
struct date_text : seq<rep<4, pg::ascii::digit>, one<'-'>, rep<2, pg::ascii::digit>, one<'-'>,
                       rep<2, pg::ascii::digit>, not_at<ident_other>> {};
struct date_lit : seq<date_text, sep> {};
struct yuan_unit : sor<word<TAO_PEGTL_STRING("yuan")>, pg::utf8::string<0x5143>> {};
struct money_lit : seq<number, star<pg::ascii::blank>, yuan_unit, sep> {};
struct rate_lit : seq<number, one<'%'>, sep> {};
struct duration_unit : sor<word<TAO_PEGTL_STRING("days")>, word<TAO_PEGTL_STRING("day")>,
                           word<TAO_PEGTL_STRING("months")>, word<TAO_PEGTL_STRING("month")>,
                           word<TAO_PEGTL_STRING("years")>, word<TAO_PEGTL_STRING("year")>> {};
struct duration_lit : seq<digits, star<pg::ascii::blank>, duration_unit, sep> {};
struct number_lit : seq<number, not_at<ident_other>, sep> {};
struct escape : seq<one<'\\'>, one<'"', '\\', 'n', 't'>> {};
struct text_char : sor<escape, pg::not_one<'"', '\\', '\n', '\r'>> {};
struct text_body : until<one<'"'>, text_char> {};
struct text_lit : seq<if_must<one<'"'>, text_body>, sep> {};
struct true_lit : kw_true {};
struct false_lit : kw_false {};
struct none_lit : kw_none {};
struct literal : sor<date_lit, money_lit, rate_lit, duration_lit, number_lit, text_lit, true_lit,
                     false_lit, none_lit> {};
struct label : text_lit {};

// ---- types ----
struct type;
struct list_type : if_must<kw_list, kw_of, type> {};
struct named_type : qualified_name {};
struct type : seq<sor<list_type, named_type>, opt<question>> {};

// ---- expressions ----
// Bounds the recursion of the rules it wraps, so a hostile file cannot exhaust
// the stack; parse() sets the limit for the thread it runs on.
inline thread_local std::size_t max_nesting = 128;
inline constexpr const char* kNestingMessage = "expressions are nested too deeply";
template <typename R>
struct nested {
  using rule_t = nested;
  using subs_t = pg::type_list<R>;
  template <pg::apply_mode A, pg::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    if (in.private_depth >= max_nesting) throw pg::parse_error(kNestingMessage, in);
    struct Guard {
      std::size_t& depth;
      ~Guard() { --depth; }
    } guard{++in.private_depth};
    return Control<R>::template match<A, M, Action, Control>(in, st...);
  }
};
struct expr;
struct paren_expr : if_must<lparen, expr, rparen> {};
// `from` is a keyword, but also the label of a schedule's threshold.
struct arg_label : sor<name, word<TAO_PEGTL_STRING("from")>> {};
struct labeled_arg : seq<arg_label, sep, colon, expr> {};
struct lambda_params : sor<seq<lparen, list<ident, comma>, rparen>, ident> {};
struct lambda : seq<lambda_params, arrow, expr> {};
struct call_arg : sor<labeled_arg, lambda, expr> {};
struct call_arg_list : opt<list<call_arg, comma>> {};
struct call_args : if_must<lparen, call_arg_list, rparen> {};
// A call's name touches its parenthesis: `min(a, b)`, `c.remainder(x)`.
struct call : seq<dotted, at<one<'('>>, call_args> {};
struct field_init : seq<ident, colon, expr> {};
struct field_inits : opt<list<field_init, comma>, opt<comma>> {};
struct record_lit : if_must<lbrace, field_inits, rbrace> {};
struct list_items : opt<list<expr, comma>, opt<comma>> {};
struct list_lit : if_must<lbracket, list_items, rbracket> {};
struct name_ref : ident {};
struct primary : sor<paren_expr, record_lit, list_lit, literal, call, name_ref> {};
struct field_suffix : seq<one<'.'>, sep, ident> {};
struct postfix_expr : seq<primary, star<field_suffix>> {};
struct op_neg : sym<'-'> {};
struct unary_expr;
struct neg_expr : seq<op_neg, nested<unary_expr>> {};
struct unary_expr : sor<neg_expr, postfix_expr> {};
struct op_mul : sym<'*'> {};
struct op_div : sym<'/'> {};
// After an operator the right operand is required: `a +` at a line's end is an error there.
struct mul_expr : seq<unary_expr, star<if_must<sor<op_mul, op_div>, unary_expr>>> {};
struct op_add : sym<'+'> {};
struct op_sub : seq<one<'-'>, sep> {};
struct add_expr : seq<mul_expr, star<if_must<sor<op_add, op_sub>, mul_expr>>> {};
struct op_eq : seq<TAO_PEGTL_STRING("=="), sep> {};
struct op_ne : seq<TAO_PEGTL_STRING("!="), sep> {};
struct op_le : seq<TAO_PEGTL_STRING("<="), sep> {};
struct op_ge : seq<TAO_PEGTL_STRING(">="), sep> {};
struct op_lt : sym<'<'> {};
struct op_gt : sym<'>'> {};
struct cmp_op : sor<op_eq, op_ne, op_le, op_ge, op_lt, op_gt> {};
// `0 yuan < x < 100 yuan` does not chain: say so where the second operator stands.
struct no_chain : not_at<cmp_op> {};
// `x in [a, b]`, `x not in xs`: membership, at the level of a comparison.
struct op_in : kw_in {};
struct op_not_in : seq<kw_not, kw_in> {};
struct cmp_expr : seq<add_expr, opt<sor<if_must<cmp_op, add_expr, no_chain>,
                                        if_must<sor<op_in, op_not_in>, add_expr, no_chain>>>> {};
struct not_expr;
struct op_not : kw_not {};
struct not_prefix : seq<op_not, nested<not_expr>> {};
struct not_expr : sor<not_prefix, cmp_expr> {};
struct op_and : kw_and {};
struct and_expr : seq<not_expr, star<if_must<op_and, not_expr>>> {};
struct op_or : kw_or {};
struct or_expr : seq<and_expr, star<if_must<op_or, and_expr>>> {};

struct if_expr : if_must<kw_if, expr, kw_then, expr, kw_else, expr> {};
struct pattern : seq<dotted, sep> {};
struct patterns : list<pattern, bar> {};
struct else_key : kw_else {};
struct arm_keys : sor<else_key, patterns> {};
struct match_arm : seq<arm_keys, colon, expr, opt<comma>> {};
struct match_arms : star<match_arm> {};
struct match_expr : if_must<kw_match, expr, lbrace, match_arms, rbrace> {};
struct let_expr : if_must<kw_let, ident, equals, expr, expr> {};
// `scan claims by date from start as (ytd, c) => next`: a fold that keeps
// every intermediate state.
struct scan_by : if_must<kw_by, ident> {};
struct scan_by_opt : opt<scan_by> {};
struct scan_lambda : seq<lambda_params, arrow, expr> {};
struct scan_expr : if_must<kw_scan, or_expr, scan_by_opt, kw_from, or_expr, kw_as, scan_lambda> {};
struct expr : nested<sor<if_expr, match_expr, let_expr, scan_expr, or_expr>> {};

// ---- declarations ----
struct decl_label : opt<label> {};
// Provenance: the document, article or address a declaration encodes.
struct source_clause : if_must<kw_source, text_lit> {};
struct decl_source : opt<source_clause> {};
struct use_alias : if_must<kw_as, ident> {};
struct use_alias_opt : opt<use_alias> {};
struct use_decl : if_must<kw_use, qualified_name, use_alias_opt> {};
struct variant : seq<ident, decl_label, opt<comma>> {};
struct variants : star<variant> {};
struct enum_decl : if_must<kw_enum, ident, decl_label, decl_source, lbrace, variants, rbrace> {};
struct field_decl : seq<ident, decl_label, colon, type, opt<comma>> {};
struct field_decls : star<field_decl> {};
struct record_decl
    : if_must<kw_record, ident, decl_label, decl_source, lbrace, field_decls, rbrace> {};
struct input_decl : if_must<kw_input, ident, decl_label, decl_source, colon, type> {};
struct until_date : if_must<kw_until, date_lit> {};
struct until_opt : opt<until_date> {};
struct dated_value : if_must<kw_from, date_lit, until_opt, equals, expr> {};
struct param_value : sor<seq<equals, expr>, plus<dated_value>> {};
struct param_decl : if_must<kw_param, ident, decl_label, decl_source, colon, type, param_value> {};
struct column : seq<ident, decl_label, colon, type> {};
struct column_list : list<column, comma> {};
struct columns : if_must<kw_columns, column_list> {};
struct ineligible : kw_ineligible {};
struct row_cells : sor<ineligible, list<expr, comma>> {};
struct table_row : seq<arm_keys, colon, row_cells> {};
struct table_rows : star<table_row> {};
struct table_decl : if_must<kw_table, ident, decl_label, decl_source, kw_by, expr, lbrace, columns,
                            table_rows, rbrace> {};
struct rule_kw : sor<kw_rule, kw_output> {};
struct rule_decl : if_must<rule_kw, ident, decl_label, decl_source, colon, type, equals, expr> {};
struct fn_param : seq<ident, colon, type> {};
struct fn_param_list : opt<list<fn_param, comma>> {};
struct fn_params : if_must<lparen, fn_param_list, rparen> {};
struct fn_decl : if_must<kw_fn, ident, fn_params, colon, type, equals, expr> {};
struct band_upto : if_must<kw_up, kw_to, add_expr> {};
struct band_above_bound : opt<add_expr> {};
struct band_above : if_must<kw_above, band_above_bound> {};
struct band_range : seq<add_expr, kw_to, add_expr> {};
struct band : seq<sor<band_upto, band_above, band_range>, colon, expr> {};
struct bands : plus<band> {};
struct band_base : sor<kw_cumulative, kw_excess> {};
struct schedule_decl : if_must<kw_schedule, ident, decl_label, decl_source, kw_on, band_base,
                               lbrace, bands, rbrace> {};
struct test_given : if_must<kw_given, ident, equals, expr> {};
// `expect error E0903`: evaluating the policy's outputs fails with that code.
struct diag_code : seq<one<'E', 'W'>, rep<4, pg::ascii::digit>> {};
struct expect_error : seq<word<TAO_PEGTL_STRING("error")>, sep, diag_code, sep> {};
// `expect row terms: dibao`: the row of table `terms` that applies holds `dibao`.
struct expect_row : seq<word<TAO_PEGTL_STRING("row")>, sep, ident, colon, pattern> {};
struct expect_body : sor<expect_error, expect_row, expr> {};
struct test_expect : if_must<kw_expect, expect_body> {};
struct test_body : star<sor<test_given, test_expect>> {};
struct test_decl : if_must<kw_test, label, lbrace, test_body, rbrace> {};
// A bound from a parent on what its children may set: `bound` is an error
// when broken, `guide` a warning.
struct bound_kw : sor<kw_bound, kw_guide> {};
struct bound_decl : if_must<bound_kw, ident, decl_label, decl_source, colon, expr> {};
// `require name "label": cond else "message"`: a case for which cond is
// false is refused (E0911) with the message.
struct require_message : text_lit {};
struct require_else : kw_else {};
struct require_decl : if_must<kw_require, ident, decl_label, decl_source, colon, expr, require_else,
                              require_message> {};
// `override terms.dibao: 0 yuan, 80%` replaces one row of an inherited table
// (`override terms.dibao | tekun: …` one row for several variants).
struct row_key : seq<name, sep> {};
struct row_target : seq<name, one<'.'>, list<row_key, bar>> {};
struct row_override : seq<row_target, colon, row_cells, decl_source> {};
struct overridable : sor<param_decl, table_decl, rule_decl, schedule_decl, row_override> {};
struct override_decl : if_must<kw_override, overridable> {};
struct declaration
    : sor<use_decl, enum_decl, record_decl, input_decl, param_decl, table_decl, rule_decl, fn_decl,
          schedule_decl, test_decl, bound_decl, require_decl, override_decl> {};

struct extends_clause : if_must<kw_extends, qualified_name> {};
struct effective_clause : if_must<kw_effective, date_lit> {};
struct rounding_clause : if_must<kw_rounding, ident> {};
struct as_of_clause : if_must<kw_as, kw_of, expr> {};
struct header_clause
    : sor<extends_clause, effective_clause, rounding_clause, as_of_clause, source_clause> {};
struct header_clauses : star<header_clause> {};
struct policy_header : if_must<kw_policy, qualified_name, decl_label, header_clauses> {};

// What the parser matches at the top of a file and then once per declaration;
// it resumes at the next declaration keyword after an error (parse.cpp).
struct file_start : seq<opt<pg::utf8::bom>, sep, opt<policy_header>> {};
struct one_declaration : pg::must<declaration> {};
struct end_of_file : eof {};

}  // namespace bao::grammar
