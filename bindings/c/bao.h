/* The C ABI of Bao (libbao_c.so): load a policy, set a case's inputs, evaluate
 * and read outputs, errors and explanations. A thin layer over the C++ API of
 * lang/api/bao.hpp, with no C++ type or exception crossing it. C99 and C++.
 *
 * Conventions
 * - Every function that can fail returns a bao_status (BAO_OK = 0). Positive
 *   codes are about the data (a policy that does not load, a refused value, an
 *   evaluation error, a name not found); negative codes are about the call
 *   (NULL, misuse, a bad argument, out of memory). No function aborts, throws
 *   or crashes on a NULL handle or a wrong argument.
 * - Strings in are UTF-8 with an explicit length (`const char* s, size_t len`);
 *   they need no NUL and may hold any bytes (NUL and bad UTF-8 are refused by
 *   the library where they are wrong). s may be NULL only when len is 0.
 * - Strings out are a bao_str {data, len}: `data` is also NUL-terminated (for
 *   convenience; `len` excludes it and the text itself may hold NULs). The
 *   bytes are owned by the handle that returned them and stay valid until that
 *   handle is freed; for a bao_inputs, also until its next setter or set_json
 *   call. A policy's and a result's strings never change while they live.
 * - A handle is freed with its own bao_*_free function; NULL is a no-op.
 *   Inputs, sessions and results keep what they need of their policy alive:
 *   the policy may be freed before them (but input and output handles are
 *   only valid while some object of that load lives).
 *
 * Threads (as in the C++ API): a bao_policy is immutable and may be used by
 * any number of threads at once (every bao_policy_* function but _free). A
 * bao_inputs, a bao_session and a bao_result are one thread's at a time; a
 * bao_inputs may be read by several sessions' evaluations at once when no
 * thread sets it meanwhile. Input and output handles are plain values.
 */
#ifndef BAO_H
#define BAO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define BAO_C_API __attribute__((visibility("default")))
#else
#define BAO_C_API
#endif

/* ---- status codes ---- */
typedef enum bao_status {
  BAO_OK = 0,
  BAO_ERR_LOAD = 1,      /* the policy has errors (see its diagnostics) */
  BAO_ERR_INPUT = 2,     /* a value or case refused: E08xx (see the inputs' or result's error) */
  BAO_ERR_EVAL = 3,      /* an evaluation error: E09xx (see the result's error) */
  BAO_ERR_NOT_FOUND = 4, /* no such input path, output name, index or error */
  BAO_ERR_NULL = -1,     /* a required pointer argument is NULL */
  BAO_ERR_MISUSE = -2,   /* E0850: another policy's handle, an empty handle, a wrong
                            output kind, a result before any evaluate */
  BAO_ERR_ARG = -3,      /* an argument out of its range (format, date in options) */
  BAO_ERR_NOMEM = -4,    /* out of memory (std::bad_alloc) */
  BAO_ERR_INTERNAL = -5  /* any other failure inside the library: a bug to report */
} bao_status;

/* The enumerator's name ("BAO_ERR_INPUT"), or "BAO_UNKNOWN". Static storage. */
BAO_C_API const char* bao_status_name(int status);

/* The library's version "MAJOR.MINOR.PATCH", NUL-terminated, static storage. */
BAO_C_API const char* bao_version(void);

/* ---- plain values ---- */
typedef struct bao_str {
  const char* data; /* never NULL when a function returned BAO_OK; NUL-terminated */
  size_t len;       /* bytes, without the terminating NUL */
} bao_str;

typedef enum bao_format {
  BAO_FORMAT_TEXT = 0,
  BAO_FORMAT_JSON = 1,
  BAO_FORMAT_SARIF = 2
} bao_format;

typedef enum bao_kind {
  BAO_KIND_NONE = 0,
  BAO_KIND_BOOL,
  BAO_KIND_INT,
  BAO_KIND_DECIMAL,
  BAO_KIND_RATE,
  BAO_KIND_MONEY,
  BAO_KIND_DATE,
  BAO_KIND_DURATION,
  BAO_KIND_ENUM,
  BAO_KIND_TEXT,
  BAO_KIND_RECORD,
  BAO_KIND_LIST
} bao_kind;

typedef enum bao_severity { BAO_SEVERITY_ERROR = 0, BAO_SEVERITY_WARNING = 1 } bao_severity;

/* A problem found in a policy, a case or a call. Its strings belong to the
 * handle it was read from (see Conventions); absent ones are empty (len 0).
 * Fields are only ever added at the end. */
typedef struct bao_diagnostic {
  bao_str code;          /* stable: "E0804" */
  bao_str name;          /* "input_variant"; empty for a setter's error */
  bao_str message;       /* one line */
  bao_str help;          /* a suggested fix, may be empty */
  bao_str file;          /* empty when it has no place in a file */
  bao_str path;          /* "$.claim.total" for a case's problem, "claim.total" for a setter's */
  int severity;          /* a bao_severity */
  uint32_t line, column; /* 1-based (column in code points); 0 with no file */
  uint32_t end_line, end_column; /* the end of the range, as above */
} bao_diagnostic;

/* Evaluation options. Zero-initialise ({0}): no as-of override, no explanation. */
typedef struct bao_options {
  int32_t as_of_year; /* 0: the policy's own `as of`; else with month and day */
  int32_t as_of_month, as_of_day;
  int explain; /* non-zero: build the explanation (text and JSON) */
} bao_options;

/* Sets opts's as-of from exactly "YYYY-MM-DD" (0001-01-01..9999-12-31).
 * BAO_ERR_ARG (opts unchanged) for anything else. */
BAO_C_API bao_status bao_options_set_as_of(bao_options* opts, const char* date, size_t len);

/* A precompiled input path ("claim.in_scope") or output name, from
 * bao_policy_input / bao_policy_output. A plain value: copy it freely; its
 * fields are private. Valid with the inputs and sessions of the same load
 * only (another policy's is BAO_ERR_MISUSE); a zeroed one holds nothing. */
typedef struct bao_input_handle {
  const void* policy_;
  uint32_t input_;
  int32_t field_;
  int32_t kind_;
} bao_input_handle;
typedef struct bao_output_handle {
  const void* policy_;
  uint32_t index_;
  int32_t kind_;
} bao_output_handle;

/* The kind of what a handle designates (an optional's base kind); NONE for an
 * empty handle or NULL. */
BAO_C_API bao_kind bao_input_handle_kind(const bao_input_handle* h);
BAO_C_API bao_kind bao_output_handle_kind(const bao_output_handle* h);

/* ---- opaque handles ---- */
typedef struct bao_policy bao_policy;
typedef struct bao_inputs bao_inputs;
typedef struct bao_session bao_session;
typedef struct bao_result bao_result;

/* ---- loading ---- */

/* Loads and checks a policy file. `roots` (n_roots bao_str, NULL when 0) are
 * the folders where `use` and `extends` find other policies, in order; with
 * none, the nearest enclosing `policies/` folder. On BAO_OK or BAO_ERR_LOAD
 * *out is a new policy to free with bao_policy_free (with BAO_ERR_LOAD it
 * holds the diagnostics and evaluates nothing); else *out is NULL. */
BAO_C_API bao_status bao_policy_from_file(const char* path, size_t path_len, const bao_str* roots,
                                          size_t n_roots, bao_policy** out);
/* The same from text in memory; `name` is the file name shown in diagnostics. */
BAO_C_API bao_status bao_policy_from_string(const char* name, size_t name_len, const char* text,
                                            size_t text_len, const bao_str* roots, size_t n_roots,
                                            bao_policy** out);

/* A file as a loader gives it. The loader fills the three strings (NULL with
 * len 0 for empty); the library copies them before calling `release` (or, with
 * no release function, before bao_policy_from_loader returns), so they must
 * stay valid until then; the loader keeps ownership. A non-empty `error`
 * means the file exists but could not be read (E0005). */
typedef struct bao_loaded_file {
  const char* name; /* shown in diagnostics ("db:claims/2024") */
  size_t name_len;
  const char* text; /* the file's bytes */
  size_t text_len;
  const char* error;
  size_t error_len;
} bao_loaded_file;

enum { BAO_LOADER_NOT_FOUND = 0, BAO_LOADER_FOUND = 1 };

/* Asked for `rel_path` ("a/b/c.bao", not NUL-terminated; for `extends`, `use`
 * and policy calls, and first for the policy itself): returns
 * BAO_LOADER_FOUND after filling *out (zeroed on entry), BAO_LOADER_NOT_FOUND
 * when it has no such file (the embedded standard library is searched next),
 * any other value for a failure (reported as E0005 on that file). Called only
 * during bao_policy_from_loader, on its thread; it must not call back into
 * this library with the policy being loaded (there is none yet). */
typedef int (*bao_loader_fn)(void* user, const char* rel_path, size_t rel_len,
                             bao_loaded_file* out);
/* Called once after each BAO_LOADER_FOUND, when the library has copied *file. */
typedef void (*bao_loader_release_fn)(void* user, bao_loaded_file* file);

/* Loads the policy `a.b.c` given as "a/b/c.bao" and every file it needs
 * through `loader` (release may be NULL). No disk is read. *out as for
 * bao_policy_from_file. */
BAO_C_API bao_status bao_policy_from_loader(const char* rel_path, size_t len, bao_loader_fn loader,
                                            bao_loader_release_fn release, void* user,
                                            bao_policy** out);

BAO_C_API void bao_policy_free(bao_policy* policy);

/* ---- a policy: read-only, thread-safe ---- */

/* 1 when the policy has no errors and can be evaluated; 0 otherwise or NULL. */
BAO_C_API int bao_policy_ok(const bao_policy* policy);
/* The number of diagnostics (errors and warnings); 0 for NULL. */
BAO_C_API size_t bao_policy_diagnostic_count(const bao_policy* policy);
/* Diagnostic i (0-based) into *out; BAO_ERR_NOT_FOUND past the end. */
BAO_C_API bao_status bao_policy_diagnostic(const bao_policy* policy, size_t i, bao_diagnostic* out);
/* Every diagnostic rendered as `bao check` does (text with source excerpts,
 * JSON, SARIF); the empty set renders too. */
BAO_C_API bao_status bao_policy_render(const bao_policy* policy, int format, bao_str* out);
/* "cn.js.suqian.assistance"; empty when it did not parse. */
BAO_C_API bao_status bao_policy_name(const bao_policy* policy, bao_str* out);
/* SHA-256 (64 hex digits) over every file of the policy (docs/embedding.md). */
BAO_C_API bao_status bao_policy_fingerprint(const bao_policy* policy, bao_str* out);

/* Inputs and outputs by name, in declaration order. */
BAO_C_API size_t bao_policy_input_count(const bao_policy* policy);
BAO_C_API bao_status bao_policy_input_name(const bao_policy* policy, size_t i, bao_str* out);
BAO_C_API size_t bao_policy_output_count(const bao_policy* policy);
BAO_C_API bao_status bao_policy_output_name(const bao_policy* policy, size_t i, bao_str* out);

/* Resolves an input ("claim") or a field of a record input ("claim.in_scope")
 * once. BAO_ERR_NOT_FOUND for a path the policy lacks (*out zeroed),
 * BAO_ERR_LOAD for a policy with errors. */
BAO_C_API bao_status bao_policy_input(const bao_policy* policy, const char* path, size_t len,
                                      bao_input_handle* out);
/* Resolves an output by name; as above. */
BAO_C_API bao_status bao_policy_output(const bao_policy* policy, const char* name, size_t len,
                                       bao_output_handle* out);

/* Runs the policy's `test` blocks (none for a policy with errors). opts may
 * be NULL. *passed and *failed may be NULL. */
BAO_C_API bao_status bao_policy_run_tests(const bao_policy* policy, const bao_options* opts,
                                          size_t* passed, size_t* failed);

/* Evaluates one case given as JSON (bytes, any content) with a fresh
 * session: *out is a new result (free it) whenever the status is not
 * BAO_ERR_NULL / BAO_ERR_NOMEM / BAO_ERR_INTERNAL / BAO_ERR_ARG; the status
 * is that of the result (BAO_OK, BAO_ERR_INPUT, BAO_ERR_EVAL, BAO_ERR_LOAD…). */
BAO_C_API bao_status bao_policy_evaluate_json(const bao_policy* policy, const char* json,
                                              size_t len, const bao_options* opts,
                                              bao_result** out);

/* ---- inputs: one case, built once and set again case after case ---- */

/* New inputs for `policy` (which may then be freed). *out to free with
 * bao_inputs_free; for a policy with errors every setter and set_json is
 * BAO_ERR_MISUSE (E0850). */
BAO_C_API bao_status bao_inputs_new(const bao_policy* policy, bao_inputs** out);
BAO_C_API void bao_inputs_free(bao_inputs* inputs);

/* Typed setters, by path ("claim.in_scope") and by handle. Each returns
 * BAO_OK, or BAO_ERR_INPUT for a refused value or a wrong type (E0802…),
 * an unknown path (E0807), BAO_ERR_MISUSE for another policy's or an empty
 * handle (E0850), BAO_ERR_NULL. On an error the path is left unset and
 * evaluation refuses the case until it is set again (E0801); the error is
 * read with bao_inputs_error until the next setter call on these inputs.
 *
 * money_fen: whole fen, never negative. money: a decimal string of yuan with
 * at most two decimals ("1234.50"). decimal: for decimal and rate inputs, a
 * decimal string ("0.7") or, for rates, a percentage ("70%"). date: exactly
 * "YYYY-MM-DD"; date_ymd: year, month, day. enum: the variant's name. text:
 * UTF-8 without NUL. */
BAO_C_API bao_status bao_inputs_set_money_fen(bao_inputs* in, const char* path, size_t len,
                                              int64_t fen);
BAO_C_API bao_status bao_inputs_set_money(bao_inputs* in, const char* path, size_t len,
                                          const char* yuan, size_t yuan_len);
BAO_C_API bao_status bao_inputs_set_int(bao_inputs* in, const char* path, size_t len,
                                        int64_t value);
BAO_C_API bao_status bao_inputs_set_decimal(bao_inputs* in, const char* path, size_t len,
                                            const char* value, size_t value_len);
BAO_C_API bao_status bao_inputs_set_bool(bao_inputs* in, const char* path, size_t len, int value);
BAO_C_API bao_status bao_inputs_set_date(bao_inputs* in, const char* path, size_t len,
                                         const char* date, size_t date_len);
BAO_C_API bao_status bao_inputs_set_date_ymd(bao_inputs* in, const char* path, size_t len, int year,
                                             int month, int day);
BAO_C_API bao_status bao_inputs_set_enum(bao_inputs* in, const char* path, size_t len,
                                         const char* variant, size_t variant_len);
BAO_C_API bao_status bao_inputs_set_text(bao_inputs* in, const char* path, size_t len,
                                         const char* text, size_t text_len);

BAO_C_API bao_status bao_inputs_h_set_money_fen(bao_inputs* in, const bao_input_handle* h,
                                                int64_t fen);
BAO_C_API bao_status bao_inputs_h_set_money(bao_inputs* in, const bao_input_handle* h,
                                            const char* yuan, size_t yuan_len);
BAO_C_API bao_status bao_inputs_h_set_int(bao_inputs* in, const bao_input_handle* h, int64_t value);
BAO_C_API bao_status bao_inputs_h_set_decimal(bao_inputs* in, const bao_input_handle* h,
                                              const char* value, size_t value_len);
BAO_C_API bao_status bao_inputs_h_set_bool(bao_inputs* in, const bao_input_handle* h, int value);
BAO_C_API bao_status bao_inputs_h_set_date(bao_inputs* in, const bao_input_handle* h,
                                           const char* date, size_t date_len);
BAO_C_API bao_status bao_inputs_h_set_date_ymd(bao_inputs* in, const bao_input_handle* h, int year,
                                               int month, int day);
BAO_C_API bao_status bao_inputs_h_set_enum(bao_inputs* in, const bao_input_handle* h,
                                           const char* variant, size_t variant_len);
BAO_C_API bao_status bao_inputs_h_set_text(bao_inputs* in, const bao_input_handle* h,
                                           const char* text, size_t text_len);

/* Replaces every input from a JSON object. BAO_ERR_INPUT when the JSON has
 * errors (the first one in bao_inputs_error, with its JSON path; evaluation
 * then answers with it until a set_json succeeds). */
BAO_C_API bao_status bao_inputs_set_json(bao_inputs* in, const char* json, size_t len);

/* The error of the last setter or set_json call: code, path, message (and for
 * set_json all the diagnostic's fields). BAO_ERR_NOT_FOUND when that call
 * succeeded or none was made. Valid until the next setter call. */
BAO_C_API bao_status bao_inputs_error(const bao_inputs* in, bao_diagnostic* out);

/* ---- sessions: one thread's evaluator, reused case after case ---- */

BAO_C_API bao_status bao_session_new(const bao_policy* policy, bao_session** out);
BAO_C_API void bao_session_free(bao_session* session);

/* Evaluates every output for `in` (opts may be NULL). BAO_OK, BAO_ERR_INPUT
 * (the case is incomplete or refused), BAO_ERR_EVAL, BAO_ERR_MISUSE (inputs
 * of another policy), BAO_ERR_LOAD (a policy with errors), BAO_ERR_ARG (a bad
 * as-of). The details are in bao_session_result. */
BAO_C_API bao_status bao_session_evaluate(bao_session* s, const bao_inputs* in,
                                          const bao_options* opts);
/* After a successful evaluate: a money output in whole fen. BAO_ERR_MISUSE for
 * an output that is not money, another policy's handle, or before a
 * successful evaluate. */
BAO_C_API bao_status bao_session_output_fen(const bao_session* s, const bao_output_handle* h,
                                            int64_t* fen);
/* The last evaluation as a new result (free it); before any evaluate it holds
 * the error E0850 and the status is BAO_ERR_MISUSE. The status is the
 * result's, as for bao_policy_evaluate_json. */
BAO_C_API bao_status bao_session_result(const bao_session* s, bao_result** out);

/* ---- results ---- */

BAO_C_API void bao_result_free(bao_result* r);
/* 1 when the outputs were computed; 0 on an error or NULL. */
BAO_C_API int bao_result_ok(const bao_result* r);
/* BAO_OK, or the status of its error (BAO_ERR_INPUT, BAO_ERR_EVAL, …). */
BAO_C_API bao_status bao_result_status(const bao_result* r);
/* The error (code, name, message, path, place); BAO_ERR_NOT_FOUND when ok. */
BAO_C_API bao_status bao_result_error(const bao_result* r, bao_diagnostic* out);
/* The error rendered as `bao run` prints it on stderr (text, json, sarif);
 * empty when ok. */
BAO_C_API bao_status bao_result_render_error(const bao_result* r, int format, bao_str* out);
/* Exactly the bytes of Result::to_json(): what `bao run --format json` prints,
 * for a success ({"outputs": …}) and for an error ({"error": …}) alike. */
BAO_C_API bao_status bao_result_json(const bao_result* r, bao_str* out);
/* Outputs in declaration order, money as "1234.50", rates as "0.7". None on
 * an error result (count 0). */
BAO_C_API size_t bao_result_output_count(const bao_result* r);
BAO_C_API bao_status bao_result_output_at(const bao_result* r, size_t i, bao_str* name,
                                          bao_str* value);
/* An output by name; BAO_ERR_NOT_FOUND when there is no such output (or the
 * result is an error: see bao_result_status). */
BAO_C_API bao_status bao_result_output(const bao_result* r, const char* name, size_t len,
                                       bao_str* value);
/* A money output in whole fen; BAO_ERR_MISUSE for a wrong name or kind or an
 * error result (E0850), with *fen untouched. */
BAO_C_API bao_status bao_result_output_fen(const bao_result* r, const char* name, size_t len,
                                           int64_t* fen);
/* The explanation (when evaluated with opts.explain), as text and as JSON;
 * empty otherwise. */
BAO_C_API bao_status bao_result_explanation_text(const bao_result* r, bao_str* out);
BAO_C_API bao_status bao_result_explanation_json(const bao_result* r, bao_str* out);

#ifdef __cplusplus
}
#endif

#endif /* BAO_H */
