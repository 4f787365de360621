// A host of the installed package: loads a policy, evaluates one JSON case and
// prints the result as `bao run POLICY --input CASE --format json` does.
//
//   consumer policies/cn/js/suqian/assistance.bao policies/cn/js/suqian/inpatient_dibao.json
#include <fstream>
#include <iostream>
#include <sstream>

#include "lang/api/bao.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: consumer POLICY CASE.json\n";
    return 2;
  }
  bao::Policy policy = bao::Policy::from_file(argv[1]);
  if (!policy.ok()) {
    std::cerr << policy.render(bao::Format::text);
    return 1;
  }
  std::ifstream in(argv[2], std::ios::binary);
  std::ostringstream json;
  json << in.rdbuf();
  if (!in) {
    std::cerr << "consumer: cannot read " << argv[2] << "\n";
    return 2;
  }
  bao::Result result = policy.evaluate_json(json.str());
  std::cout << result.to_json();
  return result.ok() ? 0 : 1;
}
