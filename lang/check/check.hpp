// Entry point of the check stage: a parsed Module in, a CheckedPolicy out
// (names resolved, types and units checked, coverage and cycles proven), with
// every problem found reported to the sink.
#pragma once

#include <memory>

#include "lang/check/checked.hpp"
#include "lang/diag/diagnostic.hpp"

namespace bao {

// Returns the checked policy even when errors were reported (for tools that
// show what they can); compile only one whose sink has no errors.
std::unique_ptr<CheckedPolicy> check_module(const SourceSet& sources, const Module& module,
                                            DiagSink& diags);

}  // namespace bao
