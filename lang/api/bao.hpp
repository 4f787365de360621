// The public C++ API of Bao: load and check a policy, evaluate it on cases
// (typed inputs or JSON), and read outputs, errors and explanations. The
// `bao` command is a client of this header and nothing more.
//
//   auto policy = bao::Policy::from_file("policies/cn/js/suqian/assistance.bao");
//   if (!policy.ok()) { std::cerr << policy.render(bao::Format::text); return 1; }
//   bao::Result r = policy.evaluate_json(R"({"identities": ["dibao"], "claim": …})");
//   std::cout << r.to_json();
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/date.hpp"
#include "lang/base/decimal.hpp"
#include "lang/diag/diagnostic.hpp"
#include "lang/syntax/parse.hpp"

namespace bao {

enum class Format { text, json, sarif };

struct Limits {
  ParseLimits parse;
  size_t max_diagnostics = 200;
  uint64_t max_steps = 50'000'000;     // bodies evaluated and list items visited
  uint32_t max_depth = 2000;           // nesting; each body counts 2 × its height + 3
  uint32_t max_values = 4'000'000;     // values in lists and records built (32 bytes each)
  size_t max_input_bytes = 16u << 20;  // a case's JSON
};

struct RunOptions {
  std::optional<Date> as_of;  // overrides the policy's `as of` binding
  bool explain = false;
};

// One declaration of a policy (its own file's and its parents'), with where
// it comes from: provenance for audits and `bao check --format json`.
struct Declaration {
  std::string name, kind, label;
  std::string source;  // `source "…"`: document, article, address; may be empty
  Location at;
  std::optional<Location> overrides;  // the inherited declaration it replaces
};

class Policy;
class Session;
struct PolicyImpl;

// Typed inputs for one case. Paths name an input (`claim`) or a field of a
// record input (`claim.in_scope`); each setter returns an error message, empty
// on success. Build once, evaluate many times.
//
// A setter that fails leaves its input or field unset (whatever it held
// before), and evaluation refuses the case (E0801, naming the path and why
// the value was refused) until the path is set again; a required input or
// field never set is E0801 too, an optional one is `none`. A set_json with
// errors makes evaluation answer with its first error until a set_json
// succeeds. Inputs built for one Policy are refused by a Session of another
// (E0850), and so is a moved-from Inputs.
class Inputs {
 public:
  explicit Inputs(const Policy& policy);
  ~Inputs();
  Inputs(Inputs&&) noexcept;
  Inputs& operator=(Inputs&&) noexcept;
  std::string set_money(std::string_view path, int64_t fen);  // never negative, as in JSON
  std::string set_int(std::string_view path, int64_t value);
  std::string set_decimal(std::string_view path, Decimal value);  // decimal or rate (0.7 = 70%)
  std::string set_bool(std::string_view path, bool value);
  std::string set_date(std::string_view path, Date value);  // 0001-01-01 .. 9999-12-31
  std::string set_enum(std::string_view path, std::string_view variant);
  std::string set_text(std::string_view path, std::string value);  // UTF-8, no NUL
  // Replaces every input from a JSON object; the errors name JSON paths.
  std::vector<Diag> set_json(std::string_view json);

 private:
  friend class Session;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The outcome of one evaluation, owning everything it shows.
class Result {
 public:
  // A Result that holds no evaluation: an error (E0850), never empty outputs.
  Result();
  bool ok() const { return !error_.has_value(); }
  const std::optional<Diag>& error() const { return error_; }
  // Output values by name: money as "1234.50", rates as decimals ("0.7").
  const std::vector<std::pair<std::string, std::string>>& outputs() const { return outputs_; }
  std::optional<std::string> output(std::string_view name) const;
  // The same for people: rates as "80%", enums with their labels.
  const std::vector<std::pair<std::string, std::string>>& output_texts() const {
    return output_texts_;
  }
  std::string to_json() const;  // {"outputs": {…}} and "explanation" when asked for
  const std::string& explanation_text() const { return explain_text_; }
  std::string render_error(Format f) const;

 private:
  friend class Session;
  friend class Policy;
  std::shared_ptr<const PolicyImpl> policy_;
  std::optional<Diag> error_;
  std::vector<std::pair<std::string, std::string>> outputs_, output_texts_;
  std::string outputs_json_, explain_text_, explain_json_;
};

// The outcome of one `test` block.
struct TestResult {
  std::string name;
  Location where;  // the test's declaration
  bool passed = false;
  std::vector<Diag> problems;  // failed expectations or the fault that stopped it
};

// A loaded policy: checked and compiled once, immutable, cheap to copy and
// safe to share between threads.
class Policy {
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
  bool ok() const;  // no errors: it can be evaluated
  const std::vector<Diag>& diagnostics() const;
  size_t error_count() const;
  size_t warning_count() const;
  std::string render(Format f) const;
  std::string name() const;
  std::string source() const;  // the policy header's `source "…"`
  std::vector<Declaration> declarations() const;
  // Where a Location points: the file's name and the line and column.
  std::string file_name(const Location& at) const;
  LineCol line_col(const Location& at) const;
  std::vector<std::string> input_names() const;
  std::vector<std::string> output_names() const;
  // Convenience: a fresh Session per call. Hot loops keep a Session instead.
  Result evaluate(const Inputs& inputs, const RunOptions& options = {}) const;
  Result evaluate_json(std::string_view json, const RunOptions& options = {}) const;
  // Runs the policy's `test` blocks (a policy that is not ok() has none to run).
  std::vector<TestResult> run_tests(const RunOptions& options = {}) const;
  // Renders diagnostics with this policy's sources, such as a test's problems.
  std::string render(const std::vector<Diag>& diags, Format f) const;

 private:
  friend class Inputs;
  friend class Session;
  std::shared_ptr<const PolicyImpl> impl_;
};

// One thread's evaluator for one policy, reused case after case without
// allocating. Not thread-safe itself: give each thread its own. Never throws:
// on a policy with errors, with another policy's Inputs, moved from, or
// before any evaluate, the answer is an error Result.
class Session {
 public:
  explicit Session(const Policy& policy);
  ~Session();
  Session(Session&&) noexcept;
  // Evaluates every output; false on an evaluation error (see result()).
  bool evaluate(const Inputs& inputs, const RunOptions& options = {});
  // After a successful evaluate: output i as whole fen (money outputs only);
  // nullopt otherwise. result() is the full answer, or the error.
  std::optional<int64_t> output_fen(size_t i) const;
  Result result() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bao
