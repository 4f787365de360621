/* The C ABI's conformance driver (tests/conformance/README.md): prints what
 * `bao run POLICY --input CASE --format json` prints, with its exit code.
 *   bao_c_conformance POLICY CASE [--root DIR]... [--as-of YYYY-MM-DD] [--explain] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bao.h"

enum { kOk = 0, kFailed = 1, kUsage = 2 };

static int usage(void) {
  fprintf(stderr,
          "usage: bao_c_conformance POLICY CASE [--root DIR]... [--as-of YYYY-MM-DD] "
          "[--explain]\n");
  return kUsage;
}

/* The whole stream into *buf (malloc'ed); 0 on a read error. */
static int read_all(FILE* f, char** buf, size_t* len) {
  size_t cap = 1 << 16, n = 0, got;
  char* b = malloc(cap);
  if (!b) return 0;
  while ((got = fread(b + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      char* bigger = realloc(b, cap *= 2);
      if (!bigger) {
        free(b);
        return 0;
      }
      b = bigger;
    }
  }
  if (ferror(f)) {
    free(b);
    return 0;
  }
  *buf = b;
  *len = n;
  return 1;
}

int main(int argc, char** argv) {
  const char *policy_path = NULL, *case_path = NULL;
  bao_str* roots = calloc((size_t)argc, sizeof(bao_str));
  size_t n_roots = 0, len = 0;
  bao_options opts;
  bao_policy* p = NULL;
  bao_result* r = NULL;
  bao_str out;
  char* json = NULL;
  FILE* f;
  int i, st, rc;

  memset(&opts, 0, sizeof opts);
  if (!roots) return kUsage;
  for (i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--root") == 0 && i + 1 < argc) {
      roots[n_roots].data = argv[++i];
      roots[n_roots++].len = strlen(argv[i]);
    } else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
      ++i;
      if (bao_options_set_as_of(&opts, argv[i], strlen(argv[i])) != BAO_OK) {
        fprintf(stderr, "bao run: --as-of `%s` is not a date (YYYY-MM-DD)\n", argv[i]);
        return kUsage;
      }
    } else if (strcmp(argv[i], "--explain") == 0) {
      opts.explain = 1;
    } else if (!policy_path) {
      policy_path = argv[i];
    } else if (!case_path) {
      case_path = argv[i];
    } else {
      return usage();
    }
  }
  if (!case_path) return usage();

  st = bao_policy_from_file(policy_path, strlen(policy_path), roots, n_roots, &p);
  free(roots);
  if (st != BAO_OK) {
    bao_diagnostic first;
    if (!p) return kUsage;
    if (bao_policy_render(p, BAO_FORMAT_TEXT, &out) == BAO_OK) fwrite(out.data, 1, out.len, stderr);
    /* As bao run: an unreadable policy file is a usage error. */
    rc = bao_policy_diagnostic(p, 0, &first) == BAO_OK && strcmp(first.code.data, "E0005") == 0
             ? kUsage
             : kFailed;
    bao_policy_free(p);
    return rc;
  }

  f = fopen(case_path, "rb");
  if (!f || !read_all(f, &json, &len)) {
    if (f) fclose(f);
    fprintf(stderr, "bao run: cannot read input `%s`\n", case_path);
    bao_policy_free(p);
    return kUsage;
  }
  fclose(f);

  st = bao_policy_evaluate_json(p, json, len, &opts, &r);
  free(json);
  if (!r) {
    fprintf(stderr, "bao_c_conformance: %s\n", bao_status_name(st));
    bao_policy_free(p);
    return kUsage;
  }
  if (bao_result_json(r, &out) == BAO_OK) fwrite(out.data, 1, out.len, stdout);
  rc = kOk;
  if (!bao_result_ok(r)) {
    if (bao_result_render_error(r, BAO_FORMAT_TEXT, &out) == BAO_OK)
      fwrite(out.data, 1, out.len, stderr);
    rc = kFailed;
  }
  bao_result_free(r);
  bao_policy_free(p);
  return rc;
}
