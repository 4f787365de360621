// The dependency graph between declarations: rules must not depend on
// themselves, functions must not recurse, and everything should feed an
// output or a test.
#include <algorithm>

#include <fmt/format.h>

#include "lang/check/checker.hpp"

namespace bao {

namespace {

// Tarjan's strongly connected components, iterative so that a long chain of
// rules cannot exhaust the stack.
std::vector<std::vector<uint32_t>> components(const std::vector<std::vector<DeclId>>& graph) {
  size_t n = graph.size();
  std::vector<int> index(n, -1), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<uint32_t> stack;
  std::vector<std::vector<uint32_t>> out;
  int counter = 0;
  for (uint32_t root = 0; root < n; ++root) {
    if (index[root] >= 0) continue;
    std::vector<std::pair<uint32_t, size_t>> work{{root, 0}};
    while (!work.empty()) {
      auto& [v, next] = work.back();
      if (next == 0) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        on_stack[v] = true;
      }
      if (next < graph[v].size()) {
        uint32_t w = graph[v][next++].v;
        if (index[w] < 0) {
          work.push_back({w, 0});
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        std::vector<uint32_t> comp;
        uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          comp.push_back(w);
        } while (w != v);
        out.push_back(std::move(comp));
      }
      uint32_t done = v;
      work.pop_back();
      if (!work.empty()) low[work.back().first] = std::min(low[work.back().first], low[done]);
    }
  }
  return out;
}

}  // namespace

void Checker::check_dependencies() {
  // Marks of the component being reported and of the path walked in it.
  std::vector<bool> in_comp(deps_.size(), false), on_path(deps_.size(), false);
  for (const auto& comp : components(deps_)) {
    uint32_t first = *std::min_element(comp.begin(), comp.end());
    bool self_loop = false;
    for (DeclId d : deps_[first])
      self_loop |= d.v == first;
    if (comp.size() == 1 && !self_loop) continue;
    bool all_fns = true;
    for (uint32_t d : comp)
      all_fns &= std::holds_alternative<FnDecl>(m_.decls[d].kind);
    // Walk the cycle from its first declaration, staying inside the component.
    std::vector<uint32_t> path{first};
    for (uint32_t d : comp)
      in_comp[d] = true;
    on_path[first] = true;
    std::vector<DiagNote> notes;
    uint32_t at = first;
    for (size_t step = 0; step < comp.size(); ++step) {
      uint32_t next = UINT32_MAX;
      Span where;
      for (size_t k = 0; k < deps_[at].size(); ++k) {
        uint32_t cand = deps_[at][k].v;
        if (!in_comp[cand]) continue;
        bool fresh = !on_path[cand];
        if (next == UINT32_MAX || (fresh && cand != first) || cand == first) {
          next = cand;
          where = dep_spans_[at][k];
          if (cand == first && path.size() == comp.size()) break;
          if (fresh) break;
        }
      }
      if (next == UINT32_MAX) break;
      notes.push_back({loc(where), fmt::format("`{}` reads `{}` here", m_.decls[at].name.text,
                                               m_.decls[next].name.text)});
      path.push_back(next);
      on_path[next] = true;
      at = next;
      if (next == first) break;
    }
    for (uint32_t d : comp)
      in_comp[d] = false;
    for (uint32_t d : path)
      on_path[d] = false;
    std::string chain;
    for (size_t i = 0; i < path.size(); ++i)
      chain += (i ? " → " : "") + ("`" + m_.decls[path[i]].name.text + "`");
    auto& d = error(
        all_fns ? DiagKind::fn_recursion : DiagKind::rule_cycle, m_.decls[first].name.span,
        all_fns ? fmt::format("function `{}` calls itself: {}", m_.decls[first].name.text, chain)
                : fmt::format("`{}` depends on itself: {}", m_.decls[first].name.text, chain));
    d.notes = std::move(notes);
    d.help = all_fns ? "functions may not recurse; write the steps out, or use a schedule"
                     : "break the cycle: one of these values must be computed without the others";
  }
}

void Checker::lint_unused() {
  // A module (a file without `policy`) exports its declarations for others.
  if (!m_.header) return;
  std::vector<bool> used(m_.decls.size(), false);
  std::vector<uint32_t> work;
  for (uint32_t i = 0; i < m_.decls.size(); ++i) {
    const auto* r = std::get_if<RuleDecl>(&m_.decls[i].kind);
    if ((r && r->kind == RuleKind::output) || std::holds_alternative<TestDecl>(m_.decls[i].kind) ||
        std::holds_alternative<BoundDecl>(m_.decls[i].kind) ||
        std::holds_alternative<RequireDecl>(m_.decls[i].kind)) {
      used[i] = true;
      work.push_back(i);
    }
  }
  while (!work.empty()) {
    uint32_t v = work.back();
    work.pop_back();
    for (DeclId d : deps_[v]) {
      if (!used[d.v]) {
        used[d.v] = true;
        work.push_back(d.v);
      }
    }
  }
  for (uint32_t i = 0; i < m_.decls.size(); ++i) {
    const DeclNode& d = m_.decls[i];
    bool valued =
        std::holds_alternative<RuleDecl>(d.kind) || std::holds_alternative<ParamDecl>(d.kind) ||
        std::holds_alternative<TableDecl>(d.kind) || std::holds_alternative<ScheduleDecl>(d.kind) ||
        std::holds_alternative<FnDecl>(d.kind);
    // Only the file being checked is linted: a parent's or a module's
    // declarations are linted when that file is checked.
    if (valued && !used[i] && d.span.file == m_.file) {
      error(DiagKind::unused_declaration, d.name.span,
            fmt::format("`{}` is not used by any output or test", d.name.text))
          .help = "remove it, or use it in an output";
    }
  }
}

}  // namespace bao
