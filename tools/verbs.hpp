// The verbs of the `bao` command, one file each; main.cpp wires them to CLI11.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "lang/api/bao.hpp"

namespace bao::cli {

// Exit codes, as documented in `bao --help` and docs/language.md.
inline constexpr int kOk = 0;
inline constexpr int kFailed = 1;  // errors in a policy, an evaluation or an input
inline constexpr int kUsage = 2;   // bad arguments or an unreadable file

struct CheckArgs {
  std::vector<std::string> paths;
  std::string format = "text";
  bool deny_warnings = false;
  Limits limits;
  std::vector<std::string> roots;  // --root: where `use` and `extends` look
};
int check(const CheckArgs& args);

struct RunArgs {
  std::string policy;
  std::string input;
  std::optional<std::string> as_of;
  bool explain = false;
  std::string format = "json";
  Limits limits;
  std::vector<std::string> roots;  // --root: where `use` and `extends` look
};

struct TestArgs {
  std::vector<std::string> paths;
  std::string junit;  // a JUnit XML report to write, if given
  Limits limits;
  std::vector<std::string> roots;  // --root: where `use` and `extends` look
};
int test(const TestArgs& args);

struct BatchArgs {
  std::string policy, input, output = "-";
  std::string format, input_format;  // csv or jsonl; default: from the file names
  std::vector<std::string> ids;      // --id: columns carried to each output row
  std::string group_by, list;        // --group-by COLUMN --list INPUT
  std::vector<std::string> outputs;  // --outputs: only these
  std::optional<std::string> as_of;
  unsigned jobs = 0;  // 0: one per core
  bool quiet = false;
  Limits limits;
  std::vector<std::string> roots;
};
int batch(const BatchArgs& args);

// The .bao files under the paths (folders searched recursively); nullopt,
// after saying why, when a path does not exist or a folder has none.
std::optional<std::vector<std::string>> policy_files(const std::vector<std::string>& paths,
                                                     std::string_view verb);

// Parses --as-of into `out`; false, after saying why, when it is not a date.
bool parse_as_of(const std::optional<std::string>& text, std::string_view verb,
                 std::optional<Date>& out);
// kOk for a policy that loaded; else prints its diagnostics and gives the
// exit code: kUsage when the file could not be read (E0005), kFailed otherwise.
int load_status(const Policy& policy);

// Options that set the limits a host can set through the API.
void add_limit_options(CLI::App& app, Limits& limits, std::vector<std::string>& roots);
int run(const RunArgs& args);

}  // namespace bao::cli
