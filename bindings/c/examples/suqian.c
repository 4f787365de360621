/* Suqian medical assistance through the C ABI: the case of
 * policies/cn/js/suqian/inpatient_dibao.json set with typed setters, evaluated,
 * printed; then the same case through set_json, and both must agree.
 * Run from the repository root: build/bindings/c/bao_c_example_suqian */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bao.h"

#define S(lit) lit, sizeof(lit) - 1 /* a string literal as (pointer, length) */

static int fail(const char* what, int status) {
  fprintf(stderr, "suqian: %s: %s\n", what, bao_status_name(status));
  return 1;
}

/* The whole file into a malloc'ed buffer; NULL on error. */
static char* read_file(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* buf = NULL;
  long n;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
      free(buf);
      buf = NULL;
    }
    *len = (size_t)n;
  }
  fclose(f);
  return buf;
}

/* Sets one field by handle and reports a refusal with its code and path. */
static int checked(bao_inputs* in, int status) {
  bao_diagnostic d;
  if (status == BAO_OK) return 0;
  if (bao_inputs_error(in, &d) == BAO_OK)
    fprintf(stderr, "suqian: %s %s: %s\n", d.code.data, d.path.data, d.message.data);
  return 1;
}

/* The identities: a `list of Recipient`, which bao.hpp has no typed setter
 * for. They come from a small JSON whose every other value (zeros, another
 * visit, another date) the typed setters below then replace. */
static const char kIdentities[] =
    "{\"identities\": [\"dibao\"],"
    " \"claim\": {\"date\": \"2000-01-01\", \"visit\": \"outpatient\", \"in_scope\": \"0\","
    " \"basic_paid\": \"0\", \"critical_paid\": \"0\"},"
    " \"ytd\": {\"self_pay\": \"0\", \"paid\": \"0\", \"outpatient_paid\": \"0\"}}";

static int set_typed(const bao_policy* p, bao_inputs* in) {
  bao_input_handle date, visit, in_scope, basic, critical;
  int bad = 0;
  if (bao_inputs_set_json(in, S(kIdentities)) != BAO_OK) return checked(in, BAO_ERR_INPUT);
  if (bao_policy_input(p, S("claim.date"), &date) != BAO_OK ||
      bao_policy_input(p, S("claim.visit"), &visit) != BAO_OK ||
      bao_policy_input(p, S("claim.in_scope"), &in_scope) != BAO_OK ||
      bao_policy_input(p, S("claim.basic_paid"), &basic) != BAO_OK ||
      bao_policy_input(p, S("claim.critical_paid"), &critical) != BAO_OK)
    return 1;
  /* By handle: a date as y/m/d, an enum, money as a decimal string and in fen. */
  bad |= checked(in, bao_inputs_h_set_date_ymd(in, &date, 2024, 6, 18));
  bad |= checked(in, bao_inputs_h_set_enum(in, &visit, S("inpatient")));
  bad |= checked(in, bao_inputs_h_set_money(in, &in_scope, S("52000.00")));
  bad |= checked(in, bao_inputs_h_set_money_fen(in, &basic, 3120000));
  bad |= checked(in, bao_inputs_h_set_money_fen(in, &critical, 185050));
  /* By path. */
  bad |= checked(in, bao_inputs_set_money(in, S("ytd.self_pay"), S("15000")));
  bad |= checked(in, bao_inputs_set_money_fen(in, S("ytd.paid"), 1200000));
  bad |= checked(in, bao_inputs_set_money(in, S("ytd.outpatient_paid"), S("800.00")));
  return bad;
}

int main(void) {
  bao_policy* p = NULL;
  bao_inputs *typed = NULL, *json = NULL;
  bao_session* s = NULL;
  bao_result *r1 = NULL, *r2 = NULL;
  bao_output_handle paid;
  bao_str name, value, j1, j2;
  char* text;
  size_t len = 0, i;
  int64_t fen = 0;
  int st, rc = 1;

  fprintf(stderr, "bao %s\n", bao_version());
  st = bao_policy_from_file(S("policies/cn/js/suqian/assistance.bao"), NULL, 0, &p);
  if (st != BAO_OK) {
    bao_str diags;
    if (p && bao_policy_render(p, BAO_FORMAT_TEXT, &diags) == BAO_OK) fputs(diags.data, stderr);
    bao_policy_free(p);
    return fail("loading the policy", st);
  }
  bao_policy_name(p, &name);
  printf("policy %s\n", name.data);

  if ((st = bao_inputs_new(p, &typed)) != BAO_OK) return fail("inputs", st);
  if ((st = bao_session_new(p, &s)) != BAO_OK) return fail("session", st);
  if (set_typed(p, typed) != 0) goto done;
  if ((st = bao_session_evaluate(s, typed, NULL)) != BAO_OK) {
    fail("evaluating the typed case", st);
    goto done;
  }
  if (bao_policy_output(p, S("paid"), &paid) != BAO_OK ||
      bao_session_output_fen(s, &paid, &fen) != BAO_OK)
    goto done;
  printf("paid in fen: %lld\n", (long long)fen);
  if ((st = bao_session_result(s, &r1)) != BAO_OK) goto done;
  for (i = 0; i < bao_result_output_count(r1); ++i) {
    bao_result_output_at(r1, i, &name, &value);
    printf("%s = %s\n", name.data, value.data);
  }

  /* The same case as JSON, through the same session. */
  text = read_file("policies/cn/js/suqian/inpatient_dibao.json", &len);
  if (!text) {
    fprintf(stderr, "suqian: cannot read inpatient_dibao.json\n");
    goto done;
  }
  bao_inputs_new(p, &json);
  st = bao_inputs_set_json(json, text, len);
  free(text);
  if (checked(json, st) || (st = bao_session_evaluate(s, json, NULL)) != BAO_OK ||
      (st = bao_session_result(s, &r2)) != BAO_OK) {
    fail("the JSON case", st);
    goto done;
  }
  bao_result_json(r1, &j1);
  bao_result_json(r2, &j2);
  if (j1.len != j2.len || memcmp(j1.data, j2.data, j1.len) != 0) {
    fprintf(stderr, "suqian: typed setters and set_json disagree:\n%s\n%s\n", j1.data, j2.data);
    goto done;
  }
  printf("typed setters and set_json agree (%lu bytes of result JSON)\n", (unsigned long)j1.len);
  rc = 0;
done:
  bao_result_free(r1);
  bao_result_free(r2);
  bao_session_free(s);
  bao_inputs_free(typed);
  bao_inputs_free(json);
  bao_policy_free(p);
  return rc;
}
