/* c/misuse: every wrong use of the C ABI answers with its documented status
 * (and, for a refused value, the code and path), never a crash or an amount.
 * Run from the repository root. */
#include <stdio.h>
#include <string.h>

#include "bao.h"

#define S(lit) lit, sizeof(lit) - 1

static int passed, failed;

#define CHECK(cond)                                                     \
  do {                                                                  \
    if (cond) {                                                         \
      ++passed;                                                         \
    } else {                                                            \
      ++failed;                                                         \
      fprintf(stderr, "%s:%d: FAILED %s\n", __FILE__, __LINE__, #cond); \
    }                                                                   \
  } while (0)

#define CHECK_ST(expr, want)                                                            \
  do {                                                                                  \
    int got_ = (expr);                                                                  \
    if (got_ == (want)) {                                                               \
      ++passed;                                                                         \
    } else {                                                                            \
      ++failed;                                                                         \
      fprintf(stderr, "%s:%d: FAILED %s: %s, expected %s\n", __FILE__, __LINE__, #expr, \
              bao_status_name(got_), bao_status_name(want));                            \
    }                                                                                   \
  } while (0)

static int str_is(bao_str s, const char* want) {
  return s.data && s.len == strlen(want) && memcmp(s.data, want, s.len) == 0;
}

/* The last setter error of `in` has this code and path. */
static int error_is(const bao_inputs* in, const char* code, const char* path) {
  bao_diagnostic d;
  if (bao_inputs_error(in, &d) != BAO_OK) return 0;
  if (!str_is(d.code, code) || !str_is(d.path, path)) {
    fprintf(stderr, "  got %s at `%s`: %s\n", d.code.data, d.path.data, d.message.data);
    return 0;
  }
  return d.message.len > 0;
}

static const char kOther[] =
    "policy t.other \"other\"\n  rounding half_up\ninput amount: money\ninput ratio: rate\n"
    "output twice: money = amount * 2\noutput share: money = amount * ratio\n";

static void null_handles(void) {
  bao_policy* p = (bao_policy*)1;
  bao_inputs* in = (bao_inputs*)1;
  bao_session* s = (bao_session*)1;
  bao_result* r = (bao_result*)1;
  bao_str str;
  bao_diagnostic d;
  bao_input_handle h;
  int64_t fen = 7;
  CHECK_ST(bao_policy_from_file(NULL, 3, NULL, 0, &p), BAO_ERR_NULL);
  CHECK(p == NULL); /* *out is cleared on every failure */
  CHECK_ST(bao_policy_from_file(S("x.bao"), NULL, 2, &p), BAO_ERR_NULL);
  CHECK_ST(bao_policy_from_file(S("x.bao"), NULL, 0, NULL), BAO_ERR_NULL);
  CHECK_ST(bao_policy_from_loader(S("a/b.bao"), NULL, NULL, NULL, &p), BAO_ERR_NULL);
  CHECK_ST(bao_inputs_new(NULL, &in), BAO_ERR_NULL);
  CHECK(in == NULL);
  CHECK_ST(bao_session_new(NULL, &s), BAO_ERR_NULL);
  CHECK(s == NULL);
  CHECK_ST(bao_policy_evaluate_json(NULL, S("{}"), NULL, &r), BAO_ERR_NULL);
  CHECK(r == NULL);
  CHECK(bao_policy_ok(NULL) == 0);
  CHECK(bao_policy_diagnostic_count(NULL) == 0);
  CHECK(bao_policy_input_count(NULL) == 0 && bao_policy_output_count(NULL) == 0);
  CHECK_ST(bao_policy_name(NULL, &str), BAO_ERR_NULL);
  CHECK_ST(bao_policy_diagnostic(NULL, 0, &d), BAO_ERR_NULL);
  CHECK_ST(bao_policy_render(NULL, BAO_FORMAT_TEXT, &str), BAO_ERR_NULL);
  CHECK_ST(bao_policy_input(NULL, S("claim"), &h), BAO_ERR_NULL);
  CHECK_ST(bao_inputs_set_money_fen(NULL, S("claim.in_scope"), 100), BAO_ERR_NULL);
  CHECK_ST(bao_inputs_h_set_money_fen(NULL, &h, 100), BAO_ERR_NULL);
  CHECK_ST(bao_inputs_set_json(NULL, S("{}")), BAO_ERR_NULL);
  CHECK_ST(bao_inputs_error(NULL, &d), BAO_ERR_NULL);
  CHECK_ST(bao_session_evaluate(NULL, NULL, NULL), BAO_ERR_NULL);
  CHECK_ST(bao_session_output_fen(NULL, NULL, &fen), BAO_ERR_NULL);
  CHECK(fen == 7);
  CHECK_ST(bao_session_result(NULL, &r), BAO_ERR_NULL);
  CHECK(bao_result_ok(NULL) == 0);
  CHECK_ST(bao_result_status(NULL), BAO_ERR_NULL);
  CHECK_ST(bao_result_json(NULL, &str), BAO_ERR_NULL);
  CHECK_ST(bao_result_output_fen(NULL, S("paid"), &fen), BAO_ERR_NULL);
  CHECK(bao_input_handle_kind(NULL) == BAO_KIND_NONE);
  CHECK(strcmp(bao_status_name(12345), "BAO_UNKNOWN") == 0);
  CHECK(strcmp(bao_status_name(BAO_ERR_MISUSE), "BAO_ERR_MISUSE") == 0);
  bao_policy_free(NULL);
  bao_inputs_free(NULL);
  bao_session_free(NULL);
  bao_result_free(NULL);
}

static void wrong_values(const bao_policy* p) {
  bao_inputs* in = NULL;
  bao_input_handle visit;
  bao_diagnostic d;
  CHECK_ST(bao_inputs_new(p, &in), BAO_OK);
  CHECK_ST(bao_inputs_error(in, &d), BAO_ERR_NOT_FOUND); /* no call yet */
  /* Wrong types. */
  CHECK_ST(bao_inputs_set_money_fen(in, S("claim.visit"), 100), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0802", "claim.visit"));
  CHECK_ST(bao_inputs_set_decimal(in, S("claim.in_scope"), S("0.5")), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0802", "claim.in_scope"));
  CHECK_ST(bao_inputs_set_bool(in, S("claim"), 1), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0802", "claim"));
  CHECK_ST(bao_policy_input(p, S("claim.visit"), &visit), BAO_OK);
  CHECK(bao_input_handle_kind(&visit) == BAO_KIND_ENUM);
  CHECK_ST(bao_inputs_h_set_date(in, &visit, S("2024-06-18")), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0802", "claim.visit"));
  CHECK_ST(bao_inputs_h_set_enum(in, &visit, S("Inpatient")), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0804", "claim.visit"));
  /* Unknown paths. */
  CHECK_ST(bao_inputs_set_money_fen(in, S("claim.in_scop"), 100), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0807", "claim.in_scop"));
  CHECK_ST(bao_policy_input(p, S("claim.in_scop"), &visit), BAO_ERR_NOT_FOUND);
  CHECK(bao_input_handle_kind(&visit) == BAO_KIND_NONE); /* zeroed */
  /* Negative money, in fen and as text; too many decimals; not a number. */
  CHECK_ST(bao_inputs_set_money_fen(in, S("claim.in_scope"), -1), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0808", "claim.in_scope"));
  CHECK_ST(bao_inputs_set_money(in, S("ytd.paid"), S("-5.00")), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0808", "ytd.paid"));
  CHECK_ST(bao_inputs_set_money(in, S("ytd.paid"), S("12.345")), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0803", "ytd.paid"));
  CHECK_ST(bao_inputs_set_money(in, S("ytd.paid"), S("12,00")), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0802", "ytd.paid"));
  CHECK_ST(bao_inputs_set_money(in, S("ytd.paid"), S("1e30")), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0808", "ytd.paid"));
  /* Impossible dates, by text and by y/m/d; a NUL in a text. */
  CHECK_ST(bao_inputs_set_date(in, S("claim.date"), S("2024-02-30")), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0805", "claim.date"));
  CHECK_ST(bao_inputs_set_date_ymd(in, S("claim.date"), 2024, 13, 1), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0805", "claim.date"));
  CHECK_ST(bao_inputs_set_enum(in, S("claim.visit"), "in\0patient", 10), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0804", "claim.visit") || error_is(in, "E0802", "claim.visit"));
  /* A NULL string with a length. */
  CHECK_ST(bao_inputs_set_money(in, S("ytd.paid"), NULL, 4), BAO_ERR_NULL);
  CHECK_ST(bao_inputs_set_money_fen(in, NULL, 5, 1), BAO_ERR_NULL);
  /* A good call clears the error. */
  CHECK_ST(bao_inputs_set_money(in, S("ytd.paid"), S("12.30")), BAO_OK);
  CHECK_ST(bao_inputs_error(in, &d), BAO_ERR_NOT_FOUND);
  /* Bad JSON: the first error with its JSON path. */
  CHECK_ST(bao_inputs_set_json(in, S("{\"claim\": 3}")), BAO_ERR_INPUT);
  CHECK_ST(bao_inputs_error(in, &d), BAO_OK);
  CHECK(d.code.len == 5 && d.code.data[0] == 'E');
  bao_inputs_free(in);
}

/* Refused and missing values make the evaluation refuse the case, naming the path. */
static void refused_case(const bao_policy* p) {
  bao_inputs* in = NULL;
  bao_session* s = NULL;
  bao_result* r = NULL;
  bao_diagnostic d;
  bao_output_handle paid;
  int64_t fen = 42;
  bao_inputs_new(p, &in);
  bao_session_new(p, &s);
  CHECK_ST(bao_policy_output(p, S("paid"), &paid), BAO_OK);
  /* Result before evaluate: an error result, never outputs. */
  CHECK_ST(bao_session_result(s, &r), BAO_ERR_MISUSE);
  CHECK(r != NULL && !bao_result_ok(r) && bao_result_output_count(r) == 0);
  CHECK(bao_result_error(r, &d) == BAO_OK && str_is(d.code, "E0850"));
  CHECK_ST(bao_result_output_fen(r, S("paid"), &fen), BAO_ERR_MISUSE);
  CHECK(fen == 42);
  bao_result_free(r);
  CHECK_ST(bao_session_output_fen(s, &paid, &fen), BAO_ERR_MISUSE);
  CHECK(fen == 42);
  /* Every field set but `identities`, a list (no typed setter): E0801. */
  bao_inputs_set_date(in, S("claim.date"), S("2024-06-18"));
  bao_inputs_set_enum(in, S("claim.visit"), S("inpatient"));
  bao_inputs_set_money(in, S("claim.in_scope"), S("52000.00"));
  bao_inputs_set_money(in, S("claim.basic_paid"), S("31200.00"));
  bao_inputs_set_money(in, S("claim.critical_paid"), S("1850.50"));
  bao_inputs_set_money(in, S("ytd.self_pay"), S("15000.00"));
  bao_inputs_set_money(in, S("ytd.paid"), S("12000.00"));
  bao_inputs_set_money(in, S("ytd.outpatient_paid"), S("800.00"));
  CHECK_ST(bao_session_evaluate(s, in, NULL), BAO_ERR_INPUT);
  CHECK_ST(bao_session_output_fen(s, &paid, &fen), BAO_ERR_MISUSE);
  CHECK(fen == 42);
  CHECK_ST(bao_session_result(s, &r), BAO_ERR_INPUT);
  CHECK(bao_result_error(r, &d) == BAO_OK && str_is(d.code, "E0801"));
  CHECK(strstr(d.message.data, "identities") != NULL);
  bao_result_free(r);
  /* A refused value keeps the case refused until the path is set again. */
  CHECK_ST(bao_inputs_set_json(in, S("{\"identities\": [\"dibao\"], \"claim\": {\"date\": "
                                     "\"2024-06-18\", \"visit\": \"inpatient\", \"in_scope\": "
                                     "\"1\", \"basic_paid\": \"0\", \"critical_paid\": \"0\"}, "
                                     "\"ytd\": {\"self_pay\": \"0\", \"paid\": \"0\", "
                                     "\"outpatient_paid\": \"0\"}}")),
           BAO_OK);
  CHECK_ST(bao_session_evaluate(s, in, NULL), BAO_OK);
  CHECK_ST(bao_inputs_set_money_fen(in, S("claim.in_scope"), -100), BAO_ERR_INPUT);
  CHECK_ST(bao_session_evaluate(s, in, NULL), BAO_ERR_INPUT);
  CHECK_ST(bao_session_result(s, &r), BAO_ERR_INPUT);
  CHECK(bao_result_error(r, &d) == BAO_OK && str_is(d.code, "E0801"));
  CHECK(strstr(d.message.data, "claim.in_scope") != NULL);
  bao_result_free(r);
  /* Outputs read wrongly: not money, no such name. */
  CHECK_ST(bao_inputs_set_money_fen(in, S("claim.in_scope"), 100), BAO_OK);
  CHECK_ST(bao_session_evaluate(s, in, NULL), BAO_OK);
  CHECK_ST(bao_session_output_fen(s, &paid, &fen), BAO_OK);
  CHECK(fen == 80); /* 1.00 yuan at the dibao ratio of 80% */
  CHECK_ST(bao_session_result(s, &r), BAO_OK);
  CHECK_ST(bao_result_output_fen(r, S("eligible"), &fen), BAO_ERR_MISUSE);
  CHECK_ST(bao_result_output_fen(r, S("nothing"), &fen), BAO_ERR_MISUSE);
  {
    bao_str v;
    CHECK_ST(bao_result_output(r, S("nothing"), &v), BAO_ERR_NOT_FOUND);
    CHECK_ST(bao_result_output(r, S("paid"), &v), BAO_OK);
    CHECK(str_is(v, "0.80"));
    CHECK_ST(bao_result_render_error(r, 7, &v), BAO_ERR_ARG);
  }
  CHECK(fen == 80);
  bao_result_free(r);
  /* Options out of range. */
  {
    bao_options o = {2024, 13, 1, 0};
    CHECK_ST(bao_session_evaluate(s, in, &o), BAO_ERR_ARG);
    CHECK_ST(bao_options_set_as_of(&o, S("2024-6-18")), BAO_ERR_ARG);
    CHECK(o.as_of_month == 13);
    CHECK_ST(bao_options_set_as_of(&o, S("2024-06-18")), BAO_OK);
    CHECK(o.as_of_year == 2024 && o.as_of_month == 6 && o.as_of_day == 18);
  }
  bao_session_free(s);
  bao_inputs_free(in);
}

/* Handles, inputs and sessions of another policy are refused (E0850). */
static void another_policy(const bao_policy* p) {
  bao_policy* q = NULL;
  bao_inputs *in = NULL, *qin = NULL;
  bao_session* s = NULL;
  bao_input_handle amount, zero;
  bao_output_handle twice;
  bao_diagnostic d;
  int64_t fen = 9;
  memset(&zero, 0, sizeof zero);
  CHECK_ST(bao_policy_from_string(S("other.bao"), S(kOther), NULL, 0, &q), BAO_OK);
  CHECK_ST(bao_policy_input(q, S("amount"), &amount), BAO_OK);
  CHECK_ST(bao_policy_output(q, S("twice"), &twice), BAO_OK);
  bao_inputs_new(p, &in);
  bao_inputs_new(q, &qin);
  bao_session_new(p, &s);
  CHECK_ST(bao_inputs_h_set_money_fen(in, &amount, 100), BAO_ERR_MISUSE);
  CHECK(bao_inputs_error(in, &d) == BAO_OK && str_is(d.code, "E0850"));
  CHECK_ST(bao_inputs_h_set_money(in, &zero, S("1.00")), BAO_ERR_MISUSE);
  CHECK_ST(bao_inputs_set_money_fen(qin, S("amount"), 100), BAO_OK);
  CHECK_ST(bao_session_evaluate(s, qin, NULL), BAO_ERR_MISUSE);
  CHECK_ST(bao_session_output_fen(s, &twice, &fen), BAO_ERR_MISUSE);
  CHECK(fen == 9);
  bao_session_free(s);
  bao_inputs_free(in);
  bao_inputs_free(qin);
  bao_policy_free(q);
}

/* A policy that does not load: diagnostics, and nothing evaluates. */
static void broken_policy(void) {
  bao_policy* q = NULL;
  bao_inputs* in = NULL;
  bao_session* s = NULL;
  bao_result* r = NULL;
  bao_diagnostic d;
  bao_str text;
  bao_input_handle h;
  CHECK_ST(bao_policy_from_string(S("broken.bao"), S("policy t.b \"b\"\noutput x: money = y\n"),
                                  NULL, 0, &q),
           BAO_ERR_LOAD);
  CHECK(q != NULL && !bao_policy_ok(q) && bao_policy_diagnostic_count(q) > 0);
  CHECK_ST(bao_policy_diagnostic(q, 0, &d), BAO_OK);
  CHECK(d.code.len == 5 && d.severity == BAO_SEVERITY_ERROR && d.line == 2);
  CHECK(str_is(d.file, "broken.bao"));
  CHECK_ST(bao_policy_diagnostic(q, 1000, &d), BAO_ERR_NOT_FOUND);
  CHECK_ST(bao_policy_render(q, BAO_FORMAT_JSON, &text), BAO_OK);
  CHECK(text.len > 0 && text.data[text.len] == '\0');
  CHECK_ST(bao_policy_render(q, 3, &text), BAO_ERR_ARG);
  CHECK_ST(bao_policy_input(q, S("x"), &h), BAO_ERR_LOAD);
  CHECK_ST(bao_inputs_new(q, &in), BAO_OK);
  CHECK_ST(bao_inputs_set_money_fen(in, S("x"), 1), BAO_ERR_MISUSE);
  CHECK(bao_inputs_error(in, &d) == BAO_OK && str_is(d.code, "E0850") && str_is(d.path, "x"));
  CHECK_ST(bao_inputs_set_json(in, S("{}")), BAO_ERR_MISUSE);
  CHECK_ST(bao_session_new(q, &s), BAO_OK);
  CHECK_ST(bao_session_evaluate(s, in, NULL), BAO_ERR_LOAD);
  CHECK_ST(bao_policy_evaluate_json(q, S("{}"), NULL, &r), BAO_ERR_LOAD);
  CHECK(r != NULL && !bao_result_ok(r) && bao_result_output_count(r) == 0);
  bao_result_free(r);
  CHECK_ST(bao_policy_run_tests(q, NULL, NULL, NULL), BAO_ERR_LOAD);
  bao_session_free(s);
  bao_inputs_free(in);
  bao_policy_free(q);
  /* A missing file. */
  CHECK_ST(bao_policy_from_file(S("no/such/policy.bao"), NULL, 0, &q), BAO_ERR_LOAD);
  CHECK(bao_policy_diagnostic(q, 0, &d) == BAO_OK && str_is(d.code, "E0005"));
  bao_policy_free(q);
}

static int failing_loader(void* user, const char* rel, size_t len, bao_loaded_file* out) {
  (void)rel;
  (void)len;
  (void)out;
  ++*(int*)user;
  return -7;
}

static int lying_loader(void* user, const char* rel, size_t len, bao_loaded_file* out) {
  (void)rel;
  (void)len;
  (void)user;
  out->text = NULL;
  out->text_len = 10; /* a NULL string with a length */
  return BAO_LOADER_FOUND;
}

static void released(void* user, bao_loaded_file* f) {
  (void)f;
  ++*(int*)user;
}

static void loaders(void) {
  bao_policy* q = NULL;
  bao_diagnostic d;
  int calls = 0;
  CHECK_ST(bao_policy_from_loader(S("t/x.bao"), failing_loader, NULL, &calls, &q), BAO_ERR_LOAD);
  CHECK(calls == 1);
  CHECK(bao_policy_diagnostic(q, 0, &d) == BAO_OK && str_is(d.code, "E0005"));
  CHECK(strstr(d.message.data, "-7") != NULL);
  bao_policy_free(q);
  calls = 0;
  CHECK_ST(bao_policy_from_loader(S("t/x.bao"), lying_loader, released, &calls, &q), BAO_ERR_LOAD);
  CHECK(calls == 1); /* released even when refused */
  CHECK(bao_policy_diagnostic(q, 0, &d) == BAO_OK && str_is(d.code, "E0005"));
  bao_policy_free(q);
}

/* Rates as decimals and percentages, the explanation, and a loader that works. */
static int memory_loader(void* user, const char* rel, size_t len, bao_loaded_file* out) {
  (void)user;
  if (len != 11 || memcmp(rel, "t/other.bao", 11) != 0) return BAO_LOADER_NOT_FOUND;
  out->name = "mem:t/other.bao";
  out->name_len = strlen(out->name);
  out->text = kOther;
  out->text_len = sizeof kOther - 1;
  return BAO_LOADER_FOUND;
}

static void rates_and_loader(void) {
  bao_policy* q = NULL;
  bao_inputs* in = NULL;
  bao_session* s = NULL;
  bao_result* r = NULL;
  bao_options explain = {0, 0, 0, 1};
  bao_str v;
  int64_t fen = 0;
  int releases = 0;
  CHECK_ST(bao_policy_from_loader(S("t/other.bao"), memory_loader, released, &releases, &q),
           BAO_OK);
  CHECK(releases == 1);
  CHECK(bao_policy_name(q, &v) == BAO_OK && str_is(v, "t.other"));
  CHECK(bao_policy_fingerprint(q, &v) == BAO_OK && v.len == 64);
  CHECK(bao_policy_input_count(q) == 2 && bao_policy_output_count(q) == 2);
  CHECK(bao_policy_output_name(q, 1, &v) == BAO_OK && str_is(v, "share"));
  CHECK_ST(bao_policy_output_name(q, 2, &v), BAO_ERR_NOT_FOUND);
  bao_inputs_new(q, &in);
  bao_session_new(q, &s);
  CHECK_ST(bao_inputs_set_money(in, S("amount"), S("10.01")), BAO_OK);
  CHECK_ST(bao_inputs_set_decimal(in, S("ratio"), S("12.5%")), BAO_OK);
  CHECK_ST(bao_session_evaluate(s, in, &explain), BAO_OK);
  CHECK_ST(bao_session_result(s, &r), BAO_OK);
  CHECK(bao_result_output_fen(r, S("share"), &fen) == BAO_OK && fen == 125); /* 1.25125 */
  CHECK(bao_result_explanation_text(r, &v) == BAO_OK && v.len > 0);
  CHECK(bao_result_json(r, &v) == BAO_OK && strstr(v.data, "\"explanation\"") != NULL);
  bao_result_free(r);
  CHECK_ST(bao_inputs_set_decimal(in, S("ratio"), S("0.125")), BAO_OK);
  CHECK_ST(bao_session_evaluate(s, in, NULL), BAO_OK);
  CHECK_ST(bao_session_result(s, &r), BAO_OK);
  CHECK(bao_result_output(r, S("share"), &v) == BAO_OK && str_is(v, "1.25"));
  CHECK(bao_result_explanation_text(r, &v) == BAO_OK && v.len == 0);
  bao_result_free(r);
  CHECK_ST(bao_inputs_set_decimal(in, S("ratio"), S("1.23456789012%")), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0803", "ratio"));
  CHECK_ST(bao_inputs_set_decimal(in, S("ratio"), S("70 %")), BAO_ERR_INPUT);
  CHECK(error_is(in, "E0802", "ratio"));
  bao_session_free(s);
  bao_inputs_free(in);
  bao_policy_free(q);
}

int main(void) {
  bao_policy* p = NULL;
  null_handles();
  if (bao_policy_from_file(S("policies/cn/js/suqian/assistance.bao"), NULL, 0, &p) != BAO_OK) {
    fprintf(stderr, "misuse: cannot load the Suqian policy (run from the repository root)\n");
    return 1;
  }
  {
    /* The policy's own 34 `test` blocks run and pass; a bad as-of is refused. */
    size_t ok = 0, bad = 99;
    bao_options o = {2024, 2, 30, 0};
    CHECK_ST(bao_policy_run_tests(p, NULL, &ok, &bad), BAO_OK);
    CHECK(ok == 34 && bad == 0);
    CHECK_ST(bao_policy_run_tests(p, &o, &ok, &bad), BAO_ERR_ARG);
  }
  wrong_values(p);
  refused_case(p);
  another_policy(p);
  broken_policy();
  loaders();
  rates_and_loader();
  bao_policy_free(p);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
