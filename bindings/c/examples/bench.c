/* Times the Suqian case per claim through the C ABI, from the repository root:
 *   build/bindings/c/bao_c_bench [N] [RUNS]      (default 20000 evaluations, 7 runs)
 * (a) typed setters by handle + evaluate + three money outputs read in fen;
 * (b) set_json + evaluate + result JSON.
 * Prints the median over RUNS of the nanoseconds per claim. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bao.h"

#define S(lit) lit, sizeof(lit) - 1

static const char kCase[] =
    "{\"identities\": [\"dibao\"], \"claim\": {\"date\": \"2024-06-18\", \"visit\": "
    "\"inpatient\", \"in_scope\": \"52000.00\", \"basic_paid\": \"31200.00\", "
    "\"critical_paid\": \"1850.50\"}, \"ytd\": {\"self_pay\": \"15000.00\", \"paid\": "
    "\"12000.00\", \"outpatient_paid\": \"800.00\"}}";

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int by_double(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return x < y ? -1 : x > y;
}

static double median(double* v, int n) {
  qsort(v, (size_t)n, sizeof *v, by_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 20000;
  int runs = argc > 2 ? atoi(argv[2]) : 7, run;
  bao_policy* p = NULL;
  bao_inputs* in = NULL;
  bao_session* s = NULL;
  bao_input_handle h[8];
  bao_output_handle out[3];
  static const char* const fields[8] = {"claim.date",       "claim.visit",         "claim.in_scope",
                                        "claim.basic_paid", "claim.critical_paid", "ytd.self_pay",
                                        "ytd.paid",         "ytd.outpatient_paid"};
  static const char* const outputs[3] = {"paid", "remaining", "cap_room"};
  double a[64], b[64];
  int64_t sum = 0, fen;
  long i;
  int k;

  if (n <= 0 || runs <= 0 || runs > 64) return 2;
  if (bao_policy_from_file(S("policies/cn/js/suqian/assistance.bao"), NULL, 0, &p) != BAO_OK ||
      bao_inputs_new(p, &in) != BAO_OK || bao_session_new(p, &s) != BAO_OK) {
    fprintf(stderr, "bench: cannot load the policy (run from the repository root)\n");
    return 1;
  }
  for (k = 0; k < 8; ++k)
    if (bao_policy_input(p, fields[k], strlen(fields[k]), &h[k]) != BAO_OK) return 1;
  for (k = 0; k < 3; ++k)
    if (bao_policy_output(p, outputs[k], strlen(outputs[k]), &out[k]) != BAO_OK) return 1;
  /* `identities` is a list: set once by JSON (bao.hpp has no list setter). */
  if (bao_inputs_set_json(in, S(kCase)) != BAO_OK) return 1;

  for (run = 0; run < runs; ++run) {
    double t0 = now_ns();
    for (i = 0; i < n; ++i) {
      int st = 0;
      st |= bao_inputs_h_set_date_ymd(in, &h[0], 2024, 6, 18);
      st |= bao_inputs_h_set_enum(in, &h[1], S("inpatient"));
      st |= bao_inputs_h_set_money_fen(in, &h[2], 5200000 + (i % 100));
      st |= bao_inputs_h_set_money_fen(in, &h[3], 3120000);
      st |= bao_inputs_h_set_money_fen(in, &h[4], 185050);
      st |= bao_inputs_h_set_money_fen(in, &h[5], 1500000);
      st |= bao_inputs_h_set_money_fen(in, &h[6], 1200000);
      st |= bao_inputs_h_set_money_fen(in, &h[7], 80000);
      st |= bao_session_evaluate(s, in, NULL);
      for (k = 0; k < 3; ++k) {
        st |= bao_session_output_fen(s, &out[k], &fen);
        sum += fen;
      }
      if (st != BAO_OK) {
        fprintf(stderr, "bench: (a) failed at claim %ld\n", i);
        return 1;
      }
    }
    a[run] = (now_ns() - t0) / (double)n;

    t0 = now_ns();
    for (i = 0; i < n; ++i) {
      bao_result* r = NULL;
      bao_str json;
      int st = bao_inputs_set_json(in, S(kCase));
      st |= bao_session_evaluate(s, in, NULL);
      st |= bao_session_result(s, &r);
      st |= bao_result_json(r, &json);
      sum += (int64_t)json.len;
      bao_result_free(r);
      if (st != BAO_OK) {
        fprintf(stderr, "bench: (b) failed at claim %ld\n", i);
        return 1;
      }
    }
    b[run] = (now_ns() - t0) / (double)n;
  }
  printf("bao %s, Suqian assistance, %ld claims x %d runs (checksum %lld)\n", bao_version(), n,
         runs, (long long)sum);
  printf("(a) typed setters by handle + evaluate + 3 fen outputs: %.0f ns/claim (median)\n",
         median(a, runs));
  printf("(b) set_json + evaluate + result JSON:                  %.0f ns/claim (median)\n",
         median(b, runs));
  bao_session_free(s);
  bao_inputs_free(in);
  bao_policy_free(p);
  return 0;
}
