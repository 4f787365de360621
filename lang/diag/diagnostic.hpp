// Diagnostics: one registry of kinds with stable codes (kinds.def), the
// Diag value (a diagnostic) every stage emits, and renderers for people (text with the
// source line and a caret) and for tools (JSON, SARIF).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lang/base/location.hpp"
#include "lang/base/severity.hpp"
#include "lang/source/source.hpp"

namespace bao {

enum class DiagKind : uint16_t {
#define DIAG(code, name, severity, summary) name,
#include "lang/diag/kinds.def"
#undef DIAG
};

struct DiagInfo {
  std::string_view code;
  std::string_view name;
  Severity severity;
  std::string_view summary;
};
const DiagInfo& diag_info(DiagKind kind);
const std::vector<DiagInfo>& all_diag_kinds();

struct DiagNote {
  Location loc;
  std::string message;
};

// Message: one line, lowercase, no final period, user text in backticks.
struct Diag {
  DiagKind kind;
  Location loc;
  std::string message;
  std::string label;  // shown under the caret
  std::string help;   // `= help: …`, empty when no fix is known
  std::vector<DiagNote> notes;
  Severity severity() const { return diag_info(kind).severity; }
};

// Collects diagnostics for one run, up to a limit; past it, one E0006 is kept.
class DiagSink {
 public:
  explicit DiagSink(size_t limit = 200) : limit_(limit) {}
  Diag& add(DiagKind kind, Location loc, std::string message);
  const std::vector<Diag>& all() const { return diags_; }
  std::vector<Diag>& all() { return diags_; }
  size_t error_count() const;
  bool has_errors() const { return error_count() > 0; }
  // No more diagnostics will be kept: callers may skip costly help text.
  bool full() const { return overflowed_; }
  // Orders by file, then position, so output is stable whatever the pass order.
  void sort();

 private:
  size_t limit_;
  std::vector<Diag> diags_;
  Diag overflow_slot_;
  bool overflowed_ = false;
  bool dropped_error_ = false;
};

std::string render_text(const SourceSet& sources, const Diag& d);
std::string render_text(const SourceSet& sources, const std::vector<Diag>& ds);
std::string render_json(const SourceSet& sources, const std::vector<Diag>& ds);
std::string render_sarif(const SourceSet& sources, const std::vector<Diag>& ds);
// A file name as a SARIF artifactLocation.uri: a percent-encoded URI reference.
std::string sarif_uri(std::string_view path);

// Closest candidate by edit distance, for "did you mean" help; empty if none is close.
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace bao
