// Shared by the libFuzzer targets in this folder: the invariants every
// diagnostic must keep, checked with __builtin_trap() so that libFuzzer
// reports a broken one as a crash and saves the input.
//
//   - every diagnostic has a non-empty message;
//   - a diagnostic of the parse and check stages points into the file it is
//     about: its FileId is that file and begin <= end <= the text's size;
//   - an evaluation error that has a location (anything but kNoFile, which
//     input errors use) obeys the same rule; so do the notes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lang/api/bao.hpp"
#include "lang/api/json_input.hpp"
#include "lang/diag/diagnostic.hpp"
#include "lang/source/source.hpp"

namespace bao::fuzz {

// Traps unless `ok`; the message goes to stderr first so the report says why.
inline void require(bool ok, const char* what) {
  if (!ok) {
    fprintf(stderr, "fuzz invariant broken: %s\n", what);
    __builtin_trap();
  }
}

inline bool span_inside(Span s, size_t text_size) {
  return s.begin <= s.end && s.end <= text_size;
}

// A location that must be in `file` (parse and check diagnostics).
inline void require_in_file(const Location& loc, FileId file, size_t text_size, const char* what) {
  require(loc.file == file, what);
  require(span_inside(loc.span, text_size), what);
}

// A location that may be kNoFile (input errors, notes without a place) but,
// when it names a file, must be inside it.
inline void require_no_file_or_inside(const Location& loc, FileId file, size_t text_size,
                                      const char* what) {
  if (loc.file == kNoFile) return;
  require_in_file(loc, file, text_size, what);
}

// The parse and check stages: every diagnostic and note points into `file`.
inline void check_stage_diagnostics(const SourceSet& sources, FileId file,
                                    const std::vector<Diag>& ds) {
  size_t size = sources.file(file).text().size();
  for (const Diag& d : ds) {
    require(!d.message.empty(), "a diagnostic has an empty message");
    require(d.severity() != Severity::retired, "a retired diagnostic kind was emitted");
    require_in_file(d.loc, file, size, "a parse/check diagnostic points outside its file");
    for (const DiagNote& n : d.notes) {
      require(!n.message.empty(), "a diagnostic note has an empty message");
      require_no_file_or_inside(n.loc, file, size, "a diagnostic note points outside its file");
    }
  }
}

// Renders the diagnostics in every format: the renderers walk spans, lines and
// UTF-8, so they must survive whatever the stages produced.
inline void render_all(const SourceSet& sources, const std::vector<Diag>& ds, bool every_format) {
  if (ds.empty()) return;
  std::string t = render_text(sources, ds);
  require(!t.empty(), "render_text produced nothing for a diagnostic");
  if (every_format) {
    std::string j = render_json(sources, ds);
    std::string s = render_sarif(sources, ds);
    require(!j.empty() && !s.empty(), "render_json/sarif produced nothing");
  }
}

// An evaluation result: an error has a message and, if located, a place in
// the policy's text; rendering either side must work.
inline void check_result(const Result& r, size_t policy_text_size) {
  if (!r.ok()) {
    const Diagnostic& d = *r.error();
    require(!d.message.empty(), "an evaluation error has an empty message");
    require(d.severity == Severity::error, "an evaluation error is not an error");
    // The policy is file 0 of its SourceSet.
    require_no_file_or_inside(d.at, 0, policy_text_size,
                              "an evaluation error points outside the policy");
    for (const DiagnosticNote& n : d.notes) {
      require(!n.message.empty(), "an evaluation error note has an empty message");
      require_no_file_or_inside(n.at, 0, policy_text_size,
                                "an evaluation error note points outside the policy");
    }
    require(!r.render_error(Format::text).empty(), "render_error(text) is empty");
  }
  std::string j = r.to_json();
  require(!j.empty(), "Result::to_json is empty");
}

}  // namespace bao::fuzz
