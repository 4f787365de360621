// A benchmark made ready: a loaded policy, its cases as bao::Inputs (built
// once, outside every timed loop), the money outputs it checks, and what the
// hand-written code gives for each, so that any driver — timing against the
// hand-written code (suite.cpp), counting allocations (alloc.cpp), threads —
// can first prove the interpreter agrees with it, fen for fen.
//
// Each policy's file makes one: prepare_assistance (assist_cases.cpp),
// prepare_claim (settle_claim.cpp), prepare_year (year.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lang/api/bao.hpp"

namespace bao_bench {

struct Prepared {
  std::string what;  // "assistance", "settlement", "year"
  std::string path;  // the policy file
  bao::Policy policy;
  std::vector<bao::Inputs> inputs;
  std::vector<bao::OutputHandle> outputs;  // money outputs compared and folded
  std::vector<int64_t> expected;           // hand-written: inputs.size() × outputs.size()
  size_t units = 0;                        // claims settled by one pass (year: all claims)
  // One pass of the hand-written code over every case, folding the same
  // outputs in the same order as interpreter_pass; false on a failure.
  std::function<bool(uint64_t&)> hand_pass;
  // Why case i's full Result disagrees with the hand-written code, or "" (the
  // year: every claim of the list; assistance: `eligible` as text). May be empty.
  std::function<std::string(size_t, const bao::Result&)> check_result;
  std::function<std::string(size_t)> describe;
};

std::string prepare_assistance(const std::string& path, size_t n, Prepared& p);
std::string prepare_claim(const std::string& path, size_t n, Prepared& p);
std::string prepare_year(const std::string& path, size_t persons, Prepared& p);

// Binds p.outputs from names; "" or why not.
std::string bind_outputs(Prepared& p, const std::vector<const char*>& names);

// Evaluates every case and compares every output of p.outputs with
// p.expected (and check_result on the first `full` cases); prints the first
// mismatches to stderr and returns how many cases differ. `options` as for
// interpreter_pass (with explain, the first `full` Results render it).
size_t verify(const Prepared& p, bao::Session& s, size_t full, const bao::RunOptions& options = {});

// One pass of the interpreter over every case, folding every checked output
// into `checksum` (the same fold as hand_pass).
bool interpreter_pass(const Prepared& p, bao::Session& s, uint64_t& checksum,
                      const bao::RunOptions& options = {});

}  // namespace bao_bench
