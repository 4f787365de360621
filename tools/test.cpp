// `bao test PATH…`: runs the `test` blocks of every policy under the paths;
// prints each failure with both sides of the expectation and ends with
// `N passed, M failed`; exit 1 on any failure. `--junit FILE` for CI.
#include <algorithm>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "lang/source/printable.hpp"
#include "tools/verbs.hpp"

namespace bao::cli {

namespace {

// Text for JUnit XML, which XML 1.0 parsers must accept: printable() first,
// so no control character (XML 1.0 cannot hold most of them even as `&#…;`),
// no byte that is not UTF-8 and no U+FFFE/U+FFFF gets in, then the five
// markup characters as entities. An attribute (a name, a message) stays one
// line; element text (a failure report) keeps its line breaks.
std::string xml_escape(std::string_view s, bool multiline = false) {
  std::string safe;
  if (!multiline) {
    safe = printable(s);
  } else {
    for (size_t from = 0; from <= s.size();) {
      size_t nl = std::min(s.find('\n', from), s.size());
      safe += printable(s.substr(from, nl - from));
      if (nl < s.size()) safe += '\n';
      from = nl + 1;
    }
  }
  std::string out;
  for (char c : safe) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

int test(const TestArgs& args) {
  auto files = policy_files(args.paths, "test");
  if (!files) return kUsage;
  size_t passed = 0, failed = 0;
  std::string junit;
  LoadCache cache;  // parents and modules shared by the files parse once
  for (const std::string& file : *files) {
    Policy p = Policy::from_file(file, args.limits, args.roots, cache);
    if (!p.ok()) {
      // A policy that does not check has tests that cannot run: each file counts as one failure.
      std::cerr << p.render(Format::text);
      ++failed;
      junit += fmt::format(
          "  <testsuite name=\"{}\" tests=\"1\" failures=\"1\">\n"
          "    <testcase name=\"check\"><failure message=\"the policy has errors\"/>"
          "</testcase>\n  </testsuite>\n",
          xml_escape(file));
      continue;
    }
    std::vector<TestResult> results = p.run_tests();
    size_t file_failed = 0;
    std::string cases;
    for (const TestResult& r : results) {
      if (r.passed) {
        ++passed;
        cases += fmt::format("    <testcase name=\"{}\"/>\n", xml_escape(r.name));
        continue;
      }
      ++failed;
      ++file_failed;
      std::string text = p.render(r.problems, Format::text);
      std::cerr << text;
      cases += fmt::format(
          "    <testcase name=\"{}\"><failure message=\"{}\">{}</failure></testcase>\n",
          xml_escape(r.name), xml_escape(r.problems.front().message), xml_escape(text, true));
    }
    junit +=
        fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">\n{}  </testsuite>\n",
                    xml_escape(file), results.size(), file_failed, cases);
  }
  if (!args.junit.empty()) {
    std::ofstream out(args.junit, std::ios::binary);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        << junit << "</testsuites>\n";
    if (!out) {
      std::cerr << fmt::format("bao test: cannot write `{}`\n", printable(args.junit));
      return kUsage;
    }
  }
  std::cout << fmt::format("{} passed, {} failed\n", passed, failed);
  return failed == 0 ? kOk : kFailed;
}

}  // namespace bao::cli
