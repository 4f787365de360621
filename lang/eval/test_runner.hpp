// Runs the `test` blocks of a compiled policy: binds each `given` as an
// input, evaluates, and checks every `expect`, reporting both sides of a
// failed comparison. Used by `bao test` through the API.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lang/eval/evaluator.hpp"

namespace bao {

struct TestOutcome {
  bool passed = false;
  std::optional<EvalError> error;  // a fault while evaluating
  // For each failed expectation: its span and what its two sides were.
  struct Failure {
    Span span;
    std::string detail;
  };
  std::vector<Failure> failures;
};

TestOutcome run_test(const Program& p, size_t test, const EvalOptions& options);

}  // namespace bao
