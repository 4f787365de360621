// The public C++ API of Bao: load and check a policy, evaluate it on cases
// (typed inputs or JSON), and read outputs, errors and explanations. The
// `bao` command and every binding are clients of this header and nothing
// more. It includes only the standard library and lang/base.
//
//   auto policy = bao::Policy::from_file("policies/cn/js/suqian/assistance.bao");
//   if (!policy.ok()) { std::cerr << policy.render(bao::Format::text); return 1; }
//   bao::Result r = policy.evaluate_json(R"({"identities": ["dibao"], "claim": …})");
//   std::cout << r.to_json();
//
// Errors are values: nothing here throws (bar std::bad_alloc), every object is
// valid in every state, and a misuse is an error (E0850), never an amount.
//
// Threads: a Policy is immutable and may be shared by any number of threads
// (copies share it). Inputs may be read by several Sessions at once but set
// by one thread at a time, with no evaluation running on it. A Session is one
// thread's: never use one Session from two threads at once. Results and
// handles are plain values.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/date.hpp"
#include "lang/base/decimal.hpp"
#include "lang/base/export.hpp"
#include "lang/base/limits.hpp"
#include "lang/base/location.hpp"
#include "lang/base/severity.hpp"

namespace bao {

// The library's version, "MAJOR.MINOR.PATCH".
BAO_API std::string_view version();

enum class Format { text, json, sarif };

struct Limits {
  ParseLimits parse;
  size_t max_diagnostics = 200;
  uint64_t max_steps = 50'000'000;     // bodies evaluated and list items visited
  uint32_t max_depth = 2000;           // nesting; each body counts 2 × its height + 3
  uint32_t max_values = 4'000'000;     // values in lists and records built (32 bytes each)
  size_t max_input_bytes = 16u << 20;  // a case's JSON
  size_t max_files = 512;              // files one policy may gather (extends, use, calls)
};

struct RunOptions {
  std::optional<Date> as_of;  // overrides the policy's `as of` binding
  bool explain = false;
};

// A place a diagnostic points at: in a policy file (file name, 1-based line
// and column in code points) or in the case's JSON (`path`, "$.claim.total").
struct DiagnosticNote {
  std::string message;
  std::string file;  // empty when the note has no place in a file
  LineCol start, end;
  Location at;
};

// A problem found in a policy, a case or a call, as an owned value.
struct Diagnostic {
  std::string code;  // stable: "E0804"
  std::string name;  // "input_variant"
  Severity severity = Severity::error;
  std::string message;  // one line; for a case, starts with its JSON path
  std::string label;    // what the caret points at
  std::string help;     // a suggested fix, may be empty
  std::string file;     // empty when it has no place in a file
  LineCol start, end;
  std::string path;  // the JSON path of a case's problem ("$.claim.total"), or empty
  Location at;       // for Policy::render
  std::vector<DiagnosticNote> notes;
  bool has_place() const { return !file.empty(); }
};

// The answer of a setter or a typed read: ok, or an error with its code and
// the input's path.
struct Status {
  std::string code;     // empty when ok; else "E0802", "E0850" …
  std::string path;     // the input or output it concerns ("claim.total")
  std::string message;  // says what was wrong and what to do
  bool ok() const { return code.empty(); }
};

// A typed read: the value, or why there is none. `value` is empty exactly
// when `status` is not ok, so an error can never be read as an amount.
template <class T>
struct Typed {
  std::optional<T> value;
  Status status;
  bool ok() const { return status.ok(); }
};

// The types a host sees, for schemas and typed views.
enum class Kind : uint8_t {
  none,  // an optional value that is absent
  boolean,
  integer,
  decimal,
  rate,
  money,
  date,
  duration,
  enumeration,
  text,
  record,
  list,
};
BAO_API std::string_view kind_name(Kind kind);

// A value of an output, owned: records and lists nest. Money is whole fen in
// `integer`, and exact in `decimal` too; a rate is a decimal (0.7 = 70%); an
// enum gives its variant in `text` and its label in `label`; a duration is
// `text` ("90 days").
struct BAO_API OutputValue {
  Kind kind = Kind::none;
  bool boolean = false;
  int64_t integer = 0;  // int, or money in fen
  Decimal decimal;      // decimal, rate, money
  Date date;
  std::string text, label;
  std::vector<std::string> field_names;  // record: the fields, in order
  std::vector<OutputValue> items;        // record: field values; list: items
  // A field of a record by name, or nullptr.
  const OutputValue* field(std::string_view name) const;
};

// One input or output of a policy, for schemas (Python's `p.inputs`, a
// host's form). Record and list types list their fields/items.
struct Schema {
  std::string name;  // "claim" or, for a field, "in_scope"
  Kind kind = Kind::none;
  bool optional = false;
  std::string type_name;              // "AssistClaim", "money", "list<Claim>"
  std::vector<std::string> variants;  // an enum's variants, in order
  std::vector<Schema> fields;         // a record's fields; a list's item type as fields[0]
  std::string label;                  // the declaration's label, may be empty
};

// A precompiled path to an input or a field of a record input: resolved once
// by Policy::input, used by the setters with no string lookup. Valid only
// with Inputs of the Policy (the same load) that made it: another's is E0850.
struct InputHandle {
  const void* policy = nullptr;  // identity of the load, never dereferenced by hosts
  uint32_t input = UINT32_MAX;
  int32_t field = -1;
  Kind kind = Kind::none;
  bool ok() const { return policy != nullptr; }
};

// A precompiled output: its index in Policy::output_names and its kind.
struct OutputHandle {
  const void* policy = nullptr;
  uint32_t index = UINT32_MAX;
  Kind kind = Kind::none;
  bool ok() const { return policy != nullptr; }
};

// One declaration of a policy (its own file's and its parents'), with where
// it comes from: provenance for audits and `bao check --format json`.
struct Declaration {
  std::string name, kind, label;
  std::string source;  // `source "…"`: document, article, address; may be empty
  Location at;
  std::optional<Location> overrides;  // the inherited declaration it replaces
};

// A file of a policy as a loader gives it: the name shown in diagnostics and
// its bytes. `error` non-empty means it exists but could not be read (E0005).
struct LoadedFile {
  std::string name;
  std::string text;
  std::string error;
};
// Finds the file of `a.b.c` — asked for as the relative path "a/b/c.bao" —
// for `extends`, `use` and policy calls; nullopt when it has none (the
// embedded standard library is searched next). Called only during loading,
// on the loading thread.
using SourceLoader = std::function<std::optional<LoadedFile>(std::string_view relative_path)>;

class Policy;
class Session;
struct PolicyImpl;
struct ResultBuilder;

// Typed inputs for one case. A path names an input (`claim`) or a field of a
// record input (`claim.in_scope`); a handle is such a path resolved once.
// Build once, evaluate many times.
//
// A setter that fails leaves its input or field unset (whatever it held
// before), and evaluation refuses the case (E0801, naming the path and why
// the value was refused) until the path is set again; a required input or
// field never set is E0801 too, an optional one is `none`. A set_json with
// errors makes evaluation answer with its first error until a set_json
// succeeds. Inputs built for one Policy are refused by a Session of another
// (E0850), and so is a moved-from Inputs.
class BAO_API Inputs {
 public:
  explicit Inputs(const Policy& policy);
  ~Inputs();
  Inputs(Inputs&&) noexcept;
  Inputs& operator=(Inputs&&) noexcept;
  Status set_money(std::string_view path, int64_t fen);   // never negative, as in JSON
  Status set_money(std::string_view path, Decimal yuan);  // at most 2 decimals
  Status set_int(std::string_view path, int64_t value);
  Status set_decimal(std::string_view path, Decimal value);  // decimal or rate (0.7 = 70%)
  Status set_bool(std::string_view path, bool value);
  Status set_date(std::string_view path, Date value);  // 0001-01-01 .. 9999-12-31
  Status set_enum(std::string_view path, std::string_view variant);
  Status set_text(std::string_view path, std::string_view value);  // UTF-8, no NUL
  Status set_money(const InputHandle& h, int64_t fen);
  Status set_money(const InputHandle& h, Decimal yuan);
  Status set_int(const InputHandle& h, int64_t value);
  Status set_decimal(const InputHandle& h, Decimal value);
  Status set_bool(const InputHandle& h, bool value);
  Status set_date(const InputHandle& h, Date value);
  Status set_enum(const InputHandle& h, std::string_view variant);
  Status set_text(const InputHandle& h, std::string_view value);
  // Replaces every input from a JSON object; the errors name JSON paths.
  std::vector<Diagnostic> set_json(std::string_view json);

 private:
  friend class Session;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The identity of a loaded policy, for audit trails: which rules settled a
// claim. The fingerprint is SHA-256 (hex) over every file of the policy, its
// parents, the modules it uses and the policies it calls, in a stable order
// (docs/embedding.md gives the exact bytes hashed).
struct Identity {
  std::string policy;  // "cn.js.suqian.assistance"
  std::string bao_version;
  std::string fingerprint;
};

// The outcome of one evaluation, owning everything it shows.
class BAO_API Result {
 public:
  // A Result that holds no evaluation: an error (E0850), never empty outputs.
  Result();
  bool ok() const { return !error_.has_value(); }
  const std::optional<Diagnostic>& error() const { return error_; }
  const Identity& identity() const;
  // Output values by name: money as "1234.50", rates as decimals ("0.7").
  const std::vector<std::pair<std::string, std::string>>& outputs() const { return outputs_; }
  std::optional<std::string> output(std::string_view name) const;
  // The same for people: rates as "80%", enums with their labels.
  const std::vector<std::pair<std::string, std::string>>& output_texts() const {
    return output_texts_;
  }
  // Typed outputs: by name or by handle; a wrong name or kind is an error.
  Typed<OutputValue> output_value(std::string_view name) const;
  Typed<OutputValue> output_value(const OutputHandle& h) const;
  Typed<Decimal> output_money(std::string_view name) const;  // exact yuan
  Typed<int64_t> output_fen(std::string_view name) const;
  std::string to_json() const;  // {"outputs": {…}} and "explanation" when asked for
  const std::string& explanation_text() const { return explain_text_; }
  const std::string& explanation_json() const { return explain_json_; }
  std::string render_error(Format f) const;

 private:
  friend class Session;
  friend class Policy;
  friend struct ResultBuilder;
  struct Evaluated {};
  explicit Result(Evaluated) {}  // to be filled: no error made only to be dropped
  std::shared_ptr<const PolicyImpl> policy_;
  std::optional<Diagnostic> error_;
  std::vector<std::pair<std::string, std::string>> outputs_, output_texts_;
  std::vector<OutputValue> values_;
  std::string outputs_json_;  // the "outputs" object as Result::to_json writes it
  std::string explain_text_, explain_json_;
};

// The outcome of one `test` block.
struct TestResult {
  std::string name;
  Location where;  // the test's declaration
  bool passed = false;
  std::vector<Diagnostic> problems;  // failed expectations or the fault that stopped it
};

// Files parsed once and shared by every policy loaded through it: a host
// loading many policies that extend the same parents and use the same
// modules (or `bao check` over a folder) parses each file once, not once per
// policy that reaches it. A file is reused only when its name, its bytes and
// the parse limits match what it was parsed with, so a changed file is parsed
// again, never served stale; what each load reports (diagnostics, identity,
// results) is the same as without the cache. Copies share one cache; a cache
// may be used by several threads at once (each parse holds its lock). It
// keeps every file it parsed until clear().
class BAO_API LoadCache {
 public:
  LoadCache();
  ~LoadCache();
  LoadCache(const LoadCache&);
  LoadCache& operator=(const LoadCache&);
  size_t files_parsed() const;  // parses done, since creation or the last clear()
  size_t files_reused() const;  // times a parsed file was served again
  void clear();

 private:
  friend class Policy;
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// A loaded policy: checked and compiled once, immutable, cheap to copy and
// safe to share between threads.
class BAO_API Policy {
 public:
  // An empty Policy that holds one error (E0850) until one is assigned; every
  // method answers as for a policy that failed to load. A moved-from Policy
  // keeps what it held (moving copies the shared handle).
  Policy();
  Policy(const Policy&) = default;
  Policy& operator=(const Policy&) = default;
  // `roots` are the folders where `use` and `extends` find other policies and
  // modules (a.b.c → a/b/c.bao); the embedded standard library comes after
  // them. from_file defaults to the nearest enclosing `policies/` folder.
  static Policy from_file(const std::string& path, const Limits& limits = {},
                          const std::vector<std::string>& roots = {});
  static Policy from_string(std::string name, std::string text, const Limits& limits = {},
                            const std::vector<std::string>& roots = {});
  // Loads the policy `a.b.c` (given as "a/b/c.bao") and every file it needs
  // through `loader`: from memory, a database or a bundle. No disk is read.
  static Policy from_loader(std::string_view relative_path, SourceLoader loader,
                            const Limits& limits = {});
  // The same three, parsing each file through `cache` (see LoadCache).
  static Policy from_file(const std::string& path, const Limits& limits,
                          const std::vector<std::string>& roots, LoadCache& cache);
  static Policy from_string(std::string name, std::string text, const Limits& limits,
                            const std::vector<std::string>& roots, LoadCache& cache);
  static Policy from_loader(std::string_view relative_path, SourceLoader loader,
                            const Limits& limits, LoadCache& cache);
  bool ok() const;  // no errors: it can be evaluated
  const std::vector<Diagnostic>& diagnostics() const;
  size_t error_count() const;
  size_t warning_count() const;
  std::string render(Format f) const;
  std::string name() const;
  std::string source() const;  // the policy header's `source "…"`
  const Identity& identity() const;
  std::vector<Declaration> declarations() const;
  // Where a Location points: the file's name and the line and column.
  std::string file_name(const Location& at) const;
  LineCol line_col(const Location& at) const;
  std::vector<std::string> input_names() const;
  std::vector<std::string> output_names() const;
  std::vector<Schema> inputs() const;
  std::vector<Schema> outputs() const;
  // Resolves a path once ("claim.in_scope"); a wrong path is an error status.
  Typed<InputHandle> input(std::string_view path) const;
  Typed<OutputHandle> output(std::string_view name) const;
  // Convenience: a fresh Session per call. Hot loops keep a Session instead.
  Result evaluate(const Inputs& inputs, const RunOptions& options = {}) const;
  Result evaluate_json(std::string_view json, const RunOptions& options = {}) const;
  // Runs the policy's `test` blocks (a policy that is not ok() has none to run).
  std::vector<TestResult> run_tests(const RunOptions& options = {}) const;
  // Renders diagnostics with this policy's sources, such as a test's problems.
  std::string render(const std::vector<Diagnostic>& diags, Format f) const;

 private:
  friend class Inputs;
  friend class Session;
  std::shared_ptr<const PolicyImpl> impl_;
};

// One thread's evaluator for one policy, reused case after case without
// allocating. Not thread-safe itself: give each thread its own. Never throws:
// on a policy with errors, with another policy's Inputs, moved from, or
// before any evaluate, the answer is an error Result.
class BAO_API Session {
 public:
  explicit Session(const Policy& policy);
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;
  // Evaluates every output; false on an evaluation error (see result()).
  bool evaluate(const Inputs& inputs, const RunOptions& options = {});
  // After a successful evaluate: output i (in Policy::output_names order) as
  // whole fen (money outputs only); nullopt otherwise.
  std::optional<int64_t> output_fen(size_t i) const;
  // The same through a handle, with the reason when there is no value.
  Typed<int64_t> output_fen(const OutputHandle& h) const;
  // After a successful evaluate: one output as a value of any kind, built
  // without the whole Result (a host that reads a few outputs of many cases).
  Typed<OutputValue> output_value(const OutputHandle& h) const;
  Result result() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bao
