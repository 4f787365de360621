// Checks each `bound` and `guide` of a linked policy once its values are
// known: on every date a param it reads changes value (and the date the
// policy takes effect), the condition must hold. A broken one is reported at
// the child's line that set the value, with the parent's line as a note.
#include <set>

#include <fmt/format.h>

#include "lang/eval/evaluator.hpp"
#include "lang/eval/format.hpp"

namespace bao {

void check_bounds(const Program& p, DiagSink& diags) {
  const std::vector<uint32_t>& bodies = p.bounds;
  const CheckedPolicy& c = *p.checked;
  const Module& m = *c.module;
  // Each declaration's param, if it is one; and one evaluator, begun afresh
  // for each date (a new one per date would cost the size of the program).
  std::vector<uint32_t> param_of(m.decls.size(), UINT32_MAX);
  for (uint32_t i = 0; i < c.params.size(); ++i)
    param_of[c.params[i].decl.v] = i;
  Evaluator ev(p);
  for (size_t b = 0; b < c.bounds.size(); ++b) {
    const BoundInfo& bound = c.bounds[b];
    const DeclNode& decl = m.decl(bound.decl);
    std::set<int32_t> days;
    if (c.effective) days.insert(c.effective->days());
    for (DeclId d : bound.reads)
      if (param_of[d.v] != UINT32_MAX)
        for (const DatedInfo& v : c.params[param_of[d.v]].dated)
          days.insert(v.from.days());
    std::vector<std::optional<Date>> dates;
    for (int32_t day : days)
      dates.push_back(Date::from_days(day));
    if (dates.empty()) dates.push_back(std::nullopt);
    for (const std::optional<Date>& date : dates) {
      InputValues none;
      EvalOptions opt;
      opt.as_of = date;
      bool held = true;
      try {
        ev.begin(none, opt);
        held = ev.evaluate_body(bodies[b]).b;
      } catch (const EvalError&) {
        continue;  // no value on that date: the dated-param checks say so
      }
      if (held) continue;
      // The place that set a value the bound reads, if a child set it.
      Span at = decl.name.span;
      std::vector<std::string> values;
      for (DeclId d : bound.reads) {
        const DeclNode& pd = m.decl(d);
        // Prefer the override that set the value, wherever the bound is.
        bool overridden = d.v < m.decl_replaces.size() && m.decl_replaces[d.v].valid();
        if ((overridden || pd.span.file != decl.span.file) && at == decl.name.span)
          at = pd.name.span;
        if (uint32_t i = param_of[d.v]; i != UINT32_MAX) {
          // The value in force on the date checked, dated or not.
          uint32_t body = p.param_body[i];
          for (const DatedBody& v : p.param_dated[i])
            if (date && v.from <= *date && (!v.until || *date <= *v.until)) body = v.body;
          if (body == kNoNode) continue;
          try {
            Value v = ev.evaluate_body(body);
            values.push_back(
                fmt::format("`{}` = {}", pd.name.text, value_text(c, c.params[i].type, v, {})));
          } catch (const EvalError&) {
          }
        }
      }
      DiagKind kind = bound.warn ? DiagKind::guide_broken : DiagKind::bound_broken;
      auto& d = diags.add(
          kind, loc(at),
          fmt::format("{} `{}` \"{}\" does not hold{}", bound.warn ? "guide" : "bound", bound.name,
                      bound.label, date ? " on " + date->to_string() : std::string()));
      std::string what = bound.warn ? "the guide" : "the bound";
      if (!(at == decl.name.span))
        d.notes.push_back({loc(decl.name.span),
                           bound.source.empty()
                               ? what + " is declared here"
                               : fmt::format("{} is declared here, after {}", what, bound.source)});
      if (!values.empty()) d.help = fmt::format("here {}", fmt::join(values, ", "));
      break;
    }
  }
}

}  // namespace bao
