// Converts the stages' diagnostics (Diag) to the public, owned Diagnostic and
// back, losslessly, so Policy::render can show what a host kept.
#include <unordered_map>

#include "lang/api/impl.hpp"
#include "lang/api/json_input.hpp"

namespace bao {

namespace {

void place(const SourceSet& sources, const Location& at, std::string& file, LineCol& start,
           LineCol& end) {
  if (at.file >= sources.size()) return;
  const SourceFile& f = sources.file(at.file);
  file = f.name();
  start = f.line_col(at.span.begin);
  end = f.line_col(at.span.end);
}

// A case's problem starts with its JSON path: "$.claim.total: …".
std::string json_path(const Location& at, const std::string& message) {
  if (at.file != kNoFile || message.empty() || message[0] != '$') return {};
  size_t colon = message.find(": ");
  return message.substr(0, colon);
}

}  // namespace

const SourceSet& no_sources() {
  static const SourceSet none;
  return none;
}

Diagnostic to_public(const SourceSet& sources, const Diag& d) {
  const DiagInfo& info = diag_info(d.kind);
  Diagnostic out;
  out.code = std::string(info.code);
  out.name = std::string(info.name);
  out.severity = info.severity;
  out.message = d.message;
  out.label = d.label;
  out.help = d.help;
  out.at = d.loc;
  place(sources, d.loc, out.file, out.start, out.end);
  out.path = json_path(d.loc, d.message);
  for (const DiagNote& n : d.notes) {
    DiagnosticNote note;
    note.message = n.message;
    note.at = n.loc;
    place(sources, n.loc, note.file, note.start, note.end);
    out.notes.push_back(std::move(note));
  }
  return out;
}

std::vector<Diagnostic> to_public(const SourceSet& sources, const std::vector<Diag>& ds) {
  std::vector<Diagnostic> out;
  out.reserve(ds.size());
  for (const Diag& d : ds)
    out.push_back(to_public(sources, d));
  return out;
}

Diag to_internal(const Diagnostic& d) {
  static const std::unordered_map<std::string_view, DiagKind> by_code = [] {
    std::unordered_map<std::string_view, DiagKind> m;
    const auto& all = all_diag_kinds();
    for (size_t i = 0; i < all.size(); ++i)
      m.emplace(all[i].code, static_cast<DiagKind>(i));
    return m;
  }();
  auto it = by_code.find(d.code);
  // A code the host made up is shown as what it is: a misuse of the API.
  Diag out{it == by_code.end() ? DiagKind::api_misuse : it->second,
           d.at,
           d.message,
           d.label,
           d.help,
           {}};
  if (it == by_code.end()) out.message = "`" + d.code + "` is not a diagnostic code: " + d.message;
  for (const DiagnosticNote& n : d.notes)
    out.notes.push_back({n.at, n.message});
  return out;
}

Status status_of(const Diag& d, std::string path) {
  return Status{std::string(diag_info(d.kind).code), std::move(path), d.message};
}

}  // namespace bao
