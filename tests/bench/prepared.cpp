// The shared parts of a prepared benchmark: see prepared.hpp.
#include "tests/bench/prepared.hpp"

#include <iostream>

#include "tests/bench/bench_util.hpp"

namespace bao_bench {

std::string bind_outputs(Prepared& p, const std::vector<const char*>& names) {
  p.outputs.clear();
  for (const char* name : names) {
    bao::Typed<bao::OutputHandle> h = p.policy.output(name);
    if (!h.ok()) return p.path + ": " + h.status.message;
    p.outputs.push_back(*h.value);
  }
  return "";
}

size_t verify(const Prepared& p, bao::Session& s, size_t full, const bao::RunOptions& options) {
  const size_t k = p.outputs.size();
  size_t bad = 0;
  for (size_t i = 0; i < p.inputs.size(); ++i) {
    std::string why;
    if (!s.evaluate(p.inputs[i], options)) {
      why = " interpreter failed: " + s.result().render_error(bao::Format::text);
    } else {
      for (size_t j = 0; j < k; ++j) {
        bao::Typed<int64_t> got = s.output_fen(p.outputs[j]);
        int64_t want = p.expected[i * k + j];
        if (!got.ok() || *got.value != want)
          why += " output " + std::to_string(j) + ": interpreter " +
                 (got.ok() ? bao::fen_to_string(*got.value) : got.status.message) +
                 ", hand-written " + bao::fen_to_string(want);
      }
      if (why.empty() && i < full && p.check_result) why = p.check_result(i, s.result());
    }
    if (!why.empty() && ++bad <= 10)
      std::cerr << "MISMATCH " << p.what << " case " << i << " [" << p.describe(i) << "]:" << why
                << "\n";
  }
  return bad;
}

bool interpreter_pass(const Prepared& p, bao::Session& s, uint64_t& checksum,
                      const bao::RunOptions& options) {
  uint64_t h = kChecksumStart;
  for (const bao::Inputs& in : p.inputs) {
    if (!s.evaluate(in, options)) return false;
    for (const bao::OutputHandle& o : p.outputs)
      h = mix(h, *s.output_fen(o).value);
  }
  checksum = h;
  return true;
}

}  // namespace bao_bench
