// Reproducer (found by probing the public API, not by a fuzz target): the
// host-facing calls on a Policy that did not load cleanly.
//
//   1. `setter`: Inputs' typed setters on a policy that failed to parse
//      dereference the null CheckedPolicy (Inputs::set_money → locate):
//      SIGSEGV, or a libstdc++ assertion with _GLIBCXX_ASSERTIONS.
//   2. `json`: Policy::evaluate_json on such a policy: Inputs::set_json
//      returns no error (it does nothing when there is no CheckedPolicy), then
//      evaluate() constructs a Session, which throws std::logic_error; a host
//      that does not catch it terminates.
//
// Build against a build of bao_lang (here the BAO_FUZZ one) and run:
//   clang++-14 -std=c++20 -g -fsanitize=address,undefined -D_GLIBCXX_ASSERTIONS -I. \
//     tests/fuzz/findings/api_failed_policy.cpp build-fuzz/libbao_lang.a -lfmt -o
//     /tmp/api_failed_policy
//   /tmp/api_failed_policy setter; /tmp/api_failed_policy json
// Expected once fixed: both print an error and exit 0.
#include <iostream>
#include <string>

#include "lang/api/bao.hpp"

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "setter";
  bao::Policy p = bao::Policy::from_string("broken.bao", "policy (((");
  if (mode == "setter") {
    bao::Inputs in(p);
    std::cout << "set_money: " << in.set_money("claim.in_scope", 100).message << "\n";
  } else {
    bao::Result r = p.evaluate_json("{}");
    std::cout << "evaluate_json: ok=" << r.ok() << "\n";
  }
  return 0;
}
