// The cases of tests/bench/assistance.bao, shared by every benchmark of it:
// generated deterministically in whole fen (SplitMix64 from a fixed seed),
// then turned into bao::Inputs with the typed setters, or into a JSON case.
// Also the policy's output names in order, which both baselines compute.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "lang/api/bao.hpp"
#include "tests/bench/baseline.hpp"

namespace bao_bench {

enum OutputIndex : size_t { o_eligible, o_assistance, o_burden, o_fund, o_ytd, o_cap, o_count };
inline constexpr std::array<const char*, o_count> kOutputNames = {
    "eligible", "assistance", "personal_burden", "fund_total", "ytd_assistance", "cap_remaining"};
inline constexpr std::array<size_t, 5> kMoneyOutputs = {o_assistance, o_burden, o_fund, o_ytd,
                                                        o_cap};

// n cases; every (recipient, visit) pair once in each run of 21 cases.
std::vector<Case> generate(size_t n, uint64_t seed);
inline constexpr uint64_t kSeed = 0xBA0BE4C4ull;

// Sets every input of the case; the first setter's error, or "".
std::string to_inputs(const Case& c, bao::Inputs& in);
// The case as the JSON object Inputs::set_json and Policy::evaluate_json take.
std::string to_json(const Case& c);
// The outputs as an array indexed by OutputIndex (eligible as 0/1).
std::array<int64_t, o_count> money_of(const Outputs& o);
std::string describe(const Case& c);

// Loads the policy and checks it declares kOutputNames in order; "" or why not.
std::string load_assistance(const std::string& path, bao::Policy& policy);

}  // namespace bao_bench
