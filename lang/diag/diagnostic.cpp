#include "lang/diag/diagnostic.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lang/source/printable.hpp"

namespace bao {

const std::vector<DiagInfo>& all_diag_kinds() {
  static const std::vector<DiagInfo> kinds = {
#define DIAG(code, name, severity, summary) {#code, #name, Severity::severity, summary},
#include "lang/diag/kinds.def"
#undef DIAG
  };
  return kinds;
}

const DiagInfo& diag_info(DiagKind kind) {
  return all_diag_kinds()[static_cast<size_t>(kind)];
}

Diag& DiagSink::add(DiagKind kind, Location loc, std::string message) {
  if (diags_.size() >= limit_) {
    // An error past the limit fails the run (E0006); warnings alone only say so (W0503).
    bool error = diag_info(kind).severity == Severity::error;
    if (!overflowed_ || (error && !dropped_error_)) {
      overflowed_ = true;
      dropped_error_ |= error;
      diags_.push_back({error ? DiagKind::too_many_diagnostics : DiagKind::too_many_warnings,
                        loc,
                        fmt::format("stopped after {} diagnostics", limit_),
                        "",
                        "",
                        {}});
    }
    overflow_slot_ = {};
    return overflow_slot_;
  }
  diags_.push_back({kind, loc, std::move(message), "", "", {}});
  return diags_.back();
}

size_t DiagSink::error_count() const {
  return std::count_if(diags_.begin(), diags_.end(),
                       [](const Diag& d) { return d.severity() == Severity::error; });
}

void DiagSink::sort() {
  std::stable_sort(diags_.begin(), diags_.end(), [](const Diag& a, const Diag& b) {
    // The limit notices come last, wherever they were raised.
    auto last = [](const Diag& d) {
      return d.kind == DiagKind::too_many_diagnostics || d.kind == DiagKind::too_many_warnings;
    };
    if (last(a) != last(b)) return last(b);
    if (a.loc.file != b.loc.file) return a.loc.file < b.loc.file;
    return a.loc.span.begin < b.loc.span.begin;
  });
}

static std::string_view severity_word(Severity s) {
  return s == Severity::warning ? "warning" : "error";
}

// Renders `line | text` and the caret line under the span (first line only).
// The text as a terminal may show it (printable(): controls, bidi overrides,
// NUL and bytes that are not UTF-8 are escaped; tabs become four spaces).
static void render_snippet(std::string& out, const SourceFile& f, Span span,
                           std::string_view label) {
  LineCol lc = f.line_col(span.begin);
  std::string_view line = f.line_text(lc.line);
  std::string num = std::to_string(lc.line);
  std::string pad(num.size(), ' ');
  // Byte offset of the span start within its line, found by walking code points.
  size_t start = 0;
  for (uint32_t col = 1; start < line.size() && col < lc.column; ++col) {
    ++start;
    while (start < line.size() && (static_cast<unsigned char>(line[start]) & 0xC0) == 0x80)
      ++start;
  }
  size_t end = std::min<size_t>(line.size(), start + (span.end - span.begin));
  if (end <= start) end = start;
  size_t caret_col = display_width(printable(line.substr(0, start), Tabs::expand));
  size_t caret_len =
      std::max<size_t>(1, display_width(printable(line.substr(start, end - start), Tabs::expand)));
  out += fmt::format(" {} |\n", pad);
  out += fmt::format(" {} | {}\n", num, printable(line, Tabs::expand));
  out += fmt::format(" {} | {}{}", pad, std::string(caret_col, ' '), std::string(caret_len, '^'));
  if (!label.empty()) out += fmt::format(" {}", printable(label));
  out += "\n";
}

std::string render_text(const SourceSet& sources, const Diag& d) {
  std::string out;
  const DiagInfo& info = diag_info(d.kind);
  if (sources.size() > d.loc.file) {
    const SourceFile& f = sources.file(d.loc.file);
    LineCol lc = f.line_col(d.loc.span.begin);
    out += fmt::format("{}:{}:{}: {}[{}]: {}\n", printable(f.name()), lc.line, lc.column,
                       severity_word(info.severity), info.code, printable(d.message));
    if (!f.text().empty()) render_snippet(out, f, d.loc.span, d.label);
  } else {
    out +=
        fmt::format("{}[{}]: {}\n", severity_word(info.severity), info.code, printable(d.message));
  }
  for (const DiagNote& n : d.notes) {
    if (sources.size() > n.loc.file) {
      const SourceFile& f = sources.file(n.loc.file);
      LineCol lc = f.line_col(n.loc.span.begin);
      out += fmt::format("note: {}:{}:{}: {}\n", printable(f.name()), lc.line, lc.column,
                         printable(n.message));
      render_snippet(out, f, n.loc.span, "");
    } else {
      out += fmt::format("note: {}\n", printable(n.message));
    }
  }
  if (!d.help.empty()) out += fmt::format("   = help: {}\n", printable(d.help));
  return out;
}

std::string render_text(const SourceSet& sources, const std::vector<Diag>& ds) {
  std::string out;
  for (const Diag& d : ds)
    out += render_text(sources, d);
  return out;
}

static nlohmann::json location_json(const SourceSet& sources, Location loc) {
  nlohmann::json j;
  if (sources.size() <= loc.file) return j;
  const SourceFile& f = sources.file(loc.file);
  LineCol b = f.line_col(loc.span.begin), e = f.line_col(loc.span.end);
  j["file"] = f.name();
  j["line"] = b.line;
  j["column"] = b.column;
  j["end_line"] = e.line;
  j["end_column"] = e.column;
  j["byte_begin"] = loc.span.begin;
  j["byte_end"] = loc.span.end;
  return j;
}

std::string render_json(const SourceSet& sources, const std::vector<Diag>& ds) {
  nlohmann::json arr = nlohmann::json::array();
  for (const Diag& d : ds) {
    const DiagInfo& info = diag_info(d.kind);
    nlohmann::json j = location_json(sources, d.loc);
    j["code"] = info.code;
    j["severity"] = severity_word(info.severity);
    j["message"] = d.message;
    if (!d.label.empty()) j["label"] = d.label;
    if (!d.help.empty()) j["help"] = d.help;
    nlohmann::json notes = nlohmann::json::array();
    for (const DiagNote& n : d.notes) {
      nlohmann::json nj = location_json(sources, n.loc);
      nj["message"] = n.message;
      notes.push_back(std::move(nj));
    }
    if (!notes.empty()) j["notes"] = std::move(notes);
    arr.push_back(std::move(j));
  }
  return json_printable(arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)) + "\n";
}

// A file name as a SARIF `artifactLocation.uri`: a URI reference (RFC 3986)
// with every byte outside the unreserved characters and `/` percent-encoded
// (so spaces, quotes, `#`, `%`, `:`, backslashes, controls and UTF-8 bytes of
// Chinese names). A relative name stays a relative reference; an absolute
// path becomes a `file://` URI.
std::string sarif_uri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = !path.empty() && path[0] == '/' ? "file://" : "";
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string render_sarif(const SourceSet& sources, const std::vector<Diag>& ds) {
  nlohmann::json rules = nlohmann::json::array();
  for (const DiagInfo& info : all_diag_kinds()) {
    if (info.severity == Severity::retired) continue;
    rules.push_back(
        {{"id", info.code}, {"name", info.name}, {"shortDescription", {{"text", info.summary}}}});
  }
  nlohmann::json results = nlohmann::json::array();
  for (const Diag& d : ds) {
    const DiagInfo& info = diag_info(d.kind);
    nlohmann::json r = {{"ruleId", info.code},
                        {"level", severity_word(info.severity)},
                        {"message", {{"text", d.message}}}};
    nlohmann::json loc = location_json(sources, d.loc);
    if (!loc.empty()) {
      r["locations"] = {
          {{"physicalLocation",
            {{"artifactLocation", {{"uri", sarif_uri(loc["file"].get<std::string>())}}},
             {"region",
              {{"startLine", loc["line"]},
               {"startColumn", loc["column"]},
               {"endLine", loc["end_line"]},
               {"endColumn", loc["end_column"]}}}}}}};
    }
    // Notes become related locations; help has no SARIF field of its own.
    nlohmann::json related = nlohmann::json::array();
    for (const DiagNote& n : d.notes) {
      nlohmann::json nl = location_json(sources, n.loc);
      nlohmann::json rel = {{"message", {{"text", n.message}}}};
      if (!nl.empty())
        rel["physicalLocation"] = {
            {"artifactLocation", {{"uri", sarif_uri(nl["file"].get<std::string>())}}},
            {"region", {{"startLine", nl["line"]}, {"startColumn", nl["column"]}}}};
      related.push_back(std::move(rel));
    }
    if (!related.empty()) r["relatedLocations"] = std::move(related);
    if (!d.help.empty()) r["properties"] = {{"help", d.help}};
    results.push_back(std::move(r));
  }
  nlohmann::json sarif = {
      {"version", "2.1.0"},
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"runs",
       {{{"tool", {{"driver", {{"name", "bao"}, {"rules", rules}}}}}, {"results", results}}}}};
  return json_printable(sarif.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)) + "\n";
}

// Edits between two names, a swap of neighbours counting as one ("ratoi" → "ratio").
static size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    before = prev;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closest_name(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = std::max<size_t>(1, name.size() / 3) + 1;
  for (const std::string& c : candidates) {
    // Lengths alone rule most names out.
    size_t gap = c.size() > name.size() ? c.size() - name.size() : name.size() - c.size();
    if (gap >= best_d) continue;
    size_t d = edit_distance(name, c);
    if (d < best_d && d < name.size()) best_d = d, best = c;
  }
  return best;
}

}  // namespace bao
