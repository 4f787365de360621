// Internal: the state behind the public handles of bao.hpp, shared by
// api.cpp (loading, results) and inputs.cpp (typed inputs, evaluation).
#pragma once

#include <atomic>

#include "lang/api/bao.hpp"
#include "lang/check/checked.hpp"
#include "lang/eval/evaluator.hpp"

namespace bao {

struct PolicyImpl {
  Limits limits;
  SourceSet sources;
  Module module;
  std::shared_ptr<const CheckedPolicy> checked;
  std::unique_ptr<Program> program;
  std::vector<Diag> diags;
};

// What the host asked a setter to store, checked against the path's type
// before anything is written.
struct SetRequest {
  bool (*accepts)(TypeKind);  // the setter's kinds (an optional's base type)
  // Builds the value; returns an error message, empty on success.
  std::string (*make)(const CheckedPolicy&, TypeRef, const void* arg, Value& out, InputValues&);
  const void* arg;
};

struct Inputs::Impl {
  std::shared_ptr<const PolicyImpl> policy;
  InputValues values;
  std::vector<bool> field_set;  // parallel to values.heap, for typed setters
  // Paths whose last setter failed, and why: evaluation refuses the case
  // until each is set again.
  std::vector<std::pair<std::string, std::string>> refused;
  // The first error of the last set_json, kept until a set_json succeeds.
  std::optional<Diag> json_error;
  // Every required field is set; cleared by each setter. Atomic because
  // several threads may evaluate the same Inputs.
  mutable std::atomic<bool> complete{false};

  std::string set(std::string_view path, const SetRequest& request);
  // Why the inputs cannot be evaluated (the first reason), or nullopt.
  std::optional<Diag> incomplete() const;
};

struct Session::Impl {
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

// A diagnostic about the host's use of the API (E0850), with no location.
Diag misuse(std::string message);
// The answer to evaluating a policy that did not load.
Diag not_loaded(const PolicyImpl& p);
// A policy that holds nothing (Policy's default state).
const std::shared_ptr<const PolicyImpl>& empty_policy();

}  // namespace bao
