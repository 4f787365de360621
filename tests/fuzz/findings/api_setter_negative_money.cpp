// Reproducer (found by probing the public API, not by a fuzz target): the
// typed setter Inputs::set_money accepts a negative amount that the JSON
// reader refuses (E0808 "`-1.00` is negative: amounts on a claim are not"),
// so a host using the typed API gets a settlement from data its JSON twin
// rejects. Not a crash: a gap in validation (issue 5, "bad data").
//
//   clang++-14 -std=c++20 -g -fsanitize=address,undefined -D_GLIBCXX_ASSERTIONS -I. \
//     tests/fuzz/findings/api_setter_negative_money.cpp build-fuzz/libbao_lang.a -lfmt \
//     -o /tmp/api_setter_negative_money && /tmp/api_setter_negative_money
//
// Prints `set_money: []` and `typed: ok o=-1.00` today; expected once fixed:
// set_money returns an error for -100 fen (as JSON input does), and the
// program prints `json: E0808` for both.
#include <iostream>

#include "lang/api/bao.hpp"

int main() {
  bao::Policy p = bao::Policy::from_string("p.bao", R"(policy cn.p "p"
record C "c" { a "a": money, b "b": money }
input c "c": C
output o "o": money = c.a + c.b
)");
  bao::Inputs in(p);
  std::cout << "set_money: [" << in.set_money("c.a", -100).message << "]\n";
  in.set_money("c.b", 0);
  bao::Result typed = p.evaluate(in);
  std::cout << "typed: " << (typed.ok() ? "ok o=" + *typed.output("o") : "error") << "\n";
  bao::Result json = p.evaluate_json(R"({"c": {"a": "-1.00", "b": "0"}})");
  std::cout << "json: " << (json.ok() ? "ok" : json.error()->code) << "\n";
  return 0;
}
