// `bao`: check and run medical-security policies written in Bao.
#include <iostream>

#include <CLI/CLI.hpp>

#include "tools/verbs.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "bao — check and run medical-security policies written in the Bao language.\n\n"
      "Exit codes: 0 success; 1 errors in a policy, an input or an evaluation\n"
      "(and warnings with --deny-warnings); 2 usage errors or unreadable files."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "bao 0.1.0");

  bao::cli::CheckArgs check;
  auto* c =
      app.add_subcommand("check", "Parse and check policies (files or folders of .bao files)");
  c->add_option("paths", check.paths, "Files or folders")->required();
  c->add_option("--format", check.format, "text, json or sarif")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  c->add_flag("--deny-warnings", check.deny_warnings, "Exit 1 on warnings too");

  bao::cli::RunArgs run;
  auto* r = app.add_subcommand("run", "Evaluate a policy on one case (JSON in, JSON out)");
  r->add_option("policy", run.policy, "The policy file")->required();
  r->add_option("--input", run.input, "The case as JSON: a file, or - for standard input")
      ->required();
  r->add_option("--as-of", run.as_of,
                "Evaluate with the params in force on this date (YYYY-MM-DD)");
  r->add_flag("--explain", run.explain, "Show how each output came out");
  r->add_option("--format", run.format, "json (default) or text")
      ->check(CLI::IsMember({"text", "json"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : bao::cli::kUsage;
  }
  if (*c) return bao::cli::check(check);
  if (*r) return bao::cli::run(run);
  return bao::cli::kUsage;
}
