// The verbs of the `bao` command, one file each; main.cpp wires them to CLI11.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace bao::cli {

// Exit codes, as documented in `bao --help` and docs/language.md.
inline constexpr int kOk = 0;
inline constexpr int kFailed = 1;  // errors in a policy, an evaluation or an input
inline constexpr int kUsage = 2;   // bad arguments or an unreadable file

struct CheckArgs {
  std::vector<std::string> paths;
  std::string format = "text";
  bool deny_warnings = false;
};
int check(const CheckArgs& args);

struct RunArgs {
  std::string policy;
  std::string input;
  std::optional<std::string> as_of;
  bool explain = false;
  std::string format = "json";
};
int run(const RunArgs& args);

}  // namespace bao::cli
