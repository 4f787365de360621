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
  std::vector<Diagnostic> diags;
};

struct Inputs::Impl {
  std::shared_ptr<const PolicyImpl> policy;
  InputValues values;
  std::vector<bool> field_set;  // parallel to values.heap, for typed setters
  // Every required field is set; cleared by each setter. Atomic because
  // several threads may evaluate the same Inputs.
  mutable std::atomic<bool> complete{false};
};

struct Session::Impl {
  std::shared_ptr<const PolicyImpl> policy;
  Evaluator eval;
  std::vector<Value> outputs;
  EvalError error;
  std::optional<Diagnostic> input_error;
  bool ok = false;
  Trace trace;
  bool traced = false;
  explicit Impl(std::shared_ptr<const PolicyImpl> p)
      : policy(std::move(p)), eval(*policy->program) {}
};

}  // namespace bao
