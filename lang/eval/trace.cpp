// Recording an explanation (trace.hpp): called from the evaluator's trace
// hooks, so it must be cheap. Rendering is explain.cpp.
#include "lang/eval/trace.hpp"

#include <algorithm>

#include "lang/eval/program.hpp"

namespace bao {

// The sizes of the program's tables, once per program (a Trace serves one).
void Trace::lay_out(const Program& p) {
  laid_out_ = &p;
  rule_node.assign(p.rule_body.size(), UINT32_MAX);
  param_node.assign(p.param_body.size(), UINT32_MAX);
  cell_node.assign(p.cell_slots, UINT32_MAX);
  row_reads.assign(p.tables.size(), {0, 0});
  const CheckedPolicy& c = *p.checked;
  field_base_.assign(c.inputs.size() + 1, 0);
  uint32_t k = static_cast<uint32_t>(c.inputs.size());
  for (size_t i = 0; i < c.inputs.size(); ++i) {
    field_base_[i] = k;
    const TypeInfo& t = c.types[c.inputs[i].type];
    if (t.kind == TypeKind::record) k += static_cast<uint32_t>(c.records[t.ref].fields.size());
  }
  field_base_.back() = k;
  eligible_base_ = k;
  shared_.assign(k + p.tables.size(), UINT32_MAX);
}

void Trace::reset(const Program& p) {
  if (laid_out_ != &p) lay_out(p);
  // Nothing is freed: every array keeps its capacity. rule_node, param_node,
  // cell_node, row_reads and shared_ keep stale entries: the first three are
  // read only on memo hits (set this evaluation), row_reads only once the row
  // is chosen, and shared_ is checked against the node it names (holds).
  nodes.clear();
  outputs.clear();
  edges.clear();
  numbers.clear();
  row_edges.clear();
  stack_.clear();
  captures_.clear();
  bands_.clear();
  shared_undo_.clear();
  call_marks_.clear();
  shared_from = 0;
}

// A capture is a node of its own that nothing links to: what is linked
// under it is copied to row_edges when it ends, first link first.
void Trace::begin_capture() {
  auto id = static_cast<uint32_t>(nodes.size());
  nodes.emplace_back();
  captures_.push_back(static_cast<uint32_t>(edges.size()));
  push(id);
}

void Trace::end_capture(uint32_t table) {
  const uint32_t id = stack_.back().node;
  stack_.pop_back();
  const auto first = static_cast<uint32_t>(row_edges.size());
  for (size_t i = captures_.back(); i < edges.size(); ++i) {
    if (edges[i].parent != id) continue;
    uint32_t c = edges[i].child;
    if (std::find(row_edges.begin() + first, row_edges.end(), c) == row_edges.end())
      row_edges.push_back(c);
  }
  captures_.pop_back();
  row_reads[table] = {first, static_cast<uint32_t>(row_edges.size()) - first};
}

void Trace::link_row(uint32_t table) {
  auto [first, count] = row_reads[table];
  for (uint32_t i = 0; i < count; ++i)
    link(row_edges[first + i]);
}

void Trace::band(Decimal width, Decimal rate) {
  bands_.push_back(width);
  bands_.push_back(rate);
}

void Trace::end_schedule(uint32_t tn, Decimal from, Decimal amount) {
  const uint32_t mark = stack_.back().bands;
  TraceNode& n = nodes[tn];
  n.numbers = static_cast<uint32_t>(numbers.size());
  n.bands = static_cast<uint32_t>((bands_.size() - mark) / 2);
  numbers.push_back(from);
  numbers.push_back(amount);
  numbers.insert(numbers.end(), bands_.begin() + mark, bands_.end());
  bands_.resize(mark);
}

// A shared read with no node yet for it here (open found none).
uint32_t Trace::open_shared(TraceNode::Kind kind, uint32_t a, uint32_t b, uint32_t k) {
  if (k == UINT32_MAX) {  // not a field of a record input: not expected; searched
    for (uint32_t i = shared_from; i < nodes.size(); ++i) {
      if (holds(i, kind, a, b, shared_from)) {
        link(i);
        return i;
      }
    }
    return make(kind, a, b);
  }
  uint32_t old = shared_[k];
  uint32_t id = make(kind, a, b);
  // A node of an enclosing call's (a table of a module both read): put back
  // when this call returns, if it is that caller's.
  if (!call_marks_.empty() && holds(old, kind, a, b, 0)) shared_undo_.push_back({k, old});
  shared_[k] = id;
  return id;
}

void Trace::enter_call() {
  call_marks_.push_back(static_cast<uint32_t>(shared_undo_.size()));
  shared_from = static_cast<uint32_t>(nodes.size());
}

// The caller's first node for a key is its own if it had one; else the
// call's (what it sees from its shared_from on). An entry whose node is an
// outer caller's stays for that caller's return.
void Trace::leave_call(uint32_t caller_shared_from) {
  shared_from = caller_shared_from;
  if (call_marks_.empty()) return;
  size_t keep = call_marks_.back();
  call_marks_.pop_back();
  for (size_t i = keep; i < shared_undo_.size(); ++i) {
    auto [k, old] = shared_undo_[i];
    if (old >= caller_shared_from)
      shared_[k] = old;
    else
      shared_undo_[keep++] = shared_undo_[i];
  }
  shared_undo_.resize(keep);
}

}  // namespace bao
