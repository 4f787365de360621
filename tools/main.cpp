// `bao`: check and run medical-security policies written in Bao.
#include <iostream>

#include <CLI/CLI.hpp>

#include "tools/verbs.hpp"

namespace bao::cli {

void add_limit_options(CLI::App& app, Limits& limits, std::vector<std::string>& roots) {
  app.add_option("--root", roots,
                 "Folder where `use` and `extends` find files (a.b.c → a/b/c.bao); "
                 "repeatable; default: the nearest enclosing `policies/` folder")
      // One folder per --root, so the paths after it stay paths.
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--max-file-bytes", limits.parse.max_file_bytes, "Largest policy file accepted")
      ->capture_default_str();
  app.add_option("--max-nesting", limits.parse.max_nesting, "Deepest nesting of expressions")
      ->capture_default_str();
  app.add_option("--max-diagnostics", limits.max_diagnostics, "Diagnostics shown per file")
      ->capture_default_str();
  app.add_option("--max-steps", limits.max_steps,
                 "Steps one evaluation may take (bodies and list items)")
      ->capture_default_str();
  app.add_option("--max-depth", limits.max_depth, "Nesting one evaluation may reach")
      ->capture_default_str();
  app.add_option("--max-values", limits.max_values,
                 "Values in the lists and records one evaluation may build")
      ->capture_default_str();
  app.add_option("--max-input-bytes", limits.max_input_bytes, "Largest JSON case accepted")
      ->capture_default_str();
}

}  // namespace bao::cli

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
  bao::cli::add_limit_options(*c, check.limits, check.roots);

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
  bao::cli::add_limit_options(*r, run.limits, run.roots);

  bao::cli::TestArgs test;
  auto* t = app.add_subcommand("test", "Run the test blocks of policies (files or folders)");
  t->add_option("paths", test.paths, "Files or folders")->required();
  t->add_option("--junit", test.junit, "Also write the results as JUnit XML to this file");
  bao::cli::add_limit_options(*t, test.limits, test.roots);

  bao::cli::BatchArgs batch;
  auto* b = app.add_subcommand(
      "batch", "Evaluate a policy on every row of a file (JSON Lines or CSV), in input order");
  b->add_option("policy", batch.policy, "The policy file")->required();
  b->add_option("--input", batch.input, "The rows: a .jsonl or .csv file, or - for standard input")
      ->required();
  b->add_option("--output", batch.output, "Where the output rows go (default - : standard output)");
  b->add_option("--format", batch.format,
                "csv or jsonl: of the output, and of the input unless --input-format says")
      ->check(CLI::IsMember({"csv", "jsonl"}));
  b->add_option("--input-format", batch.input_format, "csv or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}));
  b->add_option("--id", batch.ids,
                "A column (or JSON member) carried to each output row; repeatable")
      ->allow_extra_args(false);
  b->add_option("--group-by", batch.group_by,
                "Rows with the same value in this column, next to each other, are one case");
  b->add_option("--list", batch.list, "The list input a group's rows become (with --group-by)");
  b->add_option("--outputs", batch.outputs, "Only these outputs (comma-separated; default: all)")
      ->delimiter(',')
      ->allow_extra_args(false);
  b->add_option("--as-of", batch.as_of,
                "Evaluate with the params in force on this date (YYYY-MM-DD)");
  b->add_option("-j,--jobs", batch.jobs, "Threads (default: one per core)");
  b->add_flag("-q,--quiet", batch.quiet, "No progress line, only the summary");
  bao::cli::add_limit_options(*b, batch.limits, batch.roots);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : bao::cli::kUsage;
  }
  if (*c) return bao::cli::check(check);
  if (*r) return bao::cli::run(run);
  if (*t) return bao::cli::test(test);
  if (*b) return bao::cli::batch(batch);
  return bao::cli::kUsage;
}
