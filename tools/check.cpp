// `bao check PATH…`: every .bao file under the paths, checked; diagnostics
// as text (stderr) or as one JSON or SARIF document (stdout).
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lang/api/bao.hpp"
#include "lang/source/printable.hpp"
#include "tools/verbs.hpp"

namespace bao::cli {

namespace {

std::string where(const Policy& p, const Location& at) {
  LineCol lc = p.line_col(at);
  return fmt::format("{}:{}:{}", p.file_name(at), lc.line, lc.column);
}

// Each file's policy and its declarations, with their sources: where each
// figure comes from, for people who audit a policy.
nlohmann::json provenance(const Policy& p, const std::string& file) {
  nlohmann::json decls = nlohmann::json::array();
  for (const Declaration& d : p.declarations()) {
    nlohmann::json j = {{"name", d.name}, {"kind", d.kind}, {"at", where(p, d.at)}};
    if (!d.label.empty()) j["label"] = d.label;
    if (!d.source.empty()) j["source"] = d.source;
    if (d.overrides) j["overrides"] = where(p, *d.overrides);
    decls.push_back(std::move(j));
  }
  nlohmann::json out = {{"file", file}, {"name", p.name()}, {"declarations", decls}};
  if (!p.source().empty()) out["source"] = p.source();
  // Which exact files this is: for audit trails (docs/embedding.md).
  if (!p.identity().fingerprint.empty()) out["fingerprint"] = p.identity().fingerprint;
  return out;
}

}  // namespace

int check(const CheckArgs& args) {
  auto found = policy_files(args.paths, "check");
  if (!found) return kUsage;
  const std::vector<std::string>& files = *found;
  size_t errors = 0, warnings = 0;
  bool unreadable = false;
  nlohmann::json all = nlohmann::json::array();
  nlohmann::json policies = nlohmann::json::array();
  nlohmann::json sarif;
  // Parents and modules that several files reach are parsed once per run.
  LoadCache cache;
  for (const std::string& file : files) {
    Policy p = Policy::from_file(file, args.limits, args.roots, cache);
    errors += p.error_count();
    warnings += p.warning_count();
    for (const Diagnostic& d : p.diagnostics())
      unreadable |= d.code == "E0005";  // unreadable_file
    if (args.format == "text") {
      std::cerr << p.render(Format::text);
    } else if (args.format == "json") {
      for (auto& d : nlohmann::json::parse(p.render(Format::json)))
        all.push_back(d);
      policies.push_back(provenance(p, file));
    } else {
      auto doc = nlohmann::json::parse(p.render(Format::sarif));
      if (sarif.is_null())
        sarif = doc;
      else
        for (auto& res : doc["runs"][0]["results"])
          sarif["runs"][0]["results"].push_back(res);
    }
  }
  if (args.format == "json") {
    nlohmann::json doc = {{"diagnostics", all}, {"policies", policies}};
    std::cout << json_printable(doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
              << "\n";
  }
  if (args.format == "sarif")
    std::cout << json_printable(sarif.dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
              << "\n";
  if (args.format == "text") {
    std::cerr << fmt::format("checked {} file{}: {} error{}, {} warning{}\n", files.size(),
                             files.size() == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
                             warnings == 1 ? "" : "s");
  }
  if (unreadable) return kUsage;
  if (errors > 0 || (args.deny_warnings && warnings > 0)) return kFailed;
  return kOk;
}

}  // namespace bao::cli
