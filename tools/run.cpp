// `bao run POLICY --input CASE`: evaluates one case; outputs as JSON (money as
// exact strings) or as text, with the explanation when asked for.
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "lang/api/bao.hpp"
#include "lang/source/printable.hpp"
#include "tools/verbs.hpp"

namespace bao::cli {

int run(const RunArgs& args) {
  RunOptions options;
  options.explain = args.explain;
  if (args.as_of) {
    options.as_of = Date::parse(*args.as_of);
    if (!options.as_of) {
      std::cerr << fmt::format("bao run: --as-of `{}` is not a date (YYYY-MM-DD)\n",
                               printable(*args.as_of));
      return kUsage;
    }
  }
  Policy policy = Policy::from_file(args.policy, args.limits, args.roots);
  if (!policy.ok()) {
    std::cerr << policy.render(Format::text);
    bool unreadable = !policy.diagnostics().empty() &&
                      policy.diagnostics().front().kind == DiagKind::unreadable_file;
    return unreadable ? kUsage : kFailed;
  }
  std::string json;
  if (args.input == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    json = ss.str();
  } else {
    std::ifstream f(args.input, std::ios::binary);
    if (!f) {
      std::cerr << fmt::format("bao run: cannot read input `{}`\n", printable(args.input));
      return kUsage;
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    json = ss.str();
  }
  Result r = policy.evaluate_json(json, options);
  if (!r.ok()) {
    if (args.format == "json") std::cout << r.to_json();
    std::cerr << r.render_error(Format::text);
    return kFailed;
  }
  if (args.format == "json") {
    std::cout << r.to_json();
    return kOk;
  }
  // Text values and enum labels come from the case and the policy: shown, never obeyed.
  for (const auto& [name, value] : r.output_texts())
    std::cout << fmt::format("{} = {}\n", printable(name), printable(value));
  if (args.explain) std::cout << "\n" << r.explanation_text();
  return kOk;
}

}  // namespace bao::cli
