// Internal: the state behind the public handles of bao.hpp, shared by
// api.cpp (loading, results) and inputs.cpp (typed inputs, evaluation).
#pragma once

#include <atomic>
#include <memory>
#include <mutex>

#include "lang/api/bao.hpp"
#include "lang/api/json_fast.hpp"
#include "lang/check/checked.hpp"
#include "lang/eval/evaluator.hpp"
#include "lang/eval/format.hpp"
#include "lang/syntax/parse_cache.hpp"

namespace bao {

// What Policy::evaluate_json needs for one case: kept by the policy and
// lent to one call at a time, so that a call reuses the buffers of the last.
struct JsonCase {
  InputValues values;
  JsonScratch scratch;
  std::optional<Evaluator> eval;
  std::vector<Value> outputs;
  EvalError error;
  Trace trace;
};

struct PolicyImpl {
  Limits limits;
  SourceSet sources;
  std::vector<std::string> keys;  // canonical file names by FileId (link_policy)
  Module module;
  std::shared_ptr<const CheckedPolicy> checked;
  std::unique_ptr<Program> program;
  std::vector<Diag> diags;
  std::vector<Diagnostic> public_diags;  // the same, as hosts see them
  // Read through identity_of(): the fingerprint is hashed on the first ask
  // (hashing every file of the policy costs as much as checking it, and
  // `bao check` prints it only in JSON).
  mutable Identity identity;
  bool fingerprint_pending = false;
  mutable std::once_flag fingerprint_once;
  // Output indices (as in program->outputs) in the byte order of their
  // names: the order of the keys of a Result's JSON.
  std::vector<uint32_t> output_order;
  // `"name": ` for each output, as printable JSON: the keys of that object.
  std::vector<std::string> output_keys;
  // JsonCases not lent out: at most one per thread that evaluates at once.
  mutable std::mutex pool_mutex;
  mutable std::vector<std::unique_ptr<JsonCase>> pool;
};
const Identity& identity_of(const PolicyImpl& p);

// ---- conversions (diagnostics.cpp, identity.cpp) ----
Diagnostic to_public(const SourceSet& sources, const Diag& d);
std::vector<Diagnostic> to_public(const SourceSet& sources, const std::vector<Diag>& ds);
Diag to_internal(const Diagnostic& d);
const SourceSet& no_sources();  // for a diagnostic with no policy behind it
Status status_of(const Diag& d, std::string path);
// SHA-256 (hex) over the files' canonical names and bytes.
std::string fingerprint(const SourceSet& sources, const std::vector<std::string>& keys);
// The public kind of a checked type (an optional's base type; `optional` set).
Kind public_kind(const CheckedPolicy& c, TypeRef t, bool* optional = nullptr);

// What the host asked a setter to store, checked against the path's type
// before anything is written.
struct SetRequest {
  bool (*accepts)(TypeKind);  // the setter's kinds (an optional's base type)
  // Builds the value; returns an error message, empty on success.
  std::string (*make)(const CheckedPolicy&, TypeRef, const void* arg, Value& out, InputValues&);
  const void* arg;
};

// A case's JSON read into `values` (inputs.cpp): the size limit, then
// read_json_inputs. The errors found, empty when it reads.
std::vector<Diag> read_json_case(const PolicyImpl& p, std::string_view json, InputValues& values,
                                 JsonScratch& scratch);
// The first error, with the others' messages as its notes: what an
// evaluation of a case with errors answers.
Diag first_with_notes(const std::vector<Diag>& errors);

// Where a path points: an input, or a field of a record input.
struct InputTarget {
  size_t input = 0;
  int field = -1;  // -1: the input itself
  TypeRef type = 0;
};
// Resolves "claim" or "claim.in_scope"; returns an error message, empty on success.
std::string find_input(const CheckedPolicy& c, std::string_view path, InputTarget& out);

// Hidden: a nested class of an exported one would be exported too.
struct __attribute__((visibility("hidden"))) LoadCache::Impl {
  ParseCache files;
};

// Hidden: a nested class of an exported one would be exported too.
struct __attribute__((visibility("hidden"))) Inputs::Impl {
  std::shared_ptr<const PolicyImpl> policy;
  InputValues values;
  std::vector<bool> field_set;  // parallel to values.heap, for typed setters
  JsonScratch json_scratch;     // set_json's buffers
  // Paths whose last setter failed, and why: evaluation refuses the case
  // until each is set again.
  std::vector<std::pair<std::string, std::string>> refused;
  // The first error of the last set_json, kept until a set_json succeeds.
  std::optional<Diag> json_error;
  // Every required field is set; cleared by each setter. Atomic because
  // several threads may evaluate the same Inputs.
  mutable std::atomic<bool> complete{false};

  Status set(std::string_view path, const SetRequest& request);
  Status set(const InputHandle& h, const SetRequest& request);
  Status set(const InputTarget& target, std::string_view path, const SetRequest& request);
  // Why the inputs cannot be evaluated (the first reason), or nullopt.
  std::optional<Diag> incomplete() const;
};

struct __attribute__((visibility("hidden"))) Session::Impl {
  std::shared_ptr<const PolicyImpl> policy;
  std::optional<Evaluator> eval;  // none when the policy has errors
  std::vector<Value> outputs;
  EvalError error;
  std::optional<Diag> input_error;
  bool ok = false;
  bool evaluated = false;
  Trace trace;
  bool traced = false;
  explicit Impl(std::shared_ptr<const PolicyImpl> p) : policy(std::move(p)) {
    if (policy->program) eval.emplace(*policy->program);
  }
};

// Builds Results (session.cpp): a friend of Result.
struct ResultBuilder {
  // The Result of a successful evaluation: every output as JSON, text and a
  // typed value; the explanation when traced.
  static void fill(Result& r, std::shared_ptr<const PolicyImpl> policy, const Evaluator& ev,
                   const std::vector<Value>& outputs, const Trace* trace);
  static void fail(Result& r, std::shared_ptr<const PolicyImpl> policy, const Diag& error);
  static Result evaluated() { return Result(Result::Evaluated{}); }
};
// The error of a failed evaluation, with the rules it was in as notes.
Diag eval_error(const PolicyImpl& p, const EvalError& e);
EvalOptions eval_options(const PolicyImpl& p, const RunOptions& options);

// JSON text (json_output.cpp), byte for byte as nlohmann::json dumps
// value_json (lang/eval/format.cpp): compact when indent < 0, else `indent`
// spaces a level, starting at `level`. `past_ascii`, when given, is set if
// a string written holds a byte from 0x7F up (what json_printable may
// escape; it leaves the rest of the text as it is).
void append_json_string(std::string& out, std::string_view s, bool* past_ascii = nullptr);
// Decimal::to_string(min_frac), in 64 bits where the value fits.
void append_decimal(std::string& out, Decimal d, int min_frac);
void append_value_json(std::string& out, const CheckedPolicy& c, TypeRef t, const Value& v,
                       const ElementFn& el, int indent, int level, bool* past_ascii = nullptr);
// The text of a value whose JSON is a string (money, dates, enums …); false
// for the others (bool, int, records, lists, none).
bool json_string_of(const CheckedPolicy& c, TypeRef t, const Value& v, std::string& out);

// An output value as hosts see it (typed.cpp).
OutputValue output_value_of(const CheckedPolicy& c, TypeRef t, const Value& v, const ElementFn& el);

// A diagnostic about the host's use of the API (E0850), with no location.
Diag misuse(std::string message);
// The answer to evaluating a policy that did not load.
Diag not_loaded(const PolicyImpl& p);
// A policy that holds nothing (Policy's default state).
const std::shared_ptr<const PolicyImpl>& empty_policy();

}  // namespace bao
