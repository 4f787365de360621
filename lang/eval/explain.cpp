// Rendering an explanation (trace.hpp) as text for people and JSON for
// tools: labels, values, source places and notes are written here, from the
// numbers recorded, never during an evaluation.
#include "lang/eval/trace.hpp"

#include <span>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "lang/eval/evaluator.hpp"
#include "lang/eval/format.hpp"
#include "lang/source/printable.hpp"

namespace bao {

namespace {

// Each node's children, from the links recorded in the order made: grouped
// by parent (a counting sort, stable), a repeated link dropped, so each list
// is the children in the order first linked.
struct Children {
  std::vector<uint32_t> first, kids;
  explicit Children(const Trace& t) : first(t.nodes.size() + 1, 0), kids(t.edges.size()) {
    for (const Trace::Edge& e : t.edges)
      ++first[e.parent + 1];
    for (size_t i = 1; i < first.size(); ++i)
      first[i] += first[i - 1];
    std::vector<uint32_t> at(first.begin(), first.end() - 1), seen(t.nodes.size(), UINT32_MAX);
    for (const Trace::Edge& e : t.edges)
      kids[at[e.parent]++] = e.child;
    // Drops repeats in place; each list ends where `at` says.
    for (size_t p = 0; p < t.nodes.size(); ++p) {
      uint32_t out = first[p];
      for (uint32_t i = first[p]; i < at[p]; ++i) {
        uint32_t c = kids[i];
        if (seen[c] == p) continue;
        seen[c] = static_cast<uint32_t>(p);
        kids[out++] = c;
      }
      at[p] = out;
    }
    end = std::move(at);
  }
  std::span<const uint32_t> of(uint32_t node) const {
    return {kids.data() + first[node], end[node] - first[node]};
  }
  std::vector<uint32_t> end;
};

struct Described {
  std::string name, label, value, where, note;
  std::string source = {};  // the document the declaration encodes (`source "…"`)
};

// A schedule's bands as applied, from the numbers it recorded.
std::string schedule_note(const Program& p, const Trace& t, const TraceNode& n) {
  bool excess = p.checked->schedules[n.a].base == BandBase::excess;
  const Decimal* x = t.numbers.data() + n.numbers;
  std::string parts;
  for (uint32_t i = 0; i < n.bands; ++i) {
    Decimal width = x[2 + 2 * i], rate = x[3 + 2 * i], pct;
    (void)mul_int(rate, 100, pct);
    parts +=
        fmt::format("{}{} × {}%", parts.empty() ? "" : " + ", width.to_string(2), pct.to_string());
  }
  return fmt::format("{} {} to {}{}{}", excess ? "on the excess over" : "from", x[0].to_string(2),
                     x[1].to_string(2), parts.empty() ? "" : ": ", parts);
}

// The name, label, value and source place of one node.
Described describe(const Program& p, const Trace& t, const TraceNode& n, const Evaluator& eval) {
  const CheckedPolicy& c = *p.checked;
  const Module& m = *c.module;
  ElementFn el = [&eval](Aggregate a, uint32_t i) -> const Value& { return eval.element(a, i); };
  auto at = [&](Span s) {
    const SourceFile& file = c.sources->file(s.file);
    return fmt::format("{}:{}", file.name(), file.line_col(s.begin).line);
  };
  Described d;
  switch (n.kind) {
    case TraceNode::Kind::rule: {
      const RuleInfo& r = c.rules[n.a];
      d = {r.name, r.label, value_text(c, r.type, n.value, el), at(m.decl(r.decl).span), ""};
      d.source = m.decl(r.decl).source;
      break;
    }
    case TraceNode::Kind::param: {
      const ParamInfo& pa = c.params[n.a];
      d = {pa.name, pa.label, value_text(c, pa.type, n.value, el), at(m.decl(pa.decl).span), ""};
      d.source = m.decl(pa.decl).source;
      if (n.detail >= 0) {
        const DatedInfo& v = pa.dated[n.detail];
        d.where = at(v.span);
        d.note = v.until
                     ? fmt::format("in force {} to {}", v.from.to_string(), v.until->to_string())
                     : fmt::format("in force from {}", v.from.to_string());
      }
      break;
    }
    case TraceNode::Kind::schedule: {
      const ScheduleInfo& s = c.schedules[n.a];
      d = {s.name, s.label, value_text(c, TypeTable::kMoney, n.value, el), at(m.decl(s.decl).span),
           schedule_note(p, t, n)};
      d.source = m.decl(s.decl).source;
      break;
    }
    case TraceNode::Kind::column: {
      const TableInfo& t = c.tables[n.a];
      bool eligible = n.b == TraceNode::kEligible;
      if (eligible) {
        d = {t.name + ".eligible", "", n.value.b ? "true" : "false (the row is `ineligible`)", "",
             ""};
      } else {
        const ColumnInfo& col = t.columns[n.b];
        d = {t.name + "." + col.name, col.label, value_text(c, col.type, n.value, el), "", ""};
      }
      d.source = m.decl(t.decl).source;
      if (n.detail >= 0) {
        d.where = at(t.rows[n.detail].span);
        const auto& rows = std::get<TableDecl>(m.decl(t.decl).kind).rows;
        if (static_cast<size_t>(n.detail) < rows.size() && !rows[n.detail].source.empty())
          d.source = rows[n.detail].source;
        std::string keys;
        const EnumInfo& en = c.enums[t.key_enum];
        for (size_t v = 0; v < t.row_of_variant.size(); ++v)
          if (t.row_of_variant[v] == static_cast<uint32_t>(n.detail))
            keys += (keys.empty() ? "" : " | ") + en.variants[v];
        d.note = fmt::format("row {} of table {}{}", keys, t.name,
                             t.label.empty() ? "" : " \"" + t.label + "\"");
      }
      break;
    }
    case TraceNode::Kind::call: {
      const UnitInfo& u = c.units[n.a];
      d = {"call " + u.name, u.label, value_text(c, u.record_type, n.value, el), "", ""};
      break;
    }
    case TraceNode::Kind::input: {
      const InputInfo& in = c.inputs[n.a];
      d = {"input " + in.name, in.label, value_text(c, in.type, n.value, el), "", ""};
      break;
    }
    case TraceNode::Kind::input_field: {
      const InputInfo& in = c.inputs[n.a];
      const RecordInfo& r = c.records[c.types[in.type].ref];
      const FieldInfo& f = r.fields[n.b];
      d = {"input " + in.name + "." + f.name, f.label, value_text(c, f.type, n.value, el), "", ""};
      break;
    }
  }
  return d;
}

void text_node(const Program& p, const Trace& t, const Children& ch, const Evaluator& eval,
               uint32_t id, const std::string& prefix, bool last, bool root,
               std::vector<bool>& shown, std::string& out) {
  Described d = describe(p, t, t.nodes[id], eval);
  std::string text = d.name;
  if (!d.label.empty()) text += " \"" + d.label + "\"";
  text += " = " + d.value;
  std::vector<std::string> extra;
  if (!d.note.empty()) extra.push_back(d.note);
  if (!d.where.empty()) extra.push_back(d.where);
  if (!d.source.empty()) extra.push_back(d.source);
  if (!extra.empty()) text += "  (" + fmt::format("{}", fmt::join(extra, ", ")) + ")";
  // Labels, text values and sources come from policies and cases: shown, never obeyed.
  std::string line = (root ? "" : prefix + (last ? "└─ " : "├─ ")) + printable(text);
  const auto kids = ch.of(id);
  if (shown[id] && !kids.empty()) {
    out += line + "  [shown above]\n";
    return;
  }
  shown[id] = true;
  out += line + "\n";
  std::string next = root ? "" : prefix + (last ? "   " : "│  ");
  for (size_t i = 0; i < kids.size(); ++i)
    text_node(p, t, ch, eval, kids[i], next, i + 1 == kids.size(), false, shown, out);
}

nlohmann::json json_node(const Program& p, const Trace& t, const Children& ch,
                         const Evaluator& eval, uint32_t id) {
  const TraceNode& n = t.nodes[id];
  Described d = describe(p, t, n, eval);
  static constexpr const char* kKinds[] = {"rule",  "param",    "table", "input",
                                           "input", "schedule", "call"};
  nlohmann::json j = {
      {"kind", kKinds[static_cast<int>(n.kind)]}, {"name", d.name}, {"value", d.value}};
  if (n.kind == TraceNode::Kind::rule && p.checked->rules[n.a].output) j["kind"] = "output";
  if (!d.label.empty()) j["label"] = d.label;
  if (!d.where.empty()) j["source"] = d.where;
  if (!d.source.empty()) j["document"] = d.source;
  if (!d.note.empty()) j["note"] = d.note;
  if (n.kind == TraceNode::Kind::param && n.detail >= 0) {
    const DatedInfo& v = p.checked->params[n.a].dated[n.detail];
    j["from"] = v.from.to_string();
    if (v.until) j["until"] = v.until->to_string();
  }
  nlohmann::json kids = nlohmann::json::array();
  for (uint32_t k : ch.of(id))
    kids.push_back(json_node(p, t, ch, eval, k));
  if (!kids.empty()) j["from_values"] = std::move(kids);
  return j;
}

}  // namespace

std::string explain_text(const Program& p, const Trace& t, const Evaluator& eval) {
  std::string out;
  const Children ch(t);
  std::vector<bool> shown(t.nodes.size(), false);
  for (uint32_t id : t.outputs) {
    text_node(p, t, ch, eval, id, "", true, true, shown, out);
    out += "\n";
  }
  return out;
}

std::string explain_json(const Program& p, const Trace& t, const Evaluator& eval) {
  nlohmann::json arr = nlohmann::json::array();
  const Children ch(t);
  for (uint32_t id : t.outputs)
    arr.push_back(json_node(p, t, ch, eval, id));
  return arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace bao
